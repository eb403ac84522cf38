"""The conventions a page's executed blocks follow, checked on the runner's reading of the page:

- every line of a block fits a phone (WIDTH columns), unless its fence says why it may not
  (`wide="a path of the interpreter"`);
- a block whose output differs by version (it has version tabs) says what changed and why, on
  its first fence (`changes="3.11 froze the start-up modules (What's New 3.11)"`).

An update run is not held to them: it is what shows the author the new outputs, and the next
test run asks for both.
"""

from __future__ import annotations

from pmv.kinds.options import WIDTH
from pmv.page import Page, Where


def block_problems(page: Page) -> list[tuple[Where, str]]:
    """A problem for each block that breaks one of these conventions (the first it breaks)."""
    if page.updating:
        return []
    problems = []
    for block in page.blocks:
        if block.kind.directive is not None:  # a table's rows are the interpreters' to write
            continue
        problem = _too_wide(block) or _unexplained_tabs(block)
        if problem:
            problems.append((Where(page.shown, problem[0]), problem[1]))
    return problems


def _too_wide(block) -> tuple[int, str] | None:
    if "wide" in block.options:
        return None
    for variant in block.variants:
        for offset, text in enumerate(variant.body.splitlines()):
            if len(text) > WIDTH:
                return (
                    variant.body_line + offset,
                    f"this line is {len(text)} columns wide, more than the {WIDTH} a phone "
                    "shows: shorten the command or what it prints, or say on the fence why "
                    'it may not be (wide="a path of the interpreter")',
                )
    return None


def _unexplained_tabs(block) -> tuple[int, str] | None:
    if len(block.variants) > 1 and "changes" not in block.options:
        return (
            block.line,
            "this block's output differs by version (its tabs): say what changed and why on "
            'its first fence, changes="3.11 froze the start-up modules (What\'s New 3.11)"',
        )
    return None
