"""The page conventions, each enforced on a fixture page that breaks it, and on every page."""

from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

import pytest
from pmv.conventions.across import (
    conflicting_releases,
    overlapping_verdicts,
    stale_to_come,
    topic_pages,
)
from pmv.conventions.checks import unexplained_errors
from pmv.conventions.pages import NOTES, anchors, broken_links, duplicate_terms, read, words

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "docs").rglob("*.md"))
# The study notes as they were handed over: the copy on the site must stay word for word.
NOTES_SHA256 = "6a51f4628797245072120ba3f14296e5adda825d20e97e92b734b28d974dc116"
NOTE = "import statement is what generates the compiled pyc files."


def page(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "docs" / "page.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip())
    return path


def test_a_verdict_quoting_the_notes_word_for_word_is_read(tmp_path):
    table = "| the note | verdict | why | proof |\n|---|---|---|---|\n"
    row = f'| "{NOTE}" | partly right | x | [P](#proof) |\n'
    found = read(page(tmp_path, f"## Proof\n\n<!-- verdicts -->\n{table}{row}"))
    assert found.problems == []
    assert found.verdicts[0].verdict == "partly right"
    assert found.verdicts[0].proofs == ["#proof"]


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (
            '| "import statements generate pyc files." | right | x | [P](#p) |',
            "not in docs/original",
        ),
        (
            f'| "{NOTE}" | maybe | x | [P](#p) |',
            "is not one of",
        ),
        (
            f'| "{NOTE}" | right | x | none |',
            "links to the section",
        ),
        ('| "import statement" | right | x |', "has four cells"),
    ],
    ids=["misquoted", "unknown verdict", "no proof", "missing cell"],
)
def test_a_verdict_that_breaks_the_convention_is_a_problem(tmp_path, row, problem):
    text = f"<!-- verdicts -->\n| note | verdict | why | proof |\n|---|---|---|---|\n{row}\n"
    found = read(page(tmp_path, text))
    assert any(problem in message and line == 4 for line, message in found.problems), found


def test_a_proof_link_to_a_missing_section_is_found(tmp_path):
    path = page(tmp_path, "# Title\n\n## When is a `.pyc` written?\n\n### Again\n\n### Again\n")
    assert anchors(path) == {"title", "when-is-a-pyc-written", "again", "again_1"}
    assert broken_links(path, ["#when-is-a-pyc-written", "#nope"], 9) == [
        (9, "#nope is not a section of this page")
    ]


def test_short_answers_and_terms_are_read(tmp_path):
    found = read(
        page(
            tmp_path,
            """
            <!-- short-answers -->
            | question | short answer | proof |
            |---|---|---|
            | Where? | `__pycache__` | [Where](#where) |
            | Why? | no link | |

            ## Where

            <!-- term: cache tag | The interpreter's name in pyc file names. -->
            """,
        )
    )
    assert [a.question for a in found.short_answers] == ["Where?", "Why?"]
    assert found.problems == [(5, "a short answer links to the section it sums up")]
    assert [(t.name, t.heading) for t in found.terms] == [("cache tag", "Where")]


def test_an_error_an_output_shows_must_be_quoted_in_the_text(tmp_path):
    path = page(
        tmp_path,
        """
        ```{.pycon}
        >>> 1 / 0
        Traceback (most recent call last):
          ...
        ZeroDivisionError: division by zero
        ```
        """,
    )
    assert unexplained_errors(path, tmp_path) == [(5, "ZeroDivisionError: division by zero")]
    path.write_text(path.read_text() + "\n`ZeroDivisionError: division by zero` is why.\n")
    assert unexplained_errors(path, tmp_path) == []


def test_the_notes_are_the_notes_as_handed_over_word_for_word():
    assert hashlib.sha256(NOTES.read_bytes()).hexdigest() == NOTES_SHA256, (
        f"{NOTES.relative_to(ROOT)} changed: the notes are quoted, never edited"
    )


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_page_follows_the_conventions(path):
    found = read(path)
    problems = list(found.problems)
    for verdict in found.verdicts:
        problems += broken_links(path, verdict.proofs, verdict.line)
    for answer in found.short_answers:
        problems += broken_links(path, answer.links, answer.line)
    problems += [
        (line, f"{error!r} is shown but never quoted in the text")
        for line, error in unexplained_errors(path, ROOT)
    ]
    shown = path.relative_to(ROOT)
    assert problems == [], "\n".join(f"{shown}:{line}: {message}" for line, message in problems)


def test_a_term_is_defined_once_and_under_a_heading(tmp_path):
    first = page(tmp_path, "## Cache tags\n\n<!-- term: cache tag | A name. -->\n")
    second = tmp_path / "docs" / "other.md"
    second.write_text(
        "<!-- term: cache tag | Again. -->\n\n## Later\n\n<!-- term: cache tag | X. -->\n"
    )
    assert read(second).problems == [(1, "a term is marked under the heading that defines it")]
    assert duplicate_terms([first, second], tmp_path) == [
        "docs/other.md:5: 'cache tag' is defined already, at docs/page.md:3"
    ]


def test_every_term_of_the_site_is_defined_once():
    assert duplicate_terms(PAGES, ROOT) == []


def test_words_compare_across_line_breaks():
    assert words("or you run python \nfollowed by") == "or you run python followed by"


def pages_in(tmp_path: Path, **texts: str) -> list[Path]:
    paths = []
    for name, text in texts.items():
        path = tmp_path / "docs" / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())
        paths.append(path)
    return paths


def test_two_pages_that_date_one_change_to_two_releases_fail(tmp_path):
    paths = pages_in(
        tmp_path,
        a="## A\n\n3.13 added the hint for `from` imports (gh-123930).\n",
        b='## B\n\n```{.console changes="3.13.1 replaces the message (gh-123930)"}\n$ x\n```\n',
    )
    problems = conflicting_releases(paths, tmp_path)
    assert len(problems) == 1
    assert problems[0].startswith("gh-123930 is dated to 3.13 and 3.13.1: docs/a.md:3 says 3.13")
    assert "docs/b.md:3 says 3.13.1" in problems[0]


@pytest.mark.parametrize(
    "second",
    [
        "Since 3.13.1 the message names the file ([gh-123930](https://x.org/pep-0709)).\n",
        "The hint ([gh-123930], 3.13.1) names the file; 3.10 to 3.12 print the path.\n",
        "3.13.0 printed the old message; 3.13.1 added the hint (gh-123930).\n",
    ],
)
def test_a_change_dated_alike_everywhere_passes(tmp_path, second):
    paths = pages_in(
        tmp_path, a="## A\n\n3.13.1 replaced the message (gh-123930).\n", b=f"## B\n\n{second}"
    )
    assert conflicting_releases(paths, tmp_path) == []


def test_a_release_written_with_its_zero_is_its_minor_version(tmp_path):
    paths = pages_in(
        tmp_path, a="3.13.0 added the hint (gh-95754).\n", b="3.13 added it (gh-95754).\n"
    )
    assert conflicting_releases(paths, tmp_path) == []


def test_no_two_places_of_the_site_date_one_change_differently():
    assert conflicting_releases(topic_pages(ROOT / "docs"), ROOT) == []


def test_to_come_must_name_a_page_that_does_not_exist(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "imports.md").write_text("# Imports\n")
    paths = pages_in(
        tmp_path,
        a="""
        The imports page (to come) has it.

        The hooks page (to come: docs/hooks.md) will have it.

        The imports page (to come: docs/imports.md) has it.

        ```console
        $ echo "to come"
        ```
        """,
    )
    assert stale_to_come(paths, tmp_path) == [
        'docs/a.md:1: "to come" names no page: link the page if it exists, or write '
        "(to come: docs/NAME.md) for one still to be written",
        'docs/a.md:5: docs/imports.md exists: link it instead of calling it "to come"',
    ]


def test_no_page_calls_a_page_to_come_that_exists():
    assert stale_to_come(topic_pages(ROOT / "docs"), ROOT) == []


def test_two_verdicts_on_one_sentence_of_the_notes_fail(tmp_path):
    table = "<!-- verdicts -->\n| the note | verdict | why | proof |\n|---|---|---|---|\n"
    short = NOTE.split(" is ")[0]
    paths = pages_in(
        tmp_path,
        a=f'## P\n\n{table}| "{NOTE}" | **Right.** | x | [P](#p) |\n',
        b=f'## P\n\n{table}| "{short}" | **Wrong.** | x | [P](#p) |\n',
    )
    (problem,) = overlapping_verdicts(paths, tmp_path)
    assert problem.startswith("docs/a.md:6 and docs/b.md:6 both give a verdict on")
    assert "(right, wrong)" in problem


def test_every_sentence_of_the_notes_has_one_verdict():
    assert overlapping_verdicts(topic_pages(ROOT / "docs"), ROOT) == []
