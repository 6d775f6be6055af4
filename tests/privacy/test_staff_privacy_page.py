"""Access and erasure from the staff workspace: ``/staff/requests/<ref>/privacy``, administrators only.
The export is a zip download (POST, CSRF, audited); erasing asks to confirm first (POST, CSRF, audited)."""

from __future__ import annotations

import io
import json
import zipfile

from sqlalchemy import select

from forms_app.store import format_reference, get_store
from forms_app.store.schema import submissions

from tests.support.forms import post
from tests.support.html_tree import csrf_token, parse
from tests.support.privacy import MARKERS, every_row, pdf, seed_marked, upload_bytes
from tests.support.requests import page_url
from tests.support.staff import sign_in

BOSS = "boss@bellerive.example.org"


def privacy_url(ref: str, lang: str = "en") -> str:
    return page_url(ref, lang) + "privacy"


def audit(app, action: str) -> list[tuple[str, str | None, str]]:
    with app.app_context():
        return [(e.actor, e.reference, e.detail) for e in get_store().audit.entries() if e.action == action]


def test_an_administrator_downloads_everything_as_a_zip(app, client):
    ref = seed_marked(app)
    sign_in(client, BOSS, admin=True)
    request_page = parse(client.get(page_url(ref)))
    link = request_page.find("a", href=privacy_url(ref))  # the request page leads there, for administrators
    assert link is not None
    page = client.get(privacy_url(ref))
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    form = parse(page).find("form", action=privacy_url(ref) + "/export")
    assert form is not None and form.get("method") == "post"
    response = post(client, privacy_url(ref) + "/export", {"csrf_token": csrf_token(page)})
    assert response.status_code == 200 and response.mimetype == "application/zip"
    shown = format_reference(ref)
    assert response.headers["Content-Disposition"] == f'attachment; filename="privacy-{shown}.zip"'
    assert response.headers["Cache-Control"] == "no-store"
    archive = zipfile.ZipFile(io.BytesIO(response.get_data()))
    names = sorted(archive.namelist())
    assert f"privacy-{shown}/request-{shown}.json" in names and f"privacy-{shown}/request-{shown}.txt" in names
    data = json.loads(archive.read(f"privacy-{shown}/request-{shown}.json"))
    text = archive.read(f"privacy-{shown}/request-{shown}.txt").decode("utf-8")
    for marker in (MARKERS["answer"], MARKERS["name"], MARKERS["copy_to"], MARKERS["reply_body"], MARKERS["status_note"]):
        assert marker in json.dumps(data, ensure_ascii=False) and marker in text
    files = {archive.read(n) for n in names if "/files/" in n}
    assert files == {pdf(MARKERS["file_bytes"]), pdf(MARKERS["reply_file"])}
    assert audit(app, "privacy_export") == [(BOSS, ref, "via=staff")]


def test_erasing_asks_to_confirm_then_erases_and_says_so(app, client):
    ref = seed_marked(app)
    sign_in(client, BOSS, admin=True)
    page = client.get(privacy_url(ref))
    start = parse(page).find("a", href=privacy_url(ref) + "/erase")
    assert start is not None
    confirm = client.get(privacy_url(ref) + "/erase")  # the confirmation step: GET changes nothing
    assert confirm.status_code == 200 and MARKERS["answer"] in every_row(app)
    assert parse(confirm).find("h1").text() == f"Erase the personal data of request {format_reference(ref)}?"
    form = parse(confirm).find("form", action=privacy_url(ref) + "/erase")
    assert form is not None and form.get("method") == "post"

    done = post(client, privacy_url(ref) + "/erase", {"csrf_token": csrf_token(confirm)})
    assert done.status_code == 303 and done.headers["Location"].endswith(privacy_url(ref))
    after = client.get(done.headers["Location"])
    main = parse(after).find("main")
    assert "Personal data erased." in main.text()
    assert "at the resident’s request" in main.find("p", cls="gx-privacy-erased").text()
    rows = every_row(app)
    assert not [m for m in MARKERS.values() if m in rows]
    assert MARKERS["file_bytes"].encode() not in upload_bytes(app) and MARKERS["reply_file"].encode() not in upload_bytes(app)
    with app.app_context(), get_store().engine.connect() as conn:
        assert conn.execute(select(submissions.c.erasure).where(submissions.c.reference == ref)).scalar() == "request"
    assert audit(app, "privacy_erase") == [(BOSS, ref, "via=staff files=2")]
    request_page = parse(client.get(page_url(ref))).find("main").text()
    assert "at the resident’s request" in request_page


def test_the_pages_speak_french(app, client):
    ref = seed_marked(app)
    sign_in(client, BOSS, admin=True)
    page = client.get(privacy_url(ref, "fr"))
    assert page.status_code == 200 and parse(page).find("html").get("lang") == "fr"
    assert parse(page).find("form", action=privacy_url(ref, "fr") + "/export") is not None


def test_staff_who_are_not_administrators_and_strangers_are_refused(app, client):
    ref = seed_marked(app)
    before = every_row(app)
    anonymous = client.get(privacy_url(ref))
    assert anonymous.status_code == 303 and "/staff/" in anonymous.headers["Location"]
    sign_in(client, "clerk@bellerive.example.org", ["clerk"])  # sees the request itself, not its privacy page
    assert client.get(page_url(ref)).status_code == 200
    assert parse(client.get(page_url(ref))).find_all("a", href=privacy_url(ref)) == []
    page = client.get(page_url(ref))
    for url in (privacy_url(ref), privacy_url(ref) + "/erase"):
        assert client.get(url).status_code == 404
    for url in (privacy_url(ref) + "/export", privacy_url(ref) + "/erase"):
        assert post(client, url, {"csrf_token": csrf_token(page)}).status_code == 404
    assert audit(app, "privacy_export") == [] and audit(app, "privacy_erase") == []
    after = every_row(app)
    assert MARKERS["answer"] in after and after.count("privacy") == before.count("privacy")


def test_without_the_csrf_token_nothing_is_exported_or_erased(app, client):
    ref = seed_marked(app)
    sign_in(client, BOSS, admin=True)
    for url in (privacy_url(ref) + "/export", privacy_url(ref) + "/erase"):
        assert post(client, url, {}).status_code == 400
    assert audit(app, "privacy_export") == [] and audit(app, "privacy_erase") == []
    assert MARKERS["answer"] in every_row(app)
