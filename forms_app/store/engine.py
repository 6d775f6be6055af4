"""Making the engine: SQLite gets WAL, synchronous=FULL, secure_delete and a busy timeout.

pysqlite's own transaction handling is switched off (SQLAlchemy's documented
recipe) so that ``BEGIN`` is emitted by us: ``BEGIN IMMEDIATE`` for
connections opened with ``execution_options(write=True)``, which takes the
write lock up front, so two workers claiming outbox rows are serialised.

Writers on one SQLite file also queue on an ``flock`` of ``<file>-writer``
first. SQLite's own busy handler polls, sleeping 1, 2, 5, 10… ms between
tries, so under load a writer sleeps on after the lock is free: that made
the slowest 1% of submissions about twice as slow (``bench/README.md``).
The kernel wakes an ``flock`` waiter as soon as the lock is released.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, event, make_url
from sqlalchemy.engine import Connection, Engine

BUSY_TIMEOUT_MS = 30_000


def sqlite_url(path: str) -> str:
    return f"sqlite:///{path}"


def make_engine(url: str, **kwargs) -> Engine:
    # Residents' answers are bound parameters: never let them into error messages or logs.
    kwargs.setdefault("hide_parameters", True)
    if make_url(url).get_backend_name() != "sqlite":
        # A pooled connection the server or a network cut closed would fail its next request (a 500):
        # test each one as it leaves the pool, and reconnect. SQLite files have no connection to lose.
        kwargs.setdefault("pool_pre_ping", True)
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _set_wal(cursor)
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
            # Deleted and overwritten content is zeroed, not left in free space: an erased answer, or a value
            # sealed again by ``flask keys rotate``, is not in the file's bytes afterwards (#14).
            cursor.execute("PRAGMA secure_delete = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn):
        immediate = conn.get_execution_options().get("write", False)
        # Straight to the driver: a statement with no parameters and no result needs none of Core's machinery.
        conn.connection.dbapi_connection.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _set_wal(cursor) -> None:
    """Switch to WAL. On a new file several processes race for the exclusive lock
    this needs, and SQLite answers "locked" at once instead of waiting for the
    busy timeout: retry for a few seconds, then let the error through."""
    delay = 0.01
    for _ in range(12):
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc):
                raise
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
    cursor.execute("PRAGMA journal_mode = WAL")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that will write: ``BEGIN IMMEDIATE`` on SQLite, plain on PostgreSQL."""
    with _writer_lock(engine), engine.connect() as conn:
        conn.execution_options(write=True)
        with conn.begin():
            yield conn


def writer_lock_path(engine: Engine) -> str | None:
    """The lock file that SQLite writers queue on, or None (PostgreSQL, in-memory or ``file:`` URI databases)."""
    db = engine.url.database if engine.dialect.name == "sqlite" else None
    if not db or db == ":memory:" or db.startswith("file:"):
        return None
    return db + "-writer"


@contextmanager
def _writer_lock(engine: Engine) -> Iterator[None]:
    path = writer_lock_path(engine)
    if path is None:
        yield
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)  # one open file per transaction: threads queue too
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


@contextmanager
def read_transaction(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as conn:
        with conn.begin():
            yield conn
