"""A notebook page styled by the part of JupyterLab's style that hooks/notebook_styles.py keeps
looks exactly as it would with the whole of it: each inline stylesheet put back whole, where it
was, changes no element's computed style, in either palette, at either width."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import mkdocs_jupyter
import nbformat
import pytest
from conftest import SITE
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from test_browser import VIEWPORTS, visit

ASSETS = Path(mkdocs_jupyter.__file__).parent / "templates" / "mkdocs_html" / "assets"
NOTEBOOKS = sorted(
    "/" + p.parent.relative_to(SITE).as_posix() + "/" for p in SITE.glob("notebooks/*/index.html")
)
# Every element's computed style, and its ::before's and ::after's, as one text each, kept in
# the page (they are megabytes): the second call returns the elements whose text changed.
STYLES = """() => {
  const elements = [...document.querySelectorAll('.jupyter-wrapper, .jupyter-wrapper *')];
  const names = Array.from(getComputedStyle(document.body));
  const text = s => names.map(name => s.getPropertyValue(name)).join(';');
  const styles = elements.map(e => [text(getComputedStyle(e)), ...['::before', '::after'].map(p => {
    // A pseudo-element with no content is not drawn: its content is all there is to compare.
    const s = getComputedStyle(e, p);
    return s.content === 'none' || s.content === 'normal' ? s.content : text(s);
  })].join('|'));
  if (!window.keptStyles) { window.keptStyles = styles; return elements.length; }
  return styles.flatMap((s, i) =>
    s === window.keptStyles[i] ? [] : [elements[i].outerHTML.slice(0, 200)]);
}"""


# The page's three stylesheets (mkdocs-jupyter writes them in this order, each in a
# <style type="text/css"> of the content), each given back its whole text.
PUT_BACK = """wholes => {
  const found = document.querySelectorAll('.md-content style[type="text/css"]');
  if (found.length !== wholes.length) throw new Error(`${found.length} stylesheets`);
  wholes.forEach((css, i) => { found[i].textContent = css; });
}"""


def whole_stylesheets() -> list[str]:
    """The stylesheets as mkdocs-jupyter writes them: its template renames .highlight in the
    code's colours (nbconvert's), not in JupyterLab's own."""
    # The code's colours, as nbconvert generates them for the notebook's cells.
    with tempfile.TemporaryDirectory() as config_dir:
        _, resources = CSSHTMLHeaderPreprocessor(highlight_class=".highlight").preprocess(
            nbformat.v4.new_notebook(), {"config_dir": config_dir}
        )
    (pygments,) = resources["inlining"]["css"]
    return [
        pygments.replace(".highlight ", ".highlight-ipynb "),
        (ASSETS / "index.css").read_text(encoding="utf-8"),
        (ASSETS / "theme-light.css").read_text(encoding="utf-8"),
    ]


def test_the_hook_leaves_out_most_of_the_style():
    whole = sum(len(css) for css in whole_stylesheets())
    for path in NOTEBOOKS:
        built = (SITE / path.strip("/") / "index.html").read_text(encoding="utf-8")
        assert len(built) < whole / 2, f"{path}: {len(built)} bytes, the whole style {whole}"
    assert len(NOTEBOOKS) >= 3, NOTEBOOKS


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", NOTEBOOKS)
def test_the_whole_style_put_back_changes_nothing(page, server, path, scheme, viewport):
    page.set_viewport_size(VIEWPORTS[viewport])
    page.emulate_media(color_scheme=scheme)
    visit(page, server, path)
    assert page.evaluate(STYLES) > 100, "no notebook on the page"
    page.evaluate(PUT_BACK, whole_stylesheets())
    changed = page.evaluate(STYLES)
    assert not changed, f"{len(changed)} elements restyled, the first: {json.dumps(changed[0])}"
