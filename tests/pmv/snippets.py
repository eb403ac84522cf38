"""Check the `--8<--` includes of a page before MkDocs does, to name the page and the line.

pymdownx.snippets fails the strict build on a missing file, but its message names neither the
page nor the line. Paths are relative to the repository root (snippets' base_path in mkdocs.yml);
"file.py:name" includes the lines between `--8<-- [start:name]` and `--8<-- [end:name]`, and
"file.py:3:7" a range of lines.
"""

from __future__ import annotations

import re
from pathlib import Path

INCLUDE = re.compile(r"""^\s*(?:;)?--8<--\s+(["'])(?P<target>[^"']+)\1\s*$""")


def check_snippets(text: str, base: Path) -> list[tuple[int, str]]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = INCLUDE.match(line)
        if not match:
            continue
        target = match["target"]
        name, section = _split(target)
        path = base / name
        if not path.is_file():
            problems.append((number, f'--8<-- "{target}": no file {name} in the repository'))
            continue
        if section and not section.replace(":", "").isdigit():
            source = path.read_text()
            if f"--8<-- [start:{section}]" not in source or f"--8<-- [end:{section}]" not in source:
                problems.append(
                    (
                        number,
                        f'--8<-- "{target}": {name} has no section marked '
                        f"--8<-- [start:{section}] ... --8<-- [end:{section}]",
                    )
                )
    return problems


def _split(target: str) -> tuple[str, str]:
    # "a.py:name" or "a.py:3:7"; a colon is never part of our file names.
    name, _, section = target.partition(":")
    return name, section
