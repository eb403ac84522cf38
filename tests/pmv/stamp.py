"""A page's stamp: the line that says which interpreters verified it, written by the update run.

    <!-- verified-with -->
    Verified on CPython 3.12.1 (pyenv), 3.13.18 (Debian sid chroot). Last updated on 2026-12-02.

It belongs to the page, not to a block (page.py reads it into `Page.stamp`). Each lane of a run
checks its own entry's exact release (where it came from is said to readers, not checked: CI
runs the same releases from another source); so a page whose outputs were written by 3.13.0
fails on a lane that has 3.13.18, even where the outputs agree, naming the command that
rewrites the page with the run's interpreters. Every page of docs/ with executed blocks ends
with one (tests/test_pages.py checks it).

The date is the day an update last changed the page's blocks or this line's releases; an update
that changes nothing keeps it (SOURCE_DATE_EPOCH, if set, is the day, as in reproducible builds).
"""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass

from pmv.markdown_reader import Document
from pmv.versions import SUPPORTED, version_key

COMMENT = "verified-with"
PREFIX = "Verified on CPython "
_ENTRY = re.compile(r"(?P<release>(?P<minor>\d+\.\d+)\.\S+) \((?P<origin>[^)]+)\)")
_DATE = re.compile(r" Last updated on (\d{4}-\d{2}-\d{2})\.$", re.M)
_LINE = re.compile(rf"^{re.escape(PREFIX)}.*$", re.M)


@dataclass(frozen=True)
class Stamp:
    line: int  # the comment's line
    text: str  # the line under it, without its ending: "" before the first update
    start: int  # where that line is in the page's text (where it goes, if there is none)
    end: int

    @property
    def text_line(self) -> int:
        return self.line + 1

    @property
    def entries(self) -> dict[str, str]:
        """The entries of the line, keyed by minor version: {"3.12": "3.12.1 (pyenv)"}."""
        return entries(self.text)

    def release(self, minor: str) -> str | None:
        """The exact release the line names for a version: "3.12.1"."""
        entry = self.entries.get(minor)
        return entry.split(" (")[0] if entry else None

    def written(self, new: dict[str, str]) -> str:
        """The line with these entries ({"3.12": "3.12.1 (pyenv)"}) written in, the others
        kept (but those of versions the site no longer covers), undated (`dated` dates it)."""
        by_minor = {m: e for m, e in self.entries.items() if m in SUPPORTED}
        by_minor.update(new)
        ordered = [by_minor[m] for m in sorted(by_minor, key=version_key)]
        return PREFIX + ", ".join(ordered) + ".\n"


def read(document: Document) -> Stamp | None:
    """The page's stamp, or None if the page has no `<!-- verified-with -->` line."""
    comments = document.comments_named(COMMENT)
    if not comments:
        return None
    line = comments[0].line
    start = document.offsets[line]  # after the comment's line
    below = document.lines[line] if line < len(document.lines) else ""
    if below.startswith(PREFIX):
        return Stamp(line, below.rstrip("\r\n"), start, start + len(below))
    return Stamp(line, "", start, start)


def entries(text: str) -> dict[str, str]:
    """The entries of a stamp's line, keyed by minor version: {"3.12": "3.12.1 (pyenv)"}."""
    return {m["minor"]: m[0] for m in _ENTRY.finditer(text)}


def releases(text: str) -> str | None:
    """What a page's stamp says verified it, as readers see it ("3.10.13 (pyenv), ..."), or
    None if the page has none."""
    found = read(Document(text))
    if found is None or not found.text:
        return None
    return _DATE.sub("", found.text).removeprefix(PREFIX).rstrip(".")


def today() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (
        datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
        if epoch and epoch.isdigit()
        else datetime.datetime.now(datetime.timezone.utc)
    )
    return moment.date().isoformat()


def dated(new: str, old: str) -> str:
    """The page an update writes (`new`; `old` as it was), its stamp dated: today's date when
    anything else in the page changed, the date it had when nothing did."""
    undated = lambda text: _DATE.sub("", text)  # noqa: E731
    kept = _DATE.search(old)
    date = kept[1] if kept and undated(new) == undated(old) else today()
    return _LINE.sub(lambda m: f"{_DATE.sub('', m[0])} Last updated on {date}.", new, count=1)


def entry_of(interpreter) -> str:
    return f"{interpreter.release} ({interpreter.origin})"
