"""The workflows' matrices, read from the project: GitHub cannot import the version list.

ci.yml and drift.yml start with a job that runs `python3 noxfile.py -s matrix`, which writes
these as its outputs; their version jobs read them with fromJSON.
"""

from __future__ import annotations

from pmv.page import read_page
from pmv.project import PROJECT
from pmv.versions import SUPPORTED


def matrix() -> dict[str, object]:
    """What GitHub's jobs run on: each supported version, with the exact release the pages'
    stamps name for it (CI checks the pages with the releases that wrote them)."""
    releases: dict[str, str] = {}
    for path in sorted(PROJECT.docs.glob("*.md")):
        found = read_page(path, PROJECT.root).stamp
        for minor in SUPPORTED:
            release = found.release(minor) if found else None
            if release:
                releases.setdefault(minor, release)
    include = [{"python": v, "release": releases.get(v, v)} for v in SUPPORTED]
    return {"versions": list(SUPPORTED), "matrix": {"include": include}}
