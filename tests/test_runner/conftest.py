"""The runner's own tests: each writes a small project of fixture pages and runs pytest on it,
the way a contributor runs it on docs/ (in this process, through pytester, to keep them fast).

Every fixture run uses one lane, LANE: the oldest supported version this machine has, looked
for once. Tests that need a second lane use OTHER_LANE and are skipped, saying why, without one.
"""

from __future__ import annotations

import itertools
import os
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from pmv.lanes import finder
from pmv.versions import SUPPORTED

REPO = Path(__file__).resolve().parents[2]
# Python blocks need a venv with pytest-examples per interpreter: share the repository's.
os.environ.setdefault("EXAMPLE_RUNNER_CACHE", str(REPO / ".cache" / "example-runner"))

FOUND = [i.minor for i in (finder.find(m) for m in SUPPORTED) if i is not None]
LANE = FOUND[0] if FOUND else None
# A second lane next to the first in the supported list, so that the two can share a tab.
OTHER_LANE = next((b for a, b in itertools.pairwise(SUPPORTED) if a == LANE and b in FOUND), None)


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
                addopts = ["-p", "pmv.run.pytest_plugin", "-p", "no:cacheprovider"]
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

    def pytest(self, *args: str, lanes: tuple[str, ...] | None = None) -> Result:
        """Run pytest on the project, as `pytest docs --python LANE` would be run there."""
        lane_args = [arg for lane in (lanes or (LANE,)) for arg in ("--python", lane)]
        result = self.pytester.runpytest_inprocess(*lane_args, *args)
        return Result(int(result.ret), "\n".join(result.outlines))


@pytest.fixture
def project(pytester: pytest.Pytester) -> Project:
    if LANE is None:
        pytest.fail(f"no interpreter of {', '.join(SUPPORTED)} found to run the runner's tests")
    return Project(pytester)


@pytest.fixture
def two_lanes() -> tuple[str, str]:
    if OTHER_LANE is None:
        pytest.skip("needs interpreters of two neighbouring supported versions; this has one")
    return LANE, OTHER_LANE
