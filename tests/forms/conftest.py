"""Fixtures for the forms tests: an app on a small catalogue whose one form has
every field type (``tests/forms/catalogue``), a real store in a temporary
SQLite file, and a tiny built site to serve."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
from sqlalchemy import select
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from flask.testing import FlaskClient

from forms_app import create_app
from forms_app.store import get_store

HERE = Path(__file__).parent
CATALOGUE = HERE / "catalogue"
FORM = "/forms/every-field/"
FORM_FR = "/fr/forms/every-field/"

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 40


def make_site(root: Path) -> Path:
    """A stand-in for the mkdocs build: pages, a 404 page per language, a stylesheet."""
    files = {
        "index.html": "<!doctype html><title>Home</title><h1>Home</h1>",
        "fr/index.html": "<!doctype html><title>Accueil</title><h1>Accueil</h1>",
        "services/dog-licence/index.html": "<!doctype html><title>Dog licence</title>",
        "404.html": "<!doctype html><title>Page not found</title><h1>Site 404</h1>",
        "fr/404.html": "<!doctype html><title>Page introuvable</title><h1>Site 404 fr</h1>",
        "assets/javascripts/app.js": "console.log('x');",
        "search/search_index.json": "{}",
        "sitemap.xml": "<urlset/>",
        "assets/images/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        ".secret": "never served",
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def config(tmp_path: Path, **changes) -> dict:
    values = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "CATALOGUE_DIR": str(CATALOGUE),
        "SITE_DIR": str(make_site(tmp_path / "site")),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'guichet.sqlite3'}",
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "MAIL_DIR": str(tmp_path / "mail"),
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "RATELIMIT_STORAGE_URI": "worker-memory://",
    }
    values.update(changes)
    return values


_loaded: dict = {}


@pytest.fixture(autouse=True)
def load_catalogue_once(monkeypatch):
    """Parsing YAML is slow in pure Python: each catalogue folder is read once per test run."""
    import forms_app.catalogue as module
    from guichet.model.catalogue import load_catalogue

    def cached(root):
        key = str(Path(root).resolve())
        if key not in _loaded:
            _loaded[key] = load_catalogue(root)
        return _loaded[key]

    monkeypatch.setattr(module, "load_catalogue", cached)


@pytest.fixture
def make_app(tmp_path):
    apps = []

    def make(**changes):
        app = create_app(config(tmp_path, **changes))
        apps.append(app)
        return app

    yield make
    for app in apps:
        with app.app_context():
            get_store().engine.dispose()


@pytest.fixture
def app(make_app):
    return make_app()


class BufferedClient(FlaskClient):
    """Reads every response to the end, so files sent with send_file are closed (no ResourceWarning)."""

    def open(self, *args, buffered=True, **kwargs):
        return super().open(*args, buffered=buffered, **kwargs)


@pytest.fixture
def client(app):
    app.test_client_class = BufferedClient
    return app.test_client()


def valid_answers(**changes) -> dict:
    """A complete, valid submission of the every-field form (with its plan as a PDF)."""
    data = {
        "full_name": "Jo Tremblay",
        "email": "jo@example.net",
        "phone": "613-555-0100",
        "postal_code": "k1a 0b1",
        "address": "12 Elm Street",
        "description": "A block party with music.",
        "guests": "120",
        "cost": "1,500",
        "discount": "",
        "party_date-day": "21",
        "party_date-month": "6",
        "party_date-year": "2027",
        "kind": "block-party",
        "owner": "yes",
        "needs": ["barriers", "power"],
        "permit_number": "",
        "plan": (PDF, "street plan.pdf", "application/pdf"),
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def post(client, url: str, data: dict, **kwargs):
    """POST as a browser does (multipart). Files are (bytes, name, content type).

    The body is encoded in memory: the test client would spool a large one to
    a temporary file it never closes (a ResourceWarning, an error here).
    """
    values = MultiDict()
    for key, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, tuple):
                item = FileStorage(io.BytesIO(item[0]), filename=item[1], content_type=item[2])
            values.add(key, item)
    boundary, body = encode_multipart(values)
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}", **kwargs)


# -- reading pages ------------------------------------------------------------

def text(response) -> str:
    return response.get_data(as_text=True)


def field_errors(page: str) -> dict[str, str]:
    """{field id: its error message} as shown under each field."""
    found = re.findall(r'<p id="([^"]+)-error" class="gx-error-message"><span class="gx-visually-hidden">[^<]*</span> ([^<]*)</p>', page)
    return {name: html.unescape(message) for name, message in found}


def summary(page: str) -> list[tuple[str, str]]:
    """[(link target, message)] of the error summary."""
    match = re.search(r'<ul class="gx-error-summary__list">(.*?)</ul>', page, re.S)
    if not match:
        return []
    return [(href, html.unescape(msg)) for href, msg in re.findall(r'<li><a href="([^"]+)">([^<]*)</a></li>', match.group(1))]


def tag(page: str, element_id: str) -> str:
    """The opening tag of the element with this id."""
    match = re.search(r'<(?:input|textarea|fieldset|div|select)\b[^>]*\bid="%s"[^>]*>' % re.escape(element_id), page)
    assert match, f"no element with id {element_id}"
    return match.group(0)


def attr(tag_text: str, name: str) -> str | None:
    match = re.search(r'\s%s="([^"]*)"' % re.escape(name), tag_text)
    return html.unescape(match.group(1)) if match else None


def title(page: str) -> str:
    return html.unescape(re.search(r"<title>(.*?)</title>", page, re.S).group(1))


# -- reading the database -----------------------------------------------------

def rows(app, table_name: str) -> list[dict]:
    from forms_app.store import schema

    table = getattr(schema, table_name)
    with app.app_context(), get_store().engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(table).order_by(table.c.id)).mappings()]
