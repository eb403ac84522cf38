"""Wheels a block can install offline: the build backend an example's pyproject.toml names.

A reader runs `pip install -e .` with PyPI at hand; a block must not depend on the network, or
its output would change with PyPI. So every block's pip reads only /home/you/wheels (pip's
PIP_NO_INDEX and PIP_FIND_LINKS, in sandbox.py), and an example that has a pyproject.toml finds
there the wheels pinned in pyproject.toml's `example-wheels` dependency group. They are
downloaded once into the runner's cache, with the runner's own pip, which checks each against
its hash in uv.lock (`--require-hashes`); after that, runs are offline.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from pmv.lanes.interpreters import InterpreterError

GROUP = "example-wheels"
_lock = threading.Lock()


def provide(cache: Path, wanted: list[str]) -> Path:
    """A folder holding exactly the wheels `wanted` names (the example-wheels group's lines,
    with their hashes: PROJECT.locked_requirements), downloading them the first time."""
    folder = cache / "wheels"
    stamp = folder / "pins.txt"
    listing = "\n".join(wanted) + "\n"
    with _lock:
        if stamp.is_file() and stamp.read_text() == listing:
            return folder
        requirements = listing
        cache.mkdir(parents=True, exist_ok=True)
        fresh = Path(tempfile.mkdtemp(prefix="wheels-", dir=cache))
        (fresh / "requirements.txt").write_text(requirements)
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
        command += ["--only-binary=:all:", "--disable-pip-version-check", "--dest", str(fresh)]
        command += ["--require-hashes", "-r", str(fresh / "requirements.txt")]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=300)
        except (OSError, subprocess.TimeoutExpired) as exc:
            shutil.rmtree(fresh, ignore_errors=True)
            raise InterpreterError(f"downloading the example wheels failed: {exc}") from None
        if done.returncode != 0:
            shutil.rmtree(fresh, ignore_errors=True)
            last = (done.stderr.strip().splitlines() or ["(pip said nothing)"])[-1]
            raise InterpreterError(
                f"this block's example installs itself with pip, which needs the wheels pinned "
                f"in pyproject.toml's {GROUP} group ({', '.join(w.split()[0] for w in wanted)}); "
                f"downloading them "
                f"into {folder} failed: {last}\nConnect to PyPI once, or put the wheels there."
            )
        (fresh / "pins.txt").write_text(listing)
        shutil.rmtree(folder, ignore_errors=True)
        fresh.rename(folder)
        return folder


def needed(example: Path | None) -> bool:
    """An example installs itself when it is a project: it has a pyproject.toml."""
    return example is not None and (example / "pyproject.toml").is_file()
