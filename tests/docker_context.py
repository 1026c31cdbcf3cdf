"""The files `docker build` sends from the repository: all of them minus what
`.dockerignore` leaves out, matched the way Docker matches (moby's patternmatcher, which
BuildKit uses): each line a Go `filepath.Match` pattern over the whole path from the
context's root (`*` and `?` never cross a `/`), `**` for any number of folders, a line
starting with `!` taking files back, the last matching line deciding, and a pattern that
matches a folder covering everything in it. So `*.duckdb` leaves out only a database at
the root, `**/*.duckdb` one anywhere."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


@dataclass(frozen=True)
class Pattern:
    text: str  # cleaned, without its `!`
    regex: re.Pattern[str]
    exception: bool  # a `!` line: takes matching files back into the context


def _regex(pattern: str) -> re.Pattern[str]:
    out, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**", i):
            i += 2
            if pattern.startswith("/", i):
                i += 1
            out += ".*" if i == len(pattern) else "(.*/)?"
            continue
        char = pattern[i]
        if char == "*":
            out += "[^/]*"
        elif char == "?":
            out += "[^/]"
        elif char == "[":
            end = pattern.index("]", i + 1)
            out += "[" + pattern[i + 1 : end] + "]"
            i = end
        elif char == "\\" and i + 1 < len(pattern):
            i += 1
            out += re.escape(pattern[i])
        else:
            out += re.escape(char)
        i += 1
    return re.compile(f"^{out}$")


def parse(lines: list[str]) -> list[Pattern]:
    """The patterns of a `.dockerignore`'s lines, cleaned as Docker cleans them."""
    patterns = []
    for line in lines:
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        exception = text.startswith("!")
        cleaned = os.path.normpath(text.removeprefix("!").strip()).lstrip("/")
        if cleaned in ("", "."):
            continue
        patterns.append(Pattern(cleaned, _regex(cleaned), exception))
    return patterns


def read(root: Path) -> list[Pattern]:
    ignore = root / ".dockerignore"
    return parse(ignore.read_text().splitlines()) if ignore.is_file() else []


def _matches(pattern: Pattern, path: str) -> bool:
    """The pattern matches the path or one of the folders it is in."""
    if pattern.regex.match(path):
        return True
    parent = PurePosixPath(path).parent
    while str(parent) != ".":
        if pattern.regex.match(str(parent)):
            return True
        parent = parent.parent
    return False


def excluded(path: str, patterns: list[Pattern]) -> bool:
    """Whether `path` (relative to the context's root, with `/`) stays out of the context."""
    out = False
    for pattern in patterns:
        if _matches(pattern, path):
            out = not pattern.exception
    return out


def _may_take_back(folder: str, patterns: list[Pattern]) -> bool:
    """Whether a `!` line may take back something in `folder` (one that starts with a
    wildcard may)."""
    return any(
        p.exception and (p.text.startswith(f"{folder}/") or p.text[0] in "*?[") for p in patterns
    )


def context_files(root: Path) -> list[str]:
    """Every file (or link) under `root` that a build with `root` as context receives."""
    patterns = read(root)
    found: list[str] = []
    for folder, folders, files in os.walk(root):
        relative = Path(folder).relative_to(root).as_posix()
        prefix = "" if relative == "." else f"{relative}/"
        folders[:] = [
            f
            for f in folders
            if not excluded(prefix + f, patterns) or _may_take_back(prefix + f, patterns)
        ]
        found.extend(prefix + f for f in files if not excluded(prefix + f, patterns))
    return sorted(found)
