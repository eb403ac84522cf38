"""A dependency group as uv.lock locks it: pip requirement lines, each with its files' hashes.

The python blocks' tools are installed from these (`uv pip install --require-hashes`), on each
interpreter under test, so that what PyPI serves must be what was locked.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .interpreters import InterpreterError

ROOT = Path(__file__).resolve().parents[2]
RELOCK = "run `.nox/_bootstrap/bin/uv lock` and commit uv.lock"


def requirements(group: str) -> list[str]:
    """One line per package the group needs on some Python, with its marker and hashes."""
    uv = shutil.which("uv") or str(Path(sys.executable).parent / "uv")
    command = [uv, "export", "-q", "--frozen", "--only-group", group, "--no-emit-project"]
    command += ["--no-header", "--no-annotate", "--format", "requirements-txt"]
    # --no-cache: the lock is all it reads, and a test's HOME gets no .cache/uv.
    command += ["--no-cache", "--project", str(ROOT)]
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never"}
    env.pop("UV_PROJECT_ENVIRONMENT", None)
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    except OSError as exc:
        raise InterpreterError(f"exporting the {group} group from uv.lock: {exc}") from None
    if done.returncode != 0:
        said = (done.stderr.strip().splitlines() or ["(uv said nothing)"])[-1]
        raise InterpreterError(f"exporting the {group} group from uv.lock failed: {said}; {RELOCK}")
    # uv continues a requirement's hashes on the next lines: one line each is what a stamp and
    # a requirements file need.
    return [line for line in done.stdout.replace(" \\\n", " ").splitlines() if line.strip()]
