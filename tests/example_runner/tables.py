"""Tables whose rows the suite writes: one row per interpreter, printed by a command.

    <!-- table-rows: example="pyc/spam" command="python magic_row.py" -->
    | Python | cache tag | magic number |
    |---|---|---|
    | 3.12 | `cpython-312` | 3531 |

Each interpreter under test runs the command, like a console block, in a fresh copy of the
example; what it prints must be one table row whose first cell is that interpreter's version.
The row on the page must be exactly that; update mode writes it in, rows kept in version order.
A table is how a value that differs by version reads best: all versions side by side.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from .fences import Fence, lines_and_offsets

DIRECTIVE = re.compile(r"^<!--\s*table-rows:(?P<options>.*?)-->\s*$")
OPTIONS = {"command", "example", "timeout"}


def find_tables(path: Path, text: str) -> list[Fence]:
    """The page's row-generated tables, as fences whose body is the table's Markdown."""
    tables: list[Fence] = []
    lines, offsets = lines_and_offsets(text)
    for number, line in enumerate(lines):
        match = DIRECTIVE.match(line.rstrip("\r\n"))
        if not match:
            continue
        options, stray = {}, []
        for token in shlex.split(match["options"]):
            key, equals, value = token.partition("=")
            if equals and key:
                options[key] = value
            else:
                stray.append(token)
        end = number + 1
        while end < len(lines) and lines[end].startswith("|"):
            end += 1
        table = Fence(
            path,
            number + 1,
            "table",
            options,
            "",
            "".join(lines[number + 1 : end]),
            offsets[number + 1],
            offsets[end],
            ordinal=len(tables),
            is_table=True,
        )
        _validate(table, end - number - 1)
        if stray:
            table.errors.append(f'not a key="value" option: {" ".join(stray)}')
        tables.append(table)
    return tables


def _validate(table: Fence, table_lines: int) -> None:
    for key in sorted(set(table.options) - OPTIONS):
        table.errors.append(
            f"unknown option {key}= on table-rows; it takes: {', '.join(sorted(OPTIONS))}"
        )
    if "command" not in table.options:
        table.errors.append('table-rows needs command="..." to print this interpreter\'s row')
    if table_lines < 2:
        table.errors.append("table-rows must be followed by a table: a header row and |---| row")


def rows(body: str) -> tuple[list[str], dict[str, str]]:
    """The header lines, and the rows keyed by their first cell."""
    lines = body.splitlines()
    return lines[:2], {_first_cell(line): line for line in lines[2:]}


def with_row(body: str, key: str, row: str) -> str:
    header, by_key = rows(body)
    by_key[key] = row
    ordered = sorted(by_key.items(), key=lambda item: _version_key(item[0]))
    return "\n".join(header + [line for _, line in ordered]) + "\n"


def _first_cell(line: str) -> str:
    return line.strip().strip("|").split("|")[0].strip()


def _version_key(text: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in text.split("."))
