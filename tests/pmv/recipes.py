"""Replay CONTRIBUTING.md's recipes on a throwaway clone, each from a clean checkout, so that
none can drift from the code, and count the files each has a contributor edit by hand.

    python3 noxfile.py -s recipes          (or: python -m pmv.recipes [--keep] [TITLE ...])

Every `### TITLE: N file(s) by hand` section under "## Recipes" is a recipe, replayed in order:

- a fence whose info string says `file=PATH` is a file the contributor writes, whole;
- a `diff` fence whose first line is `--- a/PATH` is an edit, applied with `git apply`;
- then the recipe's `sh` fence: every command runs as written, with bash, in the clone, and
  must exit 0.

N must be the number of files the recipe's files and edits touch: the count the recipe
promises is the count it takes. What the commands rewrite besides (generated pages, records)
is printed, not counted. A TITLE given on the command line replays only the recipes whose
title contains it. The clone is made as the walk-through makes its own (pmv.walkthrough).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from pmv.markdown_reader import Document
from pmv.project import PROJECT
from pmv.walkthrough import WalkthroughError, clone, environment, run_timed, tail

SECTION = "Recipes"
TITLE = re.compile(r"^(?P<name>.+?):\s*(?P<count>\d+) files? by hand$")
FILE = re.compile(r"(?:^|\s)file=(?P<path>\S+)")


@dataclass
class Recipe:
    name: str
    count: int
    line: int
    files: list[tuple[int, str, str]] = field(default_factory=list)  # (line, path, text)
    edits: list[tuple[int, str, str]] = field(default_factory=list)  # (line, path, patch)
    commands: list[tuple[int, str]] = field(default_factory=list)

    def touched(self) -> list[str]:
        return sorted({path for _, path, _ in self.files} | {path for _, path, _ in self.edits})


def read(path: Path) -> list[Recipe]:
    """The recipes of the section, with their files, edits and commands."""
    document = Document.read(path)
    headings = document.headings
    section = next((h for h in headings if h.level == 2 and h.title == SECTION), None)
    if section is None:
        raise WalkthroughError(_shown(path), f"no section '## {SECTION}' to replay")
    end = next((h.line for h in headings if h.level <= 2 and h.line > section.line), 10**9)
    recipes: list[Recipe] = []
    for heading in headings:
        if heading.level != 3 or not section.line < heading.line < end:
            continue
        title = TITLE.match(heading.title)
        if title is None:
            raise WalkthroughError(
                f"{_shown(path)}:{heading.line}",
                "a recipe's heading says how many files it takes: `### Do this: N files by hand`",
            )
        recipes.append(Recipe(title["name"], int(title["count"]), heading.line))
    for fence in document.fences:
        recipe = next((r for r in reversed(recipes) if r.line < fence.line < end), None)
        if recipe is None:
            continue
        named = FILE.search(fence.info)
        if named:
            recipe.files.append((fence.body_line, named["path"], fence.body))
        elif fence.language == "diff" and fence.body.startswith("--- a/"):
            target = fence.body.splitlines()[0].removeprefix("--- a/").strip()
            recipe.edits.append((fence.body_line, target, fence.body))
        elif fence.language == "sh":
            recipe.commands += [
                (fence.body_line + offset, line.strip())
                for offset, line in enumerate(fence.body.splitlines())
                if line.strip() and not line.strip().startswith("#")
            ]
    return recipes


class Replay:
    def __init__(self, contributing: Path, repo: Path) -> None:
        self.contributing = contributing
        self.repo = repo
        self.env = environment()
        self.timings: list[tuple[str, float]] = []

    def where(self, line: int) -> str:
        return f"{_shown(self.contributing)}:{line}"

    def run(self, recipe: Recipe) -> None:
        print(f"{self.where(recipe.line)}: {recipe.name}", flush=True)
        # A clean checkout for each recipe; the ignored venvs and caches stay.
        subprocess.run(["git", "checkout", "-qf", "HEAD", "--", "."], cwd=self.repo, check=True)
        subprocess.run(["git", "clean", "-fdq"], cwd=self.repo, check=True)
        touched = recipe.touched()
        if len(touched) != recipe.count:
            raise WalkthroughError(
                self.where(recipe.line),
                f"the recipe says {recipe.count} file(s) by hand; its files and edits touch "
                f"{len(touched)}: {', '.join(touched) or 'none'}",
            )
        for line, path, text in recipe.files:
            target = self.repo / path
            if target.exists():
                raise WalkthroughError(self.where(line), f"{path} exists already: make it an edit")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text)
            print(f"{self.where(line)}: wrote {path}")
        for line, path, patch in recipe.edits:
            applied = subprocess.run(
                ["git", "apply", "-"], cwd=self.repo, input=patch, text=True, capture_output=True
            )
            if applied.returncode:
                raise WalkthroughError(
                    self.where(line),
                    f"this edit of {path} no longer applies (`git apply`: "
                    f"{applied.stderr.strip()}): make it an edit of the file as it is now",
                )
            print(f"{self.where(line)}: edited {path}")
        if not recipe.commands:
            raise WalkthroughError(self.where(recipe.line), "the recipe has no ```sh commands")
        for line, command in recipe.commands:
            self.command(line, command)
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=all"],
            cwd=self.repo,
            text=True,
            capture_output=True,
            check=True,
        ).stdout.splitlines()
        rewritten = sorted({entry[3:] for entry in changed} - set(touched))
        print(f"  by hand: {', '.join(touched)}")
        print(f"  rewritten by the commands: {', '.join(rewritten) or 'nothing'}")

    def command(self, line: int, command: str) -> None:
        print(f"{self.where(line)}: $ {command}", flush=True)
        done = run_timed(command, self.repo, self.env, self.timings)
        if done.returncode:
            raise WalkthroughError(
                self.where(line), f"`{command}` exited with {done.returncode}:\n{tail(done.stdout)}"
            )


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(PROJECT.root))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("titles", nargs="*", help="replay only the recipes whose title has one")
    parser.add_argument("--contributing", type=Path, default=PROJECT.root / "CONTRIBUTING.md")
    parser.add_argument("--source", type=Path, default=PROJECT.root, help="the repository")
    parser.add_argument("--keep", action="store_true", help="keep the clone, and say where")
    args = parser.parse_args(argv)
    started = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="recipes-"))
    replay = None
    try:
        recipes = read(args.contributing)
        chosen = [r for r in recipes if not args.titles or any(t in r.name for t in args.titles)]
        if not chosen:
            raise WalkthroughError(_shown(args.contributing), f"no recipe matches {args.titles}")
        replay = Replay(args.contributing, clone(args.source.resolve(), folder))
        for recipe in chosen:
            replay.run(recipe)
    except WalkthroughError as error:
        print(f"recipes: {error}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"the clone: {folder / 'repo'}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    for command, seconds in replay.timings:
        print(f"  {seconds:6.1f} s  {command}")
    counts = ", ".join(f"{r.name}: {r.count}" for r in chosen)
    print(f"the recipes work as written ({counts}; {time.monotonic() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
