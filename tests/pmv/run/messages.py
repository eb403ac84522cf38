"""What a failure tells the contributor to do: the one place the commands are named.

The commands are the noxfile's (CONTRIBUTING.md, "The commands"): `tests`, `tests-3.X`,
`update`, `update-3.X`, each taking page paths. A hint never names a command that would make
another interpreter's run fail: an update on one version keeps the other versions' outputs.
"""

from __future__ import annotations


def refresh(page: str, minor: str) -> str:
    """The command that writes this run's output into a page (as messages show its path)
    without breaking another lane.

    An update on one version keeps the outputs of the others and regroups the version tabs.
    """
    return (
        f"To write this run's output into the page: python3 noxfile.py -s update-{minor} -- {page}"
    )


NONDETERMINISTIC = (
    "Make the example print the same text on every run (sort what has no order, print a "
    "fact about an object rather than its repr with an address, set file times explicitly); "
    "nothing about an output is masked but the paths listed on docs/about.md."
)


def missing_lane(minor: str) -> str:
    return (
        f"Python {minor}: no interpreter found on this machine (pyenv, python{minor} on PATH, "
        "or the Debian chroot: python3 noxfile.py -s chroot); its blocks did not run"
    )
