"""A term's definition where the term is used: its first use in each section of every page.

The terms are the pages' `<!-- term: NAME | ONE SENTENCE -->` markers, read once per build by
tests/conventions (the same reader the glossary and the convention checks use). Each page's HTML
then gets, at the first use of each term in each h1-h3 section (outside code blocks, headings,
links, a notebook's hidden copies of its code, and the section that defines the term), a button
that discloses the definition:

    <span class="pmv-term"><button type="button" class="pmv-term__use" aria-expanded="false"
      aria-controls="ID" aria-describedby="ID">sys.modules</button><span
      class="pmv-term__definition" id="ID" data-search-exclude="not-text">...</span></span>

The button is in the tab order and screen readers announce the definition as its description;
docs/assets/terms.js shows it on hover, focus and tap and hides it on Escape, and without the
script docs/assets/terms.css shows it on hover and focus. The definition is in the page, so it
reads without either; data-search-exclude keeps it out of each using section's search entry,
with pmv.website.search_index's value, so that the attribute is gone from every page once indexed.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from pmv.conventions import pages

# Inside these a term stays as it is: code blocks, headings, links, and elements that are
# controls already (a button inside a label or a summary would be a control in a control), and a
# definition list's terms, which are defined right there.
LEFT_ALONE = {"pre", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "a", "button", "label", "summary",
              "script", "style", "textarea", "select", "svg", "math", "title"}  # fmt: skip
# A notebook's hidden copy of a cell's code, which its copy button copies: text, not prose.
HIDDEN_COPIES = {"clipboard-copy-txt", "zeroclipboard-container"}
# pmv.website.search_index's mark of what is left out of the index, which it removes from every page
# once indexed (Material's search plugin removes it from all but notebooks' pages).
NOT_INDEXED = 'data-search-exclude="not-text"'
# The pages that hold the definitions already: marking their words would repeat them.
GATHERING_DEFINITIONS = {"glossary.md"}
SECTION_HEADINGS = {"h1", "h2", "h3"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip


@dataclass(frozen=True)
class Term:
    name: str
    definition: str
    src_uri: str  # the defining page, as MkDocs names it: "imports.md"
    anchor: str  # the heading the marker is under
    section: str  # the h1-h3 section holding it, where the term is not marked
    heading: str  # that heading's text, the definition's link text


def _plain(title: str) -> str:
    """A heading's Markdown as text: no backticks, links as their text, no attribute list."""
    title = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title)
    return title.replace("`", "")


def read_terms(docs_dir: Path) -> list[Term]:
    """Every marked term of the pages under docs_dir, with the anchor of its defining heading."""
    terms: list[Term] = []
    defined: dict[str, str] = {}  # a term's name, lower case: where it is defined
    for path in sorted(docs_dir.rglob("*.md")):
        found = pages.read(path)
        where = path.relative_to(docs_dir).as_posix()
        for line, problem in found.problems:
            if "term" in problem:
                raise PluginError(f"docs/{where}:{line}: {problem} (CONTRIBUTING.md, 'Terms')")
        if not found.terms:
            continue
        headings = pages.headings(path.read_text(encoding="utf-8"))
        for term in found.terms:
            above = [h for h in headings if h.line < term.line]
            section = [h for h in above if h.level <= 3]
            anchor, title = above[-1].anchor, above[-1].title
            key = term.name.lower()
            if key in defined:
                raise PluginError(
                    f"docs/{where}:{term.line}: the term {term.name!r} is defined already, at "
                    f"{defined[key]}; a term is defined once (CONTRIBUTING.md, 'Terms')"
                )
            defined[key] = f"docs/{where}:{term.line}"
            within = section[-1].anchor if section else ""
            terms.append(Term(term.name, term.definition, where, anchor, within, _plain(title)))
    return terms


def _pattern(terms: list[Term]) -> re.Pattern:
    """Any term, whole: not part of a longer word, dotted name or hyphenated word; the longest
    first ("namespace package" before "namespace"); a plural "s" after a word's last letter."""
    names = sorted((t.name for t in terms), key=len, reverse=True)
    alternatives = "|".join(
        re.escape(n) + ("s?" if n[-1].isalpha() and n[-1].islower() else "") for n in names
    )
    return re.compile(rf"(?<![\w.\-])(?:{alternatives})(?![\w\-]|\.\w)", re.IGNORECASE)


class _Marker(HTMLParser):
    """The page's HTML again, with the first use of each term in each section marked."""

    def __init__(self, terms: list[Term], page_uri: str, page_url: str, urls: dict[str, str]):
        super().__init__(convert_charrefs=False)
        self.by_name = {t.name.lower(): t for t in terms}
        self.pattern = _pattern(terms)
        self.page_uri = page_uri
        self.page_url = page_url
        self.urls = urls
        self.out: list[str] = []
        self.text: list[str] = []  # the raw text since the last tag, entities included
        self.open: list[tuple[str, bool]] = []  # each open element, and whether it is left alone
        self.section = ""  # the id of the current h1-h3 heading
        self.used: set[str] = set()  # the terms marked in this section
        self.count = 0

    def _flush(self) -> None:
        raw = "".join(self.text)
        self.text = []
        if not raw:
            return
        if any(alone for _, alone in self.open):
            self.out.append(raw)
            return
        text = html.unescape(raw)
        parts, last = [], 0
        for match in self.pattern.finditer(text):
            term = self._term(match[0])
            if term is None or term.name in self.used:
                continue
            if term.src_uri == self.page_uri and term.section == self.section:
                continue  # its own section defines it
            self.used.add(term.name)
            parts.append(html.escape(text[last : match.start()], quote=False))
            parts.append(self._marked(match[0], term))
            last = match.end()
        if not parts:
            self.out.append(raw)
            return
        parts.append(html.escape(text[last:], quote=False))
        self.out.append("".join(parts))

    def _term(self, used: str) -> Term | None:
        key = used.lower()
        return self.by_name.get(key) or self.by_name.get(key[:-1])

    def _marked(self, used: str, term: Term) -> str:
        self.count += 1
        ident = f"pmv-term-{self.count}"
        if term.src_uri == self.page_uri:
            href = f"#{term.anchor}"
        else:
            href = f"{get_relative_url(self.urls[term.src_uri], self.page_url)}#{term.anchor}"
        e = html.escape
        return (
            f'<span class="pmv-term"><button type="button" class="pmv-term__use"'
            f' aria-expanded="false" aria-controls="{ident}" aria-describedby="{ident}">'
            f"{e(used, quote=False)}</button>"
            f'<span class="pmv-term__definition" id="{ident}" {NOT_INDEXED}>'
            f"<strong>{e(term.name, quote=False)}</strong>: {e(term.definition, quote=False)}"
            f' <a href="{e(href)}">{e(term.heading, quote=False)}</a></span></span>'
        )

    def handle_starttag(self, tag, attrs) -> None:
        self._flush()
        if tag in SECTION_HEADINGS:
            self.section = dict(attrs).get("id") or ""
            self.used = set()
        self.out.append(self.get_starttag_text())
        if tag not in VOID:
            classes = set((dict(attrs).get("class") or "").split())
            self.open.append((tag, tag in LEFT_ALONE or bool(classes & HIDDEN_COPIES)))

    def handle_startendtag(self, tag, attrs) -> None:
        self._flush()
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag) -> None:
        self._flush()
        if any(name == tag for name, _ in self.open):
            while self.open.pop()[0] != tag:
                pass
        self.out.append(f"</{tag}>")

    def handle_data(self, data) -> None:
        self.text.append(data)

    def handle_entityref(self, name) -> None:
        self.text.append(f"&{name};")

    def handle_charref(self, name) -> None:
        self.text.append(f"&#{name};")

    def _verbatim(self, text: str) -> None:
        self._flush()
        self.out.append(text)

    def handle_comment(self, data) -> None:
        self._verbatim(f"<!--{data}-->")

    def handle_decl(self, decl) -> None:
        self._verbatim(f"<!{decl}>")

    def handle_pi(self, data) -> None:
        self._verbatim(f"<?{data}>")

    def unknown_decl(self, data) -> None:
        self._verbatim(f"<![{data}]>")

    def result(self) -> str:
        self.close()
        self._flush()
        return "".join(self.out)


_terms: list[Term] = []
_urls: dict[str, str] = {}


def on_files(files, config):
    global _terms, _urls
    _terms = read_terms(Path(config.docs_dir))
    _urls = {f.src_uri: f.url for f in files}
    for term in _terms:
        if term.src_uri not in _urls:
            raise PluginError(f"docs/{term.src_uri}: defines {term.name!r} but is not built")
    return files


def on_page_content(html_text: str, page, config, files) -> str:
    if not _terms or page.file.src_uri in GATHERING_DEFINITIONS:
        return html_text
    marker = _Marker(_terms, page.file.src_uri, page.file.url, _urls)
    marker.feed(html_text)
    marked = marker.result()
    for term in _terms:
        if term.src_uri == page.file.src_uri and f'id="{term.anchor}"' not in marked:
            raise PluginError(
                f"docs/{term.src_uri}: the term {term.name!r} is marked under a heading whose "
                f"anchor pmv.website.terms computes as #{term.anchor}, which the page does not have"
            )
    return marked
