"""A "report a wrong claim" link on every section of a topic page (and of the about page).

The link opens the repository's wrong-claim issue form (.github/ISSUE_TEMPLATE/wrong-claim.yml)
with the page's address, the section's anchor and the releases that verified the page already
filled in (an issue form takes its fields' values from the query string, by their ids).
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import urlencode

from mkdocs.exceptions import PluginError

from pmv import stamp

# A section's heading as Python-Markdown writes it, with toc's permalink inside.
HEADING = re.compile(r'<h(?P<level>[23]) id="(?P<id>[^"]+)"[^>]*>.*?</h(?P=level)>', re.S)
FORM = "wrong-claim.yml"


def repository(config) -> str:
    """The repository's address, from the edit links' (mkdocs.yml has no repo_url, see there)."""
    match = re.match(r"(https://github\.com/[^/]+/[^/]+)/edit/", config.edit_uri or "")
    if match is None:
        raise PluginError(
            "pmv.website.report_links: edit_uri in mkdocs.yml is not a GitHub edit address"
        )
    return match[1]


def report_link(config, page_url: str, anchor: str, releases: str) -> str:
    query = urlencode(
        {"template": FORM, "page": page_url, "anchor": f"#{anchor}", "verified": releases}
    )
    return f"{repository(config)}/issues/new?{query}"


def on_page_content(html: str, page, config, files) -> str:
    releases = stamp.releases(page.markdown or "")
    # Not a page of examples (the generated pages, the notebooks), or the home page, whose
    # headings are the generated map's.
    if releases is None or page.is_homepage:
        return html
    page_url = (config.site_url or "") + page.url

    def with_link(match: re.Match) -> str:
        href = escape(report_link(config, page_url, match["id"], releases), quote=True)
        # Under the heading, not in it: the heading stays the section's name (for the table of
        # contents, the search, a screen reader), and the search leaves the link out.
        return (
            f'{match[0]}<div class="pmv-report" data-search-exclude="not-text">'
            f'<a href="{href}" rel="nofollow">Report a wrong claim</a></div>'
        )

    return HEADING.sub(with_link, html)
