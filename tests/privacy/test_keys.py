"""#14 keys: a database upgraded from revision 0006 keeps its clear rows readable until ``flask keys rotate``
seals them (and the files saved before); ``keys check`` counts what needs the newest key; a row changed
while it is being rotated is left for the next run, never overwritten; the staff search's blind index
matches whole values under every configured key and forgets an erased request."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from cryptography.fernet import Fernet
from sqlalchemy import MetaData, Table, Text, cast, select, update

from forms_app import create_app
from forms_app.store import Answer, get_store, make_engine
from forms_app.store.blind_index import forget
from forms_app.store.engine import write_transaction
from forms_app.store.migrate import alembic_config
from forms_app.store.queue import QueueFilters
from forms_app.store.rotation import Tally, _rewrite_in, check, rotate
from forms_app.store.schema import outbox, request_messages, submissions
from forms_app.store.sealing import Keyring, is_sealed
from forms_app.store.staff import StaffMember

from tests.support.apps import app_config
from tests.support.submissions import new_submission

KEY, NEWER = Fernet.generate_key().decode(), Fernet.generate_key().decode()
WHEN = datetime(2026, 5, 4, 13, 0, tzinfo=UTC)
CLEAR_NAME, CLEAR_EMAIL, CLEAR_ANSWER = "Zqmkoldname Côté", "zqmkold@example.org", "Zqmkoldanswer"
ADMIN = StaffMember(id=0, email="admin@bellerive.example.org", is_admin=True, departments=())


def raw(app) -> bytes:
    path = Path(app.config["DATABASE_URL"].removeprefix("sqlite:///"))
    return b"".join(Path(f"{path}{s}").read_bytes() for s in ("", "-wal") if Path(f"{path}{s}").exists())


def seed_revision_0006(url: str, upload_dir: Path) -> None:
    """A request as revision 0006 wrote it: clear answers, contacts, reply, outbox address; a clear file."""
    engine = make_engine(url)
    try:
        with write_transaction(engine) as conn:
            command.upgrade(alembic_config(conn), "0006")
            old = {name: Table(name, MetaData(), autoload_with=conn)
                   for name in ("submissions", "outbox", "request_messages", "attachments")}
            sub_id = conn.execute(old["submissions"].insert().values(
                reference="ABCD2345", service="dog-licence", lang="en", service_title="Dog licence",
                department="animal-services", recipient="animals@bellerive.example.org",
                answers=[{"name": "dog", "label": "Dog's name", "value": CLEAR_ANSWER}], reply_to=CLEAR_EMAIL,
                resident_copy_to=CLEAR_EMAIL, contact_name=CLEAR_NAME, contact_phone="1-819-555-7391",
                created_at=WHEN, status="received", channel="web")).inserted_primary_key[0]
            conn.execute(old["outbox"].insert().values(submission_id=sub_id, kind="resident_copy", recipient=CLEAR_EMAIL,
                                                       status="sent", attempts=1, created_at=WHEN, next_attempt_at=WHEN))
            conn.execute(old["request_messages"].insert().values(submission_id=sub_id, kind="resident_reply",
                                                                 author="resident", body="Zqmkoldreply", at=WHEN))
            conn.execute(old["attachments"].insert().values(submission_id=sub_id, stored_name="c" * 32,
                                                            filename="photo.jpg", content_type="image/jpeg", size=20))
    finally:
        engine.dispose()
    upload_dir.mkdir(parents=True, exist_ok=True)
    (upload_dir / ("c" * 32)).write_bytes(b"\xff\xd8\xff\xe0 Zqmkoldbytes")


def start(tmp_path: Path, keys: list[str]):
    return create_app(app_config(tmp_path, ENCRYPTION_KEYS=keys))


def test_an_upgraded_database_reads_its_clear_rows_until_keys_rotate_seals_them(tmp_path):
    url = f"sqlite:///{tmp_path / 'guichet.sqlite3'}"
    seed_revision_0006(url, tmp_path / "uploads")
    app = start(tmp_path, [KEY])  # migrates to the newest revision
    try:
        with app.app_context():
            store = get_store()
            sub = store.submission(store.submission_id("ABCD2345"))
            assert sub.answers == [Answer("dog", "Dog's name", CLEAR_ANSWER)] and sub.reply_to == CLEAR_EMAIL
        assert CLEAR_ANSWER.encode() in raw(app)  # clear, as 0006 wrote it
        runner = app.test_cli_runner()
        printed = runner.invoke(args=["keys", "new"]).output.strip()
        assert Fernet(printed) and printed not in (KEY, NEWER)  # a new key, printed only
        before = runner.invoke(args=["keys", "check"])
        assert before.exit_code == 1
        for line in ("1 value(s) in submissions.answers", "1 value(s) in submissions.contact_name",
                     "1 value(s) in request_messages.body", "1 value(s) in outbox.recipient",
                     "1 request(s)' search digests", "1 file(s)"):
            assert line in before.output, line
        assert "Zqmk" not in before.output and "zqmk" not in before.output

        # not indexed yet: the search cannot find it; after the rotation it can
        with app.app_context():
            assert get_store().queue.queue(ADMIN, QueueFilters(email=CLEAR_EMAIL)).total == 0
        done = runner.invoke(args=["keys", "rotate"])
        assert done.exit_code == 0, done.output
        assert runner.invoke(args=["keys", "check"]).exit_code == 0
        assert runner.invoke(args=["keys", "rotate"]).output.startswith("keys: everything was already under the newest key")
        blob = raw(app)
        for clear in (CLEAR_ANSWER, "Zqmkoldname", "zqmkold@", "Zqmkoldreply", "8195557391", "819-555-7391"):
            assert clear.encode() not in blob, clear
        stored = (tmp_path / "uploads" / ("c" * 32)).read_bytes()
        assert b"Zqmkoldbytes" not in stored
        with app.app_context():
            store = get_store()
            assert store.keyring.open_bytes(stored) == b"\xff\xd8\xff\xe0 Zqmkoldbytes"
            sub = store.submission(store.submission_id("ABCD2345"))
            assert sub.answers[0].value == CLEAR_ANSWER and sub.resident_copy_to == CLEAR_EMAIL
            for filters in (QueueFilters(email="ZQMKOLD@example.org"), QueueFilters(phone="(819) 555-7391"),
                            QueueFilters(name="cote"), QueueFilters(name="zqmkoldname CÔTÉ")):
                assert [r.reference for r in store.queue.queue(ADMIN, filters).rows] == ["ABCD2345"], filters
            for filters in (QueueFilters(email="zqmkold@"), QueueFilters(phone="555-7391"), QueueFilters(name="zqmk"),
                            QueueFilters(name="zqmkoldname tremblay")):
                assert store.queue.queue(ADMIN, filters).total == 0, filters
    finally:
        app.extensions["guichet_store"].engine.dispose()


def test_a_row_changed_while_it_is_rotated_is_left_for_the_next_run(tmp_path):
    app = start(tmp_path, [KEY])
    try:
        with app.app_context():
            store = get_store()
            ref = store.save_submission(new_submission(contact_name="Jo Tremblay"))
        app2 = start(tmp_path, [NEWER, KEY])
        with app2.app_context():
            store = get_store()
            sid = store.submission_id(ref)
            with store.engine.connect() as conn:
                columns = ("answers", "reply_to", "resident_copy_to", "contact_name", "contact_phone")
                row = conn.execute(select(submissions.c.id, *[cast(submissions.c[c], Text).label(c) for c in columns])
                                   .where(submissions.c.id == sid)).first()
            with write_transaction(store.engine) as conn:  # the app writes meanwhile (a purge, say)
                conn.execute(update(submissions).where(submissions.c.id == sid).values(contact_name="Someone Else"))
            tally = Tally()
            with write_transaction(store.engine) as conn:  # as rotate writes a batch
                _rewrite_in(conn, store.keyring, submissions, row, columns, ["contact_name"], {"contact_name": "Jo Tremblay"},
                            False, tally)
            assert tally.skipped == 1
            assert store.submission_id(ref) == sid
            with store.engine.connect() as conn:
                assert conn.execute(select(submissions.c.contact_name).where(submissions.c.id == sid)).scalar() == "Someone Else"
            assert check(store, None).total_values >= 1
            assert rotate(store, None).skipped == 0 and check(store, None).total_values == 0
        app2.extensions["guichet_store"].engine.dispose()
    finally:
        app.extensions["guichet_store"].engine.dispose()


def test_an_erased_request_is_not_found_by_its_contacts_and_empty_values_stay_empty(tmp_path):
    app = start(tmp_path, [KEY])
    try:
        with app.app_context():
            store = get_store()
            ref = store.save_submission(new_submission(contact_name="Jo Tremblay", reply_to="jo@example.net"))
            assert store.queue.queue(ADMIN, QueueFilters(name="tremblay")).total == 1
            with write_transaction(store.engine) as conn:
                forget(conn, [store.submission_id(ref)])
                conn.execute(update(request_messages).values(body=""))
                conn.execute(update(outbox).values(recipient=""))
            assert store.queue.queue(ADMIN, QueueFilters(name="tremblay")).total == 0
            with store.engine.connect() as conn:
                assert set(conn.execute(select(cast(outbox.c.recipient, Text))).scalars()) == {""}
                sealed = conn.execute(select(cast(submissions.c.contact_name, Text))).scalar()
            assert is_sealed(sealed) and "Tremblay" not in sealed
            assert Keyring([KEY]).open(sealed) == "Jo Tremblay"
    finally:
        app.extensions["guichet_store"].engine.dispose()
