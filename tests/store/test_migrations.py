"""Alembic migrations: a new database, an older one, and schema.py never ahead of them."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, MetaData, Table, inspect, select, text

from forms_app.store import Store, make_engine
from forms_app.store.engine import write_transaction
from forms_app.store.migrate import UnstampedDatabase, alembic_config, current, head, migrate
from forms_app.store.schema import metadata, outbox, search_misses, submissions


ROOT = Path(__file__).resolve().parents[2]


def differences(conn) -> list:
    """What autogenerate would still write: nothing, when the migrations make schema.py's tables."""
    context = MigrationContext.configure(conn, opts={"compare_type": True})
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


def test_a_database_from_before_migrations_is_refused_not_guessed_at(db_url):
    older = MetaData()
    for table in (submissions, outbox):  # the first session's shape: no client_key, purged_at or event_id
        Table(table.name, older, *[Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable)
                                   for c in table.columns if c.name not in ("client_key", "purged_at", "event_id", "links_revoked_at")])
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            older.create_all(conn)
        with pytest.raises(UnstampedDatabase, match="no alembic_version.*docs/operations.md"):
            Store(engine).create_tables()
        with engine.connect() as conn:  # nothing was changed
            assert set(inspect(conn).get_table_names()) == {"submissions", "outbox"}
            assert "client_key" not in {c["name"] for c in inspect(conn).get_columns("submissions")}
    finally:
        engine.dispose()


def test_the_app_refuses_to_start_on_a_database_from_before_migrations_in_one_line(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE submissions (id INTEGER PRIMARY KEY)")
    engine.dispose()
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "forms_app", "db", "current"], cwd=ROOT,
                          env={**_env(), "FORMS_DATABASE_URL": url}, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "Error: the forms app cannot start: the database has the submissions table but no alembic_version" in done.stderr


def test_search_misses_made_before_revision_0003_keep_their_counts(db_url):
    """Before 0003 the search room made search_misses itself (create_all): the upgrade keeps the table and its rows."""
    engine = make_engine(db_url)
    try:
        with write_transaction(engine) as conn:
            command.upgrade(alembic_config(conn), "0002")
            made = Table("search_misses", MetaData(), *[Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable)
                                                        for c in search_misses.columns if c.name not in ("kind", "period")])
            made.create(conn)  # as guichet.search.misses did at start-up (the columns before 0005)
            conn.execute(made.insert().values(query="snow angels", lang="en", count=3, last_seen=date(2026, 1, 5)))
        store = Store(engine)
        assert store.create_tables() == [f"upgraded from 0002 to {head()}"]
        assert store.misses.top() == [("snow angels", "en", "no_result", 3, date(2026, 1, 5))]  # 0005: kind and month
        with engine.connect() as conn:
            assert differences(conn) == []
    finally:
        engine.dispose()


def test_flask_db_upgrade_and_current(tmp_path):
    """The deploy step: with MIGRATE_AT_START off the app leaves the schema alone; ``db upgrade`` migrates."""
    url = f"sqlite:///{tmp_path / 'deploy.sqlite3'}"
    env = {**_env(), "FORMS_DATABASE_URL": url, "FORMS_MIGRATE_AT_START": "false"}

    def flask(*args):
        return subprocess.run([sys.executable, "-m", "flask", "--app", "forms_app", "db", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=60)

    before = flask("current")
    assert before.returncode == 0, before.stderr
    assert f"db: at (empty); the code's newest is {head()} (behind: run flask --app forms_app db upgrade)" in before.stdout
    assert "schema: the database is at revision (empty) but this code needs" in before.stderr  # logged at start-up
    upgraded = flask("upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    assert f"db: upgraded from an empty database to {head()}" in upgraded.stdout
    assert f"already at the newest revision, {head()}" in flask("upgrade").stdout
    assert f"db: at {head()}; the code's newest is {head()} (up to date)" in flask("current").stdout


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("FORMS_")}


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


def test_requests_made_before_revision_0004_get_their_current_status_and_channel(db_url):
    """0004 fills each request's status from its newest event (web channel, no due date), and the audit
    log it makes refuses UPDATE and DELETE on both databases."""
    from datetime import UTC, datetime

    from sqlalchemy.exc import DBAPIError

    from forms_app.store.schema import audit_log, status_events

    engine = make_engine(db_url)
    when = datetime(2026, 5, 4, 13, 0, tzinfo=UTC)
    try:
        with write_transaction(engine) as conn:
            command.upgrade(alembic_config(conn), "0003")
            old = Table("submissions", MetaData(), autoload_with=conn)
            events = Table("status_events", MetaData(), autoload_with=conn)
            for n, statuses in enumerate((["received"], ["received", "in_progress", "completed"])):
                sub_id = conn.execute(old.insert().values(
                    reference=f"ABCD234{n + 5}", service="dog-licence", lang="en", service_title="Dog licence",
                    department="animal-services", recipient="animals@bellerive.example.org", answers=[],
                    created_at=when)).inserted_primary_key[0]
                for minutes, status in enumerate(statuses):
                    conn.execute(events.insert().values(submission_id=sub_id, reference=f"ABCD234{n + 5}", status=status,
                                                        note="", at=when.replace(minute=minutes), by="system"))
        assert Store(engine).create_tables() == [f"upgraded from 0003 to {head()}"]
        with engine.connect() as conn:
            rows = conn.execute(select(submissions.c.reference, submissions.c.status, submissions.c.status_at,
                                       submissions.c.channel, submissions.c.due_on).order_by(submissions.c.id)).all()
            assert differences(conn) == []
            assert conn.execute(select(status_events.c.actor)).scalars().all() == [None] * 4
        assert [tuple(r) for r in rows] == [("ABCD2345", "received", when, "web", None),
                                            ("ABCD2346", "completed", when.replace(minute=2), "web", None)]
        with write_transaction(engine) as conn:
            conn.execute(audit_log.insert().values(at=when, actor="system", action="digest_sent", detail=""))
        for change in (audit_log.update().values(actor="someone else"), audit_log.delete()):
            with pytest.raises(DBAPIError, match="append-only"):
                with write_transaction(engine) as conn:
                    conn.execute(change)
        with engine.connect() as conn:
            assert conn.execute(select(audit_log.c.actor)).scalars().all() == ["system"]
    finally:
        engine.dispose()
