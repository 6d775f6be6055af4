"""The every-field test form: its small catalogue (``tests/forms/catalogue``), a stand-in built site,
valid answers, posting as a browser does, and reading the stored rows."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from sqlalchemy import select
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from .apps import ROOT, app_config

CATALOGUE = ROOT / "tests" / "forms" / "catalogue"
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


def form_settings(instance: Path) -> dict[str, Any]:
    """What the forms suite changes in :func:`app_config`: its catalogue, a stand-in site served,
    no CSRF and no rate limits (their own tests turn them on), no ``PUBLIC_URL`` (links use the address
    the form was sent to)."""
    return {
        "PUBLIC_URL": None,
        "CATALOGUE_DIR": str(CATALOGUE),
        "SITE_DIR": str(make_site(Path(instance) / "site")),
        "SERVE_SITE": True,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "RATELIMIT_STORAGE_URI": "worker-memory://",
    }


def config(instance: Path, **changes: Any) -> dict[str, Any]:
    """The forms suite's settings with ``changes`` on top."""
    return app_config(instance, **{**form_settings(instance), **changes})


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


def text(response) -> str:
    return response.get_data(as_text=True)


def rows(app, table_name: str) -> list[dict]:
    """Every row of a table of the store's schema, oldest first."""
    from forms_app.store import get_store, schema

    table = getattr(schema, table_name)
    with app.app_context(), get_store().engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(table).order_by(table.c.id)).mappings()]


def opened(app, path: str) -> bytes:
    """A saved upload's clear bytes: files are sealed at rest (``store/sealing.py``), opened with the app's key."""
    from forms_app.store import get_store

    with open(path, "rb") as f, app.app_context():
        return get_store().keyring.open_bytes(f.read())
