"""Checks of the project's pages as a whole, beyond what each block's run shows."""

from __future__ import annotations

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


def test_the_ci_matrix_runs_the_releases_that_wrote_the_pages():
    """GitHub's workflow cannot import the versions: it is checked against them, and against
    the exact releases the pages' verified-with lines name."""
    from pmv.stamp import entries
    from pmv.versions import SUPPORTED

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text())
    matrix = workflow["jobs"]["examples"]["strategy"]["matrix"]["include"]
    assert tuple(job["python"] for job in matrix) == SUPPORTED
    pinned = {job["python"]: job["release"] for job in matrix}
    for path in sorted((ROOT / "docs").rglob("*.md")):
        page = read_page(path, ROOT)
        if page.stamp is not None:
            named = {m: e.split(" ")[0] for m, e in entries(page.stamp.text).items()}
            assert named == pinned, f"{path.relative_to(ROOT)}: {named} != ci.yml {pinned}"


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


def test_the_version_picker_offers_the_supported_versions():
    """docs/assets/versions.js cannot import the list either."""
    import re

    from pmv.versions import SUPPORTED

    script = (ROOT / "docs" / "assets" / "versions.js").read_text()
    listed = re.search(r"const VERSIONS = \[([^\]]*)\]", script)[1]
    assert tuple(re.findall(r'"([^"]+)"', listed)) == SUPPORTED
