"""The notebook "Anatomy of a .pyc" prints a right header breakdown wherever the site is built.

A build environment may set SOURCE_DATE_EPOCH (reproducible builds and distributions' packaging
do), and py_compile's default is then a hash-based pyc, whose last eight header bytes are a hash,
not an mtime and a size. The notebook must not depend on that: it is executed here as the site
build executes it (jupytext reads the .py, nbclient runs it in the python3 kernel, in the
notebook's own folder), once with SOURCE_DATE_EPOCH set and once without, and the breakdown it
prints is checked both times.
"""

from __future__ import annotations

import os
from pathlib import Path

import jupytext
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "examples" / "notebooks" / "pyc_anatomy.py"


def printed(environment: dict[str, str]) -> list[str]:
    """The lines the notebook's cells print to stdout, run with this environment."""
    notebook = jupytext.read(NOTEBOOK)
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        allow_errors=False,
        timeout=120,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute(env=environment)
    lines = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stdout":
                lines += output["text"].splitlines()
    return lines


def breakdown(lines: list[str]) -> dict[str, str]:
    """The header breakdown's lines (`magic ...`, `flags N`, `mtime ...`, `size ...`), by field."""
    found: dict[str, list[str]] = {}
    for line in lines:
        words = line.split()
        if words[:1] in (["magic"], ["mtime"], ["size"]) or (
            len(words) == 2 and words[0] == "flags"
        ):
            found.setdefault(words[0], []).append(line)
    assert all(len(v) == 1 for v in found.values()), found
    return {name: v[0] for name, v in found.items()}


@pytest.mark.parametrize("source_date_epoch", [None, "1700000000"], ids=["unset", "set"])
def test_the_header_breakdown_is_right_with_and_without_source_date_epoch(source_date_epoch):
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    if source_date_epoch is not None:
        environment["SOURCE_DATE_EPOCH"] = source_date_epoch
    lines = printed(environment)
    shown = "\n".join(lines)
    fields = breakdown(lines)
    assert sorted(fields) == ["flags", "magic", "mtime", "size"], shown
    # A timestamp pyc, whose magic number, mtime and size the notebook finds equal to the
    # interpreter's and the source file's.
    assert fields["flags"].split() == ["flags", "0"], shown
    assert fields["magic"].endswith(" True"), shown
    assert fields["mtime"].endswith("== int(st_mtime): True"), shown
    assert fields["size"].endswith("== st_size: True"), shown
    # The hash-based pyc it compiles afterwards: flags 3, holding the source's hash.
    hashed = "flags 3 hash-based: True checked: True"
    assert hashed in lines, shown
    assert lines[lines.index(hashed) + 1] == "True", shown
