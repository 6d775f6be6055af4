"""Erasing delivered submissions after PURGE_AFTER_DAYS, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from forms_app.store import retention
from forms_app.store.schema import attachments, outbox, status_events, submissions

from tests.support.submissions import new_submission

LEASE = timedelta(minutes=10)


def deliver(store, *kinds: str) -> None:
    """Send every due row of these kinds (all kinds when none given)."""
    for item in store.outbox.claim_due("test-worker", 100, LEASE):
        if not kinds or item.kind in kinds:
            assert store.outbox.mark_sent(item)
        else:
            store.outbox.reschedule(item, store.clock() - timedelta(seconds=1), "not this time")


def row(store, reference: str) -> dict:
    with store.engine.connect() as conn:
        sub = conn.execute(select(submissions).where(submissions.c.reference == reference)).mappings().one()
        files = conn.execute(select(attachments.c.stored_name).where(attachments.c.submission_id == sub["id"])).scalars().all()
        mail = conn.execute(select(outbox.c.kind, outbox.c.recipient, outbox.c.status)
                            .where(outbox.c.submission_id == sub["id"]).order_by(outbox.c.id)).all()
        events = conn.execute(select(status_events.c.status).where(status_events.c.submission_id == sub["id"])).scalars().all()
    return {**sub, "files": files, "mail": [tuple(m) for m in mail], "events": events}


def purge(store, days: int = 90) -> tuple[int, list[str]]:
    """What ``flask purge`` erases for services no form declares: (requests erased, stored names of their files)."""
    done = retention.purge_plan(store.engine, retention.Plan({}, days), store.clock)
    assert done.erased["default"] == sum(done.erased.values())  # no form: nothing for another cause
    return done.erased["default"], done.files["default"] + done.late_replies


def test_a_delivered_submission_is_erased_after_the_retention_days(store, clock):
    ref = store.save_submission(new_submission(client_key="a-one-time-key-0001"))
    deliver(store)
    store.set_status(ref, "completed", "Your licence is in the mail.")  # queues an email to the resident
    clock.advance(days=89)
    assert purge(store) == (0, [])  # that email still waits
    deliver(store)
    assert purge(store) == (0, [])  # delivered 89 days ago: kept
    clock.advance(days=2)
    assert retention.count_plan(store.engine, retention.Plan({}, 90), clock())["default"] == 1
    assert purge(store) == (1, ["f3a9c2"])
    erased = row(store, ref)
    assert erased["answers"] == [] and erased["reply_to"] is None and erased["resident_copy_to"] is None
    assert erased["client_key"] is None and erased["purged_at"] == clock()
    assert erased["files"] == []
    assert erased["mail"] == [("department", "clerk@bellerive.example.org", "sent"), ("resident_copy", "", "sent"),
                              ("status_update", "", "sent")]
    assert erased["service"] == "dog-licence" and erased["events"] == ["received", "completed"]
    status = store.status_of(ref)  # the resident can still follow it
    assert status.current.status == "completed" and status.current.note == "Your licence is in the mail."
    assert purge(store) == (0, [])  # once only


def test_nothing_is_erased_before_the_department_has_it_or_while_mail_waits(store, clock):
    older = store.save_submission(new_submission())
    clock.advance(days=200)
    waiting_copy = store.save_submission(new_submission())
    deliver(store, "department")  # both department rows sent; both resident copies still pending
    clock.advance(days=200)
    assert purge(store)[0] == 0
    assert row(store, older)["answers"] and row(store, waiting_copy)["answers"]
    deliver(store)
    clock.advance(days=91)
    assert purge(store)[0] == 2


def test_a_failed_department_email_keeps_the_answers_for_a_resend(store, clock):
    ref = store.save_submission(new_submission(resident_copy_to=None))
    [item] = store.outbox.claim_due("w", 10, LEASE)
    store.outbox.give_up(item, "failed", "550 no such mailbox", alert_to=None)
    clock.advance(days=400)
    assert purge(store)[0] == 0
    assert row(store, ref)["answers"][0]["value"] == "Jo Tremblay"


def test_many_submissions_are_erased_in_batches(store, clock, monkeypatch):
    monkeypatch.setattr(retention, "BATCH", 3)
    refs = [store.save_submission(new_submission(attachments=[])) for _ in range(7)]
    deliver(store)
    clock.advance(days=91)
    assert purge(store) == (7, [])
    assert all(row(store, r)["answers"] == [] for r in refs)


def test_delete_files_removes_only_what_is_named_inside_the_folder(tmp_path):
    (tmp_path / "keep").write_text("x")
    (tmp_path / "gone").write_text("x")
    outside = tmp_path.parent / "outside-file"
    outside.write_text("x")
    assert retention.delete_files(str(tmp_path), ["gone", "missing", "../outside-file"]) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep"] and outside.exists()


def test_flask_purge_erases_then_deletes_the_files(tmp_path):
    from datetime import UTC, datetime
    from pathlib import Path

    from forms_app.store import Store

    from tests.support.databases import Clock
    from tests.support.store_app import bare_store_app

    app, live = bare_store_app(tmp_path, PURGE_AFTER_DAYS=90)
    past = Store(live.engine, clock=Clock(datetime.now(UTC) - timedelta(days=100)))  # sent 100 days ago
    ref = past.save_submission(new_submission())
    plans = Path(app.config["UPLOAD_DIR"]) / "f3a9c2"
    plans.write_bytes(b"%PDF-1.4 plans")
    deliver(past)
    runner = app.test_cli_runner()
    try:
        dry = runner.invoke(args=["purge", "--dry-run"])
        assert dry.exit_code == 0 and "purge: 1 submission(s) delivered more than 90 days ago would be erased" in dry.output
        assert plans.exists() and row(live, ref)["answers"]
        result = runner.invoke(args=["purge"])
        assert result.exit_code == 0, result.output
        assert "purge: 1 submission(s) erased, 1 file(s) deleted (delivered more than 90 days ago)" in result.output
        assert not plans.exists() and row(live, ref)["answers"] == []
        app.config["PURGE_AFTER_DAYS"] = 0
        refused = runner.invoke(args=["purge"])
        assert refused.exit_code != 0 and "FORMS_PURGE_AFTER_DAYS must be at least 1" in refused.output
    finally:
        live.engine.dispose()


def messages(store, reference: str) -> list[tuple[str, str]]:
    from forms_app.store.schema import request_messages

    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(
            select(request_messages.c.kind, request_messages.c.body).join(submissions)
            .where(submissions.c.reference == reference).order_by(request_messages.c.id))]


def reply_files(store, reference: str) -> list[str]:
    with store.engine.connect() as conn:
        return conn.execute(select(attachments.c.stored_name).join(submissions)
                            .where((submissions.c.reference == reference) & attachments.c.message_id.is_not(None))).scalars().all()


def test_the_staff_workspace_columns_replies_and_notes_are_erased_too(store, clock):
    from forms_app.store import Attachment

    ref = store.save_submission(new_submission(channel="phone", contact_name="Jo Tremblay", contact_phone="613-555-0100"))
    deliver(store)
    store.set_status(ref, "waiting_for_you", "Send the receipt.")
    store.messages.add(ref, "resident_reply", "resident", "Here it is, Jo at 12 Elm Street.",
                       [Attachment("ab12", "reply-file-1.pdf", "application/pdf", 10)])
    store.messages.add(ref, "staff_note", "clerk@bellerive.example.org", "Jo called about the receipt.", [])
    deliver(store)
    clock.advance(days=91)
    erased_count, files = purge(store)
    assert erased_count == 1 and sorted(files) == ["ab12", "f3a9c2"]
    erased = row(store, ref)
    assert (erased["contact_name"], erased["contact_phone"], erased["channel"]) == (None, None, "phone")
    assert messages(store, ref) == [("resident_reply", ""), ("staff_note", "")]  # the history keeps its shape
    assert reply_files(store, ref) == []


def test_a_reply_sent_after_the_purge_is_erased_once_its_own_email_is_old(store, clock):
    from forms_app.store import Attachment

    ref = store.save_submission(new_submission())
    deliver(store)
    store.set_status(ref, "waiting_for_you", "Send the receipt.")
    deliver(store)
    clock.advance(days=91)
    assert purge(store)[0] == 1
    store.messages.add(ref, "resident_reply", "resident", "Sorry for the delay: here it is.",
                       [Attachment("cd34", "reply-file-1.pdf", "application/pdf", 10)])
    deliver(store)
    clock.advance(days=89)
    assert purge(store) == (0, [])  # its email reached the department 89 days ago
    assert messages(store, ref) == [("resident_reply", "Sorry for the delay: here it is.")]
    clock.advance(days=2)
    assert purge(store) == (0, ["cd34"])
    assert messages(store, ref) == [("resident_reply", "")] and reply_files(store, ref) == []


def test_old_sign_in_links_their_emails_and_ended_sessions_are_swept(store, clock):
    from forms_app.store.schema import sign_in_links, staff_sessions

    member = store.staff.add("agent@bellerive.example.org", ["clerk"])
    store.staff.new_sign_in("agent@bellerive.example.org", timedelta(minutes=15))
    deliver(store)
    token = store.staff.start_session(member)
    store.staff.end_session(token)
    live = store.staff.start_session(member)
    clock.advance(hours=2)
    store.staff.new_sign_in("agent@bellerive.example.org", timedelta(minutes=15))  # still waiting to go
    clock.advance(hours=21)
    store.staff.session_member(live, timedelta(days=9), timedelta(days=9))  # still in use
    assert store.staff.sweep(clock() - timedelta(days=1)) == 0  # nothing a day old yet
    clock.advance(hours=2)
    store.staff.session_member(live, timedelta(days=9), timedelta(days=9))  # still in use: not swept
    assert store.staff.sweep(clock() - timedelta(days=1)) == 3  # the first link, its email, the ended session
    with store.engine.connect() as conn:
        assert len(conn.execute(select(sign_in_links)).all()) == 1
        assert len(conn.execute(select(staff_sessions)).all()) == 1
        assert [r.kind for r in conn.execute(select(outbox.c.kind))] == ["sign_in"]
