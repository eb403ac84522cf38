"""Published links stay published: readers and other sites link to the site's pages and to the
anchors of their headings, so

- every URL and anchor in published.txt must still resolve in the built site (the page exists,
  or a redirect page stands at its old URL; the anchor is the id of some element of the page);
- every page of the sitemap and every heading anchor of the built site must be in published.txt,
  so that the snapshot stays complete. `--update-published` adds the new ones; it never removes
  one: dropping a published link is a decision made by hand, in a pull request.

Only the ids of headings (h1-h6 inside the page's article) are published. Left out, as not meant
to be linked: Material's own ids (__drawer, __search, __toc, __palette_N, __comments), the ids of
tab inputs (__tabbed_N_N) and of code lines (__codelineno-N-N), which are renumbered when a block
is added, notebook cell ids (cell-N, renumbered when a cell is added), and footnotes (fn:, fnref:;
the site has none). The 404 page is not in the sitemap, so it is not published either.
"""

from __future__ import annotations

import functools
import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from conftest import ROOT

SNAPSHOT = Path(__file__).with_name("published.txt")
REFRESH = "python3 noxfile.py -s site -- --update-published -k stable_links"
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Heading ids that are not meant to be linked, should one ever be given to a heading: Material's
# comments section, tab inputs, code lines, notebook cells, footnotes. (Not every id starting
# with "__": `__spec__.cached` is a real heading's.)
NOT_LINKED = re.compile(r"^(?:__comments$|__tabbed_|__codelineno-|cell-|fn:|fnref:)")
REFRESH_TARGET = re.compile(r"url\s*=\s*['\"]?([^'\"\s>]+)", re.IGNORECASE)
MAX_REDIRECTS = 5


def shown(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


class PageAnchors(HTMLParser):
    """A built page's ids, the ids of the headings in its article, and its redirect, if any."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.heading_ids: list[str] = []
        self.redirect: str | None = None
        self.carries_fragment = False
        self._article = 0
        self._script = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self._article += 1
        if tag == "script":
            self._script += 1
        anchor = attrs.get("id")
        if anchor:
            self.ids.add(anchor)
            if tag in HEADINGS and self._article and not NOT_LINKED.match(anchor):
                self.heading_ids.append(anchor)
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            target = REFRESH_TARGET.search(attrs.get("content") or "")
            self.redirect = target[1] if target else None

    def handle_endtag(self, tag):
        if tag == "article":
            self._article -= 1
        if tag == "script":
            self._script -= 1

    def handle_data(self, data):
        # A meta refresh drops the fragment: a redirect that keeps anchors says so in a script.
        if self._script and "location.hash" in data:
            self.carries_fragment = True


def page_file(site: Path, url_path: str) -> Path:
    """The file that serves a URL path: "/pyc/" is pyc/index.html."""
    relative = url_path.lstrip("/")
    return site / relative / "index.html" if url_path.endswith("/") else site / relative


def read_anchors(file: Path) -> PageAnchors:
    reader = PageAnchors()
    reader.feed(file.read_text(encoding="utf-8"))
    reader.close()
    return reader


def sitemap_paths(site: Path) -> list[str]:
    """The URL paths of the sitemap's pages, from the site's root ("/", "/pyc/"), whatever
    site_url's host and base path are."""
    locs = re.findall(r"<loc>(.*?)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    paths = [unquote(urlsplit(loc.strip()).path) for loc in locs]
    root = min(paths, key=len)  # the home page: every other page lies under it
    return ["/" + path.removeprefix(root).lstrip("/") for path in paths]


def published_in(site: Path) -> set[str]:
    """What the built site publishes: each sitemap page, and its headings' anchors."""
    published = set()
    for path in sitemap_paths(site):
        published.add(path)
        file = page_file(site, path)
        if file.is_file():
            published.update(f"{path}#{anchor}" for anchor in read_anchors(file).heading_ids)
    return published


def source_of(url_path: str) -> str:
    """The file a contributor edits for a page, as far as the URL tells."""
    name = url_path.strip("/")
    candidates = [f"docs/{name or 'index'}.md", f"docs/{name}/index.md"]
    if name.startswith("notebooks/"):
        candidates.insert(0, f"examples/{name}.py")
    for candidate in candidates:
        if (ROOT / candidate).is_file():
            return candidate
    return f"the page at {url_path}"


@dataclass
class Snapshot:
    """published.txt: comment lines (#) first, then one URL path or anchor a line, sorted."""

    path: Path
    header: list[str] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # link -> its line number
    problems: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, path: Path) -> Snapshot:
        snapshot = cls(path)
        if not path.is_file():
            snapshot.problems.append(f"{shown(path)} is missing: `{REFRESH}` writes it")
            return snapshot
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            link = line.strip()
            if (not link or link.startswith("#")) and not snapshot.lines:
                snapshot.header.append(line)
            elif not link:
                continue
            elif not link.startswith("/") or " " in link:
                snapshot.problems.append(
                    f"{shown(path)}:{number}: {line!r} is not a URL path from the site's root "
                    '("/pyc/") or an anchor ("/pyc/#how-do-i-stop-it")'
                )
            elif link in snapshot.lines:
                snapshot.problems.append(
                    f"{shown(path)}:{number}: {link} is listed twice "
                    f"(first on line {snapshot.lines[link]}): delete this line"
                )
            else:
                snapshot.lines[link] = number
        if list(snapshot.lines) != sorted(snapshot.lines):
            snapshot.problems.append(
                f"{shown(path)}: the links are not sorted; `{REFRESH}` sorts them"
            )
        return snapshot

    def add(self, links: set[str]) -> list[str]:
        """Write the snapshot with these links added; none is removed. Returns the new ones."""
        added = sorted(links - set(self.lines))
        kept = sorted(set(self.lines) | links)
        self.path.write_text("\n".join([*self.header, *kept]) + "\n", encoding="utf-8")
        return added


def why_lost(site: Path, link: str, read=read_anchors) -> str | None:
    """Why a published link no longer leads where it did, or None when it still does."""
    url_path, _, anchor = link.partition("#")
    page, hops = url_path, 0
    file = page_file(site, page)
    while True:
        if not file.is_file():
            if page != url_path:
                return f"{url_path} redirects to {page}, which does not exist"
            if anchor:
                return f"its page, {url_path}, is gone (its own line says so)"
            return f"no page at {url_path} any more (no {shown(file)})"
        anchors = read(file)
        if anchors.redirect is None:
            break
        target = urlsplit(urljoin(page, anchors.redirect))
        if target.netloc:
            return f"{page} redirects off the site, to {anchors.redirect}"
        if anchor and not anchors.carries_fragment:
            return (
                f"the redirect page at {page} drops the anchor: it needs the script that "
                "appends location.hash (below)"
            )
        hops += 1
        if hops > MAX_REDIRECTS:
            return f"{url_path} redirects more than {MAX_REDIRECTS} times"
        page = unquote(target.path)
        file = page_file(site, page)
    if anchor and anchor not in anchors.ids:
        return (
            f'{source_of(page)} has no heading or element with id "{anchor}" any more; '
            f"a renamed heading keeps it with {{#{anchor}}}"
        )
    return None


def lost_links(site: Path, snapshot: Snapshot) -> list[str]:
    """One line per published link that no longer resolves: where it is listed, and why."""
    lost = []
    read = functools.cache(read_anchors)  # a page has many anchors: parse it once
    for link, number in snapshot.lines.items():
        why = why_lost(site, link, read)
        if why is not None:
            lost.append(f"  {shown(snapshot.path)}:{number}: {link}: {why}")
    return lost


def lost_report(snapshot: Snapshot, lost: list[str]) -> str:
    return "\n".join(
        [
            f"{len(lost)} published link(s) no longer resolve in the built site. "
            f"{shown(snapshot.path)} lists the URLs and anchors that readers and other sites "
            "link to; each must keep working:",
            *lost,
            "",
            "How to keep each one:",
            "- a renamed heading: give it its old anchor, `## The new title {#old-anchor}` "
            "(attr_list is on), or an alias at its start, which keeps both anchors: "
            '`## <span id="old-anchor"></span>The new title`;',
            "- a moved page: MkDocs has no redirects of its own and the project does not have "
            "the mkdocs-redirects plugin; a file docs/OLD/index.html is copied to the site as "
            "it is, so it can be a redirect page at the old URL:",
            '    <!doctype html><meta http-equiv="refresh" content="0; url=../NEW/">',
            '    <script>location.replace("../NEW/" + location.hash)</script>',
            "  Say in the pull request that you added one, and ask there whether a plugin is "
            "preferred;",
            f"- a link that is meant to go: delete its line from {shown(snapshot.path)} in the "
            "pull request and say why there (the update command never removes one).",
        ]
    )


def unlisted_report(snapshot: Snapshot, missing: list[str]) -> str:
    return "\n".join(
        [
            f"{len(missing)} page(s) or heading anchor(s) of the built site are not in "
            f"{shown(snapshot.path)}, which must list everything the site publishes:",
            *(f"  {link}" for link in missing),
            f"Add them with `{REFRESH}` (it adds, never removes), and commit the file.",
        ]
    )


def test_the_snapshot_is_well_formed():
    snapshot = Snapshot.read(SNAPSHOT)
    assert not snapshot.problems, "\n".join(snapshot.problems)


def test_every_published_link_still_resolves(site: Path):
    snapshot = Snapshot.read(SNAPSHOT)
    lost = lost_links(site, snapshot)
    assert not lost, lost_report(snapshot, lost)


def unlisted(site: Path, snapshot: Snapshot, *, update: bool) -> list[str]:
    """What the built site publishes that the snapshot lacks; with update, it is added."""
    built = published_in(site)
    if update:
        snapshot.add(built)
        return []
    return sorted(built - set(snapshot.lines))


def test_every_page_and_heading_anchor_is_published(site: Path, request: pytest.FixtureRequest):
    snapshot = Snapshot.read(SNAPSHOT)
    missing = unlisted(site, snapshot, update=request.config.getoption("--update-published"))
    assert not missing, unlisted_report(snapshot, missing)


# The checks' own tests, on a throwaway copy of two built pages: no browser, no build.

PAGE = "/pyc/"


@pytest.fixture
def site_copy(site: Path, tmp_path: Path) -> Path:
    """A site with the built home page and the pyc page, to break."""
    for url_path in ("/", PAGE):
        target = page_file(tmp_path, url_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page_file(site, url_path), target)
    shutil.copyfile(site / "sitemap.xml", tmp_path / "sitemap.xml")
    return tmp_path


@pytest.fixture
def anchor(site_copy: Path) -> str:
    """The pyc page's first section heading's anchor (the first heading is the page title)."""
    return read_anchors(page_file(site_copy, PAGE)).heading_ids[1]


def snapshot_of(tmp_path: Path, *links: str) -> Snapshot:
    path = tmp_path / "published.txt"
    path.write_text("# a comment\n" + "\n".join(sorted(links)) + "\n", encoding="utf-8")
    return Snapshot.read(path)


def rewrite(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{file} no longer has {old!r}: pick another anchor for this test"
    file.write_text(text.replace(old, new), encoding="utf-8")


def test_a_removed_anchor_is_reported_with_the_ways_to_keep_it(site_copy: Path, anchor: str):
    kept = read_anchors(page_file(site_copy, PAGE)).heading_ids[2]
    rewrite(page_file(site_copy, PAGE), f'id="{anchor}"', 'id="a-new-title"')
    snapshot = snapshot_of(site_copy, PAGE, f"{PAGE}#{anchor}", f"{PAGE}#{kept}")
    lost = lost_links(site_copy, snapshot)
    assert lost == [
        f"  {snapshot.path}:{snapshot.lines[PAGE + '#' + anchor]}: {PAGE}#{anchor}: docs/pyc.md "
        f'has no heading or element with id "{anchor}" any more; a renamed heading keeps it '
        f"with {{#{anchor}}}"
    ]
    report = lost_report(snapshot, lost)
    assert "{#old-anchor}" in report and '<span id="old-anchor"></span>' in report


def test_an_alias_keeps_a_renamed_heading_anchor(site_copy: Path, anchor: str):
    rewrite(
        page_file(site_copy, PAGE), f'id="{anchor}"', f'id="a-new-title"><span id="{anchor}"></span'
    )
    assert lost_links(site_copy, snapshot_of(site_copy, PAGE, f"{PAGE}#{anchor}")) == []


def test_a_moved_page_needs_a_redirect_that_keeps_the_anchor(site_copy: Path, anchor: str):
    moved = page_file(site_copy, "/bytecode-cache/")
    moved.parent.mkdir()
    page_file(site_copy, PAGE).rename(moved)
    snapshot = snapshot_of(site_copy, PAGE, f"{PAGE}#{anchor}")
    assert [line.split(": ", 1)[1] for line in lost_links(site_copy, snapshot)] == [
        f"{PAGE}: no page at {PAGE} any more (no {page_file(site_copy, PAGE)})",
        f"{PAGE}#{anchor}: its page, {PAGE}, is gone (its own line says so)",
    ]
    assert "mkdocs-redirects" in lost_report(snapshot, lost_links(site_copy, snapshot))

    redirect = '<!doctype html><meta http-equiv="refresh" content="0; url=../bytecode-cache/">'
    page_file(site_copy, PAGE).write_text(redirect, encoding="utf-8")
    assert [line.split(": ", 2)[2] for line in lost_links(site_copy, snapshot)] == [
        f"the redirect page at {PAGE} drops the anchor: it needs the script that appends "
        "location.hash (below)"
    ]
    script = '<script>location.replace("../bytecode-cache/" + location.hash)</script>'
    page_file(site_copy, PAGE).write_text(redirect + script, encoding="utf-8")
    assert lost_links(site_copy, snapshot) == []


def test_an_unlisted_heading_anchor_is_reported_with_the_refresh_command(
    site_copy: Path, anchor: str
):
    built = published_in(site_copy)
    assert {PAGE, f"{PAGE}#{anchor}"} <= built
    snapshot = snapshot_of(site_copy, *(built - {f"{PAGE}#{anchor}"}))
    missing = unlisted(site_copy, snapshot, update=False)
    assert missing == [f"{PAGE}#{anchor}"]
    assert REFRESH in unlisted_report(snapshot, missing)

    assert unlisted(site_copy, snapshot, update=True) == []
    assert unlisted(site_copy, Snapshot.read(snapshot.path), update=False) == []


def test_the_update_adds_and_never_removes(tmp_path: Path):
    snapshot = snapshot_of(tmp_path, "/gone/", "/pyc/")
    assert snapshot.add({"/pyc/", "/pyc/#new", "/about/"}) == ["/about/", "/pyc/#new"]
    assert snapshot.path.read_text(encoding="utf-8") == (
        "# a comment\n/about/\n/gone/\n/pyc/\n/pyc/#new\n"
    )


def test_a_malformed_snapshot_names_its_lines(tmp_path: Path):
    path = tmp_path / "published.txt"
    path.write_text("# header\n/pyc/\npyc/#x\n/a/\n/a/\n", encoding="utf-8")
    problems = Snapshot.read(path).problems
    assert problems == [
        f"{path}:3: 'pyc/#x' is not a URL path from the site's root "
        '("/pyc/") or an anchor ("/pyc/#how-do-i-stop-it")',
        f"{path}:5: /a/ is listed twice (first on line 4): delete this line",
        f"{path}: the links are not sorted; `{REFRESH}` sorts them",
    ]
