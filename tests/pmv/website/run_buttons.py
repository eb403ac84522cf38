"""Run buttons: the sessions that print the same in Pyodide as on the page get one.

Which ones is tests/pyodide/runnable.json's to say (the Pyodide check writes it). This hook marks
each such block `data-run="topic/name"` (its example, or "" for none), which
docs/assets/run/run.js turns into a button; with JavaScript off there is none. Only a page with
such a block loads run.js, from a script element at the end of its content: Material's instant
navigation runs the scripts of the content it swaps in, and a page without one is left as it
was. After the build it puts in the site what a click needs, and nothing a page loads before one:
  assets/pyodide/           Pyodide's files, from the pinned npm package (tests/pyodide/)
  assets/pyodide/files.json their sizes, for the progress shown while they load
  assets/run/examples/      each marked block's example, as {path: text}
  assets/run/pycon_replay.py, environment.json   the suite's own replayer and environment
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from pmv import kinds
from pmv.browser import candidates
from pmv.kinds import drivers
from pmv.project import PROJECT
from pmv.website.markup import text_of

ROOT = PROJECT.root
PACKAGE = PROJECT.pyodide / "node_modules" / "pyodide"
# What loadPyodide fetches for the standard library alone (no packages are loaded).
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
REPLAYER = drivers.path("pycon_replay")
# The Run buttons' session runner, beside the replayer in the site (docs/assets/run/ holds the
# browser's own files, not Python).
SESSION = Path(candidates.__file__).with_name("session.py")
# A rendered block of a kind whose sessions may run in the browser (pmv.browser.candidates).
_LANGUAGES = "|".join(
    re.escape(lang) for kind in kinds.KINDS if kind.browser_candidate for lang in kind.languages
)
CANDIDATE = re.compile(rf'<div class="language-(?:{_LANGUAGES}) highlight"')
CODE = re.compile(r"<code>(.*?)</code>", re.S)
_runnable: set[tuple[str, str]] | None = None
_examples: set[str] = set()


def _manifest() -> set[tuple[str, str]]:
    global _runnable
    if _runnable is None:
        path = ROOT / candidates.MANIFEST
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))["sessions"]
            _runnable = {(e["page"], e["key"]) for e in entries if e["runs"]}
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise PluginError(
                f"{candidates.MANIFEST}: unreadable ({exc}); run `python3 noxfile.py -s pyodide "
                "-- --update`"
            ) from exc
    return _runnable


def on_config(config):
    global _runnable
    _runnable = None  # read again: a served site is rebuilt after the lane rewrites it
    missing = [name for name in PYODIDE_FILES if not (PACKAGE / name).is_file()]
    if missing:
        raise PluginError(
            f"tests/pyodide/node_modules/pyodide lacks {', '.join(missing)}, which the Run "
            "buttons need: run `npm ci --ignore-scripts` in tests/pyodide (the docs, serve and "
            "site sessions do)"
        )
    _examples.clear()
    return config


def on_page_content(page_html: str, page, config, files) -> str:
    source = Path(config["docs_dir"]) / page.file.src_uri
    if source.suffix != ".md" or not source.is_file():
        return page_html
    sessions = candidates.fences(source, ROOT)
    found = list(CANDIDATE.finditer(page_html))
    if len(found) != len(sessions):
        raise PluginError(
            f"docs/{page.file.src_uri}: {len(sessions)} pycon fences but {len(found)} pycon "
            "blocks in its HTML, so the Run buttons cannot be matched to their blocks"
        )
    runnable = _manifest()
    pieces, last = [], 0
    for match, session in zip(found, sessions, strict=True):
        if session is None or (session.page, session.key) not in runnable:
            continue
        # The browser runs the code it reads from the rendered block; the lane ran the Markdown's.
        rendered = text_of(CODE.search(page_html, match.end())[1])
        if candidates.session_code(rendered) != candidates.session_code(session.body):
            raise PluginError(
                f"{session.where}: the session's code as the page renders it is not its "
                "Markdown's (a tab, which Markdown expands?), so its Run button would run other "
                "code than the Pyodide check checked; write the code without it"
            )
        example = session.example or ""
        _examples.add(example)
        mark = f' data-run="{example}"'
        if session.full_tracebacks:
            mark += ' data-run-tracebacks="full"'
        pieces += [page_html[last : match.end()], mark]
        last = match.end()
    if not pieces:
        return page_html
    script = get_relative_url("assets/run/run.js", page.url)
    return "".join([*pieces, page_html[last:], f'\n<script src="{script}"></script>\n'])


def on_post_build(config) -> None:
    site = Path(config["site_dir"])
    target = site / "assets" / "pyodide"
    target.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for name in PYODIDE_FILES:
        source, copy = PACKAGE / name, target / name
        if not copy.is_file() or copy.stat().st_size != source.stat().st_size:
            shutil.copyfile(source, copy)
        sizes[name] = source.stat().st_size
    version = json.loads((PACKAGE / "package.json").read_text())["version"]
    (target / "files.json").write_text(json.dumps({"pyodide": version, "sizes": sizes}))
    run = site / "assets" / "run"
    (run / "examples").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REPLAYER, run / "pycon_replay.py")
    shutil.copyfile(SESSION, run / "session.py")
    (run / "environment.json").write_text(json.dumps(candidates.ENVIRONMENT))
    for example in sorted(_examples):
        if not example:
            continue
        try:
            files = candidates.example_files(ROOT, example)
        except ValueError as exc:
            raise PluginError(f"a Run button's example: {exc}") from exc
        path = run / "examples" / f"{example}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(files))
