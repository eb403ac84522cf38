"""The environments a block can run in: the bare venv, or one a reader more often has.

A block runs in a venv of the interpreter under test, at /home/you/venv. By default it is bare
(`python -m venv --without-pip`): nothing installed, nothing in sys.meta_path or site-packages
that the interpreter itself does not put there. A reader's environment often has more, and some
outputs differ with it (a setuptools .pth adds a finder to sys.meta_path on 3.10 and 3.11, an
editable install adds the project's directory to sys.path, pytest and IPython change sys.path).
A block names such an environment with `env="NAME"`; the page says which. Each is made once per
lane and run, pip and setuptools from the interpreter's ensurepip, pytest and IPython from what
this project locks, and shared by the lane's blocks (which must not install into it), except
`editable`, which is the block's own.

Adding one: an entry here, and, for packages, a dependency group in pyproject.toml (locked in
uv.lock, `uv lock`), named `env-NAME`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Environment:
    name: str
    meaning: str  # for readers (docs/about.md) and for an option's error message
    pip: bool = False  # made by `python -m venv`: ensurepip's pip (and setuptools up to 3.11)
    group: str | None = None  # a dependency group of pyproject.toml, installed from uv.lock
    editable: bool = False  # the block's example installed into it, `pip install -e .`, first


ENVIRONMENTS = {
    env.name: env
    for env in (
        Environment("bare", "a venv with nothing installed (`python -m venv --without-pip`)"),
        Environment(
            "venv",
            "`python -m venv` as a reader makes one: pip, and on 3.10 and 3.11 setuptools",
            pip=True,
        ),
        Environment("pytest", "a bare venv with pytest installed", group="env-pytest"),
        Environment("ipython", "a bare venv with IPython installed", group="env-ipython"),
        Environment(
            "editable",
            "`python -m venv`, then the example installed into it with `pip install -e .`",
            pip=True,
            editable=True,
        ),
    )
}
DEFAULT = ENVIRONMENTS["bare"]


def check(value: str) -> str | None:
    """An option check: None for a known environment, else the message."""
    if value in ENVIRONMENTS:
        return None
    return f'env="{value}" is not an environment; the environments: {", ".join(ENVIRONMENTS)}'
