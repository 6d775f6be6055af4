"""The whole journey, end to end, with the real SMTP test server and the delivery worker.

A resident applies online; an administrator registers an agent; the agent signs in from the
emailed link, finds the request by the reference the resident reads out, asks the resident for
something ("waiting for you", with a note); the resident replies online with a file from the link
in their email; the agent sees the reply and its file and completes the request. The resident sees
every step on the status page, each email arrives, and the audit log holds each view and change.
Nothing is read from the database that a person would not see, except the audit log itself.
"""

from __future__ import annotations

import io
import logging
import re

import pytest
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from forms_app.store import get_store

from tests.support.apps import buffered_client
from tests.support.forms import post
from tests.support.html_tree import csrf_token, parse
from tests.support.sign_in import ask, deliver, follow, link_path, sign_in_settings
from tests.support.submissions import PDF

AGENT = "agent@bellerive.example.org"
RESIDENT = "julie@example.net"
DEPARTMENT_MAILBOX = "animals@bellerive.example.org"
FORM = "/forms/dog-licence/"
REPLY_LINK = re.compile(r"https?://\S+/status/reply/\?\S+")  # in the plain-text part of the status email
ANSWERS = {
    "owner_name": "Julie Gagnon", "address": "12 Elm Street", "postal_code": "K0A 1A0", "phone": "613-555-0188",
    "email": RESIDENT, "dog_name": "Biscuit", "breed": "mixed", "birth_date-day": "15", "birth_date-month": "3",
    "birth_date-year": "2024", "sterilized": "yes", "colour": "black", "rabies_shot-day": "1",
    "rabies_shot-month": "6", "rabies_shot-year": "2026", "owner_senior": "no", "tag_type": "new",
}


@pytest.fixture
def app(make_app):
    return make_app(**sign_in_settings())


def path_of(url: str) -> str:
    return url[url.index("/", url.index("//") + 2):] if "//" in url else url


def plain(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def sent_to(smtp, address: str) -> list:
    return [m for m in smtp.messages() if address in m["To"]]


def status_rows(client, ref: str) -> list[list[str]]:
    """The resident's status page: the history table's rows, newest first (date, status, note)."""
    page = parse(client.get(f"/status/?ref={ref}"))
    table = page.find("table", cls="status-history")
    return [[cell.text().strip() for cell in row.children if not isinstance(cell, str)] for row in table.find("tbody").find_all("tr")]


def staff_history(page) -> list[str]:
    """The request page's history, one line of text per row."""
    table = parse(page).find("table", cls="gx-history")
    return [" | ".join(c.text() for c in row.children if not isinstance(c, str)) for row in table.find("tbody").find_all("tr")]


def change_status(agent, request_path: str, status: str, note: str):
    page = agent.get(request_path)
    return post(agent, request_path + "status", {"status": status, "note": note, "csrf_token": csrf_token(page)})


def test_online_request_waiting_for_the_resident_answered_online_and_completed(app, runner, smtp, caplog):
    caplog.set_level(logging.DEBUG)
    resident, agent = buffered_client(app), buffered_client(app)

    # 1. Julie applies online and gets a reference; the department and Julie get their emails.
    form = resident.get(FORM)
    done = post(resident, FORM, {**ANSWERS, **{k: v for k, v in _hidden(form).items()}})
    assert done.status_code == 303 and "/done/" in done.headers["Location"]
    ref = parse(resident.get(path_of(done.headers["Location"]))).find(cls="gx-reference").text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", ref), ref
    assert deliver(app, smtp) == {"sent": 2}
    assert len(sent_to(smtp, DEPARTMENT_MAILBOX)) == 1 and len(sent_to(smtp, RESIDENT)) == 1

    # 2. The administrator registers the agent; the agent signs in from the emailed link.
    added = runner.invoke(args=["staff", "add", AGENT, "--department", "animal-services"])
    assert added.exit_code == 0, added.output
    assert ask(agent, AGENT).status_code == 303
    assert deliver(app, smtp) == {"sent": 1}
    signed = follow(agent, link_path(sent_to(smtp, AGENT)[-1]))
    assert signed.status_code == 303 and path_of(signed.headers["Location"]).startswith("/staff/requests/")

    # 3. Julie calls and reads out her reference: the agent finds it in the queue.
    queue = parse(agent.get(f"/staff/requests/?q={ref.lower()}"))
    links = [a for a in queue.find("table", cls="gx-queue").find_all("a") if a.text().strip() == ref]
    assert len(links) == 1
    request_path = links[0].get("href")
    page = agent.get(request_path)
    answers = [d.text() for d in parse(page).find("dl", cls="gx-answers").find_all("dd")]
    assert "Julie Gagnon" in answers and "Biscuit" in answers  # what Julie typed, without asking again

    # 4. The agent asks for the vaccination receipt: "waiting for you", with a note; Julie is emailed.
    note = "Please send the rabies vaccination receipt."
    assert change_status(agent, request_path, "waiting_for_you", note).status_code == 303
    assert deliver(app, smtp) == {"sent": 1}
    waiting_email = plain(sent_to(smtp, RESIDENT)[-1])
    assert note in waiting_email
    reply_link = path_of(REPLY_LINK.search(waiting_email).group(0))

    # 5. Julie replies online from the link in that email, with a file.
    reply_page = resident.get(reply_link)
    assert reply_page.status_code == 200 and note in parse(reply_page).find("main").text()
    values = MultiDict([("csrf_token", csrf_token(reply_page)), ("message", "Here is the receipt from the vet.")])
    values.add("files", FileStorage(io.BytesIO(PDF), filename="receipt.pdf", content_type="application/pdf"))
    boundary, body = encode_multipart(values)
    sent = resident.post(reply_link, data=body, content_type=f"multipart/form-data; boundary={boundary}",
                         headers={"Origin": "http://localhost"})
    assert sent.status_code == 303, sent.status_code
    assert deliver(app, smtp) == {"sent": 1}
    forwarded = sent_to(smtp, DEPARTMENT_MAILBOX)[-1]
    assert "Here is the receipt from the vet." in plain(forwarded)
    attached = [part.get_content() for part in forwarded.iter_attachments()]
    assert attached == [PDF]

    # 6. The agent sees the reply and its file in the history, downloads it, and completes the request.
    page = agent.get(request_path)
    history = staff_history(page)
    assert any("Here is the receipt from the vet." in line for line in history)
    file_links = [a.get("href") for a in parse(page).find_all("a") if "/files/" in (a.get("href") or "")]
    assert len(file_links) == 1
    download = agent.get(file_links[0])
    assert download.get_data() == PDF and download.headers["Content-Disposition"].startswith("attachment;")
    assert change_status(agent, request_path, "completed", "Your licence is in the mail.").status_code == 303
    assert deliver(app, smtp) == {"sent": 1}
    assert "Your licence is in the mail." in plain(sent_to(smtp, RESIDENT)[-1])

    # 7. Julie sees every step, newest first, without phoning.
    rows = status_rows(resident, ref)
    assert [r[1] for r in rows] == ["Completed", "We need something from you", "Received"]
    assert rows[0][2] == "Your licence is in the mail." and rows[1][2] == note

    # 8. The audit log has each view, the file download and each change, by whom.
    with app.app_context():
        entries = [(e.actor, e.action) for e in reversed(get_store().audit.entries(reference=ref))]
        signs = [(e.actor, e.action) for e in get_store().audit.entries() if e.action == "sign_in"]
    assert signs == [(AGENT, "sign_in")]
    assert entries.count((AGENT, "view_request")) >= 3
    assert (AGENT, "view_file") in entries and ("resident", "resident_reply") in entries
    changes = [e for e in entries if e[1] == "status_change"]
    assert changes == [(AGENT, "status_change"), (AGENT, "status_change")]
    order = [action for _, action in entries]
    assert order.index("resident_reply") < order.index("view_file") < len(order) - 1 - order[::-1].index("status_change")

    # 9. Nothing anyone typed, and no address, reached a log line.
    ours = [r for r in caplog.records if not r.name.startswith(("mail.log", "asyncio"))]  # not the test SMTP server's
    logged = "\n".join(r.getMessage() for r in ours)
    assert "saved ref=" in logged and "kind=sign_in" in logged  # the logs did run
    for private in ("Julie", "Gagnon", RESIDENT, AGENT, "613-555-0188", "Elm Street", "Biscuit", "vaccination receipt",
                    "receipt from the vet", "licence is in the mail"):
        assert private.lower() not in logged.lower(), private


def _hidden(page) -> dict[str, str]:
    """The form's hidden inputs as a browser posts them back (CSRF token, submission key; honeypot empty)."""
    found = parse(page).find("main").find_all("input", type="hidden")
    return {i.get("name"): i.get("value") or "" for i in found if i.get("name")}
