"""Writable copies of the demo catalogue for tests that break them, and building a site from one."""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.support.apps import ROOT as PROJECT


def build_site(docs_dir: Path, site_dir: Path) -> Path:
    """Build the site from ``docs_dir`` with the project's mkdocs.yml, strict."""
    config = load_config(str(PROJECT / "mkdocs.yml"), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True)
    build(config)
    return site_dir


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
