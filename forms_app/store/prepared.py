"""INSERTs compiled once per database, run straight on the driver's cursor.

A submission is three INSERTs. Through ``Connection.execute`` each one pays
for SQLAlchemy's per-execution work (statement cache lookup, parameter
processing through the compiled form, a result object): about 12% of a
submission's CPU in ``bench/submit_profile.py`` (``bench/README.md``).
Here the SQL text, the parameter order and the type conversions (JSON,
UTC times) are taken once from SQLAlchemy's own compiler and types, so
the rows are exactly what Core would write; only the per-execution work
goes. Runs inside a Core transaction (``write_transaction``), so BEGIN,
COMMIT, ROLLBACK and the pool stay SQLAlchemy's. Driver errors come out as
SQLAlchemy's exceptions, without their parameters (residents' answers).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import Table, bindparam, insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import DBAPIError


class PreparedInsert:
    """``INSERT INTO table (columns) VALUES (…)`` for one dialect; optionally ``RETURNING returning``.
    ``on_conflict`` turns the dialect's INSERT into an upsert (``stmt.on_conflict_do_update(…)``)."""

    def __init__(self, dialect: Dialect, table: Table, columns: Iterable[str], returning: str | None = None,
                 on_conflict: Callable | None = None):
        self.columns = tuple(columns)
        # ON CONFLICT is on the dialect's own INSERT
        make = insert if on_conflict is None else postgresql.insert if dialect.name == "postgresql" else sqlite.insert
        stmt = make(table).values({name: bindparam(name) for name in self.columns})
        if on_conflict is not None:
            stmt = on_conflict(stmt)
        if returning:
            stmt = stmt.returning(table.c[returning])
        compiled = stmt.compile(dialect=dialect)
        self.sql = compiled.string
        self.dialect = dialect
        # Positional drivers (SQLite's qmark) take a tuple in the compiler's order; named ones (psycopg) a dict.
        self.positional = compiled.positional
        order = compiled.positiontup if compiled.positional else self.columns
        if sorted(order) != sorted(self.columns):
            raise AssertionError(f"unexpected parameters in {self.sql!r}")
        # (name, conversion or None) in the order the driver takes them
        self.conversions: tuple[tuple[str, Callable | None], ...] = tuple(
            (name, table.c[name].type.dialect_impl(dialect).bind_processor(dialect)) for name in order
        )

    def _params(self, row: dict):
        values = [row[name] if convert is None else convert(row[name]) for name, convert in self.conversions]
        return tuple(values) if self.positional else dict(zip(self.columns, values))

    def run(self, conn: Connection, row: dict):
        """Insert one row; returns the RETURNING value, if any."""
        return self._execute(conn, self._params(row), many=False)

    def run_many(self, conn: Connection, rows: list[dict]) -> None:
        self._execute(conn, [self._params(row) for row in rows], many=True)

    def _execute(self, conn: Connection, params, many: bool):
        """On the driver's cursor inside the Core transaction; driver errors become SQLAlchemy's, without parameters."""
        if not conn.in_transaction():
            raise RuntimeError("PreparedInsert runs inside a transaction (write_transaction)")
        cursor = conn.connection.dbapi_connection.cursor()
        try:
            if many:
                cursor.executemany(self.sql, params)
                return None
            cursor.execute(self.sql, params)
            return cursor.fetchone()[0] if cursor.description else None
        except self.dialect.loaded_dbapi.Error as exc:
            raise DBAPIError.instance(
                self.sql, None, exc, self.dialect.loaded_dbapi.Error, hide_parameters=True, dialect=self.dialect
            ) from None
        finally:
            cursor.close()
