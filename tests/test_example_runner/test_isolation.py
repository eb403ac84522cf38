"""Blocks run in a copy of their example, in a clean venv, with nothing inherited."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from example_runner.sandbox import PLACEHOLDERS


def test_blocks_run_in_a_fresh_copy_of_their_example_with_placeholder_paths(project):
    project.example("demo/one", {"spam.py": "print('spam imported')\n"})
    page = project.page(
        "docs/page.md",
        """
        ```{.console example="demo/one"}
        $ touch created.txt; ls
        $ pwd; echo $HOME
        $ python -c "import sys; print(sys.prefix, sys.base_prefix, sys.flags.dont_write_bytecode)"
        $ env | grep ^PYTHON | sort
        ```

        ```{.pycon example="demo/one"}
        >>> import os, spam; sorted(os.listdir())
        ```
        """,
    )
    result = project.pytest("docs", "--update-examples")
    assert result.returncode == 0, result.stdout
    text = page.read_text()
    # The first block's file is not in the second block's copy, nor in examples/.
    assert "$ touch created.txt; ls\ncreated.txt\nspam.py\n" in text
    # The import wrote a pyc: the machine's PYTHONDONTWRITEBYTECODE=1 does not reach the block.
    assert (
        ">>> import os, spam; sorted(os.listdir())\nspam imported\n['__pycache__', 'spam.py']\n"
        in text
    )
    assert not (project.root / "examples/demo/one/created.txt").exists()
    assert "$ pwd; echo $HOME\n/home/you/project\n/home/you\n" in text
    assert "/home/you/venv /usr/local 0\n" in text
    # Only what the runner sets: the machine's PYTHONDONTWRITEBYTECODE=1 is not inherited.
    assert "$ env | grep ^PYTHON | sort\nPYTHONHASHSEED=0\nPYTHON_COLORS=0\n" in text


def test_the_placeholders_are_the_ones_the_site_documents():
    about = (Path(__file__).parents[2] / "docs" / "about.md").read_text()
    documented = set(re.findall(r"^\| `(/[^`]*)` \|", about, flags=re.M))
    assert documented == set(PLACEHOLDERS.values())


def test_a_run_leaves_the_project_as_it_found_it(project):
    project.example("demo", {"spam.py": "x = 1\n"})
    project.page(
        "docs/page.md",
        """
        ```{.console example="demo"}
        $ python -c "import spam"
        $ ls __pycache__
        ```

        ```python
        import spam_local
        ```
        """,
    )
    (project.root / "docs" / "spam_local.py").write_text("")
    subprocess.run(["git", "init", "-q"], cwd=project.root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project.root, check=True)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "pages"],
        cwd=project.root,
        check=True,
    )
    project.pytest("docs")
    status = subprocess.run(
        ["git", "status", "--porcelain", "--ignored"],
        cwd=project.root,
        capture_output=True,
        text=True,
        check=True,
    )
    assert status.stdout == ""


def test_pycon_and_console_blocks_run_in_parallel(project):
    workers = (os.cpu_count() or 1) + 1  # the runner's pool size
    project.page(
        "docs/page.md",
        "\n".join(
            f'```{{.console}}\n$ python -c "import time; time.sleep(0.5)"; echo {i}\n{i}\n```\n'
            for i in range(workers)
        ),
    )
    started = time.monotonic()
    result = project.pytest("docs")
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stdout
    # One after another they would take workers x 0.5 s.
    assert elapsed < workers * 0.5 - 0.3, f"{workers} blocks of 0.5 s took {elapsed:.2f} s"


def test_the_interpreter_under_test_is_the_one_running_pytest(project):
    page = project.page(
        "docs/page.md",
        '```{.console}\n$ python -c "import sys; print(sys.version_info[:2])"\n```\n',
    )
    assert project.pytest("docs", "--update-examples").returncode == 0
    assert f"{tuple(sys.version_info[:2])}" in page.read_text()
