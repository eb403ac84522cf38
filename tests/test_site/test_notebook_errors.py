"""A notebook cell that raises fails the build, and the error names the notebook."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def jupyter_options() -> dict:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    plugin = next(p for p in config["plugins"] if isinstance(p, dict) and "mkdocs-jupyter" in p)
    return plugin["mkdocs-jupyter"]


def test_a_raising_cell_fails_the_strict_build_naming_the_notebook(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    (notebooks / "broken.py").write_text(
        '# %%\nx = 1\n\n# %%\nraise ValueError("this cell fails")\n'
    )
    options = {**jupyter_options(), "notebook_dirs": {"notebooks": "notebooks"}}
    options["custom_template"] = str(ROOT / options["custom_template"])
    config = {"site_name": "fixture", "plugins": [{"mkdocs-jupyter": options}]}
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config))
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert build.returncode != 0
    assert "Error reading page 'notebooks/broken.py'" in build.stderr
    assert 'raise ValueError("this cell fails")' in build.stderr
