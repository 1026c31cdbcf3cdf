"""Reading a bundle file's bytes as JSON, refusing what is no bundle before it can hurt:
not UTF-8, not JSON, nested too deep, or a number too long for Python to read. The
command line (`draw_cli.read_bundle`) and the residents' check page both read this way."""

from __future__ import annotations

import json
from typing import Any

from sortition.errors import SortitionInputError

MAX_NESTING = 32  # a bundle nests 4 deep; deeper is not a bundle, and far deeper breaks Python
REASONS = ("encoding", "json", "nested", "number", "not_bundle")


class BundleFileError(SortitionInputError):
    """A file that is no bundle; `reason` (one of REASONS) lets an interface say why in its
    own language."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


def parse_bundle(data: bytes, name: str) -> dict[str, Any]:
    """The JSON object in `data` (UTF-8, with or without a byte order mark); `name` is how
    messages call the file."""
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise BundleFileError(f"{name} is not a JSON file ({exc}).", "encoding") from exc
    except json.JSONDecodeError as exc:
        raise BundleFileError(f"{name} is not a JSON file ({exc}).", "json") from exc
    except RecursionError as exc:
        raise BundleFileError(f"{name} is not a draw bundle: nested too deep.", "nested") from exc
    except ValueError as exc:  # an integer of more than sys.get_int_max_str_digits() digits
        raise BundleFileError(
            f"{name} is not a draw bundle: a number is too long.", "number"
        ) from exc
    if not isinstance(value, dict):
        raise BundleFileError(f"{name} is not a draw bundle.", "not_bundle")
    if nesting(value) > MAX_NESTING:
        raise BundleFileError(f"{name} is not a draw bundle: nested too deep.", "nested")
    return value


def nesting(value: Any) -> int:
    """How deep lists and objects nest in a JSON value, counted without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest
