"""How a page starts on a phone: the root element's classes set before the page is first
styled, and a first paint that holds the page's opening text.

Three scripts change the classes of `<html>` as they start, at the end of the body, after the
phone has styled the whole page once: Material swaps `no-js` for `js`, its focus-visible
polyfill adds `js-focus-visible`, docs/assets/terms.js adds `pmv-terms-js`. Any class changed
on the root restyles every element of the page again (Material's `table:not([class])` rules
make a class attribute's change invalidate all that is under the element), three times. A
line at the top of the head sets the same classes before the first style, so that those
scripts change nothing; without JavaScript the page keeps `no-js`, as before. (terms.js is
in every page, mkdocs.yml's extra_javascript.)

The navigation comes before the article in the page, and the browser may paint first with
the header alone: the opening paragraph, the largest text on the screen, is then painted only
after Material's script has run. `<link rel="expect" blocking="render">` holds the first paint
until the article's first section heading is parsed, so that the paragraphs above it are in
it. (A browser without it ignores it; one never finding the heading paints when the page is
parsed.)
"""

from __future__ import annotations

import re

CLASSES = (
    "<script>var c=document.documentElement.classList;"
    'c.replace("no-js","js");c.add("js-focus-visible","pmv-terms-js")</script>'
)
FIRST_SECTION = re.compile(r'<article\b.*?<h2 id="(?P<id>[^"]+)"', re.S)


def on_post_page(output: str, page, config) -> str:
    head = CLASSES
    section = FIRST_SECTION.search(output)
    if section is not None:
        head += f'<link rel="expect" href="#{section["id"]}" blocking="render">'
    return output.replace("<head>", "<head>" + head, 1)
