"""A notebook's code and outputs can be scrolled from the keyboard.

A cell's code and an output too wide for the screen scroll sideways
(docs/assets/notebooks.css); a keyboard reader scrolls only what can take the focus, so each
is given a place in the tab order, as Material does for the pages' code blocks.
"""

from __future__ import annotations

import re

CODE = re.compile(r'<div class="highlight-ipynb(?P<rest>[^"]*)"')
OUTPUT = re.compile(
    r'(?P<open><div class="jp-RenderedText jp-OutputArea-output[^"]*"[^>]*>\s*)<pre>'
)


def on_page_content(html: str, page, config, files) -> str:
    if 'class="jp-Notebook' not in html:
        return html
    html = CODE.sub(lambda m: f'<div class="highlight-ipynb{m["rest"]}" tabindex="0"', html)
    return OUTPUT.sub(lambda m: f'{m["open"]}<pre tabindex="0">', html)
