"""The line that says which interpreters verified a page, written by the update run.

    <!-- verified-with -->
    Verified on CPython 3.12.1 (pyenv), 3.13.18 (Debian sid chroot). Last updated on 2026-12-02.

The date is the day an update last changed the page's blocks or this line's releases; an update
that changes nothing keeps it (SOURCE_DATE_EPOCH, if set, is the day, as in reproducible builds).

Each lane checks its own entry's exact release (where it came from is said to readers, not
checked: CI runs the same releases from another source). So a page whose outputs were written
by 3.13.0 fails on a lane that has 3.13.18, even where the outputs agree, naming the command
that rewrites the page with the run's interpreters. Every page of docs/ with executed blocks
ends with one (tests/test_pages.py checks it).
"""

from __future__ import annotations

import datetime
import os
import re

from pmv.kinds.base import BlockKind, Rendered
from pmv.versions import SUPPORTED, version_key

PREFIX = "Verified on CPython "
_ENTRY = re.compile(r"(?P<release>(?P<minor>\d+\.\d+)\.\S+) \((?P<origin>[^)]+)\)")


def entries(body: str) -> dict[str, str]:
    """The entries of the line, keyed by minor version: {"3.12": "3.12.1 (pyenv)"}."""
    return {m["minor"]: m[0] for m in _ENTRY.finditer(body)}


_DATE = re.compile(r" Last updated on (\d{4}-\d{2}-\d{2})\.$", re.M)
_LINE = re.compile(rf"^{re.escape(PREFIX)}.*$", re.M)


def today() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (
        datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
        if epoch and epoch.isdigit()
        else datetime.datetime.now(datetime.timezone.utc)
    )
    return moment.date().isoformat()


def dated(new: str, old: str) -> str:
    """The page an update writes (`new`; `old` as it was), its verified line dated: today's
    date when anything else in the page changed, the date it had when nothing did."""
    undated = lambda text: _DATE.sub("", text)  # noqa: E731
    kept = _DATE.search(old)
    date = kept[1] if kept and undated(new) == undated(old) else today()
    return _LINE.sub(lambda m: f"{_DATE.sub('', m[0])} Last updated on {date}.", new, count=1)


def line(by_minor: dict[str, str]) -> str:
    ordered = [by_minor[m] for m in sorted(by_minor, key=version_key)]
    return PREFIX + ", ".join(ordered) + ".\n"


def entry_of(interpreter) -> str:
    return f"{interpreter.release} ({interpreter.origin})"


class ReleasesKind(BlockKind):
    name = "verified"
    directive = "verified-with"
    options = ()
    per_lane = True

    def directive_extent(self, lines, start) -> int:
        return start + 1 if start < len(lines) and lines[start].startswith(PREFIX) else start

    def execute(self, block, workspace, timeout) -> Rendered:
        return Rendered(entry_of(workspace.lane.interpreter) + "\n")

    def expected(self, block, minor) -> tuple[str, int]:
        found = entries(block.body).get(minor)
        return (found + "\n" if found else ""), block.body_line

    def same(self, expected, actual, minor) -> bool:
        """The exact release must be the page's; where it came from is said, not checked (CI
        runs the same releases from another source)."""
        return expected.split(" (")[0].strip() == actual.split(" (")[0].strip()

    def written(self, block, text, minor) -> str:
        by_minor = {m: e for m, e in entries(block.body).items() if m in SUPPORTED}
        by_minor[minor] = text.strip()
        return line(by_minor)
