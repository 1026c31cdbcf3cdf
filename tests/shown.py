"""What a reader sees of Markdown that `dashboard.components.text.plain` made: the
backslash escapes resolved and the invisible word joiners gone."""

from __future__ import annotations

import re

from dashboard.components.text import WORD_JOINER


def unescaped(markdown: str) -> str:
    """What CommonMark makes of backslash escapes."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def as_shown(rendered: str) -> str:
    """Text without the invisible word joiners `plain` puts in."""
    return rendered.replace(WORD_JOINER, "")


def shown(markdown: str) -> str:
    return as_shown(unescaped(markdown))
