"""The build's half of the site's search: what Material's search plugin is given to index.

Material's search is kept (lunr in a web worker, fed by search/search_index.json); this feature
changes four things around it, and names the search dialog for assistive technology:

- on each page, what is left out of the index: a notebook cell's prompt ("In [1]:"), its copy
  button ("Copied!") and the hidden copy of its code, so that the code is indexed once; and
  version tab labels are kept apart ("3.10 3.11", not "3.103.11");
- a notebook is indexed without its div elements: each cell is one, and Material's index ends
  a section where the element holding its heading ends, so a markdown cell's heading would
  not take the code cells under it into its section. The page the reader gets keeps them;
- every page's theme configuration names docs/assets/search/worker.js as the search worker,
  which runs Material's worker with the site's reading of words and queries (flags, dunders,
  dotted names; see that file and rules.js beside it);
- search_index.json's titles are text: no pilcrow from a notebook's anchor link, no tags.
"""

from __future__ import annotations

import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority

from pmv.website.markup import TAG

# Elements of a rendered notebook that are not its text (mkdocs-jupyter's template).
NOT_TEXT = ("jp-InputPrompt", "jp-OutputPrompt", "zeroclipboard-container", "clipboard-copy-txt")
OPENING_TAG = re.compile(r'<(div|span)\b([^>]*?)\bclass="([^"]*)"')
# Material's search plugin strips data-search-* attributes from the page once it is indexed,
# but only those with a value.
EXCLUDED = ' data-search-exclude="not-text"'
ADJACENT_LABELS = re.compile(r"</label><label\b")
CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
MATERIAL_WORKER = re.compile(
    r"^(?P<base>(?:[^?#]*/)?)assets/javascripts/workers/(?P<name>search\.[\w.]+\.js)$"
)
WORKER = "assets/search/worker.js"


def on_page_content(html: str, page, config, files) -> str:
    def exclude(match: re.Match) -> str:
        classes = match[3].split()
        if not any(name in classes for name in NOT_TEXT):
            return match[0]
        return f'<{match[1]}{match[2]}class="{match[3]}"{EXCLUDED}'

    html = OPENING_TAG.sub(exclude, html)
    return ADJACENT_LABELS.sub("</label> <label", html)


class _WithoutDivs(HTMLParser):
    """HTML with its div tags taken out, and the divs left out of the index dropped whole."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self.dropping = 0  # how deep inside a dropped div

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "div":
            if self.dropping or any(name == "data-search-exclude" for name, _ in attrs):
                self.dropping += 1
        elif not self.dropping:
            self.parts.append(self.get_starttag_text())

    def handle_endtag(self, tag) -> None:
        if tag == "div":
            self.dropping = max(self.dropping - 1, 0)
        elif not self.dropping:
            self.parts.append(f"</{tag}>")

    def handle_startendtag(self, tag, attrs) -> None:
        if not self.dropping:
            self.parts.append(self.get_starttag_text())

    def handle_data(self, data) -> None:
        if not self.dropping:
            self.parts.append(data)

    def handle_entityref(self, name) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name) -> None:
        self.handle_data(f"&#{name};")


def without_divs(html: str) -> str:
    parser = _WithoutDivs()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


@event_priority(100)  # before the search plugin indexes the page
def _index_notebook_without_divs(context, page, config, nav):
    if 'class="jp-Notebook' in page.content:
        page.content_for_reader = page.content
        page.content = without_divs(page.content)
    return context


@event_priority(-100)  # after it has
def _give_the_reader_the_notebook(context, page, config, nav):
    if hasattr(page, "content_for_reader"):
        page.content = page.content_for_reader
        del page.content_for_reader
    return context


on_page_context = CombinedEvent(_index_notebook_without_divs, _give_the_reader_the_notebook)


def on_config(config):
    # Material's worker loads a language's lunr scripts from "../lunr" beside the worker it
    # runs as: from assets/search/worker.js that folder does not exist.
    languages = (
        config.plugins["material/search"].config.lang
        if "material/search" in config.plugins
        else ["en"]
    )
    if list(languages or ["en"]) != ["en"]:
        raise PluginError(
            f"pmv.website.search_index: the search's worker runs English only, not {languages}: "
            "serving other languages' lunr scripts from assets/search/ comes first"
        )
    return config


def on_post_page(output: str, page, config) -> str:
    return with_site_worker(output.replace(EXCLUDED, ""), page.file.src_uri)


def on_post_template(output: str, template_name: str, config) -> str:
    # The pages rendered from a template alone: 404.html, and sitemap.xml (no worker there).
    if not template_name.endswith(".html"):
        return output
    return with_site_worker(output, template_name)


# Material's search dialog has a role but no name, which screen readers then announce as
# "dialog" alone (axe's and Lighthouse's aria-dialog-name).
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED_DIALOG = SEARCH_DIALOG.replace('role="dialog"', 'role="dialog" aria-label="Search"')


def with_site_worker(output: str, name: str) -> str:
    """The page with the site's search worker named in its theme configuration, and its search
    dialog named."""
    output = output.replace(SEARCH_DIALOG, NAMED_DIALOG)
    match = CONFIG.search(output)
    if match is None:
        raise PluginError(f"{name}: no theme configuration (#__config) in the page")
    settings = json.loads(match[2])
    worker = MATERIAL_WORKER.match(settings.get("search", ""))
    if worker is None:
        raise PluginError(
            f"{name}: Material's search worker is not where pmv.website.search_index looks for it: "
            f"{settings.get('search')!r}"
        )
    relative = posixpath.relpath(f"assets/javascripts/workers/{worker['name']}", "assets/search")
    settings["search"] = f"{worker['base']}{WORKER}?material={relative}"
    text = json.dumps(settings, separators=(",", ":"))
    # As Jinja's tojson writes it: nothing in it can close the script element.
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027")):
        text = text.replace(char, escaped)
    return output[: match.start(2)] + text + output[match.end(2) :]


def clean_title(title: str) -> str:
    """A section's title as text: the HTML entities stay, the tags and the pilcrow go."""
    return re.sub(r"\s+", " ", TAG.sub("", title).replace("\u00b6", "")).strip()


@event_priority(-100)  # after the search plugin has written the index
def on_post_build(config) -> None:
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.is_file():
        raise PluginError(f"no search index at {path}: is Material's search plugin enabled?")
    index = json.loads(path.read_text(encoding="utf-8"))
    for doc in index["docs"]:
        doc["title"] = clean_title(doc["title"])
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
