"""Each lane of a run checks the page's stamp, the line that says which releases verified it.

The stamp's entry for a lane's version must name that lane's exact release: a page written by
3.13.0 fails on a lane that has 3.13.18, even where the outputs agree. An update writes the
run's releases into it instead, with its blocks' outputs (pmv.page.apply dates it).
"""

from __future__ import annotations

import difflib

from pmv import stamp
from pmv.page import Page, Where
from pmv.run import messages
from pmv.run.runner import Verdict


def judge(page: Page, interpreter, *, update: bool) -> Verdict:
    """Passed when the stamp names this interpreter's release; else failed, or updated."""
    minor = interpreter.minor
    said = page.stamp.release(minor)
    if said == interpreter.release:
        return Verdict("passed")
    if update:
        return Verdict("updated")
    where = Where(page.shown, page.stamp.text_line)
    wanted = page.stamp.written({minor: stamp.entry_of(interpreter)})
    diff = "".join(
        difflib.unified_diff(
            [page.stamp.text + "\n"] if page.stamp.text else [],
            [wanted],
            fromfile=f"{where} (the page)",
            tofile=f"Python {interpreter.label} (the run)",
        )
    )
    what = f"names {said}" if said else "names no release"
    return Verdict(
        "failed",
        f"{where}: the page's verified-with line {what} of Python {minor}, and this run's is "
        f"{interpreter.label}: its outputs were not written by this interpreter.\n\n{diff}\n"
        + messages.refresh(page.shown, minor),
    )


def rewrite(page: Page, entries: dict[str, str]) -> tuple[int, int, str]:
    """The stamp with these lanes' entries ({"3.12": "3.12.1 (pyenv)"}) written in."""
    return page.stamp.start, page.stamp.end, page.stamp.written(entries)
