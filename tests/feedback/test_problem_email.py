""""Something is wrong on this page" reaches the page's department through the outbox, by real SMTP
(aiosmtpd): the page, the reason and the masked comment; nothing about the resident."""

from __future__ import annotations

from forms_app.delivery import Worker, WorkerSettings
from forms_app.store import get_store

from tests.support.feedback import SAME_ORIGIN, answer, explain, stored
from tests.support.forms import FORM, FORM_FR
from tests.support.html_tree import parse
from tests.support.mail import mail_settings


def deliver(app, smtp, tmp_path) -> dict:
    with app.app_context():
        worker = Worker(get_store(), mail_settings(tmp_path), smtp.settings, WorkerSettings(batch_size=10))
        return worker.run_once()


def body(msg, kind="plain") -> str:
    return msg.get_body(preferencelist=(kind,)).get_content().replace("\r\n", "\n")


def test_something_wrong_emails_the_service_department_without_personal_data(app, client, smtp, tmp_path):
    more = answer(client, client.get(FORM_FR), "no")
    comment = "Le tarif est faux. Je m'appelle Luc Bergeron, 613-555-0100, luc@exemple.ca, J8Y 3A1"
    thanks = explain(client, more, reason="something_wrong", comment=comment)
    assert "Nous avons avisé l’équipe responsable de cette page." in parse(thanks).find("main").text()
    [row] = stored(app, "page_feedback")
    [queued] = stored(app, "outbox")
    assert row["outbox_id"] == queued["id"] and queued["kind"] == "page_problem"
    assert queued["submission_id"] is None and queued["department"] == "clerk"

    assert deliver(app, smtp, tmp_path) == {"sent": 1}
    [got] = smtp.received
    assert got.rcpt_tos == ["clerk@bellerive.example.org"]  # the every-field service's department
    msg = got.message
    assert msg["Reply-To"] is None and msg["Content-Language"] == "fr"
    assert msg["Subject"].startswith("Un problème a été signalé sur une page Web")
    text = body(msg)
    assert "https://forms.bellerive.example.org/fr/forms/every-field/" in text
    assert "Un renseignement sur la page est faux ou périmé" in text
    assert "Le tarif est faux. Je m'appelle [name], [phone], [email], [postal code]" in text
    for personal in ("Bergeron", "613-555-0100", "luc@exemple.ca", "J8Y", "127.0.0.1", "localhost"):
        assert personal not in msg.as_string(), personal
    assert stored(app, "outbox")[0]["status"] == "sent"


def test_a_page_of_no_service_reaches_the_web_team(app, client, smtp, tmp_path):
    more = client.post("/feedback/", data={"page": "/a-z/", "helpful": "0"}, headers=SAME_ORIGIN, follow_redirects=True)
    explain(client, more, reason="something_wrong", comment="")
    [row] = stored(app, "page_feedback")
    assert (row["service"], row["department"], row["comment"]) == (None, None, None)
    assert deliver(app, smtp, tmp_path) == {"sent": 1}
    [got] = smtp.received
    assert got.rcpt_tos == ["web-admin@bellerive.example.org"]  # the taxonomy's site.admin_email
    assert "https://forms.bellerive.example.org/a-z/" in body(got.message)
    assert "(no comment)" in body(got.message)


def test_other_reasons_send_no_email(app, client):
    for reason in ("cant_find", "hard_to_understand", "other"):
        explain(client, answer(client, client.get(FORM), "no"), reason=reason, comment="")
    assert stored(app, "outbox") == []
