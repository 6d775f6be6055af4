"""The store's side of erasure and per-form retention, on SQLite and PostgreSQL: ``RequestPrivacy.erase``
and ``retention.purge_plan`` / ``warn_open`` take out exactly what they should and keep the rest."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from forms_app.store import Answer, Attachment, retention
from forms_app.store.privacy import RequestPrivacy
from forms_app.store.schema import audit_log, metadata, outbox, retention_warnings, status_events, submissions

from tests.support.submissions import new_submission

LEASE = timedelta(minutes=10)
MARKS = ("mk-store-answer-Ab12", "mk-store-name-Cd34", "mk-store-copy-Ef56@example.net", "mk-store-reply-Gh78",
         "mk-store-note-Ij90", "mk-store-status-Kl13", "mk-store-file-Mn57.pdf")


def rows_text(store) -> str:
    with store.engine.connect() as conn:
        return "\n".join(repr(tuple(r)) for t in metadata.sorted_tables for r in conn.execute(select(t)))


def deliver_all(store) -> None:
    for item in store.outbox.claim_due("test-worker", 100, LEASE):
        assert store.outbox.mark_sent(item)


def test_erase_takes_every_personal_value_and_keeps_the_request(store):
    ref = store.save_submission(new_submission(
        answers=[Answer("name", "Your name", MARKS[0])], contact_name=MARKS[1], resident_copy_to=MARKS[2],
        attachments=[Attachment("c" * 32, MARKS[6], "application/pdf", 10)]))
    store.set_status(ref, "waiting_for_you", MARKS[5])
    store.messages.add(ref, "resident_reply", "resident", MARKS[3])
    store.messages.add(ref, "staff_note", "clerk@bellerive.example.org", MARKS[4])
    assert all(m in rows_text(store) for m in MARKS)
    erased = RequestPrivacy(store).erase(ref, "admin (cli)", "cli")
    assert erased.files == ["c" * 32]
    text = rows_text(store)
    assert [m for m in MARKS if m in text] == []
    with store.engine.connect() as conn:
        row = conn.execute(select(submissions).where(submissions.c.reference == ref)).mappings().one()
        events = conn.execute(select(status_events.c.status, status_events.c.note)
                              .where(status_events.c.reference == ref).order_by(status_events.c.id)).all()
        waiting = conn.execute(select(func.count()).select_from(outbox).where(outbox.c.status == "pending")).scalar()
        audited = conn.execute(select(audit_log.c.action, audit_log.c.detail).where(audit_log.c.action == "privacy_erase")).all()
    assert (row["erasure"], row["service"], row["status"]) == ("request", "dog-licence", "waiting_for_you")
    assert [tuple(e) for e in events] == [("received", ""), ("waiting_for_you", "")]  # the events stay, the words go
    assert waiting == 0
    assert [tuple(a) for a in audited] == [("privacy_erase", "via=cli files=1")]
    assert store.status_of(ref).erased_at == row["purged_at"] and RequestPrivacy(store).erased(ref)[1] == "request"
    assert RequestPrivacy(store).erase("ABCD-2345", "admin (cli)", "cli") is None


def test_the_plan_erases_by_form_and_warns_once_about_open_requests(store, clock):
    plan = retention.Plan({"dog-licence": retention.Rule(30, "closed"), "building-permit": retention.Rule(10, "delivered")},
                          default_days=90, open_limit_days=20)
    dog_closed = store.save_submission(new_submission(attachments=[]))
    dog_open = store.save_submission(new_submission(attachments=[]))
    permit = store.save_submission(new_submission(service="building-permit", attachments=[]))
    store.set_status(dog_closed, "closed")
    deliver_all(store)
    clock.advance(days=11)
    assert retention.count_plan(store.engine, plan, clock()) == {"default": 0, "delivered": 1, "closed": 0, "open_limit": 0}
    done = retention.purge_plan(store.engine, plan, clock)
    assert done.erased == {"default": 0, "delivered": 1, "closed": 0, "open_limit": 0}
    clock.advance(days=20)  # day 31
    assert retention.purge_plan(store.engine, plan, clock).erased["closed"] == 1
    assert retention.warn_open(store.engine, plan, clock(), "admin@bellerive.example.org").references == []
    clock.advance(days=13)  # day 44: the open one reaches 30 + 20 within a week
    nobody = retention.warn_open(store.engine, plan, clock(), None)  # no admin address: listed, not remembered
    assert (nobody.references, nobody.outbox_id) == ([dog_open], None)
    warned = retention.warn_open(store.engine, plan, clock(), "admin@bellerive.example.org")
    assert warned.references == [dog_open] and warned.outbox_id is not None
    assert warned.erase_after == clock() + timedelta(days=7)  # a week's notice, even past the limit itself (day 50)
    assert retention.warn_open(store.engine, plan, clock(), "admin@bellerive.example.org").references == []
    assert retention.warning_list(store.engine, warned.outbox_id)[0][:3] == (dog_open, "dog-licence", "received")
    clock.advance(days=6)
    assert retention.purge_plan(store.engine, plan, clock).erased["open_limit"] == 0
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(retention_warnings)).scalar() == 1
    clock.advance(days=1)
    assert retention.purge_plan(store.engine, plan, clock).erased["open_limit"] == 1
    with store.engine.connect() as conn:
        erased = dict(conn.execute(select(submissions.c.reference, submissions.c.erasure)).all())
    assert erased == {dog_closed: "retention", dog_open: "retention", permit: "retention"}
    assert retention.kept_counts(store.engine) == (3, 3, 4)
