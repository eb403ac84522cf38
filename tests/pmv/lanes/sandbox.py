"""Where and how a block runs: a clean venv, a scrubbed environment, a fresh copy of its example.

A reader runs our examples in a fresh virtual environment from their own project folder. Each
block gets the same: its `examples/<topic>/<name>/` folder copied to a new directory, a new HOME,
and the interpreter under test from a venv with nothing installed. The machine's own paths in the
output are then replaced by the fixed ones in PLACEHOLDERS, which docs/about.md lists for readers.
This module is the one place where an output is normalised.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from pmv.lanes import environments, wheels
from pmv.lanes.interpreters import PREFIX_PLACEHOLDER, Interpreter, InterpreterError

# What a reader sees instead of this machine's paths. docs/about.md lists these; a test keeps the
# two in step.
PLACEHOLDERS = {
    "project": "/home/you/project",  # the copy of examples/<topic>/<name>/ the block runs in
    "home": "/home/you",  # HOME
    "venv": "/home/you/venv",  # the clean virtual environment holding the interpreter
    "wheels": "/home/you/wheels",  # the only place a block's pip installs from (wheels.py)
    "tmp": "/tmp",  # TMPDIR
    "base_prefix": PREFIX_PLACEHOLDER,  # where the interpreter under test is installed
}

# Nothing is inherited: an environment variable on this machine must not change an output.
SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
FIXED_ENV = {
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    "TZ": "UTC",
    "PYTHONHASHSEED": "0",
    "PYTHON_COLORS": "0",
    "NO_COLOR": "1",
    "TERM": "dumb",
    "COLUMNS": "80",
    "LINES": "24",
    # pip never reaches PyPI: a block installs only what the runner put in /home/you/wheels.
    "PIP_NO_INDEX": "1",
    "PIP_DISABLE_PIP_VERSION_CHECK": "1",
}
DEFAULT_TIMEOUT = 30.0


@dataclass
class Outcome:
    output: str  # stdout and stderr together, normalised
    returncode: int
    timed_out: bool


def normalise(text: str) -> str:
    """Trailing spaces and blank lines at the end do not count: a page cannot keep them."""
    lines = [line.rstrip() for line in text.rstrip("\n").split("\n")]
    return "\n".join(lines) + "\n"


class Lane:
    """One interpreter's share of a run: its venvs, its working directory, its tools."""

    def __init__(
        self,
        interpreter: Interpreter,
        workdir: Path,
        cache: Path,
        tools: list[str],
        wheel_pins: list[str] | None = None,
        environment_packages: dict[str, list[str]] | None = None,
    ):
        self.interpreter = interpreter
        self.workdir = workdir / interpreter.minor
        self.workdir.mkdir(parents=True)
        self.cache = cache
        self.tool_packages = tools
        self._venvs: dict[str, Path] = {}
        self._tools: str | None = None
        self.wheel_pins = wheel_pins or []
        # Each environment's packages: the requirement lines of its group, with their hashes.
        self.environment_packages = environment_packages or {}
        self._lock = threading.Lock()
        self.root = self.workdir / "shared"

    @property
    def venv(self) -> Path:
        """The bare venv every block of the lane shares: blocks install nothing into it."""
        return self.venv_for(environments.DEFAULT)

    def venv_for(self, environment: environments.Environment) -> Path:
        """The lane's venv of an environment, made the first time a block asks for it, at the
        path every environment's venv has (/home/you/venv) under a root of its own."""
        with self._lock:
            if environment.name not in self._venvs:
                root = self.root if environment is environments.DEFAULT else self._root(environment)
                venv = root / PLACEHOLDERS["venv"].lstrip("/")
                venv.parent.mkdir(parents=True, exist_ok=True)
                self.interpreter.make_venv(venv, with_pip=environment.pip)
                if environment.group:
                    self.interpreter.install(venv, self.environment_packages[environment.group])
                self._venvs[environment.name] = venv
            return self._venvs[environment.name]

    def _root(self, environment: environments.Environment) -> Path:
        return self.workdir / f"env-{environment.name}"

    @property
    def tools_python(self) -> str:
        """A python of this interpreter that has pytest-examples, for python blocks."""
        with self._lock:
            if self._tools is None:
                self._tools = self.interpreter.tools_python(self.cache, self.tool_packages)
            return self._tools

    def wheels(self) -> Path:
        """The pinned wheels, downloaded once into the cache (wheels.provide)."""
        with self._lock:
            return wheels.provide(self.cache, self.wheel_pins)

    def placeholders(self) -> list[tuple[str, str]]:
        roots = [self.root, *(self._root(env) for env in environments.ENVIRONMENTS.values())]
        pairs = [pair for root in roots for pair in _stands_for_root(root)]
        return [*pairs, *self.interpreter.placeholders()]


def _stands_for_root(directory: Path) -> list[tuple[str, str]]:
    """The directory is laid out like a reader's file system (home/you/...): remove its path."""
    return [(str(directory), ""), (str(directory.resolve()), "")]


class Workspace:
    """One block's own directory tree: <root>/home/you/project, <root>/home/you, <root>/tmp, and
    the venv of the block's environment."""

    def __init__(
        self,
        lane: Lane,
        example: Path | None,
        environment: environments.Environment = environments.DEFAULT,
    ):
        self.lane = lane
        self.root = Path(tempfile.mkdtemp(prefix="block-", dir=lane.workdir))
        self.home = self.root / PLACEHOLDERS["home"].lstrip("/")
        self.project = self.root / PLACEHOLDERS["project"].lstrip("/")
        self.tmp = self.root / PLACEHOLDERS["tmp"].lstrip("/")
        self.wheels = self.root / PLACEHOLDERS["wheels"].lstrip("/")
        self.tmp.mkdir(parents=True)
        self.home.mkdir(parents=True)
        if example is not None:
            shutil.copytree(example, self.project, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            self.project.mkdir()
        # Only a project (an example with a pyproject.toml) gets the wheels to install itself.
        if wheels.needed(example) and lane.wheel_pins:
            self.wheels.mkdir(parents=True)
            for wheel in lane.wheels().glob("*.whl"):
                shutil.copy2(wheel, self.wheels / wheel.name)
        self.environment = environment
        if environment.editable:
            self.venv = self.root / PLACEHOLDERS["venv"].lstrip("/")
            lane.interpreter.make_venv(self.venv, with_pip=True)
            install = [str(self.venv / "bin" / "python"), "-m", "pip", "install", "-q", "-e", "."]
            done = self.run(install, stdin=None, timeout=DEFAULT_TIMEOUT * 4)
            if done.returncode or done.timed_out:
                raise InterpreterError(
                    f'env="editable": `pip install -e .` of the example failed:\n{done.output}'
                )
        else:
            self.venv = lane.venv_for(environment)

    def env(self) -> dict[str, str]:
        venv = self.venv
        return {
            **FIXED_ENV,
            "HOME": str(self.home),
            "TMPDIR": str(self.tmp),
            "VIRTUAL_ENV": str(venv),
            "PATH": f"{venv / 'bin'}:{SYSTEM_PATH}",
            "PIP_FIND_LINKS": str(self.wheels),
        }

    def mask(self, text: str) -> str:
        """Replace this machine's paths with the documented placeholders."""
        pairs = _stands_for_root(self.root) + self.lane.placeholders()
        # Longest first, so that a path is never half-replaced by a shorter one it starts with.
        for path, placeholder in sorted(set(pairs), key=lambda p: len(p[0]), reverse=True):
            text = re.sub(re.escape(path) + r"(?![\w.-])", placeholder, text)
        return text

    def run(
        self, argv: list[str], *, stdin: str | None, timeout: float, env: dict | None = None
    ) -> Outcome:
        """Run a process in this workspace, stdout and stderr together, killed at the deadline."""
        command, cwd = self.lane.interpreter.argv(argv, self.project)
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env or self.env(),
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # so that the whole process group can be killed
        )
        try:
            out, _ = process.communicate(stdin.encode() if stdin is not None else None, timeout)
            timed_out = False
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            out, _ = process.communicate()
            timed_out = True
        text = out.decode("utf-8", errors="backslashreplace").replace("\r\n", "\n")
        return Outcome(self.mask(text), process.returncode, timed_out)

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
