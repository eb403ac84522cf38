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

from pmv.kinds.base import BlockKind, Rendered, Sample
from pmv.kinds.console import run_commands
from pmv.kinds.options import COMMAND, EXAMPLE, TIMEOUT
from pmv.versions import version_key


def rows(body: str) -> tuple[list[str], dict[str, str]]:
    """The header lines, and the rows keyed by their first cell."""
    lines = body.splitlines()
    return lines[:2], {_first_cell(line): line for line in lines[2:]}


def with_row(body: str, key: str, row: str) -> str:
    header, by_key = rows(body)
    by_key[key] = row
    ordered = sorted(by_key.items(), key=lambda item: version_key(item[0]))
    return "\n".join(header + [line for _, line in ordered]) + "\n"


def _first_cell(line: str) -> str:
    return line.strip().strip("|").split("|")[0].strip()


class TableKind(BlockKind):
    name = "table"
    directive = "table-rows"
    per_lane = True
    options = (COMMAND, EXAMPLE, TIMEOUT)
    sample = Sample(
        page='<!-- table-rows: example="sample" command="python row.py" -->\n'
        "| Python | hex |\n|---|---|\n",
        files={
            "row.py": 'import sys\nv = sys.version_info\nprint(f"| {v[0]}.{v[1]} | {v[1]:#x} |")\n'
        },
        wants="|---|---|\n| {minor} | ",
    )

    def directive_extent(self, lines, start) -> int:
        end = start
        while end < len(lines) and lines[end].startswith("|"):
            end += 1
        return end

    def check(self, block) -> list[str]:
        problems = []
        if "command" not in block.options:
            problems.append('table-rows needs command="..." to print this interpreter\'s row')
        if len(block.body.splitlines()) < 2:
            problems.append("table-rows must be followed by a table: a header row and |---| row")
        return problems

    def execute(self, block, workspace, timeout) -> Rendered:
        minor = workspace.lane.interpreter.minor
        command = block.options["command"]
        _, results, rest = run_commands(workspace, [command], timeout)
        output, status = results[0] if results else (rest, -1)
        row = output.strip()
        if status != 0 or not row.startswith(f"| {minor} |") or "\n" in row:
            problem = (
                f"`{command}` must exit 0 and print one table row starting with "
                f"'| {minor} |'; it exited {status} and printed:\n{output}"
            )
            return Rendered(row + "\n", problem, self.first_line(block))
        return Rendered(row + "\n")

    def expected(self, block, minor) -> tuple[str, int]:
        _, by_version = rows(block.body)
        lines = block.body.splitlines()
        row = by_version.get(minor)
        if row is None:
            return "", block.body_line + len(lines)
        return row + "\n", block.body_line + lines.index(row)

    def stated_versions(self, block) -> list[str]:
        return sorted(rows(block.body)[1], key=version_key)

    def written(self, block, text, minor) -> str:
        return with_row(block.body, minor, text.strip())
