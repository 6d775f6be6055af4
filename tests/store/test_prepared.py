"""PreparedInsert writes exactly what Core's insert() writes, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from forms_app.store import make_engine
from forms_app.store.engine import write_transaction
from forms_app.store.prepared import PreparedInsert
from forms_app.store.schema import metadata, submissions
from forms_app.store.sealing import Keyring, attach
from forms_app.store.store import SUBMISSION_COLUMNS

WHEN = datetime(2026, 3, 2, 14, 5, 6, 123456, tzinfo=UTC)


def values(reference: str, **changes) -> dict:
    row = dict(
        reference=reference, service="dog-licence", lang="fr", service_title="Médaille pour chien",
        department="clerk", recipient="clerk@bellerive.example.org",
        answers=[{"name": "nom", "label": "Votre nom", "value": "Zoé « Jo » Tremblay\nligne 2"}],
        reply_to=None, resident_copy_to="jo@example.net", client_key=None, created_at=WHEN,
        channel="phone", status="received", status_at=WHEN, due_on=WHEN.date(), contact_name="Zoé Tremblay",
        contact_phone="613-555-0123", entered_by="agent@bellerive.example.org",
    )
    row.update(changes)
    return row


@pytest.fixture
def engine(db_url):
    engine = make_engine(db_url)
    attach(engine, Keyring.ephemeral())  # the sealed columns' key (store/sealing.py)
    metadata.create_all(engine)
    yield engine
    engine.dispose()


def test_the_row_is_the_one_core_writes(engine):
    prepared = PreparedInsert(engine.dialect, submissions, SUBMISSION_COLUMNS, returning="id")
    with write_transaction(engine) as conn:
        new_id = prepared.run(conn, values("PREP2345"))
        conn.execute(insert(submissions), values("CORE2345"))
    with engine.connect() as conn:
        rows = {r["reference"]: dict(r) for r in conn.execute(select(submissions)).mappings()}
        raw = {r[0]: r[1:] for r in conn.exec_driver_sql("SELECT reference, created_at, answers FROM submissions")}
    assert rows["PREP2345"]["id"] == new_id
    ours, core = rows["PREP2345"], rows["CORE2345"]
    assert {k: v for k, v in ours.items() if k not in ("id", "reference")} == {k: v for k, v in core.items() if k not in ("id", "reference")}
    assert ours["created_at"] == WHEN and ours["answers"][0]["value"] == "Zoé « Jo » Tremblay\nligne 2"
    assert raw["PREP2345"][0] == raw["CORE2345"][0]  # the same stored text or value, not only the same after reading
    # the answers are sealed by the same type on both paths: tokens (each with its own IV), never the words
    assert "Tremblay" not in str(raw["PREP2345"][1]) and "Tremblay" not in str(raw["CORE2345"][1])


def test_a_duplicate_raises_sqlalchemys_integrity_error_without_the_answers(engine):
    prepared = PreparedInsert(engine.dialect, submissions, SUBMISSION_COLUMNS, returning="id")
    with write_transaction(engine) as conn:
        prepared.run(conn, values("DUPL2345"))
    with pytest.raises(IntegrityError) as caught:
        with write_transaction(engine) as conn:
            prepared.run(conn, values("DUPL2345", answers=[{"name": "n", "label": "l", "value": "SECRET-ANSWER"}]))
    assert "SECRET-ANSWER" not in str(caught.value) and "INSERT INTO submissions" in caught.value.statement
    with engine.connect() as conn:  # the failed transaction was rolled back; the first row stands
        assert conn.execute(select(submissions.c.reference)).scalars().all() == ["DUPL2345"]


def test_it_refuses_to_run_outside_a_transaction(engine):
    prepared = PreparedInsert(engine.dialect, submissions, SUBMISSION_COLUMNS)
    with engine.connect() as conn, pytest.raises(RuntimeError, match="inside a transaction"):
        prepared.run(conn, values("NOTX2345"))
