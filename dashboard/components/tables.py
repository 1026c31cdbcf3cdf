"""Small tables as Markdown: light to render and read well by screen readers."""

from __future__ import annotations

from dashboard.components.text import plain


def markdown_table(
    header: list[str], rows: list[list[str]], align_right: set[int] | None = None
) -> str:
    """A Markdown table; cell text is escaped so that it shows as typed."""
    right = align_right or set()
    lines = [
        "| " + " | ".join(plain(h) for h in header) + " |",
        "|" + "|".join("---:" if i in right else ":---" for i in range(len(header))) + "|",
    ]
    lines += ["| " + " | ".join(plain(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)
