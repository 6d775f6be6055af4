"""Durable storage of submissions, their outbox and their status history.

``init_app(app)`` makes the engine and, when ``MIGRATE_AT_START`` is on,
brings the tables to the newest revision (``migrate.py``); ``flask --app
forms_app db upgrade`` does it for deploys. ``get_store()`` returns the
app's ``Store``. The store owns every table in its database and every
write to it. SQLAlchemy Core only; nothing here knows about requests.
"""

from __future__ import annotations

import logging
import os

from flask import Flask

from ..config import settings_of
from ..config_error import ConfigError
from .current import EXTENSION, get_store
from .engine import make_engine, sqlite_url
from .migrate import UnstampedDatabase
from .outbox import Outbox
from .records import Answer, Attachment, NewSubmission, OutboxItem, StatusEvent, StatusView, Submission
from .references import format_reference, new_reference, normalize_reference
from .retention import delete_files
from .schema import OUTBOX_KINDS, OUTBOX_STATUSES, STATUSES
from .sealing import EXTENSION as KEYRING, Keyring, configured_keys, development_keys
from .store import Store

__all__ = [
    "init_app", "get_store", "Store", "Outbox", "make_engine",
    "Answer", "Attachment", "NewSubmission", "OutboxItem", "StatusEvent", "StatusView", "Submission",
    "new_reference", "format_reference", "normalize_reference", "delete_files",
    "STATUSES", "OUTBOX_KINDS", "OUTBOX_STATUSES",
]

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    if not app.config.get("UPLOAD_DIR"):
        app.config["UPLOAD_DIR"] = os.path.join(app.instance_path, "uploads")
    os.makedirs(app.config["UPLOAD_DIR"], exist_ok=True)
    url = app.config.get("DATABASE_URL") or sqlite_url(os.path.join(app.instance_path, "guichet.sqlite3"))
    keyring = app.extensions[KEYRING] = keyring_for(app)
    store = Store(make_engine(url), webhook_departments=settings_of(app).WEBHOOKS, keyring=keyring)
    try:
        if settings_of(app).MIGRATE_AT_START:
            store.create_tables()
        else:
            warn_if_behind(store)
    except UnstampedDatabase as exc:
        raise ConfigError(f"the forms app cannot start: {exc}") from None
    app.extensions[EXTENSION] = store
    from .cli import db_command, purge_command
    from .keys_cli import keys_command

    app.cli.add_command(purge_command)
    app.cli.add_command(db_command)
    app.cli.add_command(keys_command)


def keyring_for(app: Flask) -> Keyring:
    """The encryption keys of the settings (``config_checks`` refused a bad one, and production none);
    without any, outside production, the instance folder's development key (``sealing.development_keys``)."""
    settings = settings_of(app)
    keys = configured_keys(settings.ENCRYPTION_KEYS, settings.ENCRYPTION_KEY_FILE)
    if not keys:
        if settings.ENV == "production":  # config_checks refuses this first; never a generated key in production
            raise ConfigError("the forms app cannot start: FORMS_ENCRYPTION_KEYS is not set")
        keys = development_keys(app.instance_path)
    return Keyring(keys)


def warn_if_behind(store: Store) -> None:
    """``MIGRATE_AT_START`` off: say so at start-up when the deploy forgot ``flask db upgrade``
    (the ``db`` command itself starts the app, so this cannot refuse to start)."""
    revision, newest = store.schema_revision()
    if revision != newest:
        log.error("schema: the database is at revision %s but this code needs %s: run flask --app forms_app db upgrade",
                  revision or "(empty)", newest)
