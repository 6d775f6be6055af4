"""The resident's status page and the staff page reached from the department email."""

from __future__ import annotations

import re
import time

from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from forms_app.delivery import Worker, WorkerSettings, mail_settings
from forms_app.status import STAFF_SALT, make_staff_token
from forms_app.store import format_reference, get_store
from guichet.model import load_catalogue

from tests.support.apps import CATALOGUE, SECRET
from tests.support.html_tree import csrf_token, parse, title
from tests.support.submissions import new_submission


def save(app, **changes) -> str:
    with app.app_context():
        return get_store().save_submission(new_submission(attachments=[], **changes))


def text_of(response) -> str:
    """The words a person reads on the page (markup left out, white space collapsed)."""
    return parse(response).text()


def test_the_lookup_form_is_there_in_both_languages(client):
    en, fr = client.get("/status/"), client.get("/fr/status/")
    assert en.status_code == fr.status_code == 200
    assert parse(en).find("label", cls="gx-label", for_="ref").text() == "Reference number"
    assert parse(fr).find("label", cls="gx-label", for_="ref").text() == "Numéro de référence"
    assert parse(fr).find("html").get("lang") == "fr"


def test_a_resident_sees_the_history_but_never_the_answers(app, client):
    ref = save(app)
    typed = format_reference(ref).lower()
    page = client.get(f"/status/?ref={typed}")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    body = text_of(page)
    assert f"Request {format_reference(ref)}" in body
    assert "Dog licence" in body and "Received" in body and "Staff will look at your request soon." in body
    for answer in ("Jo Tremblay", "Rex", "jo@example.net", "clerk@"):
        assert answer not in body
    fr = text_of(client.get(f"/fr/status/?ref={format_reference(ref)}"))
    assert f"Demande {format_reference(ref)}" in fr and "Reçue" in fr
    french_title = load_catalogue(CATALOGUE).services["dog-licence"].pages["fr"].meta.title
    assert french_title == "Licence pour chien" and french_title in fr  # the catalogue's French title, not the stored one
    assert "Dog licence" not in fr


def test_an_unknown_reference_is_a_clear_200(client):
    page = client.get("/status/?ref=ABCD-2345")
    body = text_of(page)
    assert page.status_code == 200
    assert "We found no request with the reference ABCD-2345" in body
    assert "Aucune demande ne porte la référence ABCD-2345" not in body  # the page's language only (#11 item 18)
    assert parse(page).find("input", id="ref").get("aria-invalid") == "true"


def test_something_that_is_not_a_reference_says_what_one_looks_like(client):
    page = client.get("/fr/status/?ref=hello<script>")
    assert page.status_code == 200
    assert "«\u202fhello<script>\u202f» n'est pas un numéro de référence" in text_of(page)  # shown as text
    assert "<script>" not in page.get_data(as_text=True) and parse(page).find_all("script", src=None) == []


def _deliver_and_get_staff_link(app, smtp, copy_to: str | None = None) -> tuple[str, str]:
    """Save, run the real worker to a real SMTP server, return (reference, the staff link path)."""
    ref = save(app, resident_copy_to=copy_to)
    with app.app_context():
        worker = Worker(get_store(), mail_settings(app), smtp.settings, WorkerSettings())
        sent = worker.run_once()["sent"]  # other tests' requests share this module's database
        rows = get_store().outbox.rows_for(ref)
    assert sent == len(smtp.received)  # every email claimed reached the server
    assert [(r.kind, r.status) for r in rows] == [("department", "sent")] + [("resident_copy", "sent")] * bool(copy_to)
    mine = [m for m in smtp.messages() if m["Message-ID"].startswith(f"<sub-{ref}@")]
    assert [m["To"] for m in mine] == ["clerk@bellerive.example.org"]
    text = mine[0].get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"http://localhost(/status/staff/[^\s?]+)", text).group(1)
    return ref, link


def test_a_status_set_through_the_staff_link_shows_on_the_resident_page(app, client, smtp):
    ref, link = _deliver_and_get_staff_link(app, smtp)

    page = client.get(link + "?status=waiting_for_you")  # a quick link: preselects, changes nothing
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    radios = parse(html).find_all("input", type="radio", name="status")
    assert [r.get("value") for r in radios if r.get("checked")] == ["waiting_for_you"]
    assert parse(html).find("input", id="status-waiting_for_you").get("value") == "waiting_for_you"
    with app.app_context():
        assert [e.status for e in get_store().status_of(ref).events] == ["received"]

    done = client.post(link, data={"csrf_token": csrf_token(html), "status": "waiting_for_you",
                                   "note": "Please send a photo of the vaccination certificate."})
    assert done.status_code == 303
    after = client.get(done.headers["Location"])
    assert "Saved. The resident now sees: We need something from you." in text_of(after)

    resident = text_of(client.get(f"/status/?ref={format_reference(ref)}"))
    assert "We need something from you" in resident
    assert "Please send a photo of the vaccination certificate." in resident
    assert resident.index("We need something from you") < resident.index("Received")  # newest first
    assert "gets them by email" not in text_of(html)  # no address given: the page does not promise an email


def test_the_staff_page_says_when_the_resident_is_emailed(app, client, smtp):
    ref, link = _deliver_and_get_staff_link(app, smtp, copy_to="jo@example.net")
    html = client.get(link).get_data(as_text=True)
    assert "and gets them by email" in text_of(html)
    done = client.post(link, data={"csrf_token": csrf_token(html), "status": "completed", "note": ""})
    assert "Saved. The resident now sees: Completed. An email tells them." in text_of(client.get(done.headers["Location"]))
    with app.app_context():
        rows = get_store().outbox.rows_for(ref)
    assert [(r.kind, r.status) for r in rows][-1] == ("status_update", "pending")
    assert rows[-1].recipient == "jo@example.net"


def test_a_post_without_the_csrf_token_changes_nothing(app, client, smtp):
    ref, link = _deliver_and_get_staff_link(app, smtp)
    response = client.post(link, data={"status": "closed"})
    assert response.status_code == 400
    with app.app_context():
        assert get_store().status_of(ref).current.status == "received"


def test_an_invalid_status_is_refused(app, client, smtp):
    ref, link = _deliver_and_get_staff_link(app, smtp)
    token = csrf_token(client.get(link).get_data(as_text=True))
    response = client.post(link, data={"csrf_token": token, "status": "deleted", "note": "x"})
    assert response.status_code == 400 and "The status was not saved" in text_of(response)
    response = client.post(link, data={"csrf_token": token, "status": "closed", "note": "x" * 2001})
    assert response.status_code == 400
    with app.app_context():
        assert get_store().status_of(ref).current.status == "received"


def test_tampered_forged_and_expired_links_are_refused(app, client):
    ref = save(app)
    good = make_staff_token(SECRET, ref)
    other_ref = save(app)
    payload, stamp, signature = good.split(".")
    swapped = ".".join([make_staff_token(SECRET, other_ref).split(".")[0], stamp, signature])

    class LongAgo(TimestampSigner):
        def get_timestamp(self):
            return int(time.time()) - 91 * 86400

    expired = URLSafeTimedSerializer(SECRET, salt=STAFF_SALT, signer=LongAgo).dumps({"ref": ref})
    cases = {
        "tampered signature": good[:-2] + ("AA" if not good.endswith("AA") else "BB"),
        "payload of another request": swapped,
        "signed with another key": make_staff_token("not-the-secret", ref),
        "signed for another purpose": URLSafeTimedSerializer(SECRET, salt="other").dumps({"ref": ref}),
        "expired": expired,
        "garbage": "hello",
    }
    for name, token in cases.items():
        page = client.get(f"/status/staff/{token}")
        assert page.status_code == 403, name
        expected = "This link has expired" if name == "expired" else "This link is not valid"
        assert expected in text_of(page), name
        assert client.post(f"/status/staff/{token}", data={"status": "closed"}).status_code in (400, 403), name
    with app.app_context():
        assert get_store().status_of(ref).current.status == "received"
    assert client.get(f"/status/staff/{good}").status_code == 200


def test_the_staff_page_speaks_french_under_fr(app, client):
    ref = save(app)
    page = client.get(f"/fr/status/staff/{make_staff_token(SECRET, ref)}")
    assert page.status_code == 200
    assert f"Mettre à jour la demande {format_reference(ref)}" in text_of(page)
    assert "En attente du résident" in text_of(page)


def test_an_unknown_reference_is_an_error_in_the_title_and_the_page_language(client):
    page = parse(client.get("/fr/status/?ref=ABCD-2345"))
    assert title(page) == "Erreur\u00a0: Suivre une demande – Ville de Bellerive"
    assert "Aucune demande ne porte la référence ABCD-2345." in page.text()
    assert "We found no request" not in page.text()
    field = page.find("input", id="ref")
    assert field.get("aria-invalid") == "true" and field.get("aria-describedby") == "ref-hint ref-error"
    assert page.find(id="ref-error").text().startswith("Aucune demande ne porte la référence ABCD-2345.")  # by its field
