"""Code blocks and tables that cost a phone less to start: fewer elements, copy buttons
written at build time, tables wrapped where Material's script moves them; the same text,
colours and buttons.

Material's script restyles and measures the whole page several times while it starts (its
palette, its copy buttons), so the cost of a page's first seconds on a phone grows with its
number of elements, and most of them are Pygments' spans in the code blocks. Three kinds carry
nothing the reader sees:

- a whitespace token's span (`<span class="w"> </span>`): Material gives `.w` no style;
- a name's (`<span class="n">`): Material colours `.n` with `--md-code-hl-name-color`, which is
  the code's own colour, `--md-code-fg-color`, in both palettes (not in a notebook, whose
  code has its own colours, so the notebooks keep theirs);
- a run of output lines (`go`, the "generic output" token), one span a line: one span holds
  the run, newlines included, in the same colour.

Material's `content.code.copy` adds each block's copy button when the page loads, measuring the
block after each insertion: one forced style and layout of the page per block. The buttons are
written here instead, as Material renders them (`<nav class="md-code__nav">` in the `pre`,
before the `code`), so mkdocs.yml leaves that feature off. Material's clipboard integration
handles their clicks (any `[data-clipboard-target]`) and copies the block's `data-copy`
(pmv.website.copy_buttons) or its text. The target names the block by a data attribute, not
the `pre`'s id, which Material's script sets itself.

Material's script also moves each table into a scrolling wrapper when the page loads. A child
added to the article restyles the whole article (its rules on first, last and adjacent
children); inside a `div` of its own, the move restyles only that `div`. The `div` has no
style: the table and Material's wrapper look as they did.
"""

from __future__ import annotations

import itertools
import re

WHITESPACE = re.compile(r'<span class="w">([^<]*)</span>')
NAME = re.compile(r'<span class="n">([^<]*)</span>')
# Two or more output lines in a row, each a whole line.
OUTPUT_RUN = re.compile(r'<span class="go">[^<]*</span>(?:\n<span class="go">[^<]*</span>)+')
OUTPUT_LINE = re.compile(r'<span class="go">([^<]*)</span>')
# A code block's start as pymdownx.highlight writes it (an empty span, then the code).
PRE = re.compile(r"<pre(?P<attrs>[^>]*)>(?P<lead>(?:<span></span>)?)<code")
# Material's own title for the button (its "clipboard.copy" translation; the site is English).
COPY_TITLE = "Copy to clipboard"
# A Markdown table, which Material's script wraps (one without a class: `table:not([class])`).
TABLE = re.compile(r"<table>.*?</table>", re.S)


def with_buttons(html: str) -> str:
    numbers = itertools.count()

    def button(match: re.Match) -> str:
        if "data-pmv-code" in match["attrs"]:
            return match[0]
        n = next(numbers)
        return (
            f'<pre{match["attrs"]} data-pmv-code="{n}">{match["lead"]}'
            f'<nav class="md-code__nav"><button class="md-code__button" title="{COPY_TITLE}" '
            f'data-clipboard-target="pre[data-pmv-code=&quot;{n}&quot;] &gt; code" '
            f'data-md-type="copy"></button></nav><code'
        )

    return PRE.sub(button, html)


def merged(run: re.Match) -> str:
    return '<span class="go">' + "\n".join(OUTPUT_LINE.findall(run[0])) + "</span>"


def on_page_content(html: str, page, config, files) -> str:
    html = WHITESPACE.sub(r"\1", html)
    if 'class="jp-Notebook' not in html:
        html = NAME.sub(r"\1", html)
    html = OUTPUT_RUN.sub(merged, html)
    html = TABLE.sub(lambda table: f'<div class="pmv-table">{table[0]}</div>', html)
    return with_buttons(html)
