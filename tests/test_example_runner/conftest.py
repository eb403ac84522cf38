"""The runner's own tests: each writes a small project of fixture pages and runs pytest on it,
the way a contributor runs it on docs/ (in this process, through pytester, to keep them fast)."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class Result:
    returncode: int
    stdout: str


class Project:
    """A throwaway project: pages, an examples/ folder, and the runner enabled."""

    def __init__(self, pytester: pytest.Pytester):
        self.pytester = pytester
        self.root = pytester.path
        (self.root / "pyproject.toml").write_text(
            textwrap.dedent(
                """
                [tool.pytest.ini_options]
                addopts = [
                    "-p", "example_runner.plugin", "-p", "no:examples", "-p", "no:cacheprovider"
                ]
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

    def pytest(self, *args: str) -> Result:
        """Run pytest on the project, as `pytest docs` would be run there."""
        result = self.pytester.runpytest_inprocess(*args)
        return Result(int(result.ret), "\n".join(result.outlines))


@pytest.fixture
def project(pytester: pytest.Pytester) -> Project:
    return Project(pytester)
