"""#11 item 10: a pooled PostgreSQL connection the server closed (a restart, a network cut)
is noticed when it leaves the pool, not by a resident's request (which was a 500)."""

from __future__ import annotations

import secrets

import pytest
from sqlalchemy import create_engine, text

from forms_app.store import Store, make_engine

from tests.support.submissions import new_submission
from tests.support.databases import postgres_schema, POSTGRES_URL

pytestmark = pytest.mark.postgres


def cut_connections(application_name: str) -> int:
    """What a server restart does to the app's pooled connections: end them from another session."""
    admin = create_engine(POSTGRES_URL)
    try:
        with admin.begin() as conn:
            return len(conn.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = :name"),
                {"name": application_name}).all())
    finally:
        admin.dispose()


@pytest.mark.parametrize("pre_ping", [True, False], ids=["default", "without-pre-ping"])
def test_a_store_operation_after_the_server_cut_the_pooled_connection_succeeds(pre_ping):
    name = "guichet_preping_" + secrets.token_hex(4)
    with postgres_schema() as url:
        engine = make_engine(f"{url}&application_name={name}", **({} if pre_ping else {"pool_pre_ping": False}))
        try:
            store = Store(engine)
            store.create_tables()
            first = store.save_submission(new_submission(client_key=None))
            assert engine.pool.checkedin() >= 1  # the connection went back to the pool
            assert cut_connections(name) >= 1
            if not pre_ping:  # what happened before: the next request met the dead connection
                with pytest.raises(Exception, match="(?i)terminat|closed|connection"):
                    store.save_submission(new_submission(client_key=None))
                return
            second = store.save_submission(new_submission(client_key=None))
            assert second != first
            assert store.status_of(first) is not None and store.status_of(second) is not None
        finally:
            engine.dispose()


def test_sqlite_engines_are_not_pinged(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    postgres = make_engine(POSTGRES_URL)
    try:
        assert engine.pool._pre_ping is False and postgres.pool._pre_ping is True
    finally:
        engine.dispose()
        postgres.dispose()
