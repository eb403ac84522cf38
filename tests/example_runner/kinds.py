"""What every kind of block is, and the registry of them.

A kind of block is an object: the fence languages (or the directive) it claims, the options it
takes, how it checks its body, how it runs on one interpreter and renders the result as the
text the page should hold. Everything else in the runner (collecting, comparing, rewriting,
reporting) works on any kind without knowing which. Adding a kind is one module with one
subclass of BlockKind, listed in `ALL` below.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .options import EXAMPLE, PYTHON, Option
from .sandbox import normalise
from .versions import SHARED_MINOR, mask_identifiers

if TYPE_CHECKING:
    from .pages import Block
    from .sandbox import Workspace


@dataclass
class Rendered:
    """A block as one run would write it, and what went wrong beyond the output, if anything."""

    text: str  # the text the page should hold for this interpreter (see BlockKind.expected)
    problem: str | None = None
    problem_line: int | None = None  # the body line (0-based) the problem is about


class BlockKind:
    """The base of every kind. Subclasses set the class attributes and implement `execute`."""

    name: str = ""
    languages: tuple[str, ...] = ()  # fence languages this kind runs
    directive: str | None = None  # or: the <!-- NAME: ... --> comment it is written as
    options: tuple[Option, ...] = (EXAMPLE, PYTHON)
    needs_tools: bool = False  # runs with the lane's tools python (pytest-examples)
    per_lane: bool = False  # holds one entry per lane (a table's rows), not one shared output

    def check(self, block: Block) -> list[str]:
        """Problems with the block's body, found without running it."""
        return []

    def directive_extent(self, lines: list[str], start: int) -> int:
        """For a directive: the index of the first line after the text it owns."""
        return start

    def execute(self, block: Block, workspace: Workspace, timeout: float) -> Rendered:
        """Run the block in a fresh workspace on the workspace's lane; render the result."""
        raise NotImplementedError

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


def _all() -> list[BlockKind]:
    from .console import ConsoleKind
    from .pycon import PyconKind
    from .python_kind import PythonKind
    from .releases import ReleasesKind
    from .tables import TableKind

    return [PythonKind(), PyconKind(), ConsoleKind(), TableKind(), ReleasesKind()]


ALL = _all()


def for_language(lang: str) -> BlockKind | None:
    return next((kind for kind in ALL if lang in kind.languages), None)


def for_directive(name: str) -> BlockKind | None:
    return next((kind for kind in ALL if kind.directive == name), None)


def by_name(name: str) -> BlockKind:
    return next(kind for kind in ALL if kind.name == name)
