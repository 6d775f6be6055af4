"""The department queue page (``/staff/requests/``): the table, filters as a GET form, search, sort, pages,
the empty and the filtered-empty states, both languages, personal searches in the audit log."""

from __future__ import annotations

from datetime import date
from urllib.parse import unquote_plus

from forms_app.store import get_store

from tests.support.forms import post
from tests.support.html_tree import csrf_token, parse, title
from tests.support.apps import buffered_client
from tests.support.requests import queue_refs, search, seed, shown
from tests.support.staff import sign_in

CLERK = "clerk@bellerive.example.org"
QUEUE = "/staff/requests/"


def audit(app) -> list[tuple]:
    with app.app_context():
        return [(e.actor, e.action, e.detail) for e in get_store().audit.entries()]


def test_the_queue_lists_the_departments_requests_with_every_column(app, client):
    sign_in(client, CLERK, ["clerk"])
    ref = seed(app, channel="phone", due_on=date(2020, 1, 6), contact_name="Jo Tremblay")
    seed(app, department="animal-services")
    page = client.get(QUEUE)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    tree = parse(page)
    table = tree.find("table", cls="gx-queue")
    assert table.find("caption").text() == "1 request, page 1 of 1, sorted by received, newest first"
    heads = [th.text() for th in table.find("thead").find_all("th")]
    assert heads == ["Reference", "Service", "Date received", "Channel", "Language", "Status", "Days open", "Due date",
                     "Overdue"]
    row = table.find("tbody").find("tr")
    cells = [c.text() for c in row.children if not isinstance(c, str)]
    assert cells[0] == shown(ref) and cells[1] == "Dog licence" and cells[3:6] == ["Phone", "English", "Received"]
    assert cells[7] == "January 6, 2020" and cells[8] == "Overdue"  # the flag is words, not a colour
    assert row.find("a").get("href") == f"/staff/requests/{shown(ref)}/"
    assert tree.find("p", cls="gx-queue-count").text() == "1 request"
    assert title(page).startswith("Requests")
    sheets = [link.get("href") for link in tree.find_all("link", rel="stylesheet")]
    assert "/assets/stylesheets/staff.css" in sheets
    resident = [link.get("href") for link in parse(client.get("/status/")).find_all("link", rel="stylesheet")]
    assert "/assets/stylesheets/staff.css" not in resident  # residents never download the workspace's styles
    assert client.get("/assets/stylesheets/staff.css").status_code == 200


def test_the_queue_in_french(app, client):
    sign_in(client, CLERK, ["clerk"])
    ref = seed(app, channel="in_person")
    page = client.get("/fr" + QUEUE)
    tree = parse(page)
    row = tree.find("table", cls="gx-queue").find("tbody").find("tr")
    cells = [c.text() for c in row.children if not isinstance(c, str)]
    assert cells[0] == shown(ref) and cells[3:6] == ["En personne", "Anglais", "Reçue"]
    assert row.find("a").get("href") == f"/fr/staff/requests/{shown(ref)}/"
    assert tree.find("p", cls="gx-queue-count").text() == "1 demande"


def test_filters_are_links_and_the_form_keeps_their_values(app, client):
    sign_in(client, CLERK, ["clerk"])
    phone = seed(app, channel="phone")
    web = seed(app)
    done = seed(app, channel="phone")
    with app.app_context():
        get_store().set_status(done, "completed")
    page = client.get(QUEUE, query_string={"channel": "phone", "status": "open"})
    assert queue_refs(page) == [shown(phone)]
    form = parse(page).find("form", cls="gx-queue-filters")
    assert form.get("method") == "post" and form.get("action") == QUEUE  # answered by a redirect to a GET address
    assert form.find("select", name="channel").find("option", value="phone").get("selected") == "selected"
    assert form.find("a", cls="gx-queue-filters__clear").get("href") == QUEUE
    assert queue_refs(client.get(QUEUE, query_string={"status": "completed"})) == [shown(done)]
    assert queue_refs(client.get(QUEUE, query_string={"channel": "nonsense"})) == [shown(r) for r in (done, web, phone)]
    posted = post(client, QUEUE, {"channel": "phone", "status": "open", "q": "", "in": "reference",
                                  "csrf_token": csrf_token(page)})
    assert posted.status_code == 303 and queue_refs(client.get(posted.headers["Location"])) == [shown(phone)]
    assert post(client, QUEUE, {"channel": "phone"}).status_code == 400  # no CSRF token, no redirect


def said(href: str, *words: str) -> bool:
    """The address's query holds one of ``words``, however encoded. (Not a bare "jo": the search's random id
    may hold those two letters by chance.)"""
    query = unquote_plus(href.split("?", 1)[-1]).lower()
    return any(w in query for w in words)


def test_a_personal_search_never_reaches_an_address(app, client):
    sign_in(client, CLERK, ["clerk"])
    jo = seed(app, contact_name="Jo Tremblay", reply_to="jo@example.net", resident_copy_to="jo@example.net")
    for _ in range(60):
        seed(app, contact_name="Sam Other", reply_to="sam@example.org", resident_copy_to="sam@example.org")
    page = search(client, "jo@example.net", "email")
    assert queue_refs(page) == [shown(jo)]
    hrefs = [a.get("href") or "" for a in parse(page).find_all("a")]
    assert [h for h in hrefs if "?" in h] and not [h for h in hrefs if said(h, "jo@example.net", "example.net")]
    other = search(client, "sam other", "name")  # a second search keeps its own id; pages keep it
    pages = [h for h in (a.get("href") or "" for a in parse(other).find_all("a")) if "page=2" in h]
    assert pages and not said(pages[0], "sam other")
    assert len(queue_refs(client.get(pages[0]))) == 10  # 60 of 50 per page
    stranger = buffered_client(app)  # the id means nothing in another browser
    sign_in(stranger, CLERK, ["clerk"])
    assert len(queue_refs(stranger.get(pages[0].replace("page=2", "page=1")))) == 50


def test_overdue_and_service_filters(app, client):
    sign_in(client, CLERK, ["clerk"])
    late = seed(app, due_on=date(2020, 1, 6))
    seed(app, due_on=date(2999, 1, 1))
    other = seed(app, service="council-delegation", service_title="Council delegation")
    assert queue_refs(client.get(QUEUE, query_string={"overdue": "1"})) == [shown(late)]
    assert queue_refs(client.get(QUEUE, query_string={"service": "council-delegation"})) == [shown(other)]
    options = parse(client.get(QUEUE)).find("select", name="service").find_all("option")
    assert "council-delegation" in [o.get("value") for o in options]
    assert "dog-licence" not in [o.get("value") for o in options]  # animal services', not the clerk's


def test_search_by_reference_is_not_audited_and_personal_search_is_without_its_text(app, client):
    sign_in(client, CLERK, ["clerk"])
    jo = seed(app, contact_name="Jo Tremblay", contact_phone="613-555-0100")
    seed(app, contact_name="Sam Lee", reply_to="sam@example.org", resident_copy_to=None)
    assert queue_refs(client.get(QUEUE, query_string={"q": shown(jo).lower()})) == [shown(jo)]
    assert queue_refs(client.get(QUEUE, query_string={"q": jo[:5]})) == [shown(jo)]
    assert not [a for a in audit(app) if a[1] == "search_personal"]
    assert queue_refs(search(client, "tremblay", "name")) == [shown(jo)]
    assert queue_refs(search(client, "(613) 555 0100", "phone")) == [shown(jo)]
    assert len(queue_refs(search(client, "SAM@example.ORG", "email"))) == 1
    assert queue_refs(search(client, "SAM@", "email")) == []  # sealed contacts: the whole address (store/blind_index.py)
    searches = [a for a in audit(app) if a[1] == "search_personal"]
    assert searches == [(CLERK, "search_personal", "field=email"), (CLERK, "search_personal", "field=email"),
                        (CLERK, "search_personal", "field=phone"), (CLERK, "search_personal", "field=name")]
    assert not any("tremblay" in a[2].lower() or "613" in a[2] for a in audit(app))


def test_admins_search_too_and_are_audited(app, client):
    sign_in(client, "admin@bellerive.example.org", admin=True)
    ref = seed(app, department="animal-services", contact_name="Jo Tremblay")
    assert queue_refs(search(client, "jo", "name")) == [shown(ref)]
    assert ("admin@bellerive.example.org", "search_personal", "field=name") in audit(app)


def test_sort_and_pages(make_app):
    app = make_app(STAFF_PAGE_SIZE=2)
    client = app.test_client()
    sign_in(client, CLERK, ["clerk"])
    refs = [seed(app, due_on=date(2030, 1, day)) for day in (5, 3, 4, 1, 2)]
    first = client.get(QUEUE)
    assert queue_refs(first) == [shown(refs[4]), shown(refs[3])]
    nav = parse(first).find("nav", cls="gx-pagination")
    assert nav.get("aria-label") == "Pages of requests"
    current = nav.find("a", aria_current="page")
    assert current.text() == "1" and current.get("aria-label") == "Page 1"
    assert nav.find("a", rel="next").get("href") == QUEUE + "?page=2"
    third = client.get(QUEUE, query_string={"page": "3"})
    assert queue_refs(third) == [shown(refs[0])]
    assert parse(third).find("nav", cls="gx-pagination").find_all("a", rel="next") == []
    by_due = client.get(QUEUE, query_string={"sort": "due"})
    assert queue_refs(by_due) == [shown(refs[3]), shown(refs[4])]
    assert parse(by_due).find("a", rel="next").get("href") == QUEUE + "?sort=due&page=2"
    assert queue_refs(client.get(QUEUE, query_string={"page": "99"})) == [shown(refs[0])]  # past the end: the last
    assert queue_refs(client.get(QUEUE, query_string={"page": "-1"})) == [shown(refs[4]), shown(refs[3])]


def test_empty_and_filtered_empty_states(app, client):
    sign_in(client, CLERK, ["clerk"])
    empty = parse(client.get(QUEUE)).find("main")
    assert [h.text() for h in empty.find_all("h2")] == ["No requests yet"] and not empty.find_all("table")
    seed(app)
    filtered = client.get(QUEUE, query_string={"status": "closed"})
    tree = parse(filtered).find("main")
    assert [h.text() for h in tree.find_all("h2")] == ["No requests match these filters"]
    assert [a.get("href") for a in tree.find_all("a") if a.text() == "Clear filters"] == [QUEUE, QUEUE]
    assert tree.find("p", cls="gx-queue-count").text() == "0 requests"


def test_signed_out_visitors_are_sent_to_sign_in(client):
    for url in (QUEUE, "/fr" + QUEUE, "/staff/requests.csv"):
        response = client.get(url)
        assert response.status_code == 303
        assert response.headers["Location"].endswith("/fr/staff/" if url.startswith("/fr") else "/staff/")
