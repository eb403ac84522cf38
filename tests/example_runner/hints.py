"""What a failure tells the contributor to do: the one place the commands are named.

The commands are the noxfile's (CONTRIBUTING.md, "The commands"): `tests`, `tests-3.X`,
`update`, `update-3.X`, each taking page paths. A hint never names a command that would make
another interpreter's run fail: a block that claims several versions is refreshed on all of
them at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .pages import Block


def refresh(block: Block, minor: str) -> str:
    """The command that writes this run's output into the page without breaking another lane."""
    versions = block.condition.supported_matches()
    page = block.shown
    if versions == [minor]:
        return (
            f"To write this run's output into the page: python3 noxfile.py -s update-{minor} "
            f"-- {page}"
        )
    return (
        f"The block claims one output on {', '.join(versions)}; to write the output into the "
        f"page and check it on every interpreter at once: python3 noxfile.py -s update -- {page}"
    )


NONDETERMINISTIC = (
    "Make the example print the same text on every run (sort what has no order, print a "
    "fact about an object rather than its repr with an address, set file times explicitly); "
    "nothing about an output is masked but the paths listed on docs/about.md."
)

SPLIT_BY_VERSION = (
    'Put one variant per version in content tabs (=== "3.12"), each fence with '
    'python="3.12" (or a range such as python=">=3.12").'
)


def missing_lane(minor: str) -> str:
    return (
        f"Python {minor}: no interpreter found on this machine (pyenv, python{minor} on PATH, "
        "or the Debian chroot: python3 noxfile.py -s chroot); its blocks did not run"
    )
