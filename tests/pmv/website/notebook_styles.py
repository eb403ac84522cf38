"""A notebook page keeps only the part of JupyterLab's style that can apply to it.

mkdocs-jupyter writes the whole of JupyterLab's stylesheet into every notebook page, 575 KB of
it inline (88 % of the page), for widgets, editors and menus a static notebook never has; a
phone downloads and parses it before it can paint. This hook drops each rule none of whose
selectors can match the page: a selector names a class the page's markup does not have. What
is left styles the page exactly as before (tests/test_site/test_notebook_styles.py compares
screenshots of every notebook with and without this hook).

A static notebook has no JupyterLab script to add classes later; Material's own classes are
not in this stylesheet. Rules of at-rules that hold rules (`@media`, `@supports`, `@layer`,
`@container`) are filtered inside; every other at-rule (`@font-face`, `@keyframes`, `@import`,
`@charset`) is kept whole.
"""

from __future__ import annotations

import re

STYLE = re.compile(r'(<style type="text/css">)(.*?)(</style>)', re.S)
CLASS_ATTRIBUTE = re.compile(r'\sclass="([^"]*)"')
CLASS_IN_SELECTOR = re.compile(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")
GROUPING = ("@media", "@supports", "@layer", "@container")
COMMENT = re.compile(r"/\*.*?\*/", re.S)


def _blocks(css: str) -> list[tuple[str, str | None]]:
    """The top-level statements: (prelude, body) for a block, (statement, None) for one that
    ends at a semicolon. Strings and comments are skipped over, so a brace in them is text."""
    out, start, depth, i, body_start = [], 0, 0, 0, 0
    while i < len(css):
        c = css[i]
        if c in "\"'":
            end = css.find(c, i + 1)
            while end != -1 and css[end - 1] == "\\":
                end = css.find(c, end + 1)
            i = len(css) if end == -1 else end + 1
            continue
        if css.startswith("/*", i):
            end = css.find("*/", i + 2)
            i = len(css) if end == -1 else end + 2
            continue
        if c == "{":
            if depth == 0:
                body_start = i + 1
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                out.append((css[start : body_start - 1], css[body_start:i]))
                start = i + 1
        elif c == ";" and depth == 0:
            out.append((css[start : i + 1], None))
            start = i + 1
        i += 1
    if css[start:].strip():
        out.append((css[start:], None))
    return out


def _can_match(selector: str, classes: set[str]) -> bool:
    # :not(.x) matches without .x: a class inside :not() or :where()-like functions proves
    # nothing, so only the classes outside parentheses are required.
    outside = re.sub(r"\([^()]*\)", "", selector)
    return all(name in classes for name in CLASS_IN_SELECTOR.findall(outside))


def purge(css: str, classes: set[str]) -> str:
    kept = []
    for prelude, body in _blocks(css):
        if body is None:
            kept.append(prelude)
            continue
        head = COMMENT.sub("", prelude).strip()  # "/* Keyword */ .kn" names no class Keyword
        if head.startswith("@"):
            if head.lower().startswith(GROUPING):
                inner = purge(body, classes)
                if inner.strip():
                    kept.append(f"{head}{{{inner}}}")
            else:
                kept.append(f"{head}{{{body}}}")
            continue
        selectors = [s for s in _split_selectors(head) if _can_match(s, classes)]
        if selectors:
            kept.append(f"{','.join(selectors)}{{{body}}}")
    return "".join(kept)


def _split_selectors(selector_list: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside :is(...) and the like)."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(selector_list):
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(selector_list[start:i])
            start = i + 1
    parts.append(selector_list[start:])
    return [part.strip() for part in parts if part.strip()]


def on_page_content(html: str, page, config, files) -> str:
    if 'class="jp-Notebook' not in html:
        return html
    classes = {name for value in CLASS_ATTRIBUTE.findall(html) for name in value.split()}
    return STYLE.sub(lambda m: m[1] + purge(m[2], classes) + m[3], html)
