"""The resident's status page and the staff page reached from the department email."""

from __future__ import annotations

import re
import time

from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from forms_app.delivery import Worker, WorkerSettings, mail_settings
from forms_app.status import STAFF_SALT, make_staff_token
from forms_app.store import format_reference, get_store

from tests.support.smtp_server import SmtpServer
from tests.support.submissions import new_submission
from tests.support.apps import SECRET
from tests.support.html_tree import csrf_token


def save(app, **changes) -> str:
    with app.app_context():
        return get_store().save_submission(new_submission(attachments=[], **changes))


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


def test_the_lookup_form_is_there_in_both_languages(client):
    en, fr = client.get("/status/"), client.get("/fr/status/")
    assert en.status_code == fr.status_code == 200
    assert '<label class="gx-label" for="ref">Reference number</label>' in en.get_data(as_text=True)
    assert '<label class="gx-label" for="ref">Numéro de référence</label>' in fr.get_data(as_text=True)
    assert 'lang="fr"' in fr.get_data(as_text=True)


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
    assert "Licence pour chien" in fr or "chien" in fr.lower()  # the catalogue's French title


def test_an_unknown_reference_is_a_clear_200(client):
    page = client.get("/status/?ref=ABCD-2345")
    body = text_of(page)
    assert page.status_code == 200
    assert "We found no request with the reference ABCD-2345" in body
    assert "Aucune demande ne porte la référence ABCD-2345" not in body  # the page's language only (#11 item 18)
    assert 'aria-invalid="true"' in body


def test_something_that_is_not_a_reference_says_what_one_looks_like(client):
    page = client.get("/fr/status/?ref=hello<script>")
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "« hello&lt;script&gt; » n&#39;est pas un numéro de référence" in body
    assert "<script>" not in body


def _deliver_and_get_staff_link(app, copy_to: str | None = None) -> tuple[str, str]:
    """Save, run the real worker to a real SMTP server, return (reference, the staff link path)."""
    ref = save(app, resident_copy_to=copy_to)
    server = SmtpServer()
    server.start()
    try:
        with app.app_context():
            worker = Worker(get_store(), mail_settings(app), server.settings, WorkerSettings())
            assert worker.run_once()["sent"] >= 1
        [msg] = [m for m in server.messages() if m["Message-ID"].startswith(f"<sub-{ref}@")]
        text = msg.get_body(preferencelist=("plain",)).get_content()
    finally:
        server.close()
    link = re.search(r"http://localhost(/status/staff/[^\s?]+)", text).group(1)
    return ref, link


def test_a_status_set_through_the_staff_link_shows_on_the_resident_page(app, client):
    ref, link = _deliver_and_get_staff_link(app)

    page = client.get(link + "?status=waiting_for_you")  # a quick link: preselects, changes nothing
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert 'id="status-waiting_for_you" name="status" value="waiting_for_you" checked>' in html
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
    assert "gets them by email" not in html  # no address given: the page does not promise an email


def test_the_staff_page_says_when_the_resident_is_emailed(app, client):
    ref, link = _deliver_and_get_staff_link(app, copy_to="jo@example.net")
    html = text_of(client.get(link))
    assert "and gets them by email" in html
    done = client.post(link, data={"csrf_token": csrf_token(html), "status": "completed", "note": ""})
    assert "Saved. The resident now sees: Completed. An email tells them." in text_of(client.get(done.headers["Location"]))
    with app.app_context():
        rows = get_store().outbox.rows_for(ref)
    assert [(r.kind, r.status) for r in rows][-1] == ("status_update", "pending")
    assert rows[-1].recipient == "jo@example.net"


def test_a_post_without_the_csrf_token_changes_nothing(app, client):
    ref, link = _deliver_and_get_staff_link(app)
    response = client.post(link, data={"status": "closed"})
    assert response.status_code == 400
    with app.app_context():
        assert get_store().status_of(ref).current.status == "received"


def test_an_invalid_status_is_refused(app, client):
    ref, link = _deliver_and_get_staff_link(app)
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
    page = client.get("/fr/status/?ref=ABCD-2345").get_data(as_text=True)
    assert "<title>Erreur : Suivre une demande – Ville de Bellerive</title>" in page
    assert "Aucune demande ne porte la référence ABCD-2345." in page
    assert "We found no request" not in page
    assert 'aria-invalid="true"' in page and 'aria-describedby="ref-hint ref-error"' in page
