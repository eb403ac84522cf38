"""Markdown tables that an HTML comment names, read as rows of cells with their lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pmv.markdown_reader import Document

LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<target>[^)\s]+)\)")


@dataclass(frozen=True)
class Row:
    line: int  # 1-based line in the page
    cells: list[str]

    def links(self, cell: int) -> list[str]:
        return [m["target"] for m in LINK.finditer(self.cells[cell])]


def marked_tables(text: str, marker: str) -> list[tuple[int, list[Row]]]:
    """Every table right under a `<!-- MARKER -->` line outside the code blocks: (the marker's
    line, the body rows)."""
    document = Document(text)
    return [
        (comment.line, [Row(row.line, row.cells) for row in document.table_after(comment.line)])
        for comment in document.comments_named(marker)
    ]
