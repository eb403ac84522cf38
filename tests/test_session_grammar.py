"""The browser's copies of the pycon grammar read every page's sessions as the kind reads them.

The Run buttons cannot import the runner: engine.mjs (the editor's code, `sessionCode`) and
pmv/browser/session.py (the statements a REPL reads, the session as the page shows it) are
their own copies, in the languages the browser runs. Each is held here to pmv.kinds.pycon, on
every pycon fence of every page.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from pmv.browser import candidates, session
from pmv.kinds import pycon
from pmv.lanes.sandbox import normalise
from pmv.page import read_page
from pmv.project import PROJECT

ENGINE = PROJECT.docs / "assets" / "run" / "engine.mjs"


RUNNING = f"{sys.version_info.major}.{sys.version_info.minor}"


def every_session(*, compiles_here: bool = False) -> list[tuple[str, str]]:
    """(FILE:LINE, body) of every variant of every block of a kind the browser may run; only
    those of blocks that hold on this Python, with `compiles_here` (session.py splits code with
    the running interpreter's compiler, as the browser's does with Pyodide's)."""
    found = []
    for path in sorted(PROJECT.docs.glob("*.md")):
        page = read_page(path, PROJECT.root)
        for block in page.blocks:
            if block.kind.browser_candidate and (block.applies(RUNNING) or not compiles_here):
                found += [(f"{page.shown}:{v.line}", v.body) for v in block.variants]
    return found


SESSIONS = every_session()
HERE = every_session(compiles_here=True)


def test_there_are_sessions_to_compare():
    assert len(SESSIONS) > 50


def test_engine_mjs_reads_the_code_of_each_session_as_the_kind_does():
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is needed to run docs/assets/run/engine.mjs")
        pytest.skip("no node on PATH: engine.mjs not compared")
    script = (
        f"import {{ sessionCode }} from {json.dumps(ENGINE.as_uri())};\n"
        "let input = ''; for await (const c of process.stdin) input += c;\n"
        "console.log(JSON.stringify(JSON.parse(input).map(sessionCode)));\n"
    )
    done = subprocess.run(
        [node, "--input-type=module", "-e", script],
        input=json.dumps([body for _, body in SESSIONS]),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    browser = json.loads(done.stdout)
    wrong = [
        where
        for (where, body), code in zip(SESSIONS, browser, strict=True)
        if code != candidates.session_code(body)
    ]
    assert wrong == [], f"engine.mjs's sessionCode reads these otherwise than pycon.parse: {wrong}"


@pytest.mark.parametrize(("where", "body"), HERE, ids=[w for w, _ in HERE])
def test_session_py_splits_and_renders_each_session_as_the_kind_does(where, body):
    statements = pycon.parse(body)
    # The editor holds the session's code; the browser splits it into the REPL's statements.
    assert session.statements(candidates.session_code(body)) == [s.source for s in statements]
    # The outputs the page shows, as the replayer marks them after each statement.
    lines = body.splitlines()
    bounds = [s.line for s in statements] + [len(lines)]
    outputs = []
    for statement, end in zip(statements, bounds[1:], strict=True):
        first_output = statement.line + 1 + statement.source.count("\n")
        outputs.append("".join(line + "\n" for line in lines[first_output:end]))
    raw = "".join(f"{output}\x1e{number}\x1e\n" for number, output in enumerate(outputs))
    found = [s.source for s in statements]
    assert session.render(found, raw) == pycon.render(statements, outputs) == normalise(body)


def test_a_copy_button_copies_a_continued_command_whole():
    """The runner reads a command continued by a trailing backslash as one; so does its copy."""
    from pmv.kinds.console import ConsoleKind

    shown = '$ printf "%s\\n" a \\\n    b\na\nb\n$ echo done\ndone\n'
    assert ConsoleKind().copy_text(shown) == 'printf "%s\\n" a \\\n    b\necho done'


def test_a_pycon_copy_closes_an_indented_block_as_the_repl_needs():
    shown = ">>> def f():\n...     return 1\n>>> f()\n1\n"
    shown += ">>> if True:\n...     x = 2\n...\n>>> x\n2\n"
    assert pycon.PyconKind().copy_text(shown) == (
        "def f():\n    return 1\n\nf()\nif True:\n    x = 2\n\nx"
    )
