"""The public seed ceremony: randomness nobody could choose in advance.

Before the meeting the organiser publishes a commitment: the SHA-256 of everything the
draw depends on (pool, quotas, parameters, the list of panels). In the meeting, people
enter inputs in public (dice rolls, numbers from witnesses, a lottery result). The seed is
the SHA-256 of the commitment followed by a canonical encoding of those inputs, so that
the same inputs give the same seed on any computer, and nobody (the organiser included)
could have steered it: the inputs were unknown when the commitment was fixed, and the
commitment cannot be changed afterwards without everyone seeing.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Sequence
from typing import Any

import numpy as np

from sortition.errors import SortitionInputError

MAX_INPUTS = 100
MAX_INPUT_LENGTH = 200


def canonical_json(value: Any) -> bytes:
    """One byte string per value: sorted keys, no spaces, UTF-8, NFC-normalised text."""
    return json.dumps(
        _normalise(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")


def _normalise(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {_normalise(k): _normalise(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_normalise(v) for v in value]
    return value


def commitment(published: dict[str, Any]) -> str:
    """The SHA-256 (hex) of what the organiser publishes before the ceremony."""
    return hashlib.sha256(canonical_json(published)).hexdigest()


def clean_inputs(inputs: Sequence[str]) -> list[str]:
    """Ceremony inputs as they will be hashed: trimmed, inner spaces collapsed, NFC.

    "4", " 4 " and "4" are the same input; "4" and "04" are not (the text counts, as it
    was written down in public).
    """
    cleaned = [" ".join(unicodedata.normalize("NFC", str(i)).split()) for i in inputs]
    if not cleaned:
        raise SortitionInputError("The ceremony needs at least one public input.")
    if len(cleaned) > MAX_INPUTS:
        raise SortitionInputError(f"At most {MAX_INPUTS} ceremony inputs, got {len(cleaned)}.")
    for number, value in enumerate(cleaned, start=1):
        if not value:
            raise SortitionInputError(f"Ceremony input {number} is empty.")
        if len(value) > MAX_INPUT_LENGTH:
            raise SortitionInputError(
                f"Ceremony input {number} is longer than {MAX_INPUT_LENGTH} characters."
            )
    return cleaned


def seed_digest(commitment_hex: str, inputs: Sequence[str]) -> str:
    """SHA-256 (hex) of the commitment and the ceremony inputs, in their order."""
    if len(commitment_hex) != 64 or any(c not in "0123456789abcdef" for c in commitment_hex):
        raise SortitionInputError("The commitment must be a SHA-256 in hexadecimal (64 chars).")
    message = canonical_json({"commitment": commitment_hex, "inputs": clean_inputs(inputs)})
    return hashlib.sha256(message).hexdigest()


def chosen_index(digest_hex: str, m: int) -> int:
    """The panel number (0 .. m-1) the seed picks: the 256-bit seed modulo m.

    The bias of the modulo is below m / 2**256: nothing anyone could measure.
    """
    if m < 1:
        raise SortitionInputError("The lottery needs at least one panel.")
    return int(digest_hex, 16) % m


def generator(digest_hex: str) -> np.random.Generator:
    """A numpy Generator seeded with all 256 bits of the seed (for reserve lists and
    other draws that follow from the ceremony)."""
    words = [int(digest_hex[i : i + 8], 16) for i in range(0, 64, 8)]
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(words)))
