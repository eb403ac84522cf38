"""Interpreters that run inside a Debian sid chroot: 3.13, 3.14 and 3.15 from Debian's packages.

This machine's C library is too old for the sid builds of CPython, but a chroot of sid runs them
natively. The project builds the chroot itself (`ensure()`, called by the noxfile before a run
and by `python3 noxfile.py -s chroot`), in the ignored folder .cache/chroot/sid, with the
package versions pinned in pyproject.toml ([tool.example-runner.chroot]); a build that serves
other versions fails, naming them.

A block's working copy must be at the same path inside the chroot as outside, so that outputs
and placeholders are the same as for an interpreter of this machine. `sharing()` does it without
mounts: the lane's folder is made inside the chroot's tree, and a symlink at its host path points
there; inside the chroot the path is a real folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import toml
from .interpreters import Interpreter, InterpreterError, _run, describe

PROJECT = Path(__file__).resolve().parents[2]
ROOT = Path(os.environ.get("EXAMPLE_RUNNER_CHROOT", PROJECT / ".cache" / "chroot" / "sid"))
STAMP = ".example-runner-chroot.json"  # written last: its presence means the build finished
SYSTEM_PATH = "/usr/sbin:/usr/bin:/sbin:/bin"
FIX = "python3 noxfile.py -s chroot"


def pins() -> dict[str, str]:
    """The Debian packages of the chroot and their exact versions, from pyproject.toml."""
    config = toml.loads((PROJECT / "pyproject.toml").read_text())
    return dict(config["tool"]["example-runner"]["chroot"]["packages"])


def minors() -> list[str]:
    """The versions the chroot provides."""
    return _minors()


def shown_root() -> str:
    return _shown(ROOT)


def _minors() -> list[str]:
    return sorted(
        {m[len("python") :] for m in pins() if re.fullmatch(r"python3\.\d+", m)},
        key=lambda v: tuple(map(int, v.split("."))),
    )


@dataclass(frozen=True)
class ChrootInterpreter(Interpreter):
    """An interpreter inside the chroot at `root`, run with chroot(8) as root."""

    root: str = str(ROOT)

    def argv(self, argv: list[str], cwd: Path) -> tuple[list[str], Path | None]:
        chroot = shutil.which("chroot", path=SYSTEM_PATH) or "chroot"
        # chroot(8) changes to "/": the shell changes to the block's folder, then runs argv.
        return [chroot, self.root, "/bin/sh", "-c", 'cd "$0" && exec "$@"', str(cwd), *argv], None

    @contextlib.contextmanager
    def sharing(self, directory: Path) -> Iterator[None]:
        inside = Path(self.root + str(directory))
        inside.mkdir(parents=True, exist_ok=True)
        if directory.is_dir() and not directory.is_symlink():
            directory.rmdir()
        directory.symlink_to(inside)
        try:
            yield
        finally:
            directory.unlink()
            shutil.rmtree(inside, ignore_errors=True)
            with contextlib.suppress(OSError):
                inside.parent.rmdir()  # the run's folder, once its last lane is gone

    def placeholders(self) -> list[tuple[str, str]]:
        # Debian's prefix is /usr: only its Python paths stand for the placeholder prefix, or
        # /usr/bin/bash would read /usr/local/bin/bash.
        names = [f"lib/python{self.minor}", f"lib/python{self.minor.replace('.', '')}.zip"]
        names += [f"include/python{self.minor}", f"bin/python{self.minor}"]
        return [(f"/usr/{name}", f"/usr/local/{name}") for name in names]

    def tools_python(self, cache: Path, packages: list[str]) -> str:
        """A venv inside the chroot with `packages`, installed by uv run inside the chroot."""
        inside = f"/opt/example-runner/tools-{self.release}"
        venv = Path(self.root + inside)
        stamp = venv / "installed.txt"
        wanted = "\n".join(packages)
        if stamp.is_file() and stamp.read_text() == wanted:
            return f"{inside}/bin/python"
        shutil.rmtree(venv, ignore_errors=True)
        uv = shutil.which("uv") or str(Path(sys.executable).parent / "uv")
        if not Path(uv).is_file():
            raise InterpreterError("installing the python-block tools in the chroot needs uv")
        # Lanes install at the same time: a copy under another name, then an atomic rename,
        # never writes over a uv that another lane is running.
        target = Path(self.root) / "usr" / "local" / "bin" / "uv"
        copy = target.with_name(f"uv.{os.getpid()}.{threading.get_ident()}")
        shutil.copy2(uv, copy)
        os.replace(copy, target)
        # This machine's certificate authorities, which its registries' certificates may need.
        bundle = os.environ.get("SSL_CERT_FILE") or "/etc/ssl/certs/ca-certificates.crt"
        shutil.copy2(bundle, Path(self.root) / "etc" / "example-runner-ca.crt")
        env = {
            "PATH": f"/usr/local/bin:{SYSTEM_PATH}",
            "HOME": "/root",
            "SSL_CERT_FILE": "/etc/example-runner-ca.crt",
            "UV_PYTHON_DOWNLOADS": "never",
            "UV_COMPILE_BYTECODE": "1",
        }
        steps = [
            ["uv", "venv", "-q", "--python", self.executable, inside],
            [
                *("uv", "pip", "install", "-q", "--python", f"{inside}/bin/python"),
                *("--require-hashes", "-r", f"{inside}/requirements.txt"),
            ],
        ]
        for number, step in enumerate(steps):
            if number == 1:  # the venv exists now: the locked requirements go beside it
                (venv / "requirements.txt").write_text(wanted + "\n")
            argv, _ = self.argv(step, Path("/"))
            done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=600)
            if done.returncode:
                raise InterpreterError(
                    f"`{' '.join(step[:3])}` in the chroot failed:\n{done.stderr.strip()}"
                )
        stamp.write_text(wanted)
        return f"{inside}/bin/python"


def state() -> tuple[bool, str]:
    """(usable, why not): whether the chroot at ROOT is built, finished and as pinned."""
    if not ROOT.is_dir():
        return False, f"the Debian chroot is not built ({_shown(ROOT)}); build it: {FIX}"
    stamp = ROOT / STAMP
    if not stamp.is_file():
        return False, f"the Debian chroot at {_shown(ROOT)} is half-built; rebuild it: {FIX}"
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


def find(minor: str) -> Interpreter | None:
    if minor not in _minors() or not state()[0]:
        return None
    found = describe(
        f"/usr/bin/python{minor}", "Debian sid chroot", cls=ChrootInterpreter, root=str(ROOT)
    )
    if found is None or found.minor != minor:
        return None
    return found


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(PROJECT))
    except ValueError:
        return str(path)


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
        f"Building the Debian sid chroot for Python {', '.join(_minors())} in {_shown(ROOT)} "
        "(once; about a minute and 400 MB): debootstrap --variant=minbase "
        f"--include={packages} sid"
    )
    started = time.monotonic()
    argv = [debootstrap, "--variant=minbase", f"--include={packages}", "sid", str(partial)]
    try:
        _run([*argv, _mirror()], None, "debootstrap")
    except InterpreterError as exc:
        return False, f"{exc}\nThe half-built chroot is in {_shown(partial)}; try again: {FIX}"
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
