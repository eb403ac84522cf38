"""Which interpreter stands for a supported version in a run: the lane's.

The chroot's come first: for 3.13 it has the current patch release (3.13.18), which is what a
reader of 3.13 runs today, where pyenv has 3.13.0 (CONTRIBUTING, "Versions"); then pyenv's
newest release of the version, then `python3.X` on PATH.
"""

from __future__ import annotations

from pmv.lanes import chroot
from pmv.lanes.interpreters import Interpreter, InterpreterError, find_native
from pmv.versions import SUPPORTED

FINDERS = (chroot.find, find_native)


def find(minor: str) -> Interpreter | None:
    """The interpreter that stands for `minor` in a run, or None if the machine has none."""
    if minor not in SUPPORTED:
        raise InterpreterError(f"{minor} is not a supported version ({', '.join(SUPPORTED)})")
    for finder in FINDERS:
        found = finder(minor)
        if found is not None:
            return found
    return None
