"""Reading the HTML the build writes: one definition of a tag, and the text of a fragment."""

from __future__ import annotations

import html
import re

TAG = re.compile(r"<[^>]+>")


def text_of(fragment: str) -> str:
    """The fragment as a reader sees its text: tags gone, entities and character references
    read."""
    return html.unescape(TAG.sub("", fragment))
