"""The project: where its folders are, what pyproject.toml pins, and the tools it runs.

Every module that needs a path of the repository, a pin or uv asks `PROJECT`, so that each of
these is worked out in one place:

- the folders: `docs/`, `examples/`, the caches (`.cache/`, `.nox/`), the npm packages;
- pyproject.toml: the dependency groups, the Pythons some of them need, the Debian chroot's
  package pins and the supported versions' table (`[tool.pmv]`);
- uv.lock, as pip requirement lines with their hashes (`locked_requirements`);
- uv itself (`uv()`): the one beside the Python running this code (nox's bootstrap, or a
  venv that has the tests group), else the one on PATH.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pmv.toml import loads

RELOCK = "run `.nox/_bootstrap/bin/uv lock` and commit uv.lock"


class ProjectError(Exception):
    """Something of the project's own that cannot be used, with what to do about it."""


@dataclass(frozen=True)
class Project:
    root: Path

    # --- folders ----------------------------------------------------------------------------

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def examples(self) -> Path:
        return self.root / "examples"

    @property
    def cache(self) -> Path:
        """What the suite builds once and keeps (the chroot, the python blocks' venvs)."""
        return self.root / ".cache"

    @property
    def nox(self) -> Path:
        return self.root / ".nox"

    @property
    def pyodide(self) -> Path:
        """The Pyodide npm package and the Run buttons' record (tests/pyodide/)."""
        return self.root / "tests" / "pyodide"

    @property
    def lighthouse(self) -> Path:
        return self.root / "tests" / "lighthouse"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def shown(self, path: Path) -> str:
        """A path as messages show it: relative to the repository where it is inside it."""
        try:
            return str(Path(path).resolve().relative_to(self.root))
        except ValueError:
            return str(path)

    # --- pyproject.toml ---------------------------------------------------------------------

    @property
    def pyproject_path(self) -> Path:
        return self.root / "pyproject.toml"

    @property
    def lock_path(self) -> Path:
        return self.root / "uv.lock"

    @cached_property
    def pyproject(self) -> dict:
        return loads(self.pyproject_path.read_text(encoding="utf-8"))

    def group(self, name: str) -> list[str]:
        """The requirements a dependency group names itself (not the groups it includes)."""
        return [pin for pin in self.pyproject["dependency-groups"][name] if isinstance(pin, str)]

    def group_requires_python(self, name: str) -> str | None:
        """The Python a group needs beyond the project's own, from [tool.uv.dependency-groups]."""
        settings = self.pyproject.get("tool", {}).get("uv", {}).get("dependency-groups", {})
        return settings.get(name, {}).get("requires-python")

    @property
    def settings(self) -> dict:
        """The project's own table, [tool.pmv]."""
        return self.pyproject.get("tool", {}).get("pmv", {})

    # --- tools ------------------------------------------------------------------------------

    def uv(self) -> str:
        beside = Path(sys.executable).parent / "uv"
        found = str(beside) if beside.is_file() else shutil.which("uv")
        if found is None:
            raise ProjectError(
                "uv is needed, and neither the Python running this nor PATH has it: run the "
                "command through `python3 noxfile.py`, which installs it"
            )
        return found

    def locked_requirements(self, group: str) -> list[str]:
        """A dependency group as uv.lock locks it, with everything it pulls in on some Python:
        one pip requirement line per package, with its marker and its files' hashes."""
        command = [self.uv(), "export", "-q", "--frozen", "--only-group", group]
        command += ["--no-emit-project", "--no-header", "--no-annotate"]
        # --no-cache: the lock is all it reads, and a test's HOME gets no .cache/uv.
        command += ["--format", "requirements-txt", "--no-cache", "--project", str(self.root)]
        env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never"}
        env.pop("UV_PROJECT_ENVIRONMENT", None)
        try:
            done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
        except OSError as exc:
            raise ProjectError(f"exporting the {group} group from uv.lock: {exc}") from None
        if done.returncode != 0:
            said = (done.stderr.strip().splitlines() or ["(uv said nothing)"])[-1]
            raise ProjectError(f"exporting the {group} group from uv.lock failed: {said}; {RELOCK}")
        # uv continues a requirement's hashes on the next lines: one line each is what a stamp
        # and a requirements file need.
        return [line for line in done.stdout.replace(" \\\n", " ").splitlines() if line.strip()]


PROJECT = Project(Path(__file__).resolve().parents[2])
