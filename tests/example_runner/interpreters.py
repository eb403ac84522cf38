"""The interpreters blocks run on: found once, described exactly, launched the same way.

A lane is one supported minor version ("3.12") and the interpreter that stands for it in this
run. An `Interpreter` says exactly what it is (release, origin, base prefix) and how to start a
process with it; nothing in the runner looks at the test process's own Python to decide what a
block ran on. Each kind of interpreter is one class: `NativeInterpreter` here (pyenv's or one on
PATH), `ChrootInterpreter` in chroot.py. `find()` asks the kinds in order of preference.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .versions import SUPPORTED, version_key

# What an interpreter is asked about itself, run with its own executable.
_DESCRIBE = (
    "import json, platform, sys; print(json.dumps({'release': platform.python_version(), "
    "'base_prefix': sys.base_prefix, 'executable': sys.executable}))"
)


# What the interpreter's own prefix reads as in outputs (docs/about.md lists it).
PREFIX_PLACEHOLDER = "/usr/local"


class InterpreterError(Exception):
    """An interpreter that cannot be used, with what to do about it."""


@dataclass(frozen=True)
class Interpreter:
    """One interpreter under test: what it is, and how a process is started with it."""

    minor: str  # the lane: "3.12"
    release: str  # exactly: "3.12.1"
    origin: str  # where it comes from, for readers: "pyenv", "Debian sid chroot"
    executable: str  # as the interpreter itself names it
    base_prefix: str  # replaced by a placeholder in outputs

    @property
    def label(self) -> str:
        return f"{self.release}, {self.origin}"

    def argv(self, argv: list[str], cwd: Path) -> tuple[list[str], Path | None]:
        """The command line and working directory that run `argv` in `cwd` with this kind."""
        return argv, cwd

    @contextlib.contextmanager
    def sharing(self, directory: Path) -> Iterator[None]:
        """Make a directory of the host visible to this interpreter at the same path."""
        yield

    def placeholders(self) -> list[tuple[str, str]]:
        """(path, placeholder) pairs for this interpreter's own paths in an output."""
        return [(self.base_prefix, PREFIX_PLACEHOLDER)]

    def make_venv(self, path: Path) -> Path:
        """A virtual environment with nothing installed; returns its python."""
        argv, cwd = self.argv(
            [self.executable, "-m", "venv", "--without-pip", str(path)], Path("/")
        )
        _run(argv, cwd, f"creating a venv with {self.label}")
        return path / "bin" / "python"

    def tools_python(self, cache: Path, packages: list[str]) -> str:
        """A python of this interpreter that can import `packages` (for python blocks): lines
        of a requirements file, each with its hashes (locks.requirements)."""
        key = _slug(f"{self.release}-{self.origin}")
        venv = cache / f"tools-{key}"
        stamp = venv / "installed.txt"
        wanted = "\n".join(packages)
        if stamp.is_file() and stamp.read_text() == wanted:
            return str(venv / "bin" / "python")
        shutil.rmtree(venv, ignore_errors=True)
        uv = shutil.which("uv") or _uv_beside_this_python()
        if uv:
            _run([uv, "venv", "-q", "--python", self.executable, str(venv)], None, "uv venv")
            install = [uv, "pip", "install", "-q", "--python", str(venv / "bin" / "python")]
        else:
            self.make_venv(venv)
            install = [str(venv / "bin" / "python"), "-m", "ensurepip"]
            _run(install, None, "ensurepip")
            install = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
        (venv / "requirements.txt").write_text(wanted + "\n")
        install += ["--require-hashes", "-r", str(venv / "requirements.txt")]
        _run(install, None, f"installing the python blocks' tools (uv.lock) for {self.label}")
        stamp.write_text(wanted)
        return str(venv / "bin" / "python")


@dataclass(frozen=True)
class NativeInterpreter(Interpreter):
    """An interpreter of this machine: pyenv's, or `python3.X` on PATH."""


def _uv_beside_this_python() -> str | None:
    import sys

    candidate = Path(sys.executable).parent / "uv"
    return str(candidate) if candidate.is_file() else None


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() or c in ".-" else "-" for c in text).strip("-")


def _run(argv: list[str], cwd: Path | None, what: str) -> str:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "UV_PYTHON_DOWNLOADS": "never"}
    try:
        done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise InterpreterError(f"{what} failed: {exc}") from None
    if done.returncode:
        raise InterpreterError(f"{what} failed (exit {done.returncode}):\n{done.stderr.strip()}")
    return done.stdout


def describe(executable: str, origin: str, cls=NativeInterpreter, **extra) -> Interpreter | None:
    """Ask an interpreter what it is; None if it does not run."""
    probe = cls(minor="", release="", origin=origin, executable=executable, base_prefix="", **extra)
    argv, cwd = probe.argv([executable, "-I", "-c", _DESCRIBE], Path("/"))
    try:
        facts = json.loads(_run(argv, cwd, f"asking {executable} its version"))
    except (InterpreterError, json.JSONDecodeError):
        return None
    minor = ".".join(facts["release"].split(".")[:2])
    return cls(
        minor=minor,
        release=facts["release"],
        origin=origin,
        executable=executable,
        base_prefix=facts["base_prefix"],
        **extra,
    )


def _pyenv_versions() -> list[Path]:
    root = os.environ.get("PYENV_ROOT") or str(Path.home() / ".pyenv")
    versions = Path(root) / "versions"
    if not versions.is_dir():
        return []
    finals = [p for p in versions.iterdir() if all(x.isdigit() for x in p.name.split("."))]
    return sorted(finals, key=lambda p: version_key(p.name), reverse=True)


def find_native(minor: str) -> Interpreter | None:
    """pyenv's newest final release of `minor`, else `python3.X` on PATH."""
    for version in _pyenv_versions():
        if version.name.startswith(minor + "."):
            executable = version / "bin" / f"python{minor}"
            if executable.is_file():
                return describe(str(executable), "pyenv")
    on_path = shutil.which(f"python{minor}")
    if on_path:
        found = describe(on_path, "PATH")
        if found and found.minor == minor:
            return found
    return None


def finders() -> list:
    """The kinds of interpreter, in the order a lane prefers them.

    The chroot's come first: for 3.13 it has the current patch release (3.13.18), which is what
    a reader of 3.13 runs today, where pyenv has 3.13.0 (CONTRIBUTING, "Versions").
    """
    from . import chroot

    return [chroot.find, find_native]


def find(minor: str) -> Interpreter | None:
    """The interpreter that stands for `minor` in a run, or None if the machine has none."""
    if minor not in SUPPORTED:
        raise InterpreterError(f"{minor} is not a supported version ({', '.join(SUPPORTED)})")
    for finder in finders():
        found = finder(minor)
        if found is not None:
            return found
    return None
