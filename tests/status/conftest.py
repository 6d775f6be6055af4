"""An app with its own SQLite database, the real catalogue, and CSRF on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jinja2 import ChoiceLoader, DictLoader, TemplateNotFound

ROOT = Path(__file__).resolve().parents[2]
SECRET = "status-tests-secret"

# Only used if forms_app/templates/layout.html is missing (blocks title, content; var lang).
STUB_LAYOUT = """<!doctype html><html lang="{{ lang }}"><head><meta charset="utf-8">
<title>{% block title %}{% endblock %}</title></head><body><main>{% block content %}{% endblock %}</main></body></html>"""


def ensure_layout(app) -> None:
    try:
        app.jinja_env.get_template("layout.html")
    except TemplateNotFound:
        app.jinja_env.loader = ChoiceLoader([app.jinja_env.loader, DictLoader({"layout.html": STUB_LAYOUT})])


def app_config(tmp_path: Path, **extra) -> dict:
    config = {
        "TESTING": True,
        "SECRET_KEY": SECRET,
        "CATALOGUE_DIR": str(ROOT / "catalogue"),
        "SITE_DIR": str(tmp_path / "site"),
        "SERVE_SITE": False,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'guichet.sqlite3'}",
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "MAIL_DIR": str(tmp_path / "mail"),
        "PUBLIC_URL": "http://localhost",
        "TIMEZONE": "America/Toronto",
    }
    config.update(extra)
    return config


def new_app(tmp_path: Path, **extra):
    from forms_app import create_app

    app = create_app(app_config(tmp_path, **extra))
    ensure_layout(app)
    return app


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """One app per module (starting one loads the catalogue and the search index);
    tests stay independent because each works on its own new submission."""
    app = new_app(tmp_path_factory.mktemp("status-app"))
    yield app
    app.extensions["guichet_store"].engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)
