"""Fixtures of the search tests: the demo catalogue, its index, an app."""

from __future__ import annotations

from pathlib import Path

import pytest

from guichet.model import load_catalogue
from guichet.search import SearchIndex, build_bytes

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "catalogue"


@pytest.fixture(scope="session")
def catalogue():
    return load_catalogue(CATALOGUE)


@pytest.fixture(scope="session")
def index(catalogue):
    return SearchIndex.from_bytes(build_bytes(catalogue))


def app_config(tmp_path: Path, **extra) -> dict:
    config = {
        "TESTING": True,
        "SECRET_KEY": "search-tests",
        "SITE_DIR": str(tmp_path / "site"),  # no built index there: built in memory
        "CATALOGUE_DIR": str(CATALOGUE),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'guichet.sqlite3'}",
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "SERVE_SITE": False,
    }
    config.update(extra)
    return config


def new_app(tmp_path: Path, **extra):
    from forms_app import create_app

    return create_app(app_config(tmp_path, **extra))


@pytest.fixture
def make_app(tmp_path):
    """A fresh app (its own database) with extra settings."""
    return lambda **extra: new_app(tmp_path, **extra)


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture(scope="session")
def shared_app(tmp_path_factory):
    """One app for the tests that only read (starting an app takes a while)."""
    return new_app(tmp_path_factory.mktemp("search-app"))


@pytest.fixture
def client(shared_app):
    return shared_app.test_client()


def write_service(root: Path, slug: str, lang: str = "en", *, title: str, keywords: list[str], body: str,
                  summary: str | None = None) -> None:
    """A service page in ``root`` made from the dog-licence page with other words."""
    import yaml

    from guichet.model.catalogue import split_front_matter

    suffix = "" if lang == "en" else f".{lang}"
    raw, _, _ = split_front_matter((CATALOGUE / "services" / f"dog-licence{suffix}.md").read_text(encoding="utf-8"))
    meta = yaml.safe_load(raw)
    meta.update(title=title, keywords=keywords, summary=summary or f"About {title}.", related=[], popular=False)
    meta["channels"] = {"phone": meta["channels"]["phone"]}
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body + "\n"
    (root / "services").mkdir(parents=True, exist_ok=True)
    (root / "services" / f"{slug}{suffix}.md").write_text(text, encoding="utf-8")


@pytest.fixture
def mini_root(tmp_path):
    """An empty catalogue folder with the real taxonomy and synonyms."""
    import shutil

    root = tmp_path / "catalogue"
    root.mkdir()
    shutil.copy(CATALOGUE / "taxonomy.yml", root)
    shutil.copy(CATALOGUE / "synonyms.yml", root)
    return root
