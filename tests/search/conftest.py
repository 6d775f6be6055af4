"""Fixtures of the search tests: the demo catalogue, its index, an app."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import ChoiceLoader, DictLoader, TemplateNotFound

from guichet.model import load_catalogue
from guichet.search import SearchIndex, build_bytes

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "catalogue"

# Used only while forms_app/templates/layout.html does not exist yet: the
# contract is blocks ``title`` and ``content`` and the context var ``lang``.
STUB_LAYOUT = """<!doctype html><html lang="{{ lang }}"><head><meta charset="utf-8">
<title>{% block title %}{% endblock %}</title></head>
<body><main id="main">{% block content %}{% endblock %}</main></body></html>"""


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
        "WTF_CSRF_ENABLED": False,
    }
    config.update(extra)
    return config


def ensure_layout(app) -> None:
    try:
        app.jinja_env.get_template("layout.html")
    except TemplateNotFound:
        app.jinja_env.loader = ChoiceLoader([app.jinja_env.loader, DictLoader({"layout.html": STUB_LAYOUT})])


@pytest.fixture
def make_app(tmp_path):
    from forms_app import create_app

    def make(**extra):
        app = create_app(app_config(tmp_path, **extra))
        ensure_layout(app)
        return app

    return make


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()
