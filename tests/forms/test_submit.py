"""A valid form is stored durably, then confirmed; nothing personal reaches the logs."""

from __future__ import annotations

import logging
import os
import re

import pytest

from forms_app.store import get_store

from tests.support.forms import FORM, FORM_FR, PDF, opened, post, rows, text, valid_answers
from tests.support.html_tree import hidden_value, parse, title


def submit(client, url=FORM, **changes):
    response = post(client, url, valid_answers(**changes))
    assert response.status_code == 303, text(response)
    return response


def test_the_submission_and_its_outbox_rows_exist_when_the_confirmation_is_shown(client, app):
    response = submit(client)
    location = response.headers["Location"]
    match = re.fullmatch(r"/forms/every-field/done/([A-Z2-9]{8})\?k=[A-Za-z0-9_-]{22}", location)
    assert match
    reference = match.group(1)
    # Stored before the redirect was even sent:
    (submission,) = rows(app, "submissions")
    assert submission["reference"] == reference
    assert submission["service"] == "every-field" and submission["lang"] == "en"
    assert submission["service_title"] == "Street party permit"
    assert submission["department"] == "clerk" and submission["recipient"] == "clerk@bellerive.example.org"
    assert submission["reply_to"] == "jo@example.net" and submission["resident_copy_to"] == "jo@example.net"
    outbox = rows(app, "outbox")
    assert sorted((o["kind"], o["recipient"], o["status"]) for o in outbox) == [
        ("department", "clerk@bellerive.example.org", "pending"),
        ("resident_copy", "jo@example.net", "pending"),
    ]
    assert all(o["submission_id"] == submission["id"] for o in outbox)

    page = client.get(location)
    assert page.status_code == 200
    html = text(page)
    assert title(html) == "Form sent: Apply for a street party permit – City of Bellerive"
    formatted = f"{reference[:4]}-{reference[4:]}"
    assert parse(html).find("strong", class_="gx-reference").text() == formatted
    assert "We answer within 5 business days." in html and "We email you the permit." in html
    links = {a.get("href") for a in parse(html).find_all("a")}
    assert f"/status/?ref={formatted}" in links and "/services/every-field/" in links
    assert page.headers["Cache-Control"] == "no-store"


def test_answers_are_stored_as_staff_read_them(client, app):
    submit(client)
    (submission,) = rows(app, "submissions")
    answers = {a["name"]: (a["label"], a["value"]) for a in submission["answers"]}
    assert list(answers) == ["full_name", "email", "phone", "postal_code", "address", "description", "guests", "cost",
                             "discount", "party_date", "kind", "owner", "needs", "permit_number", "plan", "photo"]
    assert answers["full_name"] == ("Your full name", "Jo Tremblay")
    assert answers["postal_code"] == ("Postal code", "K1A 0B1")
    assert answers["party_date"] == ("The date of the party", "2027-06-21")
    assert answers["kind"] == ("What kind of party is it?", "Block party")
    assert answers["owner"] == ("Do you live on the street?", "Yes")
    assert answers["needs"] == ("What you need", "Barriers; Power")
    assert answers["discount"] == ("Discount percentage", "")
    assert answers["plan"] == ("Your plan", "street plan.pdf")
    assert answers["photo"] == ("A photo of the street", "")


def test_french_answers_are_stored_in_french(client, app):
    response = submit(client, FORM_FR)
    assert response.headers["Location"].startswith("/fr/forms/every-field/done/")
    (submission,) = rows(app, "submissions")
    assert submission["lang"] == "fr" and submission["service_title"] == "Permis de fête de rue"
    answers = {a["name"]: (a["label"], a["value"]) for a in submission["answers"]}
    assert answers["owner"] == ("Habitez-vous dans la rue?", "Oui")
    assert answers["needs"] == ("Ce dont vous avez besoin", "Barrières; Électricité")
    html = text(client.get(response.headers["Location"]))
    assert "Formulaire envoyé" in parse(html).find("h1").text()
    assert [a for a in parse(html).find_all("a") if a.get("href").startswith("/fr/status/?ref=")]


def test_files_are_kept_under_random_names_outside_the_site(client, app, tmp_path):
    submit(client, plan=(PDF, "../../etc/passwd\x00.pdf", "text/html"))
    (attachment,) = rows(app, "attachments")
    assert re.fullmatch(r"[0-9a-f]{32}", attachment["stored_name"])
    assert attachment["content_type"] == "application/pdf" and attachment["size"] == len(PDF)
    assert attachment["filename"] == "plan.pdf"  # named after its field, never as sent (issue #11 item 1)
    path = os.path.join(app.config["UPLOAD_DIR"], attachment["stored_name"])
    assert opened(app, path) == PDF
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"
    assert not os.path.realpath(path).startswith(os.path.realpath(app.config["SITE_DIR"]))
    assert client.get(f"/uploads/{attachment['stored_name']}").status_code == 404


def test_no_email_no_copy(client, app):
    submit(client, email="")
    (submission,) = rows(app, "submissions")
    assert submission["reply_to"] is None and submission["resident_copy_to"] is None
    assert [o["kind"] for o in rows(app, "outbox")] == ["department"]


def test_a_failed_save_shows_no_confirmation_and_keeps_no_file(client, app, monkeypatch):
    def broken(new):
        raise RuntimeError("database is down")

    with app.app_context():
        monkeypatch.setattr(get_store(), "save", broken)
    app.testing = False  # show the error page instead of raising into the test
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = post(client, FORM, valid_answers())
    assert response.status_code == 500
    assert "did not get a reference number, it was not sent" in text(response)
    assert os.listdir(app.config["UPLOAD_DIR"]) == []


def test_a_database_error_does_not_log_the_answers(client, app, monkeypatch, caplog):
    from sqlalchemy.exc import IntegrityError

    def refused(new):
        params = {"answers": [a.value for a in new.answers], "reply_to": new.reply_to}
        raise IntegrityError("INSERT INTO submissions (answers, reply_to) VALUES (?, ?)", params, Exception("constraint failed"))

    with app.app_context():
        monkeypatch.setattr(get_store(), "save", refused)
    app.testing = False
    app.config["PROPAGATE_EXCEPTIONS"] = False
    caplog.set_level(logging.DEBUG)
    response = post(client, FORM, valid_answers())
    assert response.status_code == 500
    assert "outcome=failed service=every-field error=Exception statement=INSERT INTO submissions" in caplog.text
    logged = caplog.text + " ".join(repr(r.args) for r in caplog.records)
    for value in PERSONAL:
        assert value.casefold() not in logged.casefold()


def test_the_confirmation_needs_the_key_its_link_was_sent_with(client, app):
    location = submit(client).headers["Location"]
    path, key = location.split("?k=")
    reference = path.rsplit("/", 1)[1]
    assert "Set-Cookie" not in submit(client).headers  # no session rewrite per submission
    assert client.get(location).status_code == 200
    other = app.test_client()  # the link still works later, on another device the resident copied it to
    assert f"{reference[:4]}-{reference[4:]}" in text(other.get(location))
    assert other.get(f"/fr{location}").status_code == 200  # and in French
    for wrong in (path, f"{path}?k=", f"{path}?k={key[:-1]}A" if key[-1] != "A" else f"{path}?k={key[:-1]}B",
                  f"{path}?k=%C3%A9t%C3%A9", "/forms/every-field/done/AAAA2222?k=" + key):
        assert client.get(wrong).status_code == 404, wrong
    from forms_app.forms.views import done_key

    with app.test_request_context():
        assert done_key("every-field", reference) == key
        assert done_key("dog-licence", reference) != key  # a key is for one service's reference
    assert client.get("/forms/every-field/done/not-a-ref").status_code == 404


def test_the_honeypot_discards_quietly(client, app, caplog):
    caplog.set_level(logging.INFO)
    response = post(client, FORM, valid_answers(**{"gx-website": "http://spam.example"}))
    assert response.status_code == 303
    assert response.headers["Location"] == "/forms/every-field/sent"
    page = client.get(response.headers["Location"])
    assert page.status_code == 200 and "Form sent" in text(page)
    assert rows(app, "submissions") == [] and rows(app, "outbox") == []
    assert os.listdir(app.config["UPLOAD_DIR"]) == []
    assert "outcome=discarded reason=honeypot service=every-field" in caplog.text


PERSONAL = ["Jo Tremblay", "jo@example.net", "613-555-0100", "K1A", "12 Elm Street", "block party with music", "street plan"]


@pytest.mark.parametrize("changes", [{}, {"full_name": ""}, {"gx-website": "x"}], ids=["stored", "invalid", "honeypot"])
def test_logs_name_the_reference_service_and_outcome_but_no_answer(client, caplog, changes):
    caplog.set_level(logging.DEBUG)
    response = post(client, FORM, valid_answers(**changes))
    if response.status_code == 303 and "/done/" in response.headers["Location"]:
        reference = response.headers["Location"].split("?")[0].rsplit("/", 1)[1]
        assert f"outcome=stored service=every-field reference={reference}" in caplog.text
        client.get(response.headers["Location"])
    logged = caplog.text + " ".join(repr(r.args) for r in caplog.records)
    for value in PERSONAL:
        assert value.casefold() not in logged.casefold()
    assert "outcome=" in caplog.text


def test_a_double_tap_stores_one_submission(client, app):
    """The same form sent twice (its one-time key) stores once and confirms the same reference."""
    form_page = text(client.get(FORM))
    key = hidden_value(form_page, "gx-submission")
    assert re.fullmatch(r"[A-Za-z0-9_-]{16,64}", key)
    first = submit(client, **{"gx-submission": key})
    again = submit(client, **{"gx-submission": key})
    assert again.headers["Location"] == first.headers["Location"]
    assert len(rows(app, "submissions")) == 1 and len(rows(app, "outbox")) == 2
    other = submit(client, **{"gx-submission": "another-form-shown-0001"})
    assert other.headers["Location"] != first.headers["Location"]
    assert len(rows(app, "submissions")) == 2


def test_the_key_survives_a_page_with_errors(client):
    """Fixing an error keeps the form's key, so the corrected send is still one submission."""
    page = text(post(client, FORM, valid_answers(full_name="", **{"gx-submission": "kept-while-fixing-errors"})))
    assert hidden_value(page, "gx-submission") == "kept-while-fixing-errors"
