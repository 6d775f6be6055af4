"""Assisted entry (``/staff/new/<slug>/``): a request entered for a caller, a visitor or a paper form.

The same form, checks and save path as online; the channel asked for; the resident's email optional;
the same reference and confirmation email (real SMTP server, the delivery worker).
"""

from __future__ import annotations

import shutil

from sqlalchemy import select

from forms_app.delivery import Worker
from forms_app.delivery.settings import mail_settings
from forms_app.store import get_store, schema

from tests.support.apps import CATALOGUE
from tests.support.forms import post, text
from tests.support.html_tree import csrf_token, field_errors, parse, summary, title
from tests.support.staff import sign_in

AGENT = "agent@bellerive.example.org"
FORM = "/staff/new/dog-licence/"


def answers(**changes) -> dict:
    data = {
        "gx-channel": "phone",
        "owner_name": "Jo Tremblay", "address": "12 Elm Street", "postal_code": "K0A 1A0", "phone": "613-555-0100",
        "email": "jo@example.net", "dog_name": "Rex", "breed": "mixed",
        "birth_date-day": "15", "birth_date-month": "3", "birth_date-year": "2024", "sterilized": "yes",
        "colour": "black", "rabies_shot-day": "1", "rabies_shot-month": "6", "rabies_shot-year": "2026",
        "owner_senior": "no", "tag_type": "new", "current_tag": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def submit(client, url: str = FORM, **changes):
    page = client.get(url)
    assert page.status_code == 200
    return post(client, url, dict(answers(**changes), csrf_token=csrf_token(page)))


def stored(app) -> list[dict]:
    with app.app_context(), get_store().engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(schema.submissions).order_by(schema.submissions.c.id)).mappings()]


def audit(app) -> list[tuple]:
    with app.app_context():
        return [(e.actor, e.action, e.reference, e.detail) for e in get_store().audit.entries()]


def deliver(app, smtp):
    with app.app_context():
        Worker(get_store(), mail_settings(app), smtp.settings).run_once()


def test_a_phone_entry_gets_a_reference_and_the_resident_their_confirmation(app, client, smtp):
    sign_in(client, AGENT, ["clerk"])  # not Animal Services: a 311 agent enters for any service
    response = submit(client)
    assert response.status_code == 303
    done = client.get(response.headers["Location"])
    row = stored(app)[-1]
    assert (row["channel"], row["entered_by"], row["service"], row["status"]) == ("phone", AGENT, "dog-licence", "received")
    assert (row["contact_name"], row["contact_phone"]) == ("Jo Tremblay", "613-555-0100")
    assert row["due_on"] is not None  # dog licence: processing_days 10
    assert row["resident_copy_to"] == "jo@example.net" and row["recipient"] == "animals@bellerive.example.org"
    page = parse(done)
    reference = page.find("strong", cls="gx-reference").text()
    assert reference.replace("-", "") == row["reference"]
    assert f"/status/?ref={reference}" in page.find("main").text() or any(
        a.get("href", "").endswith(f"/status/?ref={reference}") for a in page.find_all("a"))
    assert (AGENT, "assisted_entry", row["reference"], "channel=phone service=dog-licence") in audit(app)

    deliver(app, smtp)
    by_kind = {m["To"]: m for m in smtp.messages()}
    assert set(by_kind) == {"animals@bellerive.example.org", "jo@example.net"}
    assert reference in by_kind["jo@example.net"]["Subject"]
    assert by_kind["animals@bellerive.example.org"]["X-Guichet-Reference"] == reference


def test_without_an_email_address_nothing_goes_to_the_resident(app, client, smtp):
    sign_in(client, AGENT)
    response = submit(client, email="", **{"gx-channel": "mail"})
    assert response.status_code == 303
    row = stored(app)[-1]
    assert (row["channel"], row["resident_copy_to"], row["reply_to"]) == ("mail", None, None)
    deliver(app, smtp)
    assert [m["To"] for m in smtp.messages()] == ["animals@bellerive.example.org"]


def test_a_required_email_question_is_optional_for_staff(make_app, tmp_path, smtp):
    catalogue = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, catalogue)
    form = catalogue / "services" / "dog-licence.form.yml"
    yml = form.read_text(encoding="utf-8")
    form.write_text(yml.replace("    required: false\n    reply_to: true", "    reply_to: true"), encoding="utf-8")
    app = make_app(CATALOGUE_DIR=str(catalogue))
    client = app.test_client()
    resident_page = client.get("/forms/dog-licence/")
    assert "gx-optional" not in str(parse(resident_page).by_id("email").attrs)  # required online
    sign_in(client, AGENT)
    response = submit(client, email="", **{"gx-channel": "in_person"})
    assert response.status_code == 303, field_errors(response)
    assert stored(app)[-1]["channel"] == "in_person"


def test_errors_are_listed_first_and_nothing_is_stored(app, client):
    sign_in(client, AGENT)
    response = submit(client, owner_name="", **{"gx-channel": None})
    assert response.status_code == 422
    assert title(response).startswith("Error: ")
    links = summary(response)
    assert [href for href, _ in links][:2] == ["#gx-channel", "#owner_name"]
    assert links[0][1] == "Choose how the resident contacted us"
    errors = field_errors(response)
    assert "owner_name" in errors
    assert parse(response).by_id("owner_name").get("aria-invalid") == "true"
    assert stored(app) == []


def test_a_wrong_answer_keeps_the_channel_and_uses_the_resident_checks(app, client):
    sign_in(client, AGENT)
    response = submit(client, postal_code="12345", **{"gx-channel": "mail"})
    assert response.status_code == 422
    page = parse(response)
    assert page.by_id("gx-channel-3").get("checked") == "checked"  # mail, the third choice
    assert "postal_code" in field_errors(response)
    assert stored(app) == []


def test_french_pages_and_the_service_list(app, client):
    sign_in(client, AGENT)
    listing = parse(client.get("/fr/staff/new/"))
    hrefs = [a.get("href") for a in listing.find_all("a")]
    assert "/fr/staff/new/dog-licence/" in hrefs and "/fr/staff/new/report-pothole/" in hrefs
    page = client.get("/fr/staff/new/dog-licence/")
    assert parse(page).find_all("legend")[0].text() == "Comment la personne a-t-elle communiqué avec nous?"
    response = submit(client, url="/fr/staff/new/dog-licence/")
    assert response.headers["Location"].startswith("/fr/staff/new/dog-licence/done/")
    assert stored(app)[-1]["lang"] == "fr"


def test_only_signed_in_staff_enter_requests(app, client):
    assert client.get(FORM).status_code == 303
    response = post(client, FORM, answers())
    assert response.status_code in (303, 400)
    assert stored(app) == []
    sign_in(client, AGENT)
    assert client.get("/staff/new/no-such-service/").status_code == 404
    assert post(client, FORM, answers()).status_code == 400  # no CSRF token
    assert stored(app) == []
