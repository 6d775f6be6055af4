"""Databases for the tests (``tests/fixtures.py``: ``db_url``, ``store``): a SQLite file, or a
fresh schema on the PostgreSQL server (dropped afterwards).

PostgreSQL tests skip when the server is unreachable, except under CI
(``CI`` set) where they fail instead.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError

POSTGRES_URL = os.environ.get("FORMS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")

# Parametrise a fixture with this: every test using it runs on both databases.
DATABASES = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


class Clock:
    """An injectable clock: ``clock()`` is now, ``clock.advance(minutes=30)`` moves it."""

    def __init__(self, start: datetime | None = None):
        self.now = start or datetime(2026, 3, 2, 14, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def _unreachable(exc: Exception):
    message = f"PostgreSQL unreachable at {POSTGRES_URL}: {type(exc).__name__}"
    if os.environ.get("CI"):
        pytest.fail(message + " (CI is set: the PostgreSQL tests must run)")
    pytest.skip(message)


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A URL whose connections use a new, empty schema; the schema is dropped after."""
    admin = create_engine(POSTGRES_URL)
    schema = "t_" + secrets.token_hex(6)
    try:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    except OperationalError as exc:
        admin.dispose()
        _unreachable(exc)
    try:
        yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


@contextmanager
def database_url(kind: str, tmp_path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'guichet.sqlite3'}"
    else:
        with postgres_schema() as url:
            yield url
