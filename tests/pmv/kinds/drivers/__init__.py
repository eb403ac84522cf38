"""Programs run by the interpreter under test, not by the runner.

Each is a plain module so that it is linted and read like any other code; the runner passes its
source with `python -c`, so that it needs no file of the runner's to be visible to the
interpreter (which may run in a chroot) and `sys.path[0]` is `""`, as in the REPL.
"""

from __future__ import annotations

from pathlib import Path


def path(name: str) -> Path:
    return Path(__file__).parent / f"{name}.py"


def source(name: str) -> str:
    return path(name).read_text(encoding="utf-8")
