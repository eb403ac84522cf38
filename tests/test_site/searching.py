"""The site's search as a reader sees its results, without a browser: the worker every page
names, run under Node on the built index (search_harness.js), and its answer laid out the way
Material's result list lays it out.

Material renders each group of results (one page) as the page's own entry first, then the
sections that score as well as the group's best, then a folded "N more on this page" with the
rest (`renderSearchResultItem` in Material's bundle). test_browser.py holds this reading to
what the browser shows for a few queries; the other search tests use it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import SITE

HARNESS = Path(__file__).with_name("search_harness.js")


def node() -> str:
    found = shutil.which("node")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("node is needed to run the site's search worker")
        pytest.skip("no node on PATH")
    return found


def harness(*queries: str) -> dict:
    """The built site's search worker under Node, given these queries."""
    done = subprocess.run(
        [node(), str(HARNESS), str(SITE), *queries], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@dataclass(frozen=True)
class Shown:
    """One query's results, first to last, as links from the site's root."""

    sections: list[str]  # the links to sections, without those folded under "N more"
    pages: list[str]  # the page at the head of each group


def shown(*queries: str) -> dict[str, Shown]:
    answers = harness(*queries)["queries"]
    return {query: _laid_out(answers[query]["groups"]) for query in queries}


def _laid_out(groups: list[list[dict]]) -> Shown:
    sections, pages = [], []
    for group in groups:
        docs = list(group)
        threshold = docs[0]["score"]
        # Material splices out the first entry without "#" (the last one if there is none).
        parent = next((i for i, d in enumerate(docs) if "#" not in d["location"]), -1)
        article = docs.pop(parent)
        cut = next((i for i, d in enumerate(docs) if d["score"] < threshold), len(docs))
        pages.append("/" + article["location"])
        sections += [
            "/" + d["location"]
            for d in [article, *docs[:cut]]
            if "#" in d["location"] and not d["location"].endswith("#")
        ]
    return Shown(sections, pages)
