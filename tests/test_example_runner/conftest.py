"""The runner's own tests: each builds a small project of fixture pages in a temporary
directory and runs pytest on it, the way a contributor would run it on docs/."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

RUNNER = Path(__file__).resolve().parents[1]


class Project:
    """A throwaway project: pages, an examples/ folder, and the runner enabled."""

    def __init__(self, root: Path):
        self.root = root
        (root / "pyproject.toml").write_text(
            textwrap.dedent(
                """
                [tool.pytest.ini_options]
                addopts = ["-p", "example_runner.plugin", "-p", "no:cacheprovider"]
                """
            )
        )

    def page(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())
        return path

    def example(self, name: str, files: dict[str, str]) -> None:
        for filename, content in files.items():
            path = self.root / "examples" / name / filename
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(content).lstrip())

    def pytest(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        """Run pytest on the project in a new process, as `pytest docs` would be run."""
        env = {"PYTHONPATH": str(RUNNER), "PYTHONDONTWRITEBYTECODE": "1", "PATH": "/usr/bin:/bin"}
        return subprocess.run(
            [sys.executable, "-m", "pytest", *args],
            cwd=self.root,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)
