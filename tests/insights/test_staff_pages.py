"""The report in the staff workspace (a department sees its services only, an administrator all) and the
contact tally (one click stores one count; nothing about the person; only the member's services)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from forms_app.store import get_store
from forms_app.store.schema import contact_tally
from tests.support.databases import Clock
from tests.support.forms import post
from tests.support.html_tree import csrf_token, parse
from tests.support.insights import NEXT_MONDAY, seed_app
from tests.support.sign_in import use_clock
from tests.support.staff import sign_in

PERIOD = {"from": "2026-03-02", "to": "2026-03-31"}


def seeded(app) -> Clock:
    clock = seed_app(app)
    clock.now = NEXT_MONDAY + dt.timedelta(days=1)
    return clock


def first_cells(page, table_id: str) -> list[str]:
    table = parse(page).by_id(f"{table_id}-table")
    return [row.find("th").text() for row in table.find("tbody").find_all("tr")]


def test_a_department_sees_only_its_services(app, client):
    seeded(app)
    sign_in(client, "vet@bellerive.example.org", ["animal-services"])
    page = client.get("/staff/insights/", query_string=PERIOD)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert first_cells(page, "promises") == ["Dog licence"]
    assert first_cells(page, "channels-by-service") == ["Dog licence"]
    assert first_cells(page, "feedback-pages") == ["/fr/services/dog-licence/", "/services/dog-licence/"]
    tree = parse(page)
    assert not tree.find_all(id="searches-table")  # searches belong to no department
    delivery = tree.by_id("delivery-table").find("tbody").find_all("tr")
    assert [c.text() for c in delivery[0].iter() if c.tag in ("th", "td")] == [
        "Request sent to the department", "3", "8", "0", "0", "11"]  # the 11 dog-licence requests' emails only
    assert not tree.find_all("a", download="download")  # the CSV files are the CLI's


def test_an_administrator_sees_every_department_and_may_choose_one(app, client):
    seeded(app)
    sign_in(client, "boss@bellerive.example.org", admin=True)
    page = client.get("/fr/staff/insights/", query_string=PERIOD)
    assert first_cells(page, "promises") == ["Licence pour chien", "Porter plainte pour le bruit"]
    assert parse(page).by_id("searches-table")
    one = client.get("/staff/insights/", query_string={**PERIOD, "department": "bylaw"})
    assert first_cells(one, "promises") == ["Make a noise complaint"]


def test_a_member_of_no_department_sees_no_departments_numbers(app, client):
    seeded(app)
    sign_in(client, "desk@bellerive.example.org")  # the front desk: counts for every service, reads none
    tree = parse(client.get("/staff/insights/", query_string=PERIOD))
    assert not tree.find_all("table") and len(tree.find_all("p", cls="gx-insights__empty")) == 6
    assert "no department" in tree.find("main").text()


def test_a_bad_date_is_named_and_nothing_is_counted(app, client):
    sign_in(client, "boss@bellerive.example.org", admin=True)
    page = client.get("/staff/insights/", query_string={"from": "March", "to": "2026-03-31"})
    assert page.status_code == 400
    tree = parse(page)
    assert [a.get("href") for a in tree.find("ul", cls="gx-error-summary__list").find_all("a")] == ["#period-from"]
    assert not tree.find_all("table")


def test_signed_out_goes_to_the_sign_in_page(client):
    assert client.get("/staff/insights/").status_code == 303
    assert client.get("/staff/tally/").status_code == 303


def tally_rows(app) -> list[tuple]:
    with app.app_context(), get_store().engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(contact_tally).order_by(contact_tally.c.service))]


def test_one_click_counts_one_contact_and_keeps_nothing_about_the_person(app, client):
    clock = Clock(dt.datetime(2026, 3, 3, 15, 0, tzinfo=dt.UTC))
    use_clock(app, clock)
    sign_in(client, "desk@bellerive.example.org")  # the front desk: every service
    page = client.get("/staff/tally/?channel=in_person")
    tree = parse(page)
    assert tree.find("input", id="channel-in_person").get("checked") == "checked"
    buttons = {b.get("value"): b.text() for b in tree.find_all("button", name="count")}
    assert buttons["dog-licence:resolved"] == "Resolved – Dog licence"
    assert buttons["building-permit:request"] == "Became a request – Building permit"
    data = {"csrf_token": csrf_token(page), "channel": "in_person", "count": "dog-licence:resolved"}
    done = post(client, "/staff/tally/", data)
    assert done.status_code == 303 and "counted=dog-licence" in done.headers["Location"]
    post(client, "/staff/tally/", data)
    post(client, "/staff/tally/", {**data, "channel": "phone", "count": "dog-licence:request"})
    assert tally_rows(app) == [(dt.date(2026, 3, 3), "dog-licence", "in_person", "resolved", "animal-services", 2),
                               (dt.date(2026, 3, 3), "dog-licence", "phone", "request", "animal-services", 1)]
    after = client.get(done.headers["Location"])
    assert parse(after).find("p", id="tally-counted").text() == "Counted: Dog licence – In person – Resolved."
    row = parse(after).by_id("row-dog-licence")
    assert row.find_all("td")[-1].text() == "3"
    undo = parse(after).find("button", name="undo")
    assert undo.get("value") == "dog-licence:resolved" and undo.text() == "Undo this count"
    back = post(client, "/staff/tally/", {"csrf_token": csrf_token(after), "channel": "in_person", "undo": undo.get("value")})
    assert back.status_code == 303
    assert parse(client.get(back.headers["Location"])).find("p", id="tally-undone").text() == (
        "Count taken back: Dog licence – In person – Resolved.")
    assert tally_rows(app)[0][-1] == 1


def test_a_department_member_counts_only_its_services(app, client):
    sign_in(client, "vet@bellerive.example.org", ["animal-services"])
    page = client.get("/staff/tally/")
    values = {b.get("value").split(":")[0] for b in parse(page).find_all("button", name="count")}
    assert values == {"dog-licence", "animal-shelter-adoption"}  # animal-services' two services
    refused = post(client, "/staff/tally/", {"csrf_token": csrf_token(page), "channel": "phone", "count": "noise-complaint:resolved"})
    assert refused.status_code == 400
    bad = post(client, "/staff/tally/", {"csrf_token": csrf_token(page), "channel": "fax", "count": "dog-licence:resolved"})
    assert bad.status_code == 400
    assert tally_rows(app) == []
