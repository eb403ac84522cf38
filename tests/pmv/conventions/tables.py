"""Markdown tables that an HTML comment names, read as rows of cells with their lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<target>[^)\s]+)\)")


@dataclass(frozen=True)
class Row:
    line: int  # 1-based line in the page
    cells: list[str]

    def links(self, cell: int) -> list[str]:
        return [m["target"] for m in LINK.finditer(self.cells[cell])]


def marked_tables(text: str, marker: str) -> list[tuple[int, list[Row]]]:
    """Every table right under a `<!-- MARKER -->` line: (the marker's line, the body rows)."""
    lines = text.splitlines()
    found = []
    for number, line in enumerate(lines):
        if line.strip() != f"<!-- {marker} -->":
            continue
        rows, k = [], number + 1
        while k < len(lines) and not lines[k].strip():
            k += 1
        header = k
        while k < len(lines) and lines[k].startswith("|"):
            if k > header + 1:  # skip the header and its |---| line
                rows.append(Row(k + 1, split_row(lines[k])))
            k += 1
        found.append((number + 1, rows))
    return found


def split_row(line: str) -> list[str]:
    """The cells of a table row; a `|` inside backticks or escaped as `\\|` is not a border."""
    cells, current, in_code = [], "", False
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    i = 0
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body) and body[i + 1] == "|":
            current += "|"
            i += 2
            continue
        if char == "`":
            in_code = not in_code
        if char == "|" and not in_code:
            cells.append(current.strip())
            current = ""
        else:
            current += char
        i += 1
    cells.append(current.strip())
    return cells
