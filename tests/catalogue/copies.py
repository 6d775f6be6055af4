"""Writable copies of the demo catalogue for tests that break them, and building a site from one."""

from __future__ import annotations

from pathlib import Path

from guichet.build.build import build
from guichet.build.site import load_site_config

from tests.support.apps import ROOT as PROJECT


def build_site(docs_dir: Path, site_dir: Path, engine: str = "mkdocs") -> Path:
    """Build the site from ``docs_dir`` with the project's settings (``guichet build --strict``)."""
    build(load_site_config(PROJECT / "mkdocs.yml", docs_dir=docs_dir, site_dir=site_dir), engine=engine, strict=True)
    return site_dir


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
