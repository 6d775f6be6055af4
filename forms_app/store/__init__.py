"""Durable storage of submissions, their outbox and their status history.

``init_app(app)`` makes the engine and tables; ``get_store()`` returns the
app's ``Store``. SQLAlchemy Core only; nothing here knows about requests.
"""

from __future__ import annotations

import os

from flask import Flask, current_app

from .engine import make_engine, sqlite_url
from .outbox import Outbox
from .records import Answer, Attachment, NewSubmission, OutboxItem, StatusEvent, StatusView, Submission
from .references import format_reference, new_reference, normalize_reference
from .retention import delete_files
from .schema import OUTBOX_KINDS, OUTBOX_STATUSES, STATUSES
from .store import Store

EXTENSION = "guichet_store"

__all__ = [
    "init_app", "get_store", "Store", "Outbox", "make_engine",
    "Answer", "Attachment", "NewSubmission", "OutboxItem", "StatusEvent", "StatusView", "Submission",
    "new_reference", "format_reference", "normalize_reference", "delete_files",
    "STATUSES", "OUTBOX_KINDS", "OUTBOX_STATUSES",
]


def init_app(app: Flask) -> None:
    if not app.config.get("UPLOAD_DIR"):
        app.config["UPLOAD_DIR"] = os.path.join(app.instance_path, "uploads")
    os.makedirs(app.config["UPLOAD_DIR"], exist_ok=True)
    url = app.config.get("DATABASE_URL") or sqlite_url(os.path.join(app.instance_path, "guichet.sqlite3"))
    store = Store(make_engine(url))
    store.create_tables()
    app.extensions[EXTENSION] = store
    from .cli import purge_command

    app.cli.add_command(purge_command)


def get_store() -> Store:
    return current_app.extensions[EXTENSION]
