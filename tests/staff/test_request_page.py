"""One request for staff (``/staff/requests/<ref>/``): facts, answers, files downloaded as attachments,
the whole history; the status form (the email link's rules and email) and internal notes; the audit log."""

from __future__ import annotations

from sqlalchemy import select, update

from forms_app.store import get_store
from forms_app.store.schema import outbox, status_events, submissions

from tests.support.forms import post
from tests.support.html_tree import csrf_token, parse, summary, title
from tests.support.requests import page_url, seed, seed_with_file, shown
from tests.support.staff import sign_in
from tests.support.submissions import PDF

CLERK = "clerk@bellerive.example.org"


def audit(app) -> list[tuple]:
    with app.app_context():
        return [(e.actor, e.action, e.reference, e.detail) for e in get_store().audit.entries()]


def facts(page) -> dict[str, str]:
    dl = parse(page).find("main").find_all("dl", cls="gx-summary")[0]
    return {row.find("dt").text(): row.find("dd").text() for row in dl.find_all("div", cls="gx-summary__row")}


def history(page) -> list[list[str]]:
    table = parse(page).find("table", cls="gx-history")
    return [[c.text() for c in tr.children if not isinstance(c, str)] for tr in table.find("tbody").find_all("tr")]


def change_status(client, ref: str, status: str, note: str = "", lang: str = "en"):
    page = client.get(page_url(ref, lang))
    action = parse(page).find("form", action=page_url(ref, lang) + "status")
    assert action is not None
    return post(client, page_url(ref, lang) + "status", {"status": status, "note": note, "csrf_token": csrf_token(page)})


def test_the_page_shows_the_request_and_is_audited(app, client):
    sign_in(client, CLERK, ["clerk"])
    ref = seed_with_file(app, channel="phone", contact_phone="613-555-0100", resident_copy_to=None,
                         entered_by="agent@bellerive.example.org", filename="Scan <b>1</b>.exe")
    page = client.get(page_url(ref))
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert title(page).startswith(f"Request {shown(ref)}")
    shown_facts = facts(page)
    assert shown_facts["Reference"] == shown(ref) and shown_facts["Service"] == "Dog licence"
    assert shown_facts["Channel"] == "Phone" and shown_facts["Language"] == "English"
    assert shown_facts["Contact preference"] == "Phone" and shown_facts["Current status"] == "Received"
    assert shown_facts["Entered by"] == "agent@bellerive.example.org"
    answers = parse(page).find("dl", cls="gx-answers")
    assert [d.text() for d in answers.find_all("dd")] == ["Jo Tremblay", "Rex"]
    files = parse(page).find("ul", cls="gx-files").find_all("a")
    assert len(files) == 1 and files[0].text().startswith("attachment-")  # the app's name, never the resident's
    assert files[0].text().endswith(".pdf")  # the extension follows the stored type
    assert files[0].get("href").startswith(page_url(ref) + "files/")
    rows = history(page)
    assert ["agent@bellerive.example.org", "Status: Received"] == rows[-1][1:3]  # who entered it
    assert (CLERK, "view_request", ref, "") in audit(app)


def test_files_download_as_attachments_and_are_audited(app, client):
    sign_in(client, CLERK, ["clerk"])
    ref = seed_with_file(app, filename="../../etc/passwd")
    href = parse(client.get(page_url(ref))).find("ul", cls="gx-files").find("a").get("href")
    response = client.get(href)
    assert response.status_code == 200 and response.get_data() == PDF
    assert response.headers["Content-Type"] == "application/octet-stream"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "attachment-" in response.headers["Content-Disposition"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"].startswith("no-store")
    file_id = href.rstrip("/").rsplit("/", 1)[-1]
    assert (CLERK, "view_file", ref, f"file={file_id}") in audit(app)
    assert client.get(page_url(ref) + "files/999999").status_code == 404


def test_a_status_change_emails_the_resident_and_is_audited(app, client):
    sign_in(client, CLERK, ["clerk"])
    ref = seed(app)
    response = change_status(client, ref, "waiting_for_you", "Send the rabies certificate")
    assert response.status_code == 303 and response.headers["Location"].endswith(page_url(ref))
    page = client.get(page_url(ref))
    banner = parse(page).find("div", cls="gx-notification")
    assert banner.text() == "Success Status saved: Waiting for the resident. An email tells the resident."
    assert facts(page)["Current status"] == "Waiting for the resident"
    assert [CLERK, "Status: Waiting for the resident", "Send the rabies certificate"] in [r[1:] for r in history(page)]
    assert ["Guichet", "Status update sent to the resident (waiting to be sent)", ""] == history(page)[0][1:]
    with app.app_context(), get_store().engine.connect() as conn:
        event = conn.execute(select(status_events).order_by(status_events.c.id.desc())).first()
        kinds = conn.execute(select(outbox.c.kind)).scalars().all()
    assert (event.status, event.by, event.actor) == ("waiting_for_you", "staff", CLERK)
    assert "status_update" in kinds
    assert (CLERK, "status_change", ref, "status=waiting_for_you") in audit(app)
    assert parse(client.get(page_url(ref))).find_all("div", cls="gx-notification") == []  # said once


def test_a_wrong_status_or_long_note_is_an_error_and_changes_nothing(app, client):
    sign_in(client, CLERK, ["clerk"])
    ref = seed(app)
    response = change_status(client, ref, "nonsense")
    assert response.status_code == 400 and title(response).startswith("Error: ")
    assert summary(response) == [("#status-received", "Choose a status")]
    response = change_status(client, ref, "completed", "x" * 2001)
    assert response.status_code == 400
    assert summary(response) == [("#note", "Keep the note to the resident under 2000 characters")]
    with app.app_context():
        assert get_store().status_of(ref).current.status == "received"


def test_without_csrf_nothing_changes(app, client):
    sign_in(client, CLERK, ["clerk"])
    ref = seed(app)
    assert post(client, page_url(ref) + "status", {"status": "completed"}).status_code == 400
    assert post(client, page_url(ref) + "notes", {"body": "hello"}).status_code == 400
    with app.app_context():
        assert get_store().status_of(ref).current.status == "received"
        assert get_store().queue.request_detail(get_store().staff.member(CLERK), ref).history[-1].kind != "staff_note"


def test_completed_requests_take_no_more_changes(app, client):
    sign_in(client, CLERK, ["clerk"])
    ref = seed(app)
    page = client.get(page_url(ref))
    token = csrf_token(page)
    assert change_status(client, ref, "completed").status_code == 303
    page = client.get(page_url(ref))
    main = parse(page).find("main")
    assert main.find_all("input", name="status") == []
    assert "its status can no longer change" in main.text()
    late = post(client, page_url(ref) + "status", {"status": "in_progress", "csrf_token": token})
    assert late.status_code == 409
    with app.app_context():
        assert get_store().status_of(ref).current.status == "completed"


def test_notes_are_for_staff_only(app, client):
    sign_in(client, CLERK, ["clerk"])
    ref = seed(app)
    page = client.get(page_url(ref))
    response = post(client, page_url(ref) + "notes", {"body": "Called, left a message", "csrf_token": csrf_token(page)})
    assert response.status_code == 303
    page = client.get(page_url(ref))
    assert parse(page).find("div", cls="gx-notification").text().endswith("Note added. Residents never see notes.")
    assert history(page)[0][1:] == [CLERK, "Internal note (residents never see it)", "Called, left a message"]
    assert (CLERK, "note_added", ref, "") in audit(app)
    resident = client.get("/status/", query_string={"ref": shown(ref)})
    assert resident.status_code == 200 and "Called, left a message" not in parse(resident).text()
    empty = post(client, page_url(ref) + "notes", {"body": "  ", "csrf_token": csrf_token(page)})
    assert empty.status_code == 400 and summary(empty) == [("#body", "Write the note")]


def test_a_purged_request_says_its_answers_were_erased(app, client):
    sign_in(client, CLERK, ["clerk"])
    ref = seed(app)
    with app.app_context(), get_store().engine.begin() as conn:
        conn.execute(update(submissions).where(submissions.c.reference == ref).values(
            answers=[], purged_at=get_store().clock()))
    main = parse(client.get(page_url(ref))).find("main")
    assert main.find_all("dl", cls="gx-answers") == []
    assert "were erased on" in main.text() and "90 days" in main.text()


def test_the_page_in_french(app, client):
    sign_in(client, CLERK, ["clerk"])
    ref = seed(app, channel="mail", resident_copy_to=None, reply_to=None)
    page = client.get(page_url(ref, "fr"))
    assert page.status_code == 200
    shown_facts = facts(page)
    assert shown_facts["Canal"] == "Courrier" and shown_facts["Préférence de contact"] == "Page de suivi seulement"
    assert change_status(client, ref, "in_progress", lang="fr").headers["Location"].endswith(page_url(ref, "fr"))
