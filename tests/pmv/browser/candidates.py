"""The sessions a reader may run in the browser, in Pyodide: what the build and the Pyodide check
both need to know of them.

A page's pycon block is a candidate where it holds on 3.14, the version Pyodide's CPython is
(314.0.7 ships 3.14.2): its 3.14 tab, or its one block, is the one the Run button goes on, and
its output there is the one Pyodide's must equal. The Pyodide check (tests/pyodide/) replays each
candidate and writes tests/pyodide/runnable.json; the build (pmv.website.run_buttons) gives a
button to the blocks that file says run the same, each known by its key, which changes with
its code, example or verified output.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from pmv.kinds.pycon import parse
from pmv.lanes.sandbox import FIXED_ENV, PLACEHOLDERS, SYSTEM_PATH
from pmv.page import read_page
from pmv.run.tabs import on_page

MINOR = "3.14"
MANIFEST = Path("tests") / "pyodide" / "runnable.json"
# The blocks' own environment (sandbox.py), without the venv the browser has none of.
ENVIRONMENT = {
    **FIXED_ENV,
    "HOME": PLACEHOLDERS["home"],
    "TMPDIR": PLACEHOLDERS["tmp"],
    "PATH": SYSTEM_PATH,
}
SKIPPED_FILES = {"__pycache__", ".pytest_cache"}


@dataclass(frozen=True)
class Candidate:
    page: str  # as messages show it: docs/pyc.md
    line: int  # the opening fence of the block, or of its 3.14 tab
    example: str | None  # example="topic/name"
    full_tracebacks: bool
    body: str  # the session as the page shows it for 3.14
    expected: str  # its verified output, as the runner compares it

    @property
    def key(self) -> str:
        text = json.dumps([self.example, self.full_tracebacks, self.expected])
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"


def fences(path: Path, root: Path) -> list[Candidate | None]:
    """One entry per pycon fence of the page, version tabs included, in the page's order (the
    order of its pycon blocks in the built HTML): the candidate, or None."""
    page = read_page(path, root)
    found: list[Candidate | None] = []
    for block in page.blocks:
        if not block.kind.browser_candidate:
            continue
        chosen = block.variant_for(MINOR) if block.applies(MINOR) else None
        expected = on_page(block).get(MINOR)
        for variant in block.variants:
            if variant is chosen and expected is not None:
                found.append(
                    Candidate(
                        page=page.shown,
                        line=variant.line,
                        example=block.options.get("example"),
                        full_tracebacks=block.options.get("traceback") == "full",
                        body=variant.body,
                        expected=expected,
                    )
                )
            else:
                found.append(None)
    return found


def session_code(text: str) -> str:
    """The code the Run button's editor shows for a session, read as the runner reads one
    (pycon.parse): each statement's lines without their prompts. docs/assets/run/engine.mjs's
    sessionCode reads the rendered block the same way."""
    try:
        return "\n".join(statement.source for statement in parse(text))
    except ValueError:  # no prompt first: no session to run
        return ""


def candidates(root: Path) -> list[Candidate]:
    return [
        session
        for path in sorted((root / "docs").glob("*.md"))
        for session in fences(path, root)
        if session is not None
    ]


def example_files(root: Path, example: str | None) -> dict[str, str]:
    """The example's files, as the block's copy of it holds them; ValueError for one that is not
    UTF-8 text, which the browser's copy cannot hold."""
    if example is None:
        return {}
    folder = root / "examples" / example
    files = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_dir() or SKIPPED_FILES & set(relative.parts):
            continue
        try:
            files[relative.as_posix()] = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise ValueError(f"examples/{example}/{relative.as_posix()} is not UTF-8 text") from exc
    return files
