"""The version picker offers the supported versions: the build writes pyproject.toml's list
(pmv.versions.SUPPORTED) into the site's copy of docs/assets/versions.js, whose own list is
empty, so that the one list is the only place to add a version."""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from pmv.versions import SUPPORTED

SCRIPT = Path("assets") / "versions.js"
EMPTY = re.compile(r"^(  const VERSIONS = )\[\];$", re.M)


def on_post_build(config) -> None:
    path = Path(config["site_dir"]) / SCRIPT
    text = path.read_text(encoding="utf-8")
    if len(EMPTY.findall(text)) != 1:
        raise PluginError(
            f"docs/{SCRIPT.as_posix()}: no line `  const VERSIONS = [];` for the build to write "
            "the supported versions into"
        )
    listed = json.dumps(list(SUPPORTED)).replace('","', '", "')
    path.write_text(EMPTY.sub(lambda m: m[1] + listed + ";", text), encoding="utf-8")
