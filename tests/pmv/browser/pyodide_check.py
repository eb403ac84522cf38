"""The Pyodide check: each page's candidate sessions (pmv/browser/candidates.py) replayed in
Pyodide under Node with the Run buttons' own engine, and judged against the page's verified 3.14
output. Those that print the same get a Run button; tests/pyodide/runnable.json records which,
and why the others do not.

    python3 noxfile.py -s pyodide                 check that runnable.json is current
    python3 noxfile.py -s pyodide -- --update     rewrite it (every update session does too)
"""

from __future__ import annotations

import argparse
import difflib
import json
import shutil
import subprocess
import sys

from pmv.browser import candidates
from pmv.project import PROJECT
from pmv.versions import mask_identifiers

ROOT = PROJECT.root
HERE = PROJECT.pyodide
NODE_HALF = HERE / "lane.mjs"
PACKAGE = HERE / "node_modules" / "pyodide" / "package.json"
REFRESH = "python3 noxfile.py -s pyodide -- --update"


class LaneUnavailable(Exception):
    """Node or the pinned Pyodide package is missing: the message says how to get them."""


def pyodide_version() -> str:
    if not PACKAGE.is_file():
        raise LaneUnavailable(
            "tests/pyodide/node_modules has no Pyodide: run `npm ci` in tests/pyodide "
            "(python3 noxfile.py -s pyodide does)"
        )
    return json.loads(PACKAGE.read_text())["version"]


def replay(sessions: list[candidates.Candidate]) -> dict:
    """What each session showed in Pyodide: {"python", "startMs", "results": [{"text", "ms"}]}."""
    pyodide_version()
    node = shutil.which("node")
    if node is None:
        raise LaneUnavailable("the Pyodide check needs Node 20 or newer on PATH")
    requests = []
    for session in sessions:
        request = {"body": session.body, "environment": candidates.ENVIRONMENT}
        request["fullTracebacks"] = session.full_tracebacks
        try:
            request["files"] = candidates.example_files(ROOT, session.example)
        except ValueError as exc:
            request["files"], request["unreadable"] = {}, str(exc)
        requests.append(request)
    done = subprocess.run(
        [node, str(NODE_HALF)],
        input=json.dumps({"sessions": requests}),
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    if done.returncode != 0:
        raise LaneUnavailable(f"tests/pyodide/lane.mjs failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout)
    for request, outcome in zip(requests, result["results"], strict=True):
        outcome["unreadable"] = request.get("unreadable")
    return result


def judge(session: candidates.Candidate, outcome: dict) -> str | None:
    """None when Pyodide showed the verified output; else why the block gets no button."""
    if outcome.get("unreadable"):
        return f"not offered: {outcome['unreadable']}"
    shown = outcome["text"]
    if "again" in outcome and outcome["again"] != shown:
        return "not the same when replayed after the other sessions in reverse order"
    # A shared tab writes the version's own cache tag and paths as 31X (versions.py); so does
    # the comparison, as the runner's regrouping does.
    if session.expected in (shown, mask_identifiers(shown, candidates.MINOR)):
        return None
    expected = session.expected.splitlines()
    got = mask_identifiers(shown, candidates.MINOR).splitlines()
    for number, (want, have) in enumerate(zip(expected, got, strict=False), 1):
        if want != have:
            return f"differs at line {number}: verified {want!r}, Pyodide {have!r}"
    number = min(len(expected), len(got)) + 1
    if len(expected) > len(got):
        return f"differs at line {number}: verified {expected[number - 1]!r}, Pyodide nothing"
    return f"differs at line {number}: verified nothing, Pyodide {got[number - 1]!r}"


def first_statement(session: candidates.Candidate) -> str:
    return next(
        (line[4:] for line in session.body.splitlines() if line.startswith(">>> ")),
        "",
    )


def manifest(sessions: list[candidates.Candidate], result: dict) -> dict:
    entries = []
    for session, outcome in zip(sessions, result["results"], strict=True):
        why = judge(session, outcome)
        entry = {"page": session.page, "key": session.key, "session": first_statement(session)}
        entry.update({"runs": True} if why is None else {"runs": False, "why": why})
        entries.append(entry)
    return {
        "about": (
            "Which sessions get a Run button (pmv.website.run_buttons reads this): each candidate "
            f"replayed in Pyodide and compared with its page's verified {candidates.MINOR} output. "
            f"Written by `{REFRESH}`; do not edit."
        ),
        "pyodide": pyodide_version(),
        "python": result["python"],
        "sessions": entries,
    }


def dumps(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def problems(sessions: list[candidates.Candidate], result: dict, written: str | None) -> list[str]:
    """How the written manifest differs from what the lane found, a message per session."""
    fresh = manifest(sessions, result)
    if written is None:
        return [f"{candidates.MANIFEST}: missing; run `{REFRESH}`"]
    try:
        old = json.loads(written)
        old_entries: dict[tuple[str, str], list[dict]] = {}
        for e in old["sessions"]:  # a list each: two sessions of a page may be the same
            old_entries.setdefault((e["page"], e["key"]), []).append(e)
    except (ValueError, KeyError, TypeError) as exc:
        return [f"{candidates.MANIFEST}: not the lane's format ({exc}); run `{REFRESH}`"]
    found = []
    for session, entry in zip(sessions, fresh["sessions"], strict=True):
        same = old_entries.get((entry["page"], entry["key"])) or [None]
        before = same.pop(0)
        if before == entry:
            continue
        if before is None:
            change = "is new or changed (its code, example or verified output)"
        elif entry["runs"]:
            change = f"now runs the same in Pyodide (it did not: {before.get('why')})"
        else:
            change = f"no longer runs the same in Pyodide: {entry['why']}"
        found.append(f"{session.where}: the session `{entry['session']}` {change}")
    for (page, _key), left in old_entries.items():
        for _ in left:
            found.append(f"{candidates.MANIFEST}: lists a session of {page} that no page has now")
    if not found and {k: v for k, v in old.items() if k != "sessions"} != {
        k: v for k, v in fresh.items() if k != "sessions"
    }:
        found.append(f"{candidates.MANIFEST}: its header is not the lane's")
    if found:
        diff = "".join(
            difflib.unified_diff(
                written.splitlines(True),
                dumps(fresh).splitlines(True),
                f"{candidates.MANIFEST} (committed)",
                f"{candidates.MANIFEST} (the lane's)",
            )
        )
        found.append(f"{diff}\nrefresh it with: {REFRESH}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite runnable.json")
    args = parser.parse_args()
    sessions = candidates.candidates(ROOT)
    try:
        result = replay(sessions)
    except LaneUnavailable as exc:
        print(exc, file=sys.stderr)
        return 2
    path = ROOT / candidates.MANIFEST
    fresh = manifest(sessions, result)
    runs = sum(entry["runs"] for entry in fresh["sessions"])
    total = sum(outcome["ms"] for outcome in result["results"])
    print(
        f"pyodide {fresh['pyodide']} (CPython {fresh['python']}): {runs} of {len(sessions)} "
        f"sessions run the same; start {result['startMs']} ms, replays {total} ms in all"
    )
    for entry in fresh["sessions"]:
        if not entry["runs"]:
            print(f"  no button: {entry['page']} `{entry['session']}`: {entry['why']}")
    if args.update:
        path.write_text(dumps(fresh), encoding="utf-8")
        print(f"wrote {candidates.MANIFEST}")
        return 0
    written = path.read_text(encoding="utf-8") if path.is_file() else None
    found = problems(sessions, result, written)
    print("\n".join(found) or f"{candidates.MANIFEST}: current")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
