"""Building the Debian sid chroot whose interpreters are the 3.13 to 3.15 lanes (chroot.py).

`ensure()` builds it, once, with debootstrap, in the ignored folder .cache/chroot/sid (the
noxfile calls it before a run that needs those lanes, and `python3 noxfile.py -s chroot` does),
with the package versions pinned in pyproject.toml ([tool.example-runner.chroot]); a build that
the archive serves other versions for fails, naming them. It needs root.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

from pmv.lanes.interpreters import InterpreterError, _run
from pmv.project import PROJECT
from pmv.versions import version_key

ROOT = Path(os.environ.get("EXAMPLE_RUNNER_CHROOT", PROJECT.cache / "chroot" / "sid"))
STAMP = ".example-runner-chroot.json"  # written last: its presence means the build finished
SYSTEM_PATH = "/usr/sbin:/usr/bin:/sbin:/bin"
FIX = "python3 noxfile.py -s chroot"


def pins() -> dict[str, str]:
    """The Debian packages of the chroot and their exact versions, from pyproject.toml."""
    return dict(PROJECT.pyproject["tool"]["example-runner"]["chroot"]["packages"])


def minors() -> list[str]:
    """The versions the chroot provides."""
    return sorted(
        {m[len("python") :] for m in pins() if re.fullmatch(r"python3\.\d+", m)},
        key=version_key,
    )


def shown_root() -> str:
    return PROJECT.shown(ROOT)


def state() -> tuple[bool, str]:
    """(usable, why not): whether the chroot at ROOT is built, finished and as pinned."""
    if not ROOT.is_dir():
        return False, f"the Debian chroot is not built ({shown_root()}); build it: {FIX}"
    stamp = ROOT / STAMP
    if not stamp.is_file():
        return False, f"the Debian chroot at {shown_root()} is half-built; rebuild it: {FIX}"
    built = json.loads(stamp.read_text())["packages"]
    if built != pins():
        changed = ", ".join(
            f"{name} {built.get(name, 'missing')} (pinned {version})"
            for name, version in pins().items()
            if built.get(name) != version
        )
        return False, f"the Debian chroot has {changed}; rebuild it: {FIX}"
    if os.geteuid() != 0:
        return False, "running interpreters in the Debian chroot needs root (chroot(8))"
    return True, ""


def _mirror() -> str:
    """The Debian mirror this machine's apt sources name (sid is served where bookworm is)."""
    if os.environ.get("EXAMPLE_RUNNER_DEBIAN_MIRROR"):
        return os.environ["EXAMPLE_RUNNER_DEBIAN_MIRROR"]
    texts = [Path("/etc/apt/sources.list"), *sorted(Path("/etc/apt/sources.list.d").glob("*"))]
    for path in texts:
        if not path.is_file():
            continue
        text = path.read_text(errors="replace")
        for uri in re.findall(r"^URIs:\s*(\S+)", text, flags=re.M) + re.findall(
            r"^deb\s+(?:\[[^]]*\]\s+)?(\S+)\s+\S+", text, flags=re.M
        ):
            if uri.rstrip("/").endswith("/debian"):
                return uri
    raise InterpreterError(
        "no Debian mirror found in /etc/apt/sources.list(.d); name one in "
        "EXAMPLE_RUNNER_DEBIAN_MIRROR"
    )


def ensure(log: Callable[[str], None] = print) -> tuple[bool, str]:
    """Build the chroot if it is missing or half-built; (usable, why not)."""
    usable, why = state()
    if usable:
        return usable, why
    if os.geteuid() != 0:
        return False, "building the Debian chroot needs root (debootstrap and chroot(8))"
    debootstrap = shutil.which("debootstrap", path=SYSTEM_PATH + ":/usr/local/bin")
    if debootstrap is None:
        return False, "building the Debian chroot needs debootstrap: apt-get install debootstrap"
    partial = ROOT.with_name(ROOT.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    shutil.rmtree(ROOT, ignore_errors=True)
    partial.parent.mkdir(parents=True, exist_ok=True)
    packages = ",".join(pins())
    log(
        f"Building the Debian sid chroot for Python {', '.join(minors())} in {shown_root()} "
        "(once; about a minute and 400 MB): debootstrap --variant=minbase "
        f"--include={packages} sid"
    )
    started = time.monotonic()
    argv = [debootstrap, "--variant=minbase", f"--include={packages}", "sid", str(partial)]
    try:
        _run([*argv, _mirror()], None, "debootstrap")
    except InterpreterError as exc:
        return (
            False,
            f"{exc}\nThe half-built chroot is in {PROJECT.shown(partial)}; try again: {FIX}",
        )
    built = _installed(partial)
    wrong = {
        name: built.get(name) for name, version in pins().items() if built.get(name) != version
    }
    if wrong:
        found = ", ".join(f"{name} {version or 'missing'}" for name, version in wrong.items())
        return False, (
            f"the sid archive now serves {found}, not the versions pinned in pyproject.toml "
            "([tool.example-runner.chroot]); update the pins, then the pages: "
            "python3 noxfile.py -s update"
        )
    stamp = {"packages": built, "seconds": round(time.monotonic() - started)}
    (partial / STAMP).write_text(json.dumps(stamp, indent=1))
    partial.rename(ROOT)
    log(f"Built the Debian chroot in {stamp['seconds']} s: {json.dumps(built)}")
    return state()


def _installed(root: Path) -> dict[str, str]:
    chroot = shutil.which("chroot", path=SYSTEM_PATH) or "chroot"
    names = list(pins())
    out = _run(
        [chroot, str(root), "dpkg-query", "-W", "-f", "${Package} ${Version}\\n", *names],
        None,
        "dpkg-query in the chroot",
    )
    return dict(line.split(" ", 1) for line in out.splitlines() if " " in line)


if __name__ == "__main__":
    usable, why = ensure()
    print("the Debian chroot is ready" if usable else why)
    sys.exit(0 if usable else 1)
