"""Stale outputs fail at their line with a diff and the refresh command; update mode fixes them."""

from __future__ import annotations

from conftest import LANE

STALE = """
    # A page

    Some prose.

    ```{.pycon}
    >>> 6 * 7
    41
    ```

    ```{.console}
    $ echo spam
    eggs
    ```

    ```python
    print("spam")
    #> eggs
    ```
    """


def test_a_stale_output_names_its_own_line_shows_a_diff_and_the_command(project):
    project.page("docs/page.md", STALE)
    result = project.pytest("docs")
    assert result.returncode == 1, result.stdout
    out = result.stdout
    # The line that is out of date, not the fence.
    assert "docs/page.md:7: the pycon block's output on Python" in out
    assert "--- docs/page.md:6 (the page)" in out
    assert "-41\n+42" in out
    assert "docs/page.md:12: the console block's output" in out
    assert "-eggs\n+spam" in out
    assert "docs/page.md:17: the python block's output" in out
    assert "-#> eggs\n+#> spam" in out
    assert f"python3 noxfile.py -s update-{LANE} -- docs/page.md" in out
    assert "3 failed, 1 passed" in out


def test_update_mode_rewrites_the_outputs_and_a_second_run_is_clean(project):
    page = project.page("docs/page.md", STALE)
    updated = project.pytest("docs", "--update-examples")
    assert updated.returncode == 0, updated.stdout
    assert "rewrote 3 block(s) in docs/page.md" in updated.stdout
    text = page.read_text()
    assert ">>> 6 * 7\n42\n" in text
    assert "$ echo spam\nspam\n" in text
    assert 'print("spam")\n#> spam\n' in text
    assert "Some prose." in text
    again = project.pytest("docs")
    assert again.returncode == 0, again.stdout
    assert "4 passed" in again.stdout


def test_update_keeps_the_indentation_of_blocks_in_tabs(project):
    page = project.page(
        "docs/page.md",
        """
        === "Tab"

            ```{.pycon}
            >>> print("a\\n\\nb")
            ```
        """,
    )
    assert project.pytest("docs", "--update-examples").returncode == 0
    assert '    >>> print("a\\n\\nb")\n    a\n\n    b\n    ```' in page.read_text()
    assert project.pytest("docs").returncode == 0


def test_pycon_echoes_values_and_shortens_tracebacks(project):
    page = project.page(
        "docs/page.md",
        """
        ```{.pycon}
        >>> x = 1
        >>> x + 1
        >>> for i in range(2):
        ...     print(i)
        >>> import sys; sys.path[0]
        >>> 1 / 0
        ```
        """,
    )
    assert project.pytest("docs", "--update-examples").returncode == 0
    assert page.read_text() == (
        "```{.pycon}\n>>> x = 1\n>>> x + 1\n2\n>>> for i in range(2):\n...     print(i)\n0\n1\n"
        ">>> import sys; sys.path[0]\n''\n>>> 1 / 0\nTraceback (most recent call last):\n"
        "  ...\nZeroDivisionError: division by zero\n```\n"
    )


def test_an_output_that_changes_from_run_to_run_is_called_not_deterministic(project):
    """An address in a repr: update must not write it in, and must say why."""
    page = project.page("docs/page.md", "Text.\n\n```{.pycon}\n>>> object()\n```\n")
    before = page.read_text()
    for mode in ([], ["--update-examples"]):
        result = project.pytest("docs", *mode)
        assert result.returncode == 1, result.stdout
        assert "docs/page.md:3: this output is not deterministic" in result.stdout
        assert "+<object object at 0x" in result.stdout
        assert "update" not in result.stdout.split("not deterministic")[1].split("\n\n")[0]
    assert page.read_text() == before
