"""Alembic's environment for the store's tables.

Every table in the database is the store's (``schema.py``). The app runs
migrations at start-up or with ``flask --app forms_app db upgrade``, inside
the store's locked write transaction (``store/migrate.py`` passes that
connection in). For writing a new migration, the alembic command line works too:

    FORMS_DATABASE_URL=sqlite:///instance/guichet.sqlite3 \\
        alembic -c forms_app/store/migrations/alembic.ini revision --autogenerate -m "what changes"
"""

from __future__ import annotations

import os

from alembic import context

from forms_app.store.schema import metadata


def run(connection) -> None:
    context.configure(
        connection=connection, target_metadata=metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things: batch mode copies the table
        compare_type=True,
    )
    with context.begin_transaction():  # inside the caller's transaction: Alembic neither begins nor commits it
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run(connection)
else:  # the alembic command line
    from forms_app.store import make_engine

    engine = make_engine(os.environ["FORMS_DATABASE_URL"])
    with engine.begin() as conn:
        run(conn)
    engine.dispose()
