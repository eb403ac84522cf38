"""Run the site's notebooks the way the site build does, and report a raising cell by its line.

    python tests/notebook_check.py examples/notebooks/*.py

mkdocs-jupyter (mkdocs.yml: `execute: true`, `allow_errors: false`) fails the build on a raising
cell, but names the page under the built site, not the line in the jupytext file, and keeps the
traceback's colour codes. This runs each notebook the same way first: jupytext reads the percent
format .py, nbclient executes it with the same kernel and in the notebook's own directory, and no
file is written. A raising cell stops its notebook and is reported as

    examples/notebooks/broken.py:5: cell 2 raised ValueError: this cell fails

followed by the cell's source, numbered as in the .py, and its plain-text traceback. The line is
that of the cell's statement that raised (the cell's first line if the traceback does not say);
cell N is the notebook's N-th executed code cell, `In[N]` in the traceback. The exit status is 1
if some notebook raised.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import jupytext
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbformat import NotebookNode

# The plugin's options in mkdocs.yml, which tests/test_site/test_notebook_errors.py holds these to.
KERNEL_NAME = "python3"
ALLOW_ERRORS = False

# Terminal escapes: colours (CSI sequences) and links (OSC sequences).
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


class _Client(NotebookClient):
    """nbclient's client, remembering which cell raised."""

    failed: tuple[int, NotebookNode] | None = None

    async def async_execute_cell(self, cell, cell_index, *args, **kwargs):
        try:
            return await super().async_execute_cell(cell, cell_index, *args, **kwargs)
        except CellExecutionError:
            self.failed = (cell_index, cell)
            raise


def _same(file_line: str, source_line: str) -> bool:
    # jupytext comments out magics (`%time x` is `# %time x` in the .py).
    return file_line == source_line or file_line in ("# " + source_line, "#" + source_line)


def code_cell_lines(lines: list[str], cells: list[NotebookNode]) -> dict[int, int]:
    """The 1-based line of the .py where each code cell's source starts, by cell index."""
    starts: dict[int, int] = {}
    cursor = 0
    for index, cell in enumerate(cells):
        source = cell.source.splitlines()
        if cell.cell_type != "code" or not source:
            continue
        for i in range(cursor, len(lines) - len(source) + 1):
            if all(_same(lines[i + k], s) for k, s in enumerate(source)):
                starts[index] = i + 1
                cursor = i + len(source)
                break
    return starts


def _shown(path: Path) -> str:
    """The path as the command line gave it, or relative to the working directory if inside."""
    if path.is_absolute():
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            pass
    return str(path)


def failure_message(
    shown: str, start: int | None, cell: NotebookNode, error: CellExecutionError
) -> str:
    number = cell.get("execution_count")
    outputs = cell.get("outputs", [])
    errors = [o for o in outputs if o.get("output_type") == "error"]
    traceback = ANSI.sub("", "\n".join(errors[-1].traceback) if errors else str(error))
    line = start
    if start is not None and number is not None:
        # IPython names the cell's own frame `Cell In[N], line L`; the first one is the
        # statement of this cell that raised.
        frame = re.search(rf"^Cell In\[{number}\], line (\d+)", traceback, re.MULTILINE)
        if frame and 1 <= int(frame[1]) <= len(cell.source.splitlines()):
            line = start + int(frame[1]) - 1
    where = f"{shown}:{line}" if line is not None else shown
    cell_name = f"cell {number}" if number is not None else "a cell"
    headline = ANSI.sub("", f"{where}: {cell_name} raised {error.ename}: {error.evalue}")
    parts = [headline, ""]
    first = start if start is not None else 1
    width = len(str(first + len(cell.source.splitlines()) - 1))
    for offset, text in enumerate(cell.source.splitlines()):
        parts.append(f"{first + offset:>{width}} | {text}".rstrip())
    streams = [ANSI.sub("", o.text) for o in outputs if o.get("output_type") == "stream"]
    if streams:
        parts += ["", "Its output before it raised:", "".join(streams).rstrip()]
    parts += ["", traceback.rstrip()]
    return "\n".join(parts)


def check(path: Path) -> str | None:
    """Execute one notebook; the report of its raising cell, or None if every cell ran."""
    shown = _shown(path)
    notebook = jupytext.read(path)
    directory = path.resolve().parent
    client = _Client(
        notebook,
        kernel_name=KERNEL_NAME,
        allow_errors=ALLOW_ERRORS,
        # What mkdocs-jupyter passes: the kernel starts in the notebook's directory.
        resources={"metadata": {"path": str(directory)}},
    )
    try:
        client.execute()
    except CellExecutionError as error:
        if client.failed is None:
            raise
        index, cell = client.failed
        lines = path.read_text(encoding="utf-8").splitlines()
        start = code_cell_lines(lines, notebook.cells).get(index)
        return failure_message(shown, start, cell, error)
    ran = sum(1 for cell in notebook.cells if cell.get("execution_count") is not None)
    print(f"{shown}: {ran} code cells ran", flush=True)
    return None


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python tests/notebook_check.py NOTEBOOK.py...", file=sys.stderr)
        return 2
    failed = False
    for argument in argv:
        report = check(Path(argument))
        if report is not None:
            failed = True
            # One write: the kernels log to the same stderr, and must not land inside it.
            sys.stderr.write(report + "\n")
            sys.stderr.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
