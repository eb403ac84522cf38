"""Blocks run in a copy of their example, on the lane's interpreter, with nothing inherited."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from pmv.lanes.sandbox import PLACEHOLDERS


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


def test_a_python_block_runs_in_its_own_process_in_the_same_sandbox(project):
    """Not in the test process: its cwd, environment and imports cannot leak into the run."""
    project.example("demo", {"spam.py": "NAME = 'spam'\n"})
    page = project.page(
        "docs/page.md",
        """
        ```{.python example="demo"}
        import os
        import sys

        import spam

        print(os.getcwd(), os.environ.get("PYTHONDONTWRITEBYTECODE"))
        print(spam.NAME, sys.flags.dont_write_bytecode)
        os.chdir("/")
        ```
        """,
    )
    result = project.pytest("docs", "--update-examples")
    assert result.returncode == 0, result.stdout
    text = page.read_text()
    assert "#> /home/you/project None\n" in text
    assert "#> spam 0\n" in text
    assert Path.cwd() == project.root


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
        $ ls __pycache__ | wc -l
        1
        ```

        ```{.python example="demo"}
        import spam

        print(spam.x)
        #> 1
        ```
        """,
    )
    subprocess.run(["git", "init", "-q"], cwd=project.root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project.root, check=True)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "pages"],
        cwd=project.root,
        check=True,
    )
    result = project.pytest("docs")
    assert result.returncode == 0, result.stdout
    assert "3 passed" in result.stdout
    status = subprocess.run(
        ["git", "status", "--porcelain", "--ignored"],
        cwd=project.root,
        capture_output=True,
        text=True,
        check=True,
    )
    assert status.stdout == ""


def test_blocks_run_at_the_same_time(project, tmp_path):
    """Each block waits for the other to have started: run one after the other, both time out."""
    meet = tmp_path / "meet"
    meet.mkdir()
    # Up to 20 s each: a loaded machine may start the second block late, never 20 s late.
    wait = "for i in $(seq 400); do [ -e {dir}/{other} ] && break; sleep 0.05; done; ls {dir}"
    blocks = []
    for me, other in (("a", "b"), ("b", "a")):
        command = f"touch {meet}/{me}; " + wait.format(dir=meet, other=other)
        blocks.append(f'```{{.console timeout="60" wide="a path"}}\n$ {command}\na\nb\n```\n')
    project.page("docs/page.md", "\n".join(blocks))
    result = project.pytest("docs")
    assert result.returncode == 0, result.stdout


def test_the_interpreter_under_test_is_the_lane_not_the_test_process(project, two_lanes):
    command = '$ python -c "import sys; print(sys.version_info[:2])"'
    page = project.page(
        "docs/page.md", f'```{{.console python="{two_lanes[1]}"}}\n{command}\n```\n'
    )
    assert project.pytest("docs", "--update-examples", lanes=two_lanes).returncode == 0
    major, minor = two_lanes[1].split(".")
    assert f"({major}, {minor})\n" in page.read_text()


def test_an_example_project_installs_itself_offline_from_the_pinned_wheels(project):
    """`pip install -e .` as a reader types it: pip finds the build backend in /home/you/wheels."""
    project.example(
        "demo/installable",
        {
            "pyproject.toml": (
                '[build-system]\nrequires = ["flit_core>=3.4"]\n'
                'build-backend = "flit_core.buildapi"\n\n'
                '[project]\nname = "spam"\nversion = "1.0"\ndescription = "A demo."\n'
            ),
            "src/spam/__init__.py": "",
        },
    )
    page = project.page(
        "docs/page.md",
        """
        ```{.console example="demo/installable"}
        $ env | grep ^PIP_ | sort
        $ python -m venv .venv && .venv/bin/python -m pip install -q -e .
        $ .venv/bin/python -c "import spam; print(spam.__file__)"
        ```
        """,
    )
    result = project.pytest("docs", "--update-examples")
    assert result.returncode == 0, result.stdout
    text = page.read_text()
    assert (
        "PIP_DISABLE_PIP_VERSION_CHECK=1\nPIP_FIND_LINKS=/home/you/wheels\nPIP_NO_INDEX=1\n" in text
    )
    assert "-e .\n$ .venv" in text  # pip said nothing: it installed without an index
    assert "\n/home/you/project/src/spam/__init__.py\n```" in text


def test_a_block_runs_in_the_environment_it_names(project):
    """The bare venv by default; `env=` names what a reader more often has: pip (and setuptools
    on 3.10 and 3.11) from `python -m venv`, or pytest."""
    probe = '>>> import importlib.util as u\n>>> [m for m in ("pip", "pytest") if u.find_spec(m)]\n'
    page = project.page(
        "docs/page.md",
        f'```{{.pycon}}\n{probe}```\n\n```{{.pycon env="venv"}}\n{probe}```\n\n'
        f'```{{.pycon env="pytest"}}\n{probe}```\n',
    )
    result = project.pytest("docs", "--update-examples")
    assert result.returncode == 0, result.stdout
    outputs = [line for line in page.read_text().splitlines() if line.startswith("[")]
    assert outputs == ["[]", "['pip']", "['pytest']"]


def test_an_unknown_environment_is_a_page_error(project):
    project.page("docs/page.md", '```{.pycon env="conda"}\n>>> 1\n1\n```\n')
    result = project.pytest("docs")
    assert result.returncode == 1
    assert 'env="conda" is not an environment; the environments: bare, venv, pytest' in (
        result.stdout
    )


def test_an_editable_environment_has_the_example_installed(project):
    project.example(
        "demo/installable",
        {
            "pyproject.toml": (
                '[build-system]\nrequires = ["setuptools>=64"]\n'
                'build-backend = "setuptools.build_meta"\n\n'
                '[project]\nname = "spam"\nversion = "1.0"\n'
            ),
            "spam.py": "",
        },
    )
    page = project.page(
        "docs/page.md",
        """
        ```{.console example="demo/installable" env="editable"}
        $ cd / && python -c "import spam; print(spam.__file__)"
        ```
        """,
    )
    result = project.pytest("docs", "--update-examples")
    assert result.returncode == 0, result.stdout
    assert "\n/home/you/project/spam.py\n```" in page.read_text()


def test_only_a_project_gets_the_wheels_whatever_ran_before_it(project):
    """The wheels are copied into the block's own tree, where its example is a project."""
    project.example("demo/plain", {"spam.py": ""})
    project.example(
        "demo/installable",
        {"pyproject.toml": '[project]\nname = "spam"\nversion = "1.0"\n', "spam.py": ""},
    )
    page = project.page(
        "docs/page.md",
        """
        ```{.console example="demo/installable"}
        $ ls "$PIP_FIND_LINKS" | sed 's/-.*//' | sort -u
        ```

        ```{.console example="demo/plain"}
        $ ls "$PIP_FIND_LINKS" 2>/dev/null | wc -l
        ```
        """,
    )
    result = project.pytest("docs", "--update-examples")
    assert result.returncode == 0, result.stdout
    text = page.read_text()
    assert "sort -u\nflit_core\nsetuptools\n```" in text
    assert "wc -l\n0\n```" in text
