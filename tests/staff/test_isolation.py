"""Department isolation, enforced by the store's queries: staff of one department guessing another
department's request addresses get the unknown reference's 404, and nothing changes; administrators see
every department; a removed member is signed out at once."""

from __future__ import annotations

from forms_app.store import get_store

from tests.support.forms import post
from tests.support.html_tree import csrf_token, parse
from tests.support.requests import page_url, queue_refs, search, seed, seed_with_file, shown
from tests.support.staff import sign_in

CLERK = "clerk@bellerive.example.org"
ANIMALS = "animals@bellerive.example.org"


def _theirs(app) -> tuple[str, str]:
    """Animal services' request with a file: its reference and its file's address."""
    ref = seed_with_file(app, department="animal-services", contact_name="Jo Tremblay")
    with app.app_context():
        admin = get_store().staff.add("root@bellerive.example.org", [], is_admin=True)
        file_id = get_store().queue.request_detail(admin, ref).files[0].id
    return ref, f"{page_url(ref)}files/{file_id}"


def _state(app, ref: str) -> tuple:
    with app.app_context():
        admin = get_store().staff.member("root@bellerive.example.org")
        detail = get_store().queue.request_detail(admin, ref)
        return detail.status, len(detail.history)


def test_other_departments_requests_look_unknown(app, client):
    ref, file_url = _theirs(app)
    sign_in(client, CLERK, ["clerk"])
    mine = seed(app, contact_name="Jo Tremblay")
    unknown = client.get("/staff/requests/ABCD-2345/")
    assert unknown.status_code == 404
    for url in (page_url(ref), page_url(ref, "fr"), page_url(ref).replace("-", ""), file_url):
        response = client.get(url)
        assert response.status_code == 404, url
        twin = client.get(url.replace(shown(ref), "ABCD-2345").replace(ref, "ABCD2345"))
        assert twin.status_code == 404 and parse(twin).find("main").text() == parse(response).find("main").text()
    assert queue_refs(client.get("/staff/requests/")) == [shown(mine)]
    assert queue_refs(client.get("/staff/requests/", query_string={"q": shown(ref)})) == []
    assert queue_refs(search(client, "tremblay", "name")) == [shown(mine)]
    export = client.get("/staff/requests.csv").get_data().decode("utf-8-sig")
    assert shown(mine) in export and shown(ref) not in export


def test_guessed_posts_change_nothing(app, client):
    ref, _ = _theirs(app)
    sign_in(client, CLERK, ["clerk"])
    mine = seed(app)
    token = csrf_token(client.get(page_url(mine)))
    before = _state(app, ref)
    assert post(client, page_url(ref) + "status", {"status": "closed", "csrf_token": token}).status_code == 404
    assert post(client, page_url(ref) + "notes", {"body": "peek", "csrf_token": token}).status_code == 404
    assert _state(app, ref) == before
    with app.app_context():
        actions = [(e.action, e.reference) for e in get_store().audit.entries()]
    assert ("status_change", ref) not in actions and ("note_added", ref) not in actions
    assert ("view_request", ref) not in actions and ("view_file", ref) not in actions


def test_staff_without_departments_see_nothing(app, client):
    ref, file_url = _theirs(app)
    sign_in(client, "new@bellerive.example.org", [])
    assert queue_refs(client.get("/staff/requests/")) == []
    assert client.get(page_url(ref)).status_code == 404 and client.get(file_url).status_code == 404


def test_admins_see_every_department(app, client):
    ref, file_url = _theirs(app)
    mine = seed(app)
    sign_in(client, "boss@bellerive.example.org", admin=True)
    assert set(queue_refs(client.get("/staff/requests/"))) == {shown(ref), shown(mine)}
    assert client.get(page_url(ref)).status_code == 200 and client.get(file_url).status_code == 200


def test_a_member_of_both_departments_sees_both(app, client):
    ref, _ = _theirs(app)
    mine = seed(app)
    sign_in(client, ANIMALS, ["animal-services", "clerk"])
    assert set(queue_refs(client.get("/staff/requests/"))) == {shown(ref), shown(mine)}


def test_removed_staff_are_bounced(app, client):
    ref, file_url = _theirs(app)
    sign_in(client, ANIMALS, ["animal-services"])
    page = client.get(page_url(ref))
    assert page.status_code == 200
    token = csrf_token(page)
    with app.app_context():
        assert get_store().staff.remove(ANIMALS) is True
    for url in ("/staff/requests/", page_url(ref), file_url, "/staff/requests.csv"):
        response = client.get(url)
        assert response.status_code == 303 and response.headers["Location"].endswith("/staff/"), url
    response = post(client, page_url(ref) + "status", {"status": "closed", "csrf_token": token})
    assert response.status_code == 303
    assert _state(app, ref)[0] == "received"
    assert parse(client.get("/staff/requests/", follow_redirects=True)).find_all("table", cls="gx-queue") == []
