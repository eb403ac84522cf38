"""Interpreters that run inside a Debian sid chroot: 3.13, 3.14 and 3.15 from Debian's packages.

This machine's C library is too old for the sid builds of CPython, but a chroot of sid runs them
natively. chroot_build.py builds the chroot, in the ignored folder .cache/chroot/sid, with the
package versions pinned in pyproject.toml ([tool.example-runner.chroot]).

A block's working copy must be at the same path inside the chroot as outside, so that outputs
and placeholders are the same as for an interpreter of this machine. `sharing()` does it without
mounts: the lane's folder is made inside the chroot's tree, and a symlink at its host path points
there; inside the chroot the path is a real folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pmv.lanes import chroot_build
from pmv.lanes.chroot_build import ROOT, SYSTEM_PATH
from pmv.lanes.interpreters import Interpreter, describe


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

    def _tools_venv(self, cache: Path) -> tuple[str, Path]:
        inside = f"/opt/example-runner/tools-{self.release}"
        return inside, Path(self.root + inside)

    def _uv(self) -> str:
        """The runner's uv, copied into the chroot, where its processes run it."""
        uv = super()._uv()
        # Lanes install at the same time: a copy under another name, then an atomic rename,
        # never writes over a uv that another lane is running.
        target = Path(self.root) / "usr" / "local" / "bin" / "uv"
        copy = target.with_name(f"uv.{os.getpid()}.{threading.get_ident()}")
        shutil.copy2(uv, copy)
        os.replace(copy, target)
        # This machine's certificate authorities, which its registries' certificates may need.
        bundle = os.environ.get("SSL_CERT_FILE") or "/etc/ssl/certs/ca-certificates.crt"
        shutil.copy2(bundle, Path(self.root) / "etc" / "example-runner-ca.crt")
        return "uv"

    def _tools_env(self) -> dict[str, str]:
        return {
            "PATH": f"/usr/local/bin:{SYSTEM_PATH}",
            "HOME": "/root",
            "SSL_CERT_FILE": "/etc/example-runner-ca.crt",
            "UV_PYTHON_DOWNLOADS": "never",
            "UV_COMPILE_BYTECODE": "1",
        }


def find(minor: str) -> Interpreter | None:
    if minor not in chroot_build.minors() or not chroot_build.state()[0]:
        return None
    found = describe(
        f"/usr/bin/python{minor}", "Debian sid chroot", cls=ChrootInterpreter, root=str(ROOT)
    )
    if found is None or found.minor != minor:
        return None
    return found
