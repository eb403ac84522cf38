"""Failures a contributor must understand: each names the page and the line, never a traceback."""

from __future__ import annotations

import pytest


def test_a_command_exiting_non_zero_fails_unless_declared(project):
    project.page(
        "docs/page.md",
        """
        ```{.console}
        $ python3 -c "raise SystemExit(3)"
        ```

        ```{.console returncode="3"}
        $ python3 -c "raise SystemExit(3)"
        ```
        """,
    )
    result = project.pytest("docs", "--update-examples")
    assert (
        "docs/page.md:2: on Python" in result.stdout
        and 'command 1 (`python3 -c "raise SystemExit(3)"`) exited with status 3, not 0'
        in result.stdout
    )
    assert 'returncode="3"' in result.stdout
    assert "1 failed, 2 passed" in result.stdout


@pytest.mark.parametrize("kind", ["console", "python"])
def test_a_block_that_hangs_is_stopped_at_its_time_limit(project, kind):
    body = "$ echo started; sleep 60" if kind == "console" else "import time\ntime.sleep(60)"
    project.page("docs/page.md", f'```{{.{kind} timeout="0.5"}}\n{body}\n```\n')
    result = project.pytest("docs")
    assert f"the {kind} block did not finish within 0.5 s" in result.stdout
    if kind == "console":
        assert "started" in result.stdout
    assert result.returncode == 1


def test_a_python_block_that_raises_names_the_line_of_the_page(project):
    project.page("docs/page.md", "Text.\n\n```python\nx = 1\nraise ValueError(x)\n```\n")
    result = project.pytest("docs")
    assert "docs/page.md:5: on Python" in result.stdout
    assert "the script raised\nValueError: 1" in result.stdout


def test_a_bare_form_fence_with_an_option_is_an_error(project):
    project.page(
        "docs/page.md",
        """
        Text.

        ```pycon example="x"
        >>> 1
        ```
        """,
    )
    result = project.pytest("docs")
    assert 'docs/page.md:3: ```pycon example="x" uses the bare form' in result.stdout
    assert '```{.pycon example="x"}' in result.stdout
    assert result.returncode == 1


def test_a_snippet_pointing_at_a_missing_file_or_section_is_an_error(project):
    project.example("demo", {"spam.py": "# --8<-- [start:body]\nx = 1\n# --8<-- [end:body]\n"})
    project.page(
        "docs/page.md",
        """
        ```py
        --8<-- "examples/demo/spam.py:body"
        ```

        ```py
        --8<-- "examples/demo/eggs.py"
        ```

        ```py
        --8<-- "examples/demo/spam.py:head"
        ```
        """,
    )
    result = project.pytest("docs")
    assert 'docs/page.md:6: --8<-- "examples/demo/eggs.py": no file' in result.stdout
    assert (
        'docs/page.md:10: --8<-- "examples/demo/spam.py:head": examples/demo/spam.py has no section'
        in result.stdout
    )
    assert "1 failed" in result.stdout


@pytest.mark.parametrize(
    ("page", "message"),
    [
        pytest.param(
            '```{.pycon exmple="x"}\n>>> 1\n1\n```\n',
            "docs/page.md:1: unknown option exmple= on a pycon block",
            id="unknown option",
        ),
        pytest.param(
            '```{.console example="nope/missing"}\n$ ls\n```\n',
            'example="nope/missing" names no folder: examples/nope/missing does not exist',
            id="missing example folder",
        ),
        pytest.param(
            '```{.pycon python="3.9"}\n>>> 1\n1\n```\n',
            'docs/page.md:1: python="3.9" matches none of the supported versions',
            id="unsupported version",
        ),
        pytest.param(
            "Text.\n\n```{.pycon}\n>>> 1\n",
            "docs/page.md:3: this fence (```) is never closed",
            id="unclosed fence",
        ),
        pytest.param(
            "```{.pycon}\n1 + 1\n```\n",
            "docs/page.md:1: a pycon block must start with a '>>> ' prompt, not '1 + 1'",
            id="pycon without prompt",
        ),
        pytest.param(
            '```{.pycon example="x}\n>>> 1\n```\n',
            "docs/page.md:1: the options '.pycon example=\"x' cannot be read: No closing quotation",
            id="unclosed quote in a fence",
        ),
        pytest.param(
            '<!-- table-rows: command="echo" timeout="soon" -->\n| a |\n|---|\n',
            'docs/page.md:1: timeout="soon" is not a number of seconds',
            id="bad option value in a directive",
        ),
        pytest.param(
            "<!-- table-rows: command='echo -->\n| a |\n|---|\n",
            "docs/page.md:1: the options",
            id="unclosed quote in a directive",
        ),
        pytest.param(
            '```{.console returncode="x"}\n$ true\n```\n',
            'docs/page.md:1: returncode="x" is not an exit status (0-255)',
            id="bad return code",
        ),
    ],
)
def test_a_mistake_in_a_page_fails_naming_file_and_line(project, page, message):
    project.page("docs/page.md", page)
    result = project.pytest("docs")
    assert message in result.stdout
    assert "Traceback" not in result.stdout and "INTERNALERROR" not in result.stdout
    assert result.returncode == 1


def test_an_unsupported_version_on_the_command_line_is_a_usage_error(project):
    project.page("docs/page.md", "```{.pycon}\n>>> 1\n1\n```\n")
    result = project.pytest("docs", lanes=("3.9",))
    assert result.returncode == 4
