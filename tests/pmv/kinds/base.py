"""What every kind of block is, and the registry of them.

A kind of block is an object: the fence languages (or the directive) it claims, the options it
takes, how it checks its body, how it runs on one interpreter and renders the result as the
text the page should hold. Everything else in the runner (collecting, comparing, rewriting,
reporting) works on any kind without knowing which. Adding a kind is one module with one
subclass of BlockKind, with a `Sample` that is its test, listed in the registry,
`pmv.kinds.KINDS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pmv.kinds.options import EXAMPLE, PYTHON, Option
from pmv.lanes.sandbox import normalise
from pmv.versions import SHARED_MINOR, mask_identifiers

if TYPE_CHECKING:
    from pmv.lanes.sandbox import Workspace
    from pmv.page import Block


@dataclass
class Rendered:
    """A block as one run would write it, and what went wrong beyond the output, if anything."""

    text: str  # the text the page should hold for this interpreter (see BlockKind.expected)
    problem: str | None = None
    problem_line: int | None = None  # the body line (0-based) the problem is about


@dataclass(frozen=True)
class Sample:
    """A kind's own test: a page holding one block of the kind with its output left out, the
    example folder it names (`example="sample"`), and a text the written output must contain
    (`{minor}` stands for the lane's version). tests/test_runner/test_kinds.py runs every
    kind's sample: the page fails as it is, an update writes the output in, and then it passes.
    """

    page: str
    files: dict[str, str]
    wants: str


class BlockKind:
    """The base of every kind. Subclasses set the class attributes and implement `execute`."""

    name: str = ""
    languages: tuple[str, ...] = ()  # fence languages this kind runs
    directive: str | None = None  # or: the <!-- NAME: ... --> comment it is written as
    options: tuple[Option, ...] = (EXAMPLE, PYTHON)
    # The dependency group (pyproject.toml) of the tools its process imports, installed into a
    # venv of each lane's interpreter (the lane's tools python), or None: the clean venv.
    tools_group: str | None = None
    per_lane: bool = False  # holds one entry per lane (a table's rows), not one shared output
    # Its output shows exceptions as a reader sees them (a traceback's last line): the errors
    # page lists them, and the page must quote each one in its text (pmv.conventions.checks).
    shows_errors: bool = False
    # A session a reader may run in the browser (pmv.browser.candidates): its code is read by
    # `copy_text`, and Pyodide replays it.
    browser_candidate: bool = False
    # Its own test (see Sample): every kind has one, or test_kinds.py fails for it.
    sample: Sample | None = None

    def check(self, block: Block) -> list[str]:
        """Problems with the block's body, found without running it."""
        return []

    def directive_extent(self, lines: list[str], start: int) -> int:
        """For a directive: the index of the first line after the text it owns."""
        return start

    def execute(self, block: Block, workspace: Workspace, timeout: float) -> Rendered:
        """Run the block in a fresh workspace on the workspace's lane; render the result."""
        raise NotImplementedError

    def copy_text(self, shown: str) -> str | None:
        """What a copy button copies of the block as the page shows it (prompts and outputs
        left out, so that it runs when pasted), or None: the text as it is."""
        return None

    def input_of(self, body: str) -> str:
        """What an author wrote, without the outputs: copies in version tabs must agree on it."""
        return body

    def expected(self, block: Block, minor: str) -> tuple[str, int]:
        """What the page holds for this version, and the page line where that text starts."""
        variant = block.variant_for(minor)
        if variant is None:
            return "", block.line
        return variant.body, variant.body_line

    def same(self, expected: str, actual: str, minor: str) -> bool:
        """Whether the page's text holds for this version's output.

        A text shared by several versions may write the version's own identifiers with an X
        (cpython-31X): it holds for an output that differs from it only there.
        """
        page, run = normalise(expected), normalise(actual)
        if page == run:
            return True
        shared = SHARED_MINOR.replace(".", "")
        return (SHARED_MINOR in page or shared in page) and mask_identifiers(run, minor) == page

    def written(self, block: Block, text: str, minor: str) -> str:
        """For a per-lane kind: the block's new body once this version's entry is written."""
        return text

    def stated_versions(self, block: Block) -> list[str] | None:
        """For a per-lane kind whose entries each name a version (a table's rows): those."""
        return None

    def first_line(self, block: Block) -> int:
        """The body line that a failure at the block as a whole points at."""
        return 0


def example_folder(block: Block, examples: Path) -> Path | None:
    """The folder `example=` names, or None; ValueError if it does not exist."""
    name = block.options.get("example")
    if name is None:
        return None
    path = (examples / name).resolve()
    if not path.is_dir() or not path.is_relative_to(examples.resolve()):
        raise ValueError(f'example="{name}" names no folder: examples/{name} does not exist')
    return path
