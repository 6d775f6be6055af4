"""The queue's CSV export: Excel-ready in both languages (BOM, separators, ISO dates), the page's filters,
formula injection neutralised, every export in the audit log (rows and filter kinds, never a search's text)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from forms_app.staff.csv_export import csv_text, neutralise
from forms_app.store import get_store
from forms_app.store.queue import QueueRow

from tests.support.html_tree import parse
from tests.support.requests import search, seed, shown
from tests.support.staff import sign_in

CLERK = "clerk@bellerive.example.org"
EXPORT = "/staff/requests.csv"


def read(response, delimiter: str = ",") -> list[list[str]]:
    body = response.get_data()
    assert body.startswith("\ufeff".encode())  # UTF-8 with a byte order mark: Excel reads the accents
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=delimiter))


def test_export_in_english(app, client):
    sign_in(client, CLERK, ["clerk"])
    ref = seed(app, channel="phone", due_on=date(2020, 1, 6))
    seed(app, department="animal-services")  # another department's: not exported
    response = client.get(EXPORT)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    today = datetime.now(UTC).strftime("%Y-%m-%d")  # the app's real clock, in Toronto: a day late at most
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment; filename=requests-20") and disposition.endswith(".csv")
    assert abs(date.fromisoformat(disposition[-14:-4]).toordinal() - date.fromisoformat(today).toordinal()) <= 1
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    rows = read(response)
    assert rows[0] == ["Reference", "Service", "Date received", "Channel", "Language", "Status", "Days open", "Due date",
                       "Overdue"]
    assert len(rows) == 2
    row = rows[1]
    assert row[0] == shown(ref) and row[1] == "Dog licence" and row[3:6] == ["Phone", "English", "Received"]
    assert datetime.strptime(row[2], "%Y-%m-%d %H:%M")  # a date and time Excel reads as one
    assert row[7] == "2020-01-06" and row[8] == "Yes"


def test_export_in_french_uses_semicolons_and_french_headers(app, client):
    sign_in(client, CLERK, ["clerk"])
    seed(app, channel="mail")
    rows = read(client.get("/fr" + EXPORT), delimiter=";")
    assert rows[0][0] == "Référence" and rows[0][5] == "État"
    assert rows[1][3] == "Courrier" and rows[1][5] == "Reçue" and rows[1][8] == "Non"


def test_export_keeps_the_filters_and_is_audited_without_search_text(app, client):
    sign_in(client, CLERK, ["clerk"])
    jo = seed(app, channel="phone", contact_name="Jo Tremblay")
    seed(app, channel="web", contact_name="Jo Other")
    results = search(client, "jo", "name", channel="phone")
    export = next(a.get("href") for a in parse(results).find_all("a") if ".csv" in (a.get("href") or ""))
    # the search is named by its id, never its words (not "jo" not in the address: the random id may hold "jo")
    query = parse_qs(urlsplit(export).query)
    assert set(query) == {"channel", "search"} and query["channel"] == ["phone"] and query["search"] != ["jo"]
    rows = read(client.get(export))
    assert [r[0] for r in rows[1:]] == [shown(jo)]
    with app.app_context():
        entries = [(e.actor, e.action, e.detail) for e in get_store().audit.entries()]
    assert (CLERK, "export_csv", "rows=1 filters=channel,name") in entries
    assert (CLERK, "search_personal", "field=name") in entries
    assert not any("jo" in detail.lower().split("=")[-1] for _, _, detail in entries if detail)


def test_the_queue_page_links_to_its_filtered_export(app, client):
    sign_in(client, CLERK, ["clerk"])
    seed(app, channel="phone")
    page = parse(client.get("/staff/requests/", query_string={"channel": "phone", "page": "1"}))
    link = [a for a in page.find_all("a") if (a.get("href") or "").startswith(EXPORT)]
    assert [a.get("href") for a in link] == [EXPORT + "?channel=phone"]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_each_formula_start_is_neutralised(start):
    assert neutralise(start + "1+1") == "'" + start + "1+1"


@pytest.mark.parametrize("cell", ["Dog licence", "2026-03-02", "ABCD-2345", "'quoted", " =not at start", ""])
def test_other_cells_are_kept(cell):
    assert neutralise(cell) == cell


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_stored_formula_reaches_the_file_as_text(app, client, start):
    sign_in(client, CLERK, ["clerk"])
    seed(app, service="not-in-catalogue", service_title=start + "HYPERLINK(\"http://evil.example\")")
    rows = read(client.get(EXPORT))
    assert rows[1][1] == "'" + start + "HYPERLINK(\"http://evil.example\")"


def test_csv_text_writes_dates_in_the_city_time_zone():
    row = QueueRow("ABCD2345", "dog-licence", "Dog licence", "clerk", datetime(2026, 3, 2, 3, 30, tzinfo=UTC), "web",
                   "fr", "received", None, date(2026, 3, 16), False, 0)
    text = csv_text([row], {}, "en", "America/Toronto")
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[1] == "ABCD-2345,Dog licence,2026-03-01 22:30,Online,French,Received,0,2026-03-16,No"
