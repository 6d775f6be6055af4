"""The resident's reply to "waiting for you" (``/status/reply/``): only from their email's signed link,
a message and files under the forms' upload rules, stored, in the staff history, emailed to the department."""

from __future__ import annotations

import io

import pytest
from itsdangerous import URLSafeTimedSerializer
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from forms_app.delivery import Worker
from forms_app.delivery.settings import mail_settings
from forms_app.status.links import REPLY_SALT, make_reply_token
from forms_app.store import format_reference, get_store, normalize_reference

from tests.support.apps import SECRET
from tests.support.html_tree import csrf_token, field_errors, parse, summary, title
from tests.support.staff import sign_in
from tests.support.submissions import PDF, new_submission

ZIP_TAIL = b"PK\x05\x06" + b"\x00" * 18  # an empty ZIP's end record: a PDF that is also an archive


@pytest.fixture
def waiting(app) -> str:
    """A new request the department has asked something about (formatted reference)."""
    with app.app_context():
        store = get_store()
        ref = store.save_submission(new_submission(service="dog-licence", department="animal-services",
                                                   recipient="animals@bellerive.example.org"))
        store.set_status(ref, "waiting_for_you", "Please send the vet's receipt.")
    return format_reference(ref)


def reply_url(ref: str, lang: str = "en", token: str | None = None) -> str:
    token = token if token is not None else make_reply_token(SECRET, normalize_reference(ref))
    prefix = "/fr" if lang == "fr" else ""
    return f"{prefix}/status/reply/?ref={ref}&reply={token}"


def send(client, url: str, message: str, files=()):
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    values = MultiDict([("csrf_token", csrf_token(page)), ("message", message)])
    for data, name, ctype in files:
        values.add("files", FileStorage(io.BytesIO(data), filename=name, content_type=ctype))
    boundary, body = encode_multipart(values)
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def replies(app, ref: str):
    with app.app_context():
        store = get_store()
        return [(m, store.messages.get(m.id).attachments) for m in store.messages.of(ref, "resident_reply")]


def test_a_reply_with_a_file_is_stored_shown_to_staff_and_emailed(app, client, waiting, smtp, tmp_path):
    response = send(client, reply_url(waiting), "Here is the receipt.", [(PDF, "receipt scan.pdf", "application/pdf")])
    assert response.status_code == 303
    thanks = client.get(response.headers["Location"])
    assert parse(thanks).find("h1").text() == "Reply sent"
    [(message, files)] = replies(app, waiting)
    assert (message.author, message.body) == ("resident", "Here is the receipt.")
    assert [(f.filename, f.content_type, f.size) for f in files] == [("reply-file-1.pdf", "application/pdf", len(PDF))]
    with app.app_context():
        store = get_store()
        assert ("resident", "resident_reply") in [(e.actor, e.action) for e in store.audit.entries(waiting)]
        [row] = [r for r in store.outbox.rows_for(normalize_reference(waiting)) if r.kind == "resident_reply"]
        assert (row.recipient, row.message_id) == ("animals@bellerive.example.org", message.id)
        Worker(store, mail_settings(app), smtp.settings).run_once()

    [email] = [m for m in smtp.messages() if m["To"] == "animals@bellerive.example.org" and "reply" in m["Subject"].lower()]
    assert waiting in email["Subject"]
    assert email["X-Guichet-Reference"] == waiting
    body = email.get_body(("plain",)).get_content()
    assert "Here is the receipt." in body
    [attached] = list(email.iter_attachments())
    assert attached.get_filename() == "reply-file-1.pdf" and attached.get_content() == PDF
    assert "jo@example.net" in email["Reply-To"]

    staff = app.test_client()
    sign_in(staff, "clerk-a@bellerive.example.org", ["animal-services"])
    page = staff.get(f"/staff/requests/{waiting}/")
    assert page.status_code == 200
    assert "Here is the receipt." in parse(page).find("main").text()


def test_the_status_page_links_to_the_reply_only_from_the_email(app, client, waiting):
    token = make_reply_token(SECRET, normalize_reference(waiting))
    plain = parse(client.get(f"/status/?ref={waiting}"))
    assert not [a for a in plain.find_all("a") if "/status/reply/" in (a.get("href") or "")]
    assert "open the link in the email" in plain.find("main").text()
    from_email = parse(client.get(f"/status/?ref={waiting}&reply={token}"))
    [link] = [a for a in from_email.find_all("a") if "/status/reply/" in (a.get("href") or "")]
    assert link.text() == "Reply to the department"
    assert client.get(link.get("href")).status_code == 200


@pytest.mark.parametrize("token", ["", "nonsense", make_reply_token("another-secret", "ABCD2345"),
                                   URLSafeTimedSerializer(SECRET, salt="guichet.status.staff").dumps({"ref": "ABCD2345"})])
def test_a_reply_needs_a_good_link(app, client, waiting, token):
    response = client.get(reply_url(waiting, token=token))
    assert response.status_code == 403
    assert title(response).startswith("This reply link is not valid")
    assert replies(app, waiting) == []


def test_a_link_for_one_request_cannot_answer_another(app, client, waiting):
    other = make_reply_token(SECRET, "ABCD2345")
    page = client.get(reply_url(waiting, token=other))  # the token names its own request, not ?ref=
    assert page.status_code == 403 or "ABCD-2345" in parse(page).find("h1").text()
    assert replies(app, waiting) == []


def test_an_old_link_has_expired(app, client, waiting, monkeypatch):
    import forms_app.status.links as links

    monkeypatch.setattr(links, "REPLY_MAX_AGE", -1)
    monkeypatch.setattr(links.read_reply_token, "__defaults__", (-1,))
    response = client.get(reply_url(waiting))
    assert response.status_code == 403
    assert title(response).startswith("This reply link has expired")


def test_no_reply_when_the_request_is_not_waiting(app, client, waiting):
    url = reply_url(waiting)
    page = client.get(url)
    with app.app_context():
        get_store().set_status(waiting, "in_progress")
    values = MultiDict([("csrf_token", csrf_token(page)), ("message", "Too late?")])
    boundary, body = encode_multipart(values)
    response = client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 409
    assert parse(response).find("h1").text() == "This request is not waiting for a reply"
    assert replies(app, waiting) == []
    assert client.get(url).status_code == 409


def test_errors_are_listed_first_and_files_follow_the_upload_rules(app, client, waiting):
    response = send(client, reply_url(waiting), "", [(b"MZ\x90\x00 an exe", "photo.pdf", "application/pdf")])
    assert response.status_code == 422
    assert title(response).startswith("Error: ")
    assert [href for href, _ in summary(response)] == ["#message", "#files"]
    errors = field_errors(response)
    assert errors["message"] == "Enter your reply"
    assert "PDF" in errors["files"]
    polyglot = send(client, reply_url(waiting), "Here", [(PDF + ZIP_TAIL, "receipt.pdf", "application/pdf")])
    assert polyglot.status_code == 422
    assert "files" in field_errors(polyglot)
    too_long = send(client, reply_url(waiting), "x" * 5001)
    assert field_errors(too_long)["message"] == "Your reply must be 5,000 characters or fewer"
    assert replies(app, waiting) == []


def test_a_reply_without_csrf_is_refused(app, client, waiting):
    boundary, body = encode_multipart(MultiDict([("message", "Hello")]))
    response = client.post(reply_url(waiting), data=body, content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 400
    assert replies(app, waiting) == []


def test_in_french(app, client, waiting):
    page = client.get(reply_url(waiting, "fr"))
    assert page.status_code == 200
    assert parse(page).find("html").get("lang") == "fr"
    response = send(client, reply_url(waiting, "fr"), "Voici le reçu.")
    assert response.headers["Location"].startswith("/fr/status/reply/sent")


def test_the_waiting_email_carries_the_reply_link(app, client, waiting, smtp):
    with app.app_context():
        Worker(get_store(), mail_settings(app), smtp.settings).run_once()
    [update] = [m for m in smtp.messages() if m["To"] == "jo@example.net" and waiting in m["Subject"]
                and "something" in m["Subject"]]
    text = update.get_body(("plain",)).get_content()
    english = text.split("-" * 40)[0]
    assert "Reply online, with files if needed:" in english
    [link] = [line.strip() for line in english.splitlines() if "/status/reply/" in line]
    assert link.startswith(f"http://localhost/status/reply/?ref={waiting}&reply=")
    [status_link] = [line.strip() for line in english.splitlines() if "/status/?ref=" in line]
    assert "&reply=" in status_link  # the status page opened from the email offers the reply too
    path = link.removeprefix("http://localhost")
    assert client.get(path).status_code == 200
    from_email = parse(client.get(status_link.removeprefix("http://localhost")))
    assert [a.get("href") for a in from_email.find_all("a") if a.text() == "Reply to the department"]
    response = send(client, path, "Receipt attached.", [(PDF, "receipt.pdf", "application/pdf")])
    assert response.status_code == 303
