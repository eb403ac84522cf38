"""Checks of a page as a reader searches it: error messages in the text, lines that fit a phone."""

from __future__ import annotations

import re
from pathlib import Path

from pmv.markdown_reader import Document
from pmv.page import read_page

# The last line of a traceback: the exception's name, and its message if it has one.
EXCEPTION = re.compile(
    r"^(?:[A-Za-z_][\w.]*\.)?[A-Z]\w*(?:Error|Exception|Warning|Exit|Interrupt)(?:: .+)?$"
)


def prose(text: str) -> str:
    """The page without its fenced blocks: what a reader reads as text and headings."""
    return "\n".join(line for _, line in Document(text).outside())


def unexplained_errors(path: Path, root: Path) -> list[tuple[int, str]]:
    """(line, message) for each exception line an output shows that the text never quotes."""
    page = read_page(path, root)
    text = prose(page.text)
    missing = []
    for block in page.blocks:
        if not block.kind.shows_errors:
            continue
        for variant in block.variants:
            for offset, line in enumerate(variant.body.splitlines()):
                if EXCEPTION.match(line.strip()) and line.strip() not in text:
                    missing.append((variant.body_line + offset, line.strip()))
    return missing
