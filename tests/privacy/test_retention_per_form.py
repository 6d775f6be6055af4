"""``flask purge`` applies each form's ``privacy.keep_days`` after ``keep_after``: requests of different
ages and forms, exactly the due ones erased (counts asserted), the rows kept for counts; an open request
past the open limit is erased a week after one warning to the administrator (delivered through SMTP)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from forms_app.delivery import Worker
from forms_app.delivery.settings import mail_settings
from forms_app.store import format_reference, get_store
from forms_app.store.schema import outbox, retention_warnings, status_events, submissions

from tests.support.databases import Clock
from tests.support.submissions import new_submission

LEASE = timedelta(minutes=10)
ADMIN = "web-admin@bellerive.example.org"  # the taxonomy's site.admin_email


@pytest.fixture
def app_settings():
    return {"PRIVACY_OPEN_LIMIT_DAYS": 365, "PURGE_AFTER_DAYS": 90}


def use_clock(app, clock) -> None:
    """Every part of the app's store tells time by ``clock``."""
    store = get_store()
    for part in (store, store.staff, store.audit, store.outbox, store.queue, store.messages):
        part.clock = clock


def deliver_all(store) -> None:
    """Every waiting email reaches its mailbox now (the department has its copy)."""
    for item in store.outbox.claim_due("test-worker", 100, LEASE):
        assert store.outbox.mark_sent(item)


def erased(app) -> set[str]:
    with app.app_context(), get_store().engine.connect() as conn:
        return set(conn.execute(select(submissions.c.reference).where(submissions.c.purged_at.is_not(None))).scalars())


def counts(app) -> tuple[int, int]:
    with app.app_context(), get_store().engine.connect() as conn:
        return (conn.execute(select(func.count()).select_from(submissions)).scalar(),
                conn.execute(select(func.count()).select_from(status_events)).scalar())


def purge(runner, clock, days: int) -> str:
    clock.advance(days=days)
    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    return result.output


def test_each_form_keeps_its_answers_for_its_own_days_then_they_go(app, runner, smtp):
    clock = Clock()
    with app.app_context():
        use_clock(app, clock)
        store = get_store()
        save = lambda **c: store.save_submission(new_submission(attachments=[], **c))  # noqa: E731
        dog_done = save()  # dog licence: 1095 days after it is closed
        dog_later = save()  # closed 100 days later
        dog_open = save()  # never closed: 1095 + 365 days after it was received, with a week's warning
        permit = save(service="building-permit", department="building", recipient="permits@bellerive.example.org")  # 90 days after delivery
        gone = save(service="a-form-since-removed")  # no form: PURGE_AFTER_DAYS after delivery
        pothole = save(service="report-pothole", department="public-works", recipient="roads@bellerive.example.org")  # 2555 days
        store.set_status(dog_done, "completed", "Your tag is in the mail.")
        store.set_status(pothole, "closed")
        deliver_all(store)
        clock.advance(days=100)
        store.set_status(dog_later, "closed")
        deliver_all(store)
    rows = counts(app)
    assert rows == (6, 9)

    output = purge(runner, clock, 1)  # day 101
    assert erased(app) == {permit, gone}
    assert "purge: 1 submission(s) erased, 0 file(s) deleted (delivered more than 90 days ago)" in output
    assert "purge: 1 submission(s) erased, 0 file(s) deleted (delivered longer ago than their form's keep_days)" in output
    assert "purge: 0 submission(s) erased, 0 file(s) deleted (closed longer ago than their form's keep_days)" in output
    assert "purge: 6 request(s) kept for counts, 2 of them erased; 9 status event(s) kept" in output

    output = purge(runner, clock, 1096 - 101)  # day 1096: the first dog licence's 1095 days are over
    assert erased(app) == {permit, gone, dog_done}
    assert "purge: 1 submission(s) erased, 0 file(s) deleted (closed longer ago than their form's keep_days)" in output
    output = purge(runner, clock, 100)  # day 1196: the one closed on day 100
    assert erased(app) == {permit, gone, dog_done, dog_later}

    # day 1454: the open one reaches the limit (1095 + 365) within a week: one warning, nothing erased
    output = purge(runner, clock, 1454 - 1196)
    assert erased(app) == {permit, gone, dog_done, dog_later}
    assert f"purge: 1 open request(s) will be erased from " in output and format_reference(dog_open) in output
    output = purge(runner, clock, 1)  # the next day's purge warns no more
    assert "will be erased from" not in output
    with app.app_context(), get_store().engine.connect() as conn:
        warnings = conn.execute(select(outbox).where(outbox.c.kind == "retention_warning")).mappings().all()
        remembered = conn.execute(select(retention_warnings)).mappings().all()
    assert [(w["recipient"], w["submission_id"]) for w in warnings] == [(ADMIN, None)]
    assert [r["outbox_id"] for r in remembered] == [warnings[0]["id"]]

    with app.app_context():
        Worker(get_store(), mail_settings(app), smtp.settings, clock=clock).run_once()
    [email] = [m for m in smtp.messages() if m["To"] == ADMIN]
    assert "1 open request(s) will be erased in a week" in email["Subject"]
    text = email.get_body(("plain",)).get_content()
    english, french = text.split("-" * 40)
    assert format_reference(dog_open) in english and format_reference(dog_open) in french
    assert "Jo Tremblay" not in text and "jo@example.net" not in text  # references and counts only
    assert "dog-licence" in english and "Received" in english

    output = purge(runner, clock, 5)  # day 1460: the limit, but not yet a week after the warning (day 1461)
    assert dog_open not in erased(app)
    output = purge(runner, clock, 1)  # day 1461
    assert erased(app) == {permit, gone, dog_done, dog_later, dog_open}
    assert "purge: 1 submission(s) erased, 0 file(s) deleted (still open 365 days past their form's keep_days" in output
    assert pothole not in erased(app)  # 2555 days: still kept
    assert counts(app) == rows  # every request and status event stays, for the counts
    with app.app_context():
        assert get_store().status_of(dog_open).current.status == "received"


def test_without_an_open_limit_an_open_request_waits_to_be_closed(make_app, runner):
    app = make_app(PRIVACY_OPEN_LIMIT_DAYS=0)
    clock = Clock()
    with app.app_context():
        use_clock(app, clock)
        store = get_store()
        ref = store.save_submission(new_submission(attachments=[]))
        deliver_all(store)
    cli = app.test_cli_runner()
    clock.advance(days=5000)
    result = cli.invoke(args=["purge"])
    assert result.exit_code == 0 and erased(app) == set()
    with app.app_context():
        get_store().set_status(ref, "completed")  # its email to the resident goes too
        deliver_all(get_store())
    clock.advance(days=1096)
    assert cli.invoke(args=["purge", "--dry-run"]).output.count("1 submission(s) past their form's keep_days would be erased (1 after closing") == 1
    assert erased(app) == set()
    assert cli.invoke(args=["purge"]).exit_code == 0 and erased(app) == {ref}


def test_files_of_erased_requests_and_orphans_go_and_others_stay(app, runner):
    from pathlib import Path

    from forms_app.store import Attachment

    clock = Clock()
    uploads = Path(app.config["UPLOAD_DIR"])
    with app.app_context():
        use_clock(app, clock)
        store = get_store()
        for name in ("1" * 32, "2" * 32, "3" * 32):
            (uploads / name).write_bytes(b"%PDF-1.4")
        closed = store.save_submission(new_submission(attachments=[Attachment("1" * 32, "a.pdf", "application/pdf", 8)]))
        kept = store.save_submission(new_submission(attachments=[Attachment("2" * 32, "b.pdf", "application/pdf", 8)]))
        store.set_status(closed, "closed")
        deliver_all(store)
    clock.advance(days=1096)
    output = runner.invoke(args=["purge"]).output
    assert "purge: 1 submission(s) erased, 1 file(s) deleted (closed longer ago than their form's keep_days)" in output
    assert "purge: 1 file(s) of no submission deleted" in output  # the third file: no row names it
    assert sorted(p.name for p in uploads.iterdir() if p.is_file()) == ["2" * 32]
    assert erased(app) == {closed} and kept
