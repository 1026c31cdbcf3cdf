"""Text that people typed, shown as text: the one way to put it on a page.

Streamlit's Markdown (titles, captions, alerts, labels, tables) reads far more than
Markdown: LaTeX between `$`, icons and emoji as `:name:`, colours as `:red[...]`, HTML
entities, and, on the text after Markdown is read, bare links (`www.…`, `https://…`,
e-mail addresses) and arrows (`->` becomes →). `plain` escapes every ASCII punctuation
character (CommonMark allows a backslash before each) and puts an invisible word joiner
(U+2060) inside each link or arrow trigger, so the reader sees exactly what was typed.
Where no Markdown is wanted at all, `st.text` shows text as it is.
"""

from __future__ import annotations

import re
import string

WORD_JOINER = "\u2060"
# Triggers Streamlit finds in the text after Markdown is read (escaping cannot reach them).
_AFTER_MARKDOWN = re.compile(r"(?i)(?<=www)(?=\.)|(?<=:)(?=//)|(?=@)|(?<=[-<>~])(?=[-<>=])")


def plain(text: str) -> str:
    """Typed text for any Markdown element, shown exactly as typed, on one line."""
    joined = _AFTER_MARKDOWN.sub(WORD_JOINER, str(text))
    escaped = "".join("\\" + ch if _is_punctuation(ch) else ch for ch in joined)
    return escaped.replace("\r", " ").replace("\n", " ")


def plain_lines(text: str) -> str:
    """Typed text of several lines (minutes, a letter) for Markdown, each line as `plain`
    shows it: lines stay lines and an empty line still separates paragraphs."""
    paragraphs = re.split(r"\n\s*\n", str(text).replace("\r\n", "\n").replace("\r", "\n"))
    return "\n\n".join(
        "  \n".join(plain(line.strip()) for line in paragraph.splitlines() if line.strip())
        for paragraph in paragraphs
        if paragraph.strip()
    )


def _is_punctuation(ch: str) -> bool:
    return ch in string.punctuation  # CommonMark's ASCII punctuation, all escapable
