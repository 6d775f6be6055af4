"""Schema migrations (Alembic): the store owns every table in its database.

``migrate(conn)`` brings the database to the newest revision inside the
caller's transaction (``Store.create_tables`` holds the store's lock, so
workers starting together migrate once). The app runs it at start-up when
``MIGRATE_AT_START`` is on (the default, right for the embedded SQLite
file); a deploy runs ``flask --app forms_app db upgrade`` instead
(``store/cli.py``).

A database with the store's tables but no ``alembic_version`` row was made
before migrations existed (before revision 0001, November 2026): it is not
guessed at but refused (``UnstampedDatabase``), with the steps to bring it
over in ``docs/operations.md``.

New migration: change ``schema.py``, then generate a revision (see
``migrations/env.py``), read it, and add a test that upgrades an old copy.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

MIGRATIONS = Path(__file__).with_name("migrations")
BASELINE = "0001"


class UnstampedDatabase(RuntimeError):
    """The database has tables but no migration history: made before migrations, or by something else."""

    def __init__(self):
        super().__init__(
            "the database has the submissions table but no alembic_version: it was made before schema migrations "
            "(November 2026) and is not changed blindly. See docs/operations.md, 'A database from before migrations'.")


def alembic_config(conn: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if conn is not None:
        config.attributes["connection"] = conn
    return config


def head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def check_stamped(conn: Connection) -> str | None:
    """The database's revision (None: empty); ``UnstampedDatabase`` for tables without a revision."""
    revision = current(conn)
    if revision is None and inspect(conn).has_table("submissions"):
        raise UnstampedDatabase()
    return revision


def migrate(conn: Connection) -> list[str]:
    """Upgrade to the newest revision; returns what changed, for the log."""
    before = check_stamped(conn)
    newest = head()
    if before == newest:
        return []
    command.upgrade(alembic_config(conn), "head")
    return [f"upgraded from {before or 'an empty database'} to {newest}"]
