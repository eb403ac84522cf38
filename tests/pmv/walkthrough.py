"""Replay CONTRIBUTING.md's walk-through on a throwaway clone, so that it cannot rot.

    python3 noxfile.py -s walkthrough          (or: python -m pmv.walkthrough [--keep])

The section "From a wrong sentence to a green pull request" is read from the working tree's
CONTRIBUTING.md (so an edit of the section is checked before it is committed); its commands run
in a `git clone` of HEAD in a temporary folder, whose `origin` is a bare clone there too, so
`git push` works and reaches nothing real. No uncommitted change of the working tree is carried
over: the clone is what a contributor would clone. What it reads in the section:

- a `diff` fence whose first line is `--- a/FILE` is an edit: the section's `# edit` comment
  lines apply them, in order, with `git apply`;
- another `diff` fence is an excerpt of what the first `git diff` shows: its `+` and `-` lines
  must be among the real diff's, in that order, and the diff must touch the edited files only;
- the first `sh` fence is the walk-through: every command runs as written, with bash, in the
  clone, and must exit 0, except a line ending `# fails, naming: TEXT`, which must fail and
  print TEXT; `python3 noxfile.py -s serve` runs until the edited page is served with the
  excerpt's new lines (then it is stopped; skipped if port 8000 is taken); a `gh` command is
  not run (it needs GitHub and a login), and says so;
- a later `sh` fence (what to do with CI's patch) is not run: its `gh run download ... -n NAME`
  and `git apply FILE` must name the artifact and file that .github/workflows/ci.yml uploads.

The venvs are not shared with the working tree (an `uv sync` there could change them under
another session): the bootstrap's is copied, the runner's and the site's are installed from
uv's cache; the example runner's cache (.cache/example-runner) is shared, as is the Debian
chroot. Exit status 1, with the line of CONTRIBUTING.md and what went wrong, if a step fails.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from pmv.markdown_reader import Document
from pmv.project import PROJECT

ROOT = PROJECT.root
HEADING = "## From a wrong sentence to a green pull request"
FAILS = re.compile(r"\s+#\s*fails, naming:\s*(?P<text>.+?)\s*$")
SERVE = "python3 noxfile.py -s serve"
SERVE_ADDRESS = ("127.0.0.1", 8000)
SERVE_TIMEOUT = 300  # seconds: a first serve installs the docs venv and runs the notebooks
TAIL = 60  # lines of a failed command's output shown
# What the update command writes besides the page: the Run buttons' record of the session, whose
# verified output changed (step 4 of the walk-through says so, and a check holds it to that).
UPDATE_WRITES = {"tests/pyodide/runnable.json"}


class WalkthroughError(Exception):
    """A step of the walk-through that does not work as written: `where` is FILE:LINE."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")


@dataclass
class Fence:
    language: str
    line: int  # of its first body line, in CONTRIBUTING.md
    body: list[str]


@dataclass
class Walkthrough:
    path: Path
    edits: list[Fence] = field(default_factory=list)
    excerpts: list[Fence] = field(default_factory=list)
    shell: list[Fence] = field(default_factory=list)
    text: str = ""  # the section, whole

    def where(self, line: int) -> str:
        return f"{_shown(self.path)}:{line}"


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def read(path: Path) -> Walkthrough:
    """The section's fences, by kind."""
    document = Document.read(path)
    lines = document.text.splitlines()
    section = next((h for h in document.headings if f"## {h.title}" == HEADING), None)
    if section is None:
        raise WalkthroughError(
            _shown(path), f"no section {HEADING!r}: the walk-through this test replays"
        )
    start = section.line - 1
    end_of_section = next(
        (h.line - 1 for h in document.headings if h.level <= 2 and h.line > section.line),
        len(lines),
    )
    found = Walkthrough(path, text="\n".join(lines[start:end_of_section]))
    for fence in document.fences:
        if not start < fence.line - 1 < end_of_section:
            continue
        body = fence.body.splitlines()
        block = Fence(fence.language, fence.body_line, body)
        if fence.language == "diff" and body and body[0].startswith("--- a/"):
            found.edits.append(block)
        elif fence.language == "diff":
            found.excerpts.append(block)
        elif fence.language == "sh":
            found.shell.append(block)
    if not found.shell:
        raise WalkthroughError(found.where(start + 1), "the section has no ```sh block to replay")
    return found


class Replay:
    """The walk-through's commands, run one by one in a clone."""

    def __init__(self, walkthrough: Walkthrough, source: Path, folder: Path) -> None:
        self.walkthrough = walkthrough
        self.source = source
        self.repo = folder / "repo"
        self.edits = list(walkthrough.edits)
        self.edited: set[str] = set()
        self.diff_checked = False
        self.env = environment()
        self.timings: list[tuple[str, float]] = []

    def clone(self) -> None:
        clone(self.source, self.repo.parent)

    def run(self) -> None:
        block = self.walkthrough.shell[0]
        for offset, text in enumerate(block.body):
            where = self.walkthrough.where(block.line + offset)
            command = text.strip()
            if command.startswith("# edit"):
                self.apply_edit(where)
            elif not command or command.startswith("#"):
                continue
            elif command.startswith("gh "):
                print(f"{where}: not run here (needs GitHub and a login): {command}")
            else:
                self.command(where, command)
        if self.edits:
            unused = self.edits[0]
            raise WalkthroughError(
                self.walkthrough.where(unused.line),
                "this edit is never applied: add an `# edit` line to the sh block for it",
            )

    def apply_edit(self, where: str) -> None:
        if not self.edits:
            raise WalkthroughError(where, "an `# edit` line with no diff block left to apply")
        edit = self.edits.pop(0)
        patch = "\n".join(edit.body) + "\n"
        applied = subprocess.run(
            ["git", "apply", "-"], cwd=self.repo, input=patch, text=True, capture_output=True
        )
        if applied.returncode:
            raise WalkthroughError(
                self.walkthrough.where(edit.line),
                f"this edit no longer applies to the page (`git apply`: "
                f"{applied.stderr.strip()}): make the diff block an edit of the page as it is "
                f"now (edit a copy, then `git diff`)",
            )
        self.edited.add(edit.body[0].removeprefix("--- a/").strip())
        print(f"{where}: applied the edit at {self.walkthrough.where(edit.line)}")

    def command(self, where: str, command: str) -> None:
        expected = FAILS.search(command)
        command = FAILS.sub("", command)
        command = re.sub(r"\s+#.*$", "", command)
        if command == SERVE:
            self.serve(where)
            return
        print(f"{where}: $ {command}", flush=True)
        done = run_timed(command, self.repo, self.env, self.timings)
        if expected:
            if done.returncode == 0:
                raise WalkthroughError(
                    where, f"`{command}` passed; the walk-through says it fails here"
                )
            if expected["text"] not in done.stdout:
                raise WalkthroughError(
                    where,
                    f"`{command}` failed without naming `{expected['text']}`, as the "
                    f"walk-through says it does:\n{tail(done.stdout)}",
                )
        elif done.returncode:
            raise WalkthroughError(
                where,
                f"`{command}` exited with {done.returncode}:\n{tail(done.stdout)}",
            )
        if command == "git diff" and not self.diff_checked:
            self.check_diff(where, done.stdout)

    def check_diff(self, where: str, diff: str) -> None:
        """The first `git diff`: the excerpt's changed lines, in order, and no other file."""
        self.diff_checked = True
        changed = set(re.findall(r"^diff --git a/(\S+) ", diff, flags=re.MULTILINE))
        for name in sorted(UPDATE_WRITES - set(self.walkthrough.text.split("`"))):
            raise WalkthroughError(where, f"the walk-through never names `{name}`, which it writes")
        if not self.edited <= changed <= self.edited | UPDATE_WRITES:
            others = ", ".join(sorted(changed - self.edited - UPDATE_WRITES)) or "none"
            raise WalkthroughError(
                where,
                f"`git diff` changed {', '.join(sorted(changed)) or 'nothing'}; the walk-through "
                f"edits {', '.join(sorted(self.edited))} only (other files: {others})",
            )
        real = [
            line
            for line in diff.splitlines()
            if line[:1] in "+-" and not line.startswith(("+++ ", "--- "))
        ]
        for excerpt in self.walkthrough.excerpts:
            wanted = [line for line in excerpt.body if line[:1] in "+-"]
            position = 0
            for line in wanted:
                try:
                    position = real.index(line, position) + 1
                except ValueError:
                    raise WalkthroughError(
                        self.walkthrough.where(excerpt.line),
                        f"the excerpt's line {line!r} is not in the real `git diff` (in this "
                        f"order); the real diff:\n{diff}",
                    ) from None

    def serve(self, where: str) -> None:
        """Start the preview, wait for the edited page with the excerpt's new lines, stop it."""
        with socket.socket() as probe:
            if probe.connect_ex(SERVE_ADDRESS) == 0:
                print(f"{where}: not run: port {SERVE_ADDRESS[1]} is taken: {SERVE}")
                return
        page = next((p for p in sorted(self.edited) if p.startswith("docs/")), None)
        if page is None:
            raise WalkthroughError(where, "the preview is shown before any page is edited")
        url = f"http://{SERVE_ADDRESS[0]}:{SERVE_ADDRESS[1]}/{Path(page).stem}/"
        wanted = [
            line[1:].strip()
            for excerpt in self.walkthrough.excerpts
            for line in excerpt.body
            if line.startswith("+") and line[1:].strip()
        ]
        print(f"{where}: $ {SERVE}   (until {url} shows the new lines)", flush=True)
        log = self.repo.parent / "serve.log"
        started = time.monotonic()
        with log.open("w") as out:
            # Its own process group: stopping it stops nox's mkdocs too, and nothing else.
            process = subprocess.Popen(
                ["bash", "-c", SERVE],
                cwd=self.repo,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            missing = wanted
            while time.monotonic() - started < SERVE_TIMEOUT:
                if process.poll() is not None:
                    raise WalkthroughError(
                        where, f"`{SERVE}` stopped, with {process.returncode}:\n{tail(log)}"
                    )
                text = _page_text(url)
                if text is not None:
                    missing = [line for line in wanted if line not in text]
                    if not missing:
                        break
                time.sleep(0.5)
            else:
                raise WalkthroughError(
                    where,
                    f"`{SERVE}` did not serve {url} with {missing!r} within {SERVE_TIMEOUT} s:\n"
                    f"{tail(log)}",
                )
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
        self.timings.append((f"{SERVE} (to the first page)", time.monotonic() - started))


def _page_text(url: str) -> str | None:
    """The page's text without its tags, or None while it is not served."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            page = response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def check_patch_commands(walkthrough: Walkthrough, workflow: Path) -> None:
    """The later sh blocks (CI's patch, applied by hand) name what ci.yml uploads."""
    text = workflow.read_text(encoding="utf-8")
    for block in walkthrough.shell[1:]:
        for offset, line in enumerate(block.body):
            where = walkthrough.where(block.line + offset)
            artifact = re.search(r"\bgh run download\b.*\s-n\s+(\S+)", line)
            if artifact and not re.search(
                rf"^\s+name:\s*{re.escape(artifact[1])}\s*$", text, re.MULTILINE
            ):
                raise WalkthroughError(
                    where, f"{_shown(workflow)} uploads no artifact named {artifact[1]!r}"
                )
            patch = re.search(r"\bgit apply\s+(\S+)", line)
            if patch and not re.search(
                rf"^\s+path:\s*{re.escape(patch[1])}\s*$", text, re.MULTILINE
            ):
                raise WalkthroughError(where, f"{_shown(workflow)} uploads no file {patch[1]!r}")


def environment() -> dict[str, str]:
    """The contributor's shell: this one's (HOME too: uv's cache), without what would point
    the clone's sessions elsewhere."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"BLOCK_RECORDS_DIR", "VIRTUAL_ENV", "NOX_CURRENT_SESSION"}
    }
    env.update(
        GIT_AUTHOR_NAME="Walk Through",
        GIT_AUTHOR_EMAIL="walkthrough@example.invalid",
        GIT_COMMITTER_NAME="Walk Through",
        GIT_COMMITTER_EMAIL="walkthrough@example.invalid",
        # The working tree's Debian chroot, for a walk-through on one of its versions.
        EXAMPLE_RUNNER_CHROOT=env.get(
            "EXAMPLE_RUNNER_CHROOT", str(ROOT / ".cache" / "chroot" / "sid")
        ),
    )
    return env


def run_timed(
    command: str, repo: Path, env: dict[str, str], timings: list[tuple[str, float]]
) -> subprocess.CompletedProcess:
    """A contributor's command, run with bash in the clone, its output kept and its time noted."""
    started = time.monotonic()
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=repo,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    timings.append((command, time.monotonic() - started))
    return done


def clone(source: Path, folder: Path) -> Path:
    """A clone of source's HEAD in folder/repo, whose origin is a bare clone in folder, with
    nox's bootstrap venv copied and the example runner's cache shared."""
    repo = folder / "repo"
    origin = folder / "origin.git"
    _git(folder, "clone", "-q", "--bare", str(source), str(origin))
    _git(folder, "clone", "-q", str(origin), str(repo))
    bootstrap = source / ".nox" / "_bootstrap"
    if bootstrap.is_dir():
        shutil.copytree(bootstrap, repo / ".nox" / "_bootstrap", symlinks=True)
    cache = source / ".cache" / "example-runner"
    if cache.is_dir():
        (repo / ".cache").mkdir(exist_ok=True)
        (repo / ".cache" / "example-runner").symlink_to(cache)
    return repo


def _git(cwd: Path, *args: str) -> None:
    # CI checks out a detached commit; its clone is detached too, until `git switch -c`.
    subprocess.run(["git", "-c", "advice.detachedHead=false", *args], cwd=cwd, check=True)


def tail(output: str | Path) -> str:
    if isinstance(output, Path):
        output = output.read_text(errors="replace")
    return "\n".join(output.splitlines()[-TAIL:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contributing", type=Path, default=ROOT / "CONTRIBUTING.md")
    parser.add_argument("--workflow", type=Path, default=ROOT / ".github/workflows/ci.yml")
    parser.add_argument("--source", type=Path, default=ROOT, help="the repository to clone")
    parser.add_argument("--keep", action="store_true", help="keep the clone, and say where")
    args = parser.parse_args(argv)
    started = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="walkthrough-"))
    try:
        walkthrough = read(args.contributing)
        check_patch_commands(walkthrough, args.workflow)
        replay = Replay(walkthrough, args.source.resolve(), folder)
        replay.clone()
        replay.run()
    except WalkthroughError as error:
        print(f"walkthrough: {error}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"the clone: {folder / 'repo'}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    for command, seconds in replay.timings:
        print(f"  {seconds:6.1f} s  {command}")
    print(f"the walk-through works as written ({time.monotonic() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
