"""The interpreters blocks run on: found once, described exactly, launched the same way.

A lane is one supported minor version ("3.12") and the interpreter that stands for it in this
run. An `Interpreter` says exactly what it is (release, origin, base prefix) and how to start a
process with it; nothing in the runner looks at the test process's own Python to decide what a
block ran on. Each kind of interpreter is one class: `Interpreter` here (pyenv's or one on
PATH), `ChrootInterpreter` in chroot.py; finder.py's `find()` asks them in order of preference.
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

from pmv.project import PROJECT, ProjectError
from pmv.versions import version_key

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
    """One interpreter under test: what it is, and how a process is started with it. As it is,
    one of this machine's (pyenv's, or python3.X on PATH); chroot.py's runs in the chroot."""

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

    def make_venv(self, path: Path, *, with_pip: bool = False) -> Path:
        """A virtual environment with nothing installed (or, `with_pip`, what `python -m venv`
        gives a reader: pip from ensurepip, and setuptools where ensurepip installs it);
        returns its python."""
        command = [self.executable, "-m", "venv", *([] if with_pip else ["--without-pip"])]
        argv, cwd = self.argv([*command, str(path)], Path("/"))
        _run(argv, cwd, f"creating a venv with {self.label}")
        return path / "bin" / "python"

    def install(self, venv: Path, packages: list[str]) -> None:
        """Install `packages` (requirement lines with their hashes) into a venv of this
        interpreter, with uv, checking each file against its hash."""
        (venv / "requirements.txt").write_text("\n".join(packages) + "\n")
        step = [
            *(self._uv(), "pip", "install", "-q", "--python", f"{venv}/bin/python"),
            *("--require-hashes", "-r", f"{venv}/requirements.txt"),
        ]
        argv, cwd = self.argv(step, Path("/"))
        _run(argv, cwd, f"installing into {venv.name} on {self.label}", env=self._tools_env())
        (venv / "requirements.txt").unlink()

    def tools_python(self, cache: Path, packages: list[str]) -> str:
        """A python of this interpreter that can import `packages` (for python blocks): lines
        of a requirements file, each with its hashes (PROJECT.locked_requirements), installed
        by uv into a venv kept while they stay the same."""
        inside, venv = self._tools_venv(cache)
        stamp = venv / "installed.txt"
        wanted = "\n".join(packages)
        if stamp.is_file() and stamp.read_text() == wanted:
            return f"{inside}/bin/python"
        shutil.rmtree(venv, ignore_errors=True)
        uv = self._uv()
        steps = [
            [uv, "venv", "-q", "--python", self.executable, inside],
            [
                *(uv, "pip", "install", "-q", "--python", f"{inside}/bin/python"),
                *("--require-hashes", "-r", f"{inside}/requirements.txt"),
            ],
        ]
        for number, step in enumerate(steps):
            if number == 1:  # the venv exists now: the locked requirements go beside it
                (venv / "requirements.txt").write_text(wanted + "\n")
            argv, cwd = self.argv(step, Path("/"))
            _run(argv, cwd, f"`uv {step[1]}` for the python blocks' tools on {self.label}",
                 env=self._tools_env())  # fmt: skip
        stamp.write_text(wanted)
        return f"{inside}/bin/python"

    def _tools_venv(self, cache: Path) -> tuple[str, Path]:
        """Where the tools venv is: (its path as this interpreter sees it, on this machine)."""
        venv = cache / f"tools-{_slug(f'{self.release}-{self.origin}')}"
        return str(venv), venv

    def _uv(self) -> str:
        """uv, as this interpreter's processes reach it."""
        try:
            return PROJECT.uv()
        except ProjectError as exc:
            raise InterpreterError(str(exc)) from None

    def _tools_env(self) -> dict[str, str]:
        return {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "UV_PYTHON_DOWNLOADS": "never"}


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() or c in ".-" else "-" for c in text).strip("-")


def _run(argv: list[str], cwd: Path | None, what: str, env: dict | None = None) -> str:
    env = env or {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "UV_PYTHON_DOWNLOADS": "never"}
    try:
        done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise InterpreterError(f"{what} failed: {exc}") from None
    if done.returncode:
        raise InterpreterError(f"{what} failed (exit {done.returncode}):\n{done.stderr.strip()}")
    return done.stdout


def describe(executable: str, origin: str, cls=None, **extra) -> Interpreter | None:
    """Ask an interpreter what it is; None if it does not run."""
    cls = cls or Interpreter
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
