"""The one Markdown reader, pmv.markdown_reader, pinned on the fences that trip readers:
nested, indented, tilde and four-backtick fences, tabs, headings in fences, comments."""

from __future__ import annotations

import textwrap

from pmv.markdown_reader import Document, slugify


def doc(text: str) -> Document:
    return Document(textwrap.dedent(text).lstrip("\n"))


def spans(document: Document) -> list[tuple[int, int | None, str, str]]:
    return [(f.line, f.close, f.marker, f.body) for f in document.fences]


def test_a_four_backtick_fence_holds_a_three_backtick_one():
    d = doc(
        """
        ````markdown
        ```pycon
        >>> 1
        ```
        ````
        """
    )
    assert spans(d) == [(1, 5, "````", "```pycon\n>>> 1\n```\n")]


def test_a_tilde_fence_closes_only_at_tildes():
    d = doc(
        """
        ~~~text
        ```
        not a fence
        ~~~
        ```pycon
        >>> 2
        ```
        """
    )
    assert spans(d) == [(1, 4, "~~~", "```\nnot a fence\n"), (5, 7, "```", ">>> 2\n")]


def test_a_longer_closing_fence_closes_and_a_shorter_one_does_not():
    d = doc(
        """
        ````
        ```
        `````
        after
        """
    )
    assert spans(d) == [(1, 3, "````", "```\n")]


def test_an_indented_fence_in_a_tab_closes_at_its_own_indentation():
    d = doc(
        """
        === "3.10"

            ```pycon
            >>> x
            ```
        ```text
            ```
        still the text fence
        ```
        """
    )
    fences = d.fences
    assert [(f.line, f.close, f.indent) for f in fences] == [(3, 5, "    "), (6, 9, "")]
    assert fences[0].body == ">>> x\n"
    assert d.text[fences[0].body_start : fences[0].body_end] == "    >>> x\n"
    assert fences[1].body == "    ```\nstill the text fence\n"


def test_a_backtick_opening_with_a_backtick_in_its_info_is_inline_code():
    d = doc(
        """
        ```not`a fence```
        text
        """
    )
    assert d.fences == [] and d.problems == []


def test_a_fence_never_closed_is_a_problem_on_its_line():
    d = doc(
        """
        Text.

        ```pycon
        >>> 1
        """
    )
    assert d.fences[0].close is None
    assert d.problems == [(3, "this fence (```) is never closed")]


def test_version_tabs_group_and_a_plain_fence_between_splits_them():
    d = doc(
        """
        === "3.10"

            ```pycon
            >>> a
            ```

        === "3.11–3.15"

            ```pycon
            >>> a
            ```

        Text.

        === "3.12"

            ```pycon
            >>> b
            ```
        """
    )
    groups = d.tab_groups()
    assert [[(f.line, t.label if t else None) for f, t in g] for g in groups] == [
        [(3, "3.10"), (9, "3.11–3.15")],
        [(17, "3.12")],
    ]
    refused = d.tab_groups(accept=lambda tab: tab.label != "3.12")
    assert [len(g) for g in refused] == [2, 1] and refused[1][0][1] is None


def test_headings_comments_and_prose_skip_fences():
    d = doc(
        """
        # Title

        <!-- term: cache tag | The name. -->

        ```markdown
        ## Not a heading
        <!-- verified-with -->
        ```

        ## `sys.path[0]`: the first entry {#first}

        ## Twice
        ## Twice
        """
    )
    assert [(h.line, h.level, h.anchor) for h in d.headings] == [
        (1, 1, "title"),
        (10, 2, "first"),
        (12, 2, "twice"),
        (13, 2, "twice_1"),
    ]
    assert [(c.line, c.name, c.text) for c in d.comments] == [(3, "term", "cache tag | The name.")]
    assert d.heading_above(3).title == "Title"
    assert d.prose().splitlines()[5:8] == ["", "", ""]
    assert d.in_fence(6) and not d.in_fence(10)


def test_a_table_under_a_comment_is_read_by_rows_with_their_lines():
    d = doc(
        """
        <!-- verdicts -->
        | the note | verdict |
        |---|---|
        | "a `x | y` b" | right |
        | c \\| d | wrong |

        after
        """
    )
    rows = d.table_after(d.comments_named("verdicts")[0].line)
    assert [(r.line, r.cells) for r in rows] == [
        (4, ['"a `x | y` b"', "right"]),
        (5, ["c | d", "wrong"]),
    ]


def test_slugs_are_python_markdowns():
    assert (
        slugify("`ImportError: attempted relative import`")
        == "importerror-attempted-relative-import"
    )
    assert slugify("`__pycache__` and `-B`") == "__pycache__-and-b"
    assert slugify("Versions: 3.10–3.15") == "versions-310315"
