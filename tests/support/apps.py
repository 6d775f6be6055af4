"""The one settings builder for a test app; suites state only what differs (``tests/fixtures.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask.testing import FlaskClient

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "catalogue"
SECRET = "test-secret"
ENCRYPTION_KEY = "pXk0gbWZy2S3m-VSHQrTu3fLwJbb9iYUtxdtMRkVKcA="  # a Fernet key for production-mode test apps only


def app_config(instance: Path, **changes: Any) -> dict[str, Any]:
    """Testing settings: the demo catalogue, CSRF on, no site served, a SQLite file and folders in ``instance``."""
    instance = Path(instance)
    values: dict[str, Any] = {
        "TESTING": True,
        "SECRET_KEY": SECRET,
        "CATALOGUE_DIR": str(CATALOGUE),
        "SITE_DIR": str(instance / "site"),  # nothing built there: the search index is built in memory
        "SERVE_SITE": False,
        "DATABASE_URL": f"sqlite:///{instance / 'guichet.sqlite3'}",
        "UPLOAD_DIR": str(instance / "uploads"),
        "MAIL_DIR": str(instance / "mail"),
        "PUBLIC_URL": "http://localhost",
        "TIMEZONE": "America/Toronto",
    }
    values.update(changes)
    return values


def create_test_app(instance: Path, **changes: Any):
    """``create_app`` with :func:`app_config`; the caller disposes of its store (``dispose``)."""
    from forms_app import create_app

    return create_app(app_config(instance, **changes))


def dispose(app) -> None:
    """Close the app's database connections (an open SQLite file is a ResourceWarning)."""
    store = app.extensions.get("guichet_store")
    if store is not None:
        store.engine.dispose()



class BufferedClient(FlaskClient):
    """A test client that reads every response to the end, so files sent with send_file are closed
    (an unclosed file is a ResourceWarning, an error here)."""

    def open(self, *args, buffered=True, **kwargs):
        return super().open(*args, buffered=buffered, **kwargs)


def buffered_client(app) -> BufferedClient:
    app.test_client_class = BufferedClient
    return app.test_client()
