"""The Debian chroot: every way it can be unusable is a message saying what to do."""

from __future__ import annotations

import json

import pytest
from pmv.lanes import chroot, chroot_build
from pmv.versions import SUPPORTED


@pytest.fixture
def root(tmp_path, monkeypatch):
    where = tmp_path / "sid"
    monkeypatch.setattr(chroot_build, "ROOT", where)
    return where


def test_a_chroot_that_is_not_built_says_how_to_build_it(root):
    usable, why = chroot_build.state()
    assert not usable
    assert "the Debian chroot is not built" in why
    assert why.endswith("build it: python3 noxfile.py -s chroot")
    assert chroot.find("3.15") is None


def test_a_half_built_chroot_is_not_used(root):
    (root / "usr" / "bin").mkdir(parents=True)
    usable, why = chroot_build.state()
    assert not usable and "is half-built; rebuild it: python3 noxfile.py -s chroot" in why


def test_a_chroot_with_other_package_versions_is_not_used(root):
    root.mkdir()
    built = {**chroot_build.pins(), "python3.15": "3.15.3-1"}
    (root / chroot_build.STAMP).write_text(json.dumps({"packages": built}))
    usable, why = chroot_build.state()
    assert not usable
    assert "python3.15 3.15.3-1 (pinned 3.15.2-1)" in why


def test_without_root_the_chroot_is_neither_built_nor_run(root, monkeypatch):
    root.mkdir()
    (root / chroot_build.STAMP).write_text(json.dumps({"packages": chroot_build.pins()}))
    monkeypatch.setattr(chroot_build.os, "geteuid", lambda: 1000)
    assert chroot_build.state() == (
        False,
        "running interpreters in the Debian chroot needs root (chroot(8))",
    )
    (root / chroot_build.STAMP).unlink()
    assert chroot_build.ensure(log=lambda line: None) == (
        False,
        "building the Debian chroot needs root (debootstrap and chroot(8))",
    )


def test_without_debootstrap_the_build_says_how_to_install_it(root, monkeypatch):
    monkeypatch.setattr(chroot_build.os, "geteuid", lambda: 0)
    monkeypatch.setattr(chroot_build.shutil, "which", lambda name, path=None: None)
    assert chroot_build.ensure(log=lambda line: None) == (
        False,
        "building the Debian chroot needs debootstrap: apt-get install debootstrap",
    )


def test_the_pins_name_every_version_the_chroot_serves():
    assert chroot_build.minors() and set(chroot_build.minors()) <= set(SUPPORTED)
    assert all(
        chroot_build.pins()[f"python{m}-venv"] == chroot_build.pins()[f"python{m}"]
        for m in chroot_build.minors()
    )
