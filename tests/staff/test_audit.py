"""The audit log page for administrators (``/staff/audit/``): newest first, by reference, in pages, both languages."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from forms_app.store import get_store

from tests.support.databases import Clock
from tests.support.html_tree import element, field_errors, parse, summary, title
from tests.support.sign_in import use_clock
from tests.support.staff import sign_in

BOSS = "boss@bellerive.example.org"
AGENT = "agent@bellerive.example.org"


@pytest.fixture
def app(make_app):
    app = make_app(STAFF_PAGE_SIZE=3)
    clock = Clock(datetime(2026, 7, 1, 16, 5, tzinfo=UTC))
    use_clock(app, clock)
    with app.app_context():
        store = get_store()
        for n in range(4):
            clock.advance(minutes=1)
            store.audit.record(AGENT, "view_request", "ABCD2345", f"n={n}")
        clock.advance(minutes=1)
        store.audit.record(AGENT, "export_csv", None, "rows=3")
    return app


def cells(page) -> list[list[str]]:
    table = element(page, "audit-entries")
    return [[cell.text().strip() for cell in row.children if getattr(cell, "tag", None) in ("th", "td")]
            for row in table.find("tbody").find_all("tr")]


def test_only_administrators_see_it(app, client):
    assert client.get("/staff/audit/").headers["Location"] == "/staff/"
    sign_in(client, AGENT, ["animal-services"])
    assert client.get("/staff/audit/").status_code == 404


def test_newest_first_in_pages(app, client):
    sign_in(client, BOSS, admin=True)  # its staff_added entry is the newest
    page = client.get("/staff/audit/")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert title(page).startswith("Audit log")
    rows = cells(page)
    assert [r[2] for r in rows] == ["Staff member added", "Exported a list", "Viewed a request"]
    assert rows[1] == ["July 1, 2026, 12:10\u202fp.m.", AGENT, "Exported a list", "", "rows=3"]
    assert rows[2][3:] == ["ABCD-2345", "n=3"]
    table = element(page, "audit-entries")
    assert table.find("caption").text() == "Audit log entries, newest first"
    assert [th.get("scope") for th in table.find("thead").find_all("th")] == ["col"] * 5
    older = parse(page).find("a", rel="next").get("href")
    assert older == "/staff/audit/?page=2"
    second = client.get(older)
    assert [r[4] for r in cells(second)] == ["n=2", "n=1", "n=0"]
    assert parse(second).find("a", rel="prev").get("href") == "/staff/audit/?page=1"
    assert parse(second).find_all("a", rel="next") == []


def test_filtered_by_reference_in_french(app, client):
    sign_in(client, BOSS, admin=True)
    page = client.get("/fr/staff/audit/?ref=abcd 2345")
    assert page.status_code == 200
    assert [r[4] for r in cells(page)] == ["n=3", "n=2", "n=1"]
    assert {r[2] for r in cells(page)} == {"A consulté une demande"}
    assert cells(page)[0][0] == "1 juillet 2026, 12\xa0h\xa009"
    assert element(page, "audit-entries").find("caption").text().startswith("Entrées du journal d'audit sur la demande ABCD-2345")
    assert parse(page).find("a", rel="next").get("href") == "/fr/staff/audit/?page=2&ref=ABCD-2345"


def test_a_malformed_reference_is_an_error(app, client):
    sign_in(client, BOSS, admin=True)
    page = client.get("/staff/audit/?ref=nope!")
    assert page.status_code == 400
    assert title(page).startswith("Error: ")
    assert summary(page) == [("#ref", "Enter a reference like ABCD-2345")]
    assert field_errors(page) == {"ref": "Enter a reference like ABCD-2345"}


def test_no_entries_about_a_reference(app, client):
    sign_in(client, BOSS, admin=True)
    page = client.get("/staff/audit/?ref=ZZZZ-9999")
    assert element(page, "audit-empty").text() == "No entries."
