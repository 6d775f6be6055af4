"""Alembic migrations: a new database, an older one, and schema.py never ahead of them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, MetaData, Table, inspect, text

from forms_app.store import Store, make_engine
from forms_app.store.engine import write_transaction
from forms_app.store.migrate import BASELINE, alembic_config, current, head, migrate
from forms_app.store.schema import metadata, outbox, submissions

from tests.support.submissions import new_submission

ROOT = Path(__file__).resolve().parents[2]


def differences(conn) -> list:
    """What autogenerate would still write: nothing, when the migrations make schema.py's tables."""
    context = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": lambda o, n, t, r, c: t != "table" or n in metadata.tables})
    return compare_metadata(context, metadata)


def test_a_new_database_is_migrated_to_exactly_the_schema(db_url):
    engine = make_engine(db_url)
    try:
        Store(engine).create_tables()
        with engine.connect() as conn:
            assert current(conn) == head()
            assert differences(conn) == []
        with write_transaction(engine) as conn:
            assert migrate(conn) == []  # the next start changes nothing
    finally:
        engine.dispose()


def test_schema_py_has_no_change_without_a_migration(db_url):
    """``alembic check``: fails when schema.py was edited and no revision was written for it."""
    engine = make_engine(db_url)
    try:
        Store(engine).create_tables()
        with engine.begin() as conn:
            command.check(alembic_config(conn))
    finally:
        engine.dispose()


def test_a_database_from_before_migrations_is_completed_and_stamped(db_url):
    older = MetaData()
    for table in (submissions, outbox):  # the first session's shape: no client_key, purged_at or event_id
        Table(table.name, older, *[Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable)
                                   for c in table.columns if c.name not in ("client_key", "purged_at", "event_id", "links_revoked_at")])
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            older.create_all(conn)
        store = Store(engine)
        with write_transaction(engine) as conn:
            changes = migrate(conn)
        assert "added column submissions.client_key" in changes and "added column outbox.event_id" in changes
        assert f"recorded the existing tables as revision {BASELINE}" in changes
        with engine.connect() as conn:
            assert current(conn) == head()
            assert {"status_events", "attachments"} <= set(inspect(conn).get_table_names())
        ref = store.save_submission(new_submission(client_key="after-the-upgrade-0001"))
        assert store.set_status(ref, "in_progress")  # writes outbox.event_id
        assert store.save_submission(new_submission(client_key="after-the-upgrade-0001")) == ref
    finally:
        engine.dispose()


def test_the_alembic_command_line_reads_the_database_from_the_environment(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    engine = make_engine(url)
    Store(engine).create_tables()
    engine.dispose()
    done = subprocess.run(
        [sys.executable, "-m", "alembic", "-c", "forms_app/store/migrations/alembic.ini", "current"],
        cwd=ROOT, env={**os.environ, "FORMS_DATABASE_URL": url}, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert f"{head()} (head)" in done.stdout
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head()
    finally:
        engine.dispose()
