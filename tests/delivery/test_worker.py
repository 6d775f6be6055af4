"""The worker against a real SMTP server, on SQLite and PostgreSQL."""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import replace
from datetime import timedelta

from forms_app.delivery import SmtpSender
from forms_app.status import read_staff_token
from forms_app.store import format_reference

from tests.support.mail import ADMIN
from tests.support.submissions import full_submission, PDF
from tests.support.apps import SECRET


def body(msg, kind="plain") -> str:
    return msg.get_body(preferencelist=(kind,)).get_content().replace("\r\n", "\n")


def test_valid_submission_reaches_the_department_with_everything(store, smtp, make_worker, clock):
    ref = store.save_submission(full_submission(resident_copy_to=None))
    assert make_worker().run_once() == {"sent": 1}

    [got] = smtp.received
    assert got.rcpt_tos == ["clerk@bellerive.example.org"]
    assert got.mail_from == "no-reply@bellerive.example.org"
    msg = got.message
    shown = format_reference(ref)
    assert msg["To"] == "clerk@bellerive.example.org"
    assert msg["Reply-To"] == "jo@example.net"
    assert msg["Subject"] == f"Dog licence – {shown}"
    assert msg["Message-ID"] == f"<sub-{ref}@bellerive.example.org>"
    assert msg["From"] == "City of Bellerive <no-reply@bellerive.example.org>"
    text, html = body(msg), body(msg, "html")
    for label, value in [("Your name", "Jo Tremblay"), ("Dog's name", "Rex <the good boy> & co"),
                         ("Is the dog vaccinated?", "Yes"), ("Anything else?", "Line one\n  Line two"),
                         ("Phone", "(no answer)")]:
        assert label in text and value in text
    assert "Rex &lt;the good boy&gt; &amp; co" in html and "<the good boy>" not in html
    assert "Dog&#39;s name" in html or "Dog&#x27;s name" in html
    assert shown in text and shown in html
    [attachment] = list(msg.iter_attachments())
    assert attachment.get_filename() == "vaccination.pdf"
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content() == PDF
    # the staff links carry a signed token naming this reference
    links = re.findall(r"https://forms\.bellerive\.example\.org/status/staff/([^\s?]+)", text)
    assert links and {read_staff_token(SECRET, token, 60) for token in links} == {ref}
    [row] = store.outbox.rows_for(ref)
    assert (row.status, row.attempts, row.sent_at, row.lease_owner) == ("sent", 1, clock(), None)


def test_resident_copy_is_bilingual_and_holds_no_answers(store, smtp, make_worker):
    ref = store.save_submission(full_submission(lang="fr", service_title="Licence pour chien"))
    assert make_worker().run_once() == {"sent": 2}
    copy = next(r for r in smtp.received if r.rcpt_tos == ["jo@example.net"]).message
    shown = format_reference(ref)
    text = body(copy)
    assert copy["Subject"] == f"Nous avons reçu votre demande {shown} / We received your request {shown}"
    assert copy["Message-ID"] == f"<sub-{ref}.copy@bellerive.example.org>"
    assert copy["Reply-To"] == "clerk@bellerive.example.org"
    assert text.index("Merci.") < text.index("Thank you.")
    assert f"https://forms.bellerive.example.org/fr/status/?ref={shown}" in text
    assert f"https://forms.bellerive.example.org/status/?ref={shown}" in text
    for answer in ("Jo Tremblay", "Rex", "Line one"):
        assert answer not in text and answer not in body(copy, "html")
    assert not list(copy.iter_attachments())


def test_a_status_change_is_emailed_to_the_resident_with_the_staff_note(store, smtp, make_worker, clock):
    ref = store.save_submission(full_submission(lang="fr", service_title="Licence pour chien"))
    assert make_worker().run_once() == {"sent": 2}
    clock.advance(days=3)
    assert store.set_status(ref, "waiting_for_you", "Envoyez la preuve de vaccination <s.v.p.> & merci.\nLigne 2")
    [row] = [r for r in store.outbox.rows_for(ref) if r.kind == "status_update"]
    assert (row.recipient, row.status, row.event_id is not None) == ("jo@example.net", "pending", True)
    assert make_worker().run_once() == {"sent": 1}
    got = smtp.received[-1]
    assert got.rcpt_tos == ["jo@example.net"]
    msg, shown = got.message, format_reference(ref)
    assert msg["Subject"] == f"Votre demande {shown} : Nous attendons votre réponse / Your request {shown}: We need something from you"
    assert msg["Message-ID"] == f"<sub-{ref}.status{row.id}@bellerive.example.org>"
    assert msg["References"] == f"<sub-{ref}.copy@bellerive.example.org>"
    assert msg["Reply-To"] == "clerk@bellerive.example.org"
    text, html = body(msg), body(msg, "html")
    assert text.index("a un nouvel état\u00a0: Nous attendons votre réponse.") < text.index("has a new status: We need something from you.")
    assert "Envoyez la preuve de vaccination <s.v.p.> & merci.\n  Ligne 2" in text
    assert "&lt;s.v.p.&gt; &amp; merci." in html and "<s.v.p.>" not in html
    assert f"https://forms.bellerive.example.org/fr/status/?ref={shown}" in text
    for answer in ("Jo Tremblay", "Rex", "Line one"):
        assert answer not in text and answer not in html
    assert [r.status for r in store.outbox.rows_for(ref)] == ["sent", "sent", "sent"]


def test_no_status_email_without_a_copy_address(store, smtp, make_worker):
    ref = store.save_submission(full_submission(resident_copy_to=None))
    assert store.set_status(ref, "in_progress")
    assert [r.kind for r in store.outbox.rows_for(ref)] == ["department"]
    assert store.status_of(ref).current.status == "in_progress"


def test_down_421_451_then_up_is_delivered_exactly_once(store, smtp, make_worker, clock):
    ref = store.save_submission(full_submission(resident_copy_to=None))
    created = clock()
    worker = make_worker()

    smtp.stop()
    assert worker.run_once() == {"retry": 1}
    [row] = store.outbox.rows_for(ref)
    assert (row.status, row.attempts, row.last_error) == ("pending", 1, "connection refused")
    assert row.next_attempt_at == created + timedelta(minutes=30)
    assert worker.run_once() == {}  # not due yet

    smtp.start()
    smtp.reply_to_data("421 4.3.2 Service shutting down", "451 4.3.0 Try again later")
    clock.advance(minutes=30)
    assert worker.run_once() == {"retry": 1}
    [row] = store.outbox.rows_for(ref)
    assert row.last_error.startswith("421 4.3.2") and row.next_attempt_at == clock() + timedelta(hours=2, minutes=30)

    clock.advance(hours=2, minutes=30)
    assert worker.run_once() == {"retry": 1}
    assert store.outbox.rows_for(ref)[0].last_error.startswith("451 4.3.0")

    clock.advance(hours=2, minutes=30)
    assert worker.run_once() == {"sent": 1}
    clock.advance(days=1)
    assert worker.run_once() == {}
    assert len(smtp.received) == 1
    [row] = store.outbox.rows_for(ref)
    assert (row.status, row.attempts) == ("sent", 4)


def test_a_server_that_hangs_times_out_and_is_retried(store, smtp, make_worker):
    ref = store.save_submission(full_submission(resident_copy_to=None))
    smtp.hang()  # accepts connections and never says a word: any timeout is reached, however short
    assert make_worker(smtp_settings=replace(smtp.settings, timeout=0.05)).run_once() == {"retry": 1}
    assert store.outbox.rows_for(ref)[0].last_error == "timeout"


def test_550_fails_at_once_keeps_the_row_and_alerts_the_admin(store, smtp, make_worker):
    ref = store.save_submission(full_submission(resident_copy_to=None))
    smtp.reply_to_data("550 5.7.1 Message rejected as spam")
    assert make_worker().run_once() == {"failed": 1, "sent": 1}  # the department row; the alert

    dept, alert = store.outbox.rows_for(ref)
    assert (dept.kind, dept.status, dept.attempts) == ("department", "failed", 1)
    assert dept.last_error == "550 5.7.1 Message rejected as spam"
    assert (alert.kind, alert.status, alert.recipient, alert.about_id) == ("admin_alert", "sent", ADMIN, dept.id)

    [got] = smtp.received
    assert got.rcpt_tos == [ADMIN]
    msg = got.message
    text = body(msg)
    assert format_reference(ref) in msg["Subject"] and "dog-licence" in msg["Subject"]
    assert "550 5.7.1 Message rejected as spam" in text and "clerk@bellerive.example.org" in text
    assert f"deliver --requeue {dept.id}" in text
    assert msg["References"] == f"<sub-{ref}@bellerive.example.org>"
    for personal in ("Jo Tremblay", "Rex", "jo@example.net", "Line one"):
        assert personal not in text


def test_recipient_refused_scrubs_the_address_from_the_error(store, smtp, make_worker):
    ref = store.save_submission(full_submission(resident_copy_to=None))
    smtp.reply_to_rcpt("550 5.1.1 <clerk@bellerive.example.org>: Recipient address rejected")
    make_worker().run_once()
    dept = store.outbox.rows_for(ref)[0]
    assert dept.status == "failed"
    assert dept.last_error == "550 5.1.1 <<address>>: Recipient address rejected"


def test_gives_up_after_five_days_and_alerts(store, smtp, make_worker, clock):
    ref = store.save_submission(full_submission(resident_copy_to=None))
    created = clock()
    worker = make_worker()
    smtp.stop()
    outcomes = []
    while not store.outbox.rows_for(ref)[0].status == "given_up":
        outcomes.append(worker.run_once())
        clock.now = store.outbox.rows_for(ref)[0].next_attempt_at
    dept, alert = store.outbox.rows_for(ref)[:2]
    # 0 h, 0.5 h, then every 2.5 h until the 5-day mark, which is the last try
    assert dept.attempts == 2 + 47 + 1
    assert clock() - created == timedelta(days=5)
    # queued, not tried yet: the round ended at the refused connection (the server is still down)
    assert (alert.kind, alert.status, alert.attempts) == ("admin_alert", "pending", 0)
    smtp.start()
    clock.advance(minutes=30)
    assert worker.run_once() == {"sent": 1}
    assert "still undelivered after the last retry" in body(smtp.received[0].message)


def test_an_undeliverable_alert_raises_no_further_alert(store, smtp, make_worker, caplog):
    ref = store.save_submission(full_submission(resident_copy_to=None))
    smtp.reply_to_data("550 5.7.1 no", "550 5.7.1 no again")
    with caplog.at_level(logging.INFO):
        assert make_worker().run_once() == {"failed": 2}
    assert [r.kind for r in store.outbox.rows_for(ref)] == ["department", "admin_alert"]
    assert "admin alert undeliverable" in caplog.text


def test_a_missing_attachment_does_not_stop_the_submission(store, smtp, make_worker, uploads, caplog):
    (uploads / "f3a9c2").unlink()
    ref = store.save_submission(full_submission(resident_copy_to=None))
    with caplog.at_level(logging.INFO):
        assert make_worker().run_once() == {"sent": 1}
    msg = smtp.received[0].message
    assert not list(msg.iter_attachments())
    assert f"vaccination.pdf (application/pdf, {len(PDF)} bytes): could not be read" in body(msg)
    assert f"attachment unreadable ref={format_reference(ref)}" in caplog.text


def test_an_unsafe_stored_name_is_not_read(store, smtp, make_worker, uploads):
    (uploads.parent / "secret.txt").write_text("not yours")
    store.save_submission(full_submission(
        resident_copy_to=None, attachments=[full_submission().attachments[0].__class__("../secret.txt", "a.txt", "text/plain", 9)]))
    make_worker().run_once()
    msg = smtp.received[0].message
    assert not list(msg.iter_attachments()) and "not yours" not in msg.as_string()


def test_a_building_error_is_logged_and_retried(store, smtp, make_worker, monkeypatch, caplog):
    ref = store.save_submission(full_submission(resident_copy_to=None))

    def broken(sub, *args):
        raise KeyError(sub.answers[0].value)  # a bug whose message holds personal data

    monkeypatch.setattr("forms_app.delivery.messages.department_message", broken)
    with caplog.at_level(logging.INFO):
        assert make_worker().run_once() == {"retry": 1}
    assert "building failed" in caplog.text and "KeyError" in caplog.text
    assert "raise KeyError" in caplog.text and "Jo Tremblay" not in caplog.text  # where, not what
    assert store.outbox.rows_for(ref)[0].last_error == "building the message failed: KeyError"


def test_logs_hold_no_personal_data(store, smtp, make_worker, caplog, clock):
    store.save_submission(full_submission())
    store.save_submission(full_submission())
    smtp.reply_to_data("451 4.3.0 <jo@example.net> try later", "550 5.1.1 <jo@example.net> unknown")
    with caplog.at_level(logging.DEBUG):
        make_worker().run_once()
        clock.advance(hours=1)
        make_worker().run_once()
    ours = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("forms_app"))
    assert "sent ref=" in ours and "retry ref=" in ours and "failed ref=" in ours
    for personal in ("Jo Tremblay", "jo@example.net", "Rex", "Line one", "vaccination.pdf"):
        assert personal not in ours


def test_a_lease_about_to_end_is_not_used_to_send(store, smtp, make_worker, clock):
    store.save_submission(full_submission(resident_copy_to=None))
    worker = make_worker()
    [item] = store.outbox.claim_due(worker.owner, 10, timedelta(seconds=5))  # shorter than 3 × SMTP timeout
    with SmtpSender(smtp.settings) as sender:
        assert worker._deliver(sender, item, store.submission(item.submission_id), worker.mail) == "skipped"
    assert smtp.received == []


def test_concurrent_workers_send_each_row_once(store, smtp, make_worker):
    refs = {store.save_submission(full_submission(resident_copy_to=None)) for _ in range(60)}
    workers = [make_worker(batch_size=4) for _ in range(4)]
    errors = []

    def run(worker):
        try:
            worker.run_once()
        except Exception as exc:  # reported below, the test fails
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(w,)) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    ids = [m["Message-ID"] for m in smtp.messages()]
    assert len(ids) == 60 and len(set(ids)) == 60
    assert {i.removeprefix("<sub-").split("@")[0] for i in ids} == refs
    assert store.outbox.counts() == {"sent": 60}


def test_after_a_421_the_worker_reconnects_for_the_rest_of_the_batch(store, smtp, make_worker):
    refs = [store.save_submission(full_submission(resident_copy_to=None)) for _ in range(3)]
    smtp.reply_to_data("421 4.3.2 closing the connection")  # smtplib hangs up after a 421
    assert make_worker().run_once() == {"retry": 1, "sent": 2}
    assert [r.status for ref in refs for r in store.outbox.rows_for(ref)] == ["pending", "sent", "sent"]


def test_a_server_that_stays_down_costs_one_connection_try_per_batch(store, smtp, make_worker, monkeypatch):
    for _ in range(5):
        store.save_submission(full_submission(resident_copy_to=None))
    smtp.stop()
    tries = []
    original = SmtpSender._connect
    monkeypatch.setattr(SmtpSender, "_connect", lambda self: tries.append(1) or original(self))
    assert make_worker(batch_size=5).run_once() == {"retry": 5}
    assert len(tries) == 1
