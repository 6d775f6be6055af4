"""``flask digest``: each department's open, overdue and waiting counts, emailed through the outbox."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select, update

from forms_app.delivery import Worker
from forms_app.delivery.settings import mail_settings
from forms_app.store import get_store, schema

from tests.support.submissions import new_submission

ANIMALS = "animals@bellerive.example.org"


def seed(app) -> None:
    """Animal Services: 4 requests (1 overdue, 1 waiting, 1 completed); Public Works: 1."""
    with app.app_context():
        store = get_store()
        refs = [store.save_submission(new_submission(department="animal-services", recipient=ANIMALS, attachments=[])) for _ in range(4)]
        store.save_submission(new_submission(service="report-pothole", department="public-works",
                                             recipient="roads@bellerive.example.org", attachments=[]))
        store.set_status(refs[1], "waiting_for_you", "Send the receipt")
        store.set_status(refs[2], "completed")
        with store.engine.begin() as conn:
            conn.execute(update(schema.submissions).where(schema.submissions.c.reference == refs[0])
                         .values(due_on=date.today() - timedelta(days=3)))
            conn.execute(update(schema.submissions).where(schema.submissions.c.reference == refs[2])
                         .values(due_on=date.today() - timedelta(days=3)))  # completed: never overdue


def digest_rows(app) -> list[dict]:
    with app.app_context(), get_store().engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(schema.outbox).where(schema.outbox.c.kind == "digest")
                                              .order_by(schema.outbox.c.id)).mappings()]


def test_each_department_gets_its_counts_with_links(app, runner, smtp):
    seed(app)
    result = runner.invoke(args=["digest"])
    assert result.exit_code == 0, result.output
    assert "animal-services" in result.output and "public-works" in result.output
    rows = digest_rows(app)
    assert [(r["department"], r["recipient"], r["submission_id"]) for r in rows] == [
        ("animal-services", ANIMALS, None), ("public-works", "publicworks@bellerive.example.org", None)]  # the taxonomy's mailbox
    with app.app_context():
        assert [e.detail for e in get_store().audit.entries() if e.action == "digest_sent"] == [
            "department=public-works", "department=animal-services"]
        Worker(get_store(), mail_settings(app), smtp.settings).run_once()

    digests = [m for m in smtp.messages() if "Daily requests" in m["Subject"]]
    [email] = [m for m in digests if m["To"] == ANIMALS]
    assert "Animal Services" in email["Subject"] and "Services aux animaux" in email["Subject"]
    text = email.get_body(("plain",)).get_content()
    english, french = text.split("-" * 40)
    assert "Open requests: 3" in english  # 4 minus the completed one
    assert "Overdue: 1" in english
    assert "Waiting for the resident: 1" in english
    assert "http://localhost/staff/requests/?status=open&overdue=1" in english
    assert "http://localhost/staff/requests/?status=waiting_for_you" in english
    assert "http://localhost/fr/staff/requests/?status=open" in french
    html = email.get_body(("html",)).get_content()
    assert 'href="http://localhost/staff/requests/?status=open&amp;overdue=1"' in html
    [roads] = [m for m in digests if m["To"] == "publicworks@bellerive.example.org"]
    assert "Open requests: 1" in roads.get_body(("plain",)).get_content()


def test_twice_a_day_sends_one_digest(app, runner):
    seed(app)
    runner.invoke(args=["digest"])
    again = runner.invoke(args=["digest"])
    assert again.exit_code == 0
    assert "nothing to queue" in again.output
    assert len(digest_rows(app)) == 2


def test_no_requests_no_digest(app, runner):
    result = runner.invoke(args=["digest"])
    assert result.exit_code == 0
    assert digest_rows(app) == []
