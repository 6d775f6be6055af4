"""The 311 agent's view (``/staff/lookup/?ref=…``): any department's request by the reference a resident
reads out, showing what the resident sees plus the history's shape, never answers, files or contacts."""

from __future__ import annotations

from forms_app.store import get_store

from tests.support.html_tree import parse, title
from tests.support.requests import seed_with_file, shown
from tests.support.staff import sign_in

AGENT = "agent-311@bellerive.example.org"
LOOKUP = "/staff/lookup/"


def facts(page) -> dict[str, str]:
    dl = parse(page).find("main").find("dl", cls="gx-summary")
    return {row.find("dt").text(): row.find("dd").text() for row in dl.find_all("div", cls="gx-summary__row")}


def test_a_front_desk_agent_finds_any_request_and_sees_what_the_resident_sees(app, client, runner):
    added = runner.invoke(args=["staff", "add", AGENT, "--front-desk"])
    assert added.exit_code == 0 and "front desk" in added.output
    sign_in(client, AGENT)  # no department
    ref = seed_with_file(app, contact_name="Jo Tremblay", contact_phone="613-555-0100", channel="phone")
    with app.app_context():
        store = get_store()
        store.set_status(ref, "waiting_for_you", "Please send the vet's receipt.", actor="clerk@bellerive.example.org")
        store.messages.add(ref, "resident_reply", "resident", "Receipt attached, Jo Tremblay, 12 Elm Street.", [])
        store.messages.add(ref, "staff_note", "clerk@bellerive.example.org", "Jo sounded worried.", [])
    assert client.get(f"/staff/requests/{shown(ref)}/").status_code == 404  # the whole request is the department's
    page = client.get(LOOKUP, query_string={"ref": shown(ref).lower().replace("-", " ")})
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    shown_facts = facts(page)
    assert shown_facts["Reference"] == shown(ref) and shown_facts["Current status"] == "Waiting for the resident"
    assert shown_facts["Channel"] == "Phone" and shown_facts["Service"] == "Dog licence"
    main = parse(page).find("main").text()
    assert "Please send the vet's receipt." in main  # the note the resident sees too
    assert "clerk@bellerive.example.org" in main and "Message from the resident" in main  # who and what, when
    for private in ("Jo Tremblay", "Rex", "613-555-0100", "jo@example.net", "12 Elm Street", "worried", ".pdf"):
        assert private not in main, private
    assert not [a for a in parse(page).find_all("a") if "/files/" in (a.get("href") or "")]
    assert not [a for a in parse(page).find_all("a") if a.text() == "Open the whole request"]
    with app.app_context():
        entries = [(e.actor, e.action, e.detail) for e in get_store().audit.entries(reference=ref)]
    assert (AGENT, "view_request", "scope=lookup") in entries


def test_department_staff_get_a_link_to_the_whole_request(app, client):
    sign_in(client, "clerk@bellerive.example.org", ["clerk"])
    ref = seed_with_file(app)
    page = client.get("/fr" + LOOKUP, query_string={"ref": shown(ref)})
    links = [a.get("href") for a in parse(page).find_all("a") if a.text() == "Ouvrir toute la demande"]
    assert links == [f"/fr/staff/requests/{shown(ref)}/"]


def test_unknown_and_malformed_references_are_errors_in_the_title(app, client):
    sign_in(client, AGENT)
    unknown = client.get(LOOKUP, query_string={"ref": "ABCD-2345"})
    assert unknown.status_code == 404 and title(unknown).startswith("Error: ")
    assert parse(unknown).by_id("ref").get("aria-invalid") == "true"
    bad = client.get(LOOKUP, query_string={"ref": "hello"})
    assert bad.status_code == 404 and "is not a reference number" in parse(bad).find("main").text()
    assert client.get(LOOKUP).status_code == 200


def test_signed_out_visitors_go_to_sign_in(client):
    response = client.get(LOOKUP, query_string={"ref": "ABCD-2345"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/staff/")
