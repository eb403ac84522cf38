"""docs/errors.md: every exception line an output on the site shows, with where it is explained.

An exception line is the last line of a traceback as the interpreter prints it
(conventions.checks.EXCEPTION). Each is listed verbatim, grouped by exception, with the versions
whose output shows it and the sections whose examples print it.
"""

from __future__ import annotations

import re
from collections import defaultdict

from pmv.conventions.checks import EXCEPTION
from pmv.page import read_page
from pmv.reference.site_model import HEADER, ROOT, Section, TopicPage
from pmv.versions import SUPPORTED

# What the interpreter prints without a traceback, before it runs any code: `-m`'s errors
# ("python: No module named pip"), an unknown option, a fatal error.
BY_PYTHON = re.compile(
    r"^(?:\S*/bin/)?python[\d.]*: .+$|^Unknown option: .+$|^Fatal Python error: .+$"
)
PYTHON_ITSELF = "Printed by python itself"


def ranges(versions: set[str]) -> str:
    """3.10–3.12, 3.14: runs of consecutive supported versions."""
    runs, run = [], []
    for minor in SUPPORTED:
        if minor in versions:
            run.append(minor)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return ", ".join(r[0] if len(r) == 1 else f"{r[0]}\u2013{r[-1]}" for r in runs)


def code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def collect(pages: list[TopicPage]) -> dict[str, dict[str, dict[Section, set[str]]]]:
    """{exception: {line: {section: versions}}}"""
    found: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(set)))
    for page in pages:
        parsed = read_page(page.path, ROOT)
        for block in parsed.blocks:
            if not block.kind.shows_errors:
                continue
            for variant in block.variants:
                versions = set(variant.versions or block.verified or block.versions)
                versions &= set(block.versions)
                for line in variant.body.splitlines():
                    line = line.strip()
                    if EXCEPTION.match(line):
                        name = line.split(":", 1)[0].rsplit(".", 1)[-1]
                    elif BY_PYTHON.match(line):
                        name = PYTHON_ITSELF
                    else:
                        continue
                    found[name][line][page.section_at(block.line)] |= versions
    return found


def render(pages: list[TopicPage]) -> tuple[str, list[str]]:
    found = collect(pages)
    out = [
        HEADER.format(what="errors.py", source="the pages' examples (their outputs)"),
        "# Error messages\n",
        "Every exception an example on this site prints, as the interpreters print it (the "
        "last line of each traceback, and what `python` itself prints without one), so that "
        "a pasted error can be found here. Each is listed with the versions "
        "whose output shows it and the sections whose examples print it.\n",
    ]
    order = sorted(found, key=lambda name: (name == PYTHON_ITSELF, name.lower()))
    for name in order:
        out.append(f"## {name}\n")
        for line in sorted(found[name], key=str.lower):
            places = found[name][line]
            versions = set().union(*places.values())
            links = ", ".join(
                f"[{s.title}]({s.link})" for s in sorted(places, key=lambda s: (s.page, s.line))
            )
            out.append(f"- {code(line)}  \n  {ranges(versions)}: {links}")
        out.append("")
    return "\n".join(out).rstrip() + "\n", []
