"""Fixtures for the catalogue platform: temporary copies of the demo catalogue
that tests may break, and a helper that builds a site from one with mkdocs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture
def catalogue_copy(tmp_path) -> Path:
    """A writable copy of the demo catalogue."""
    target = tmp_path / "catalogue"
    shutil.copytree(PROJECT / "catalogue", target)
    return target


def build_site(docs_dir: Path, site_dir: Path) -> Path:
    """Build the site from ``docs_dir`` with the project's mkdocs.yml, strict."""
    config = load_config(str(PROJECT / "mkdocs.yml"), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True)
    build(config)
    return site_dir


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The demo catalogue built once for the session."""
    return build_site(PROJECT / "catalogue", tmp_path_factory.mktemp("site"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
