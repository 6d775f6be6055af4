"""Schema migrations (Alembic), run by the app at start-up.

``migrate(conn)`` brings the database to the newest revision inside the
caller's transaction (``Store.create_tables`` holds the store's lock, so
workers starting together migrate once). A database made before
migrations existed (tables, no ``alembic_version``) first gets the tables
and nullable columns it lacks (``create_all``, ``schema.add_missing_columns``),
which brings it to the baseline revision, and is stamped with it.

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

from .schema import add_missing_columns, metadata

MIGRATIONS = Path(__file__).with_name("migrations")
BASELINE = "0001"


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


def migrate(conn: Connection) -> list[str]:
    """Upgrade to the newest revision; returns what changed, for the log."""
    config = alembic_config(conn)
    newest = head()
    done = []
    before = current(conn)
    if before is None and inspect(conn).has_table("submissions"):
        metadata.create_all(conn)  # tables it never had, as the baseline makes them
        done += [f"added column {c}" for c in add_missing_columns(conn)]
        command.stamp(config, BASELINE)
        done.append(f"recorded the existing tables as revision {BASELINE}")
        before = BASELINE
    if before != newest:
        command.upgrade(config, "head")
        done.append(f"upgraded from {before or 'an empty database'} to {newest}")
    return done
