"""A page's interactive session, run in Pyodide as the test suite runs it natively.

Used by the Run buttons' worker and by the pyodide test lane under Node, so that the lane checks
exactly what a reader's browser runs. The session's statements are replayed by the suite's own
replayer (tests/pmv/kinds/drivers/pycon_replay.py, copied beside this file by the build);
this module only gives it what a fresh native process would have: the example's files at
/home/you/project as the current directory, the suite's environment, and nothing left over
from the run before, since one interpreter serves every run.
"""

import codeop
import importlib
import json
import linecache
import os
import re
import shutil
import sys

PROMPT, CONTINUATION = ">>>", "..."
HOME, PROJECT = "/home/you", "/home/you/project"
_START = {}
_MARKER = re.compile("\x1e" + r"(\d+)" + "\x1e\n")  # the replayer's, after each statement


def remember_start():
    """What a run must find as it was when the interpreter started."""
    _START.update(
        modules=set(sys.modules),
        path=list(sys.path),
        meta_path=list(sys.meta_path),
        path_hooks=list(sys.path_hooks),
        cwd=os.getcwd(),
        tmp=set(os.listdir("/tmp")) if os.path.isdir("/tmp") else set(),
    )


def statements(code):
    """The statements a REPL reads from these lines, each as its prompts will show it.

    A compound statement ends at a blank line (kept: the REPL shows it as "...") or, as in a
    session pasted from a page, at the next line that cannot continue it.
    """
    found, lines = [], []
    for line in code.split("\n"):
        if not lines and not line.strip():
            continue
        if lines and _state([*lines, line]) == "error" and _state([*lines, ""]) == "complete":
            found.append("\n".join(lines))
            lines = []
            if not line.strip():
                continue
        lines.append(line)
        if not line.strip() and _state(lines) == "complete":
            found.append("\n".join(lines))
            lines = []
    if lines:
        found.append("\n".join(lines))
    return found


def _state(lines):
    """ "complete", "incomplete" or "error": what the REPL makes of these lines and an Enter."""
    try:
        code = codeop.compile_command("\n".join(lines) + "\n", "<stdin>", "single")
    except (SyntaxError, OverflowError, ValueError):
        return "error"
    return "incomplete" if code is None else "complete"


def prepare(files, environment):
    """What a session expects to find: the example's files, the suite's environment, and the
    import state, current directory and TMPDIR as they were at start-up. What else code can
    change (sys settings, builtins, modules loaded at start-up) stays changed, so panel.mjs
    gives a verified session a new interpreter when edited code has run in this one."""
    for name in set(sys.modules) - _START["modules"]:
        del sys.modules[name]
    sys.path[:] = _START["path"]
    if not sys.path or sys.path[0] != "":
        sys.path.insert(0, "")  # python -c, as the suite's replayer runs: the current directory
    sys.meta_path[:] = _START["meta_path"]
    sys.path_hooks[:] = _START["path_hooks"]
    sys.path_importer_cache.clear()
    os.chdir("/")
    shutil.rmtree(HOME, ignore_errors=True)
    for relative, text in files.items():
        path = os.path.join(PROJECT, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as file:
            file.write(text)
    os.makedirs(PROJECT, exist_ok=True)
    os.makedirs("/tmp", exist_ok=True)
    for name in set(os.listdir("/tmp")) - _START["tmp"]:  # TMPDIR, the suite's fresh one
        path = os.path.join("/tmp", name)
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            os.remove(path)
    os.environ.clear()
    os.environ.update(environment)
    os.chdir(PROJECT)
    # The suite's interpreters write bytecode (no PYTHONDONTWRITEBYTECODE in their environment).
    sys.dont_write_bytecode = False
    sys.argv = [""]
    # The replayer writes to these; edited code may have replaced them.
    sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    sys.displayhook, sys.excepthook = sys.__displayhook__, sys.__excepthook__
    linecache.clearcache()
    importlib.invalidate_caches()


def request(code, full_tracebacks):
    """The replayer's request (its stdin), and the statements it will replay."""
    found = statements(code)
    return json.dumps({"statements": found, "full_tracebacks": full_tracebacks}), found


def render(found, raw):
    """The session as the page shows one: prompts, then each statement's output (the suite's
    pycon.render and sandbox.normalise, which this must match)."""
    parts = _MARKER.split(raw)
    outputs = parts[0:-1:2][: len(found)]
    if len(outputs) < len(found):  # the interpreter stopped: what the statement printed so far
        outputs.append(parts[-1])
    out = []
    for statement, output in zip(found, outputs, strict=False):
        first, *more = statement.split("\n")
        out.append(f"{PROMPT} {first}".rstrip())
        out += [f"{CONTINUATION} {line}".rstrip() for line in more]
        if output.strip():
            out += [line.rstrip() for line in output.rstrip("\n").split("\n")]
    return "\n".join(out).rstrip("\n") + "\n"
