"""Small tables as Markdown: light to render and read well by screen readers."""

from __future__ import annotations


def markdown_table(
    header: list[str], rows: list[list[str]], align_right: set[int] | None = None
) -> str:
    """A Markdown table; cell text is escaped so that it shows as typed."""
    right = align_right or set()
    lines = [
        "| " + " | ".join(_cell(h) for h in header) + " |",
        "|" + "|".join("---:" if i in right else ":---" for i in range(len(header))) + "|",
    ]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _cell(text: str) -> str:
    escaped = "".join("\\" + ch if ch in "\\`*_{}[]<>()#+-.!|~" else ch for ch in text)
    return escaped.replace("\n", " ")


def plain(text: str) -> str:
    """Text typed by people, shown in Markdown exactly as typed (no markup, one line)."""
    return _cell(text)
