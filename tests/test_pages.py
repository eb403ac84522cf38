"""Checks of the project's pages as a whole, beyond what each block's run shows."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from pmv.page import read_page
from pmv.snippets import INCLUDE

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def _used_folders() -> set[Path]:
    """The folders of examples/ that a page runs in or shows, or that mkdocs.yml builds."""
    used: set[Path] = set()
    for path in sorted((ROOT / "docs").rglob("*.md")):
        page = read_page(path, ROOT)
        used |= {EXAMPLES / b.options["example"] for b in page.blocks if "example" in b.options}
        for line in page.text.splitlines():
            match = INCLUDE.match(line)
            if match:
                used.add((ROOT / match["target"].partition(":")[0]).parent)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "mkdocs-jupyter" in plugin:
            jupyter = plugin["mkdocs-jupyter"]
            used |= {ROOT / folder for folder in jupyter["notebook_dirs"].values()}
    return used


def test_every_folder_under_examples_is_used_by_some_page():
    used = _used_folders()
    orphans = sorted(
        {
            str(path.parent.relative_to(ROOT))
            for path in EXAMPLES.rglob("*")
            if path.is_file()
            and "__pycache__" not in path.parts
            and not any(folder in path.parents for folder in used)
        }
    )
    assert orphans == [], (
        f"no page runs in or shows these folders: {', '.join(orphans)}. Use them from a page "
        '(example="..." on a block, or a --8<-- listing), or delete them.'
    )


def test_the_workflows_matrices_are_the_supported_versions_and_the_pages_releases():
    """The workflows read the versions (`-s matrix`): each examples job runs one version with
    the exact release every page's stamp names for it."""
    from pmv.ci_matrix import matrix
    from pmv.stamp import entries
    from pmv.versions import SUPPORTED

    found = matrix()
    assert found["versions"] == list(SUPPORTED)
    pinned = {job["python"]: job["release"] for job in found["matrix"]["include"]}
    assert list(pinned) == list(SUPPORTED)
    for path in sorted((ROOT / "docs").rglob("*.md")):
        page = read_page(path, ROOT)
        if page.stamp is not None:
            named = {m: e.split(" ")[0] for m, e in entries(page.stamp.text).items()}
            assert named == pinned, f"{path.relative_to(ROOT)}: {named}, the others {pinned}"
    for name, job, wants in (("ci.yml", "examples", "matrix"), ("drift.yml", "update", "versions")):
        workflow = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())
        strategy = json.dumps(workflow["jobs"][job]["strategy"]["matrix"])
        assert f"fromJSON(needs.versions.outputs.{wants})" in strategy, name


def test_every_page_with_executed_blocks_says_what_verified_it():
    """The line is written by the update command; its entries are checked by each lane."""
    missing = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        page = read_page(path, ROOT)
        if page.blocks and page.stamp is None:
            missing.append(str(path.relative_to(ROOT)))
    assert missing == [], (
        f"{', '.join(missing)}: a page with executed blocks ends with the line that says what "
        "verified it. Add <!-- verified-with --> as its last line; the update command writes "
        "the line under it."
    )
