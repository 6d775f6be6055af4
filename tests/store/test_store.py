"""The store on SQLite and PostgreSQL: one transaction per submission, status, outbox leases."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.exc import IntegrityError

from forms_app.store import Attachment, format_reference, get_store, make_engine
from forms_app.store.schema import attachments, outbox, status_events, submissions
from forms_app.store.sealing import attach

from tests.support.store_app import bare_store_app
from tests.support.submissions import new_submission


def test_saved_submission_is_committed_before_save_returns(store, db_url):
    ref = store.save_submission(new_submission())
    other = create_engine(db_url)  # a different connection pool: sees only committed data
    attach(other, store.keyring)  # with the store's key: the answers and addresses are sealed
    try:
        with other.connect() as conn:
            row = conn.execute(select(submissions).where(submissions.c.reference == ref)).mappings().one()
            kinds = conn.execute(select(outbox.c.kind, outbox.c.recipient, outbox.c.status)
                                 .where(outbox.c.submission_id == row["id"]).order_by(outbox.c.id)).all()
            events = conn.execute(select(status_events.c.status).where(status_events.c.submission_id == row["id"])).scalars().all()
            files = conn.execute(select(attachments.c.filename).where(attachments.c.submission_id == row["id"])).scalars().all()
    finally:
        other.dispose()
    assert row["service"] == "dog-licence" and row["recipient"] == "clerk@bellerive.example.org"
    assert row["answers"][0] == {"name": "name", "label": "Your name", "value": "Jo Tremblay"}
    assert [tuple(k) for k in kinds] == [("department", "clerk@bellerive.example.org", "pending"),
                                         ("resident_copy", "jo@example.net", "pending")]
    assert events == ["received"]
    assert files == ["vaccination.pdf"]


def test_submission_round_trip(store, clock):
    ref = store.save_submission(new_submission())
    sub = store.submission(store.submission_id(ref))
    assert sub.reference == ref and sub.created_at == clock()
    assert sub.answers[1].label == "Dog's name" and sub.attachments[0].stored_name == "f3a9c2"


@pytest.mark.parametrize("copy_to", [None, "", "jo@example.net\r\nBcc: x@evil.example", "a@b.example, c@d.example"])
def test_no_resident_copy_without_one_valid_address(store, copy_to):
    ref = store.save_submission(new_submission(resident_copy_to=copy_to))
    assert [r.kind for r in store.outbox.rows_for(ref)] == ["department"]


def test_bad_department_address_is_refused(store):
    with pytest.raises(ValueError):
        store.save_submission(new_submission(recipient="clerk@bellerive.example.org, other@x.example"))


def test_a_failing_submission_leaves_nothing_behind(store):
    with pytest.raises(IntegrityError):
        store.save_submission(new_submission(attachments=[Attachment("x", "a.pdf", "application/pdf", None)]))
    with store.engine.connect() as conn:
        for table in (submissions, attachments, outbox, status_events):
            assert conn.execute(select(func.count()).select_from(table)).scalar() == 0


def test_reference_collision_is_retried(store, monkeypatch):
    refs = iter(["ABCD2345", "ABCD2345", "WXYZ6789"])
    monkeypatch.setattr("forms_app.store.store.new_reference", lambda: next(refs))
    assert store.save_submission(new_submission()) == "ABCD2345"
    assert store.save_submission(new_submission()) == "WXYZ6789"


def test_status_of_accepts_typed_variants_and_never_holds_answers(store, clock):
    ref = store.save_submission(new_submission())
    typed = format_reference(ref).lower().replace("-", " ")
    view = store.status_of(typed)
    assert view.reference == ref and view.service_title == "Dog licence"
    assert [(e.status, e.at) for e in view.events] == [("received", clock())]
    assert "Jo Tremblay" not in repr(view)
    assert store.status_of("ABCD-2345") is None
    assert store.status_of("not a reference") is None


def test_set_status_appends_history(store, clock):
    ref = store.save_submission(new_submission())
    clock.advance(hours=2)
    assert store.set_status(format_reference(ref), "waiting_for_you", "  Please send a photo.  ")
    view = store.status_of(ref)
    assert [e.status for e in view.events] == ["received", "waiting_for_you"]
    assert view.current.note == "Please send a photo." and view.current.by == "staff"
    assert not store.set_status("ABCD-2345", "closed")
    with pytest.raises(ValueError):
        store.set_status(ref, "lost")


def test_claims_do_not_overlap_and_leases_expire(store, clock):
    refs = [store.save_submission(new_submission(resident_copy_to=None)) for _ in range(3)]
    first = store.outbox.claim_due("a", 2, timedelta(minutes=10))
    second = store.outbox.claim_due("b", 10, timedelta(minutes=10))
    assert len(first) == 2 and len(second) == 1
    assert not {i.id for i in first} & {i.id for i in second}
    assert all(i.attempts == 1 and i.lease_owner == "a" for i in first)
    assert store.outbox.claim_due("c", 10, timedelta(minutes=10)) == []
    assert store.outbox.mark_sent(second[0])
    # worker "a" died: after its lease, its rows are due again, and "a" can no longer record them
    clock.advance(minutes=11)
    again = store.outbox.claim_due("c", 10, timedelta(minutes=10))
    assert {i.id for i in again} == {i.id for i in first}
    assert all(i.attempts == 2 for i in again)
    assert not store.outbox.mark_sent(first[0])
    assert store.outbox.mark_sent(again[0])
    assert store.outbox.get(again[0].id).status == "sent"
    # the claims covered each of the three submissions' department emails, once
    assert sorted(i.id for i in first + second) == sorted(r.id for ref in refs for r in store.outbox.rows_for(ref))
    assert [store.outbox.get(i.id).status for i in (second[0], again[0])] == ["sent", "sent"]


def test_reschedule_give_up_and_requeue(store, clock):
    ref = store.save_submission(new_submission(resident_copy_to=None))
    [item] = store.outbox.claim_due("a", 10, timedelta(minutes=10))
    assert store.outbox.reschedule(item, clock() + timedelta(minutes=30), "451 4.3.0 try later")
    assert store.outbox.claim_due("a", 10, timedelta(minutes=10)) == []
    clock.advance(minutes=30)
    [item] = store.outbox.claim_due("a", 10, timedelta(minutes=10))
    assert item.attempts == 2 and item.last_error == "451 4.3.0 try later"
    assert store.outbox.give_up(item, "failed", "550 5.1.1 no such mailbox", "admin@bellerive.example.org")
    rows = store.outbox.rows_for(ref)
    assert [(r.kind, r.status, r.about_id) for r in rows] == [("department", "failed", None),
                                                              ("admin_alert", "pending", item.id)]
    assert store.outbox.counts() == {"failed": 1, "pending": 1}
    assert store.outbox.requeue(item.id) == 1 and store.outbox.requeue(item.id) == 0
    assert store.outbox.get(item.id).status == "pending"
    [item] = store.outbox.claim_due("a", 1, timedelta(minutes=10))
    store.outbox.give_up(item, "given_up", "timeout", None)
    assert store.outbox.requeue() == 1  # every failed row, not the admin alert
    assert [r.status for r in store.outbox.rows_for(ref)] == ["pending", "pending"]


def test_sqlite_is_durable_and_patient(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    try:
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        engine.dispose()


def test_sqlite_writers_queue_on_a_lock_file_held_for_the_whole_transaction(tmp_path):
    import fcntl
    import os
    import stat

    from forms_app.store.engine import write_transaction, writer_lock_path

    engine = make_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    try:
        path = writer_lock_path(engine)
        assert path == str(tmp_path / "x.sqlite3-writer")
        with write_transaction(engine) as conn:
            conn.exec_driver_sql("CREATE TABLE t (x)")
            other = os.open(path, os.O_RDWR)  # another writer's open file
            with pytest.raises(BlockingIOError):
                fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # taken while the transaction is open
        try:
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free once it has committed
            fcntl.flock(other, fcntl.LOCK_UN)
        finally:
            os.close(other)
        assert stat.S_IMODE(os.stat(path).st_mode) & 0o077 == 0  # not readable by others
    finally:
        engine.dispose()
    for url in ("sqlite://", "sqlite:///file:x.sqlite3?uri=true", "postgresql+psycopg://localhost/test"):
        assert writer_lock_path(create_engine(url)) is None


def test_init_app_defaults_to_sqlite_in_the_instance_folder(tmp_path):
    app, live = bare_store_app(tmp_path)
    try:
        assert app.config["UPLOAD_DIR"] == str(tmp_path / "instance" / "uploads")
        assert (tmp_path / "instance" / "uploads").is_dir()
        with app.app_context():
            store = get_store()
            assert store.engine.url.database == str(tmp_path / "instance" / "guichet.sqlite3")
            ref = store.save_submission(new_submission())
        assert (tmp_path / "instance" / "guichet.sqlite3").is_file() and len(ref) == 8
    finally:
        live.engine.dispose()


def test_nul_characters_are_dropped_on_both_databases(store):
    from forms_app.store import Answer

    ref = store.save_submission(new_submission(
        service_title="Dog\x00 licence", reply_to="jo@example.net\x00",
        answers=[Answer("name", "Your\x00 name", "Jo\x00")]))
    sub = store.submission(store.submission_id(ref))
    assert (sub.service_title, sub.reply_to, sub.answers[0].label, sub.answers[0].value) == \
        ("Dog licence", "jo@example.net", "Your name", "Jo")
    assert store.set_status(ref, "closed", "done\x00")
    assert store.status_of(ref).current.note == "done"


def test_processes_starting_together_create_the_tables_once(db_url):
    import threading

    engines = [make_engine(db_url) for _ in range(4)]
    errors = []

    def create(engine):
        try:
            from forms_app.store import Store

            Store(engine).create_tables()
        except Exception as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=create, args=(e,)) for e in engines]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for engine in engines:
        engine.dispose()
    assert errors == []
    assert not any(t.is_alive() for t in threads), "a process is still creating the tables"
    # one schema at the newest revision, with one version row, that a store can use
    from forms_app.store import Store
    from forms_app.store.migrate import head

    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [head()]
        store = Store(engine)
        ref = store.save_submission(new_submission())
        assert store.submission(store.submission_id(ref)).answers[0].value == "Jo Tremblay"
    finally:
        engine.dispose()


def test_database_errors_never_carry_residents_answers(tmp_path):
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    from forms_app.store import make_engine

    engine = make_engine(f"sqlite:///{tmp_path}/x.sqlite3")
    with pytest.raises(SQLAlchemyError) as caught, engine.begin() as conn:
        conn.execute(text("INSERT INTO no_such_table VALUES (:answer)"), {"answer": "Jo Tremblay, 12 River Road"})
    engine.dispose()
    assert "Jo Tremblay" not in str(caught.value)
    assert "hidden due to hide_parameters" in str(caught.value)


def test_the_same_client_key_stores_once(store):
    first = store.save_submission(new_submission(client_key="double-tap-key-0001"))
    again = store.save_submission(new_submission(client_key="double-tap-key-0001"))
    other = store.save_submission(new_submission(client_key=None))
    assert again == first and other != first
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM submissions")).scalar() == 2
        assert conn.execute(text("SELECT count(*) FROM outbox")).scalar() == 4
