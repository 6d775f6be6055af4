"""The static report's numbers are the stored rows' (#15): every table, chart and CSV value of the seeded data set
(tests/support/insights.py), read back from the written files with an HTML parser and the csv module."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pytest

from forms_app.insights.model import Scope, build
from forms_app.insights.report import csv_text, write_report
from guichet.model.catalogue import load_catalogue
from tests.support.html_tree import Node, parse
from tests.support.insights import FIRST, LAST, TZ, seed_insights

ROOT = Path(__file__).resolve().parents[2]
SMALL = "fewer than 5"
NONE = "not enough data"


@pytest.fixture
def written(store, tmp_path):
    seed_insights(store)
    catalogue = load_catalogue(ROOT / "catalogue")
    report = build(store, catalogue, Scope(FIRST, LAST, None, TZ))
    out = tmp_path / "report"
    write_report(out, report, catalogue, ROOT / "overrides" / "assets" / "stylesheets" / "guichet.css")
    return out


def own_text(node: Node) -> str:
    """The text of ``node`` itself, without its ``<title>`` children (an SVG label's full form)."""
    return "".join(c for c in node.children if isinstance(c, str)).strip()


def table(page: Node, table_id: str) -> list[list[str]]:
    """A table's body as shown: one list of cell texts per row (the row header first)."""
    body = page.by_id(f"{table_id}-table").find("tbody")
    return [[cell.text() for cell in row.iter() if cell.tag in ("th", "td")] for row in body.find_all("tr")]


def head(page: Node, table_id: str) -> list[str]:
    return [th.text() for th in page.by_id(f"{table_id}-table").find("thead").find_all("th")]


def chart(page: Node, table_id: str) -> Node:
    return page.find("svg", aria_labelledby=f"chart-{table_id}-title chart-{table_id}-desc")


def bar_values(svg: Node, series: int = 0) -> list[tuple[str, str]]:
    """(label, value as written) of each bar group of a bar chart, for one series."""
    found = []
    for group in svg.find_all("g", cls="gx-chart__item"):
        label = group.find("text", cls="gx-chart__label")
        value = group.find("text", cls=f"gx-chart__value--{series}")
        found.append((label.find("title").text(), own_text(value)))
    return found


def csv_rows(out: Path, table_id: str) -> list[list[str]]:
    with open(out / "csv" / f"{table_id}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def wilson(yes: int, n: int) -> tuple[float, float]:
    """Written out again here, from the formula (Wilson 1927), not imported from the code under test."""
    z = 1.959963984540054
    p = yes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


def test_promises_table_chart_and_csv(written):
    page = parse((written / "index.html").read_text(encoding="utf-8"))
    assert head(page, "promises")[:3] == ["Service", "Promised", "Requests received"]
    assert table(page, "promises") == [
        ["Dog licence", "10", "11", "6", "1", "3", "6", "5", "12", "5"],
        ["Make a noise complaint", "3", SMALL, SMALL, NONE, NONE, SMALL, NONE, NONE, NONE],
    ]
    svg = chart(page, "promises")
    assert bar_values(svg, 0) == [("Dog licence", "10")]  # promised
    assert bar_values(svg, 1) == [("Dog licence", "5")]  # median
    assert bar_values(svg, 2) == [("Dog licence", "12")]  # 90th percentile
    assert csv_rows(written, "promises")[1:] == [
        ["dog-licence", "10", "11", "6", "1", "3", "6", "5", "12", "5"],
        ["noise-complaint", "3", "<5", "<5", "", "", "<5", "", "", ""],
    ]


def test_channel_mix_by_service_and_week(written):
    page = parse((written / "index.html").read_text(encoding="utf-8"))
    # online, phone, in person, mail, another system | counted by phone, in person, mail | counted that became a request
    assert table(page, "channels-by-service") == [
        ["Building permit", "0", "0", "0", "0", "0", "9", "3", "0", "2"],
        ["Dog licence", "9", SMALL, "0", SMALL, "0", "0", "0", "0", "0"],
        ["Make a noise complaint", SMALL, "0", "0", "0", "0", "0", "0", "0", "0"],
    ]
    weeks = table(page, "channels-by-week")
    assert [row[0] for row in weeks] == ["March 2, 2026", "March 9, 2026", "March 16, 2026", "March 23, 2026", "March 30, 2026"]
    assert weeks[0][1:] == ["7", SMALL, "0", SMALL, "0", "9", "3", "0", "2"]
    assert weeks[1][1:] == ["5"] + ["0"] * 8
    svg = chart(page, "channels-by-week")
    points = {}
    for k, series in enumerate(svg.find_all("g", cls="gx-chart__series")):
        points[k] = [p.find("title").text() for p in series.find_all("circle")]
    assert points[0] == [f"{w}: Online requests: {n}" for w, n in
                         zip([r[0] for r in weeks], ["7", "5", "0", "0", "0"])]
    # phone + mail in the first week is 2: masked, so no point there
    assert points[1] == [f"{w}: Requests by phone, in person or mail: 0" for w in [r[0] for r in weeks][1:]]
    assert points[2][0] == "March 2, 2026: Contacts counted: 12"
    assert csv_rows(written, "channels-by-week")[1] == ["2026-03-02", "7", "<5", "0", "<5", "0", "9", "3", "0", "2"]
    assert ["dog-licence", "2026-03-09", "5", "0", "0", "0", "0", "0", "0", "0", "0"] in csv_rows(written, "channels-by-service-and-week")


def test_feedback_pages_are_ranked_only_from_enough_answers(written):
    page = parse((written / "index.html").read_text(encoding="utf-8"))
    rows = table(page, "feedback-pages")
    # ranked worst first (by the low end of the interval); then the pages with too few answers, by address
    assert [(r[0], r[1], r[2], r[3], r[6]) for r in rows] == [
        ("/fr/services/dog-licence/", "20", "20", "40", "Compared"),
        ("/services/dog-licence/", "30", "13", "43", "Compared"),
        ("/a-z/", "3", "1", "4", "Too few answers to compare"),
        ("/services/noise-complaint/", "0", "2", "2", "Too few answers to compare"),
    ]
    assert [r[4] for r in rows] == ["50%", "70%", "75%", "0%"]
    for row in csv_rows(written, "feedback-pages")[1:]:
        low, high = (float(x) for x in row[5].split("–"))
        expected = wilson(int(row[1]), int(row[3]))
        assert abs(low - max(0, expected[0])) < 1e-4 and abs(high - expected[1]) < 1e-4, row
    # the chart shows the compared pages only
    assert bar_values(chart(page, "feedback-pages")) == [("/fr/services/dog-licence/", "50%"), ("/services/dog-licence/", "70%")]
    assert table(page, "feedback-services")[0][:4] == ["Dog licence", "50", "33", "83"]
    assert table(page, "feedback-reasons") == [["Could not find it", "2"], ["Hard to understand", "1"]]
    assert bar_values(chart(page, "feedback-reasons")) == [("Could not find it", "2"), ("Hard to understand", "1")]
    comments = table(page, "feedback-comments")
    assert [(c[1], c[2], c[3]) for c in comments] == [
        ("/services/dog-licence/", "Hard to understand", "Too long [email]"),
        ("/services/dog-licence/", "Could not find it", "It does not say where to pay"),
    ]


def test_searches_funnels_and_delivery(written):
    page = parse((written / "index.html").read_text(encoding="utf-8"))
    assert table(page, "searches") == [["permis de peche", "fr", "Nothing found", "2"], ["boat ramp", "en", "Nothing found", "1"]]
    assert table(page, "funnels") == [["Dog licence", "10", "7", "3", "4"]]
    [field] = table(page, "funnel-fields")
    assert field[1:] == ["Dog licence", "required", "3"]
    assert bar_values(chart(page, "funnel-fields")) == [(field[0], "3")]
    assert table(page, "delivery") == [["Request sent to the department", "3", "11", "0", "0", "14"]]
    assert csv_rows(written, "delivery") == [["kind", "sent", "pending", "failed", "given_up", "total"],
                                             ["department", "3", "11", "0", "0", "14"]]


def test_every_chart_has_a_text_alternative_and_a_table(written):
    for path in ("index.html", "fr/index.html"):
        page = parse((written / path).read_text(encoding="utf-8"))
        charts = page.find_all("svg")
        assert len(charts) == 6, path  # promises, weeks, pages, reasons, fields… and feedback by service
        for svg in charts:
            assert svg.get("role") == "img"
            title_id, desc_id = svg.get("aria-labelledby").split()
            assert page.by_id(title_id).text() and len(page.by_id(desc_id).text()) > len(page.by_id(title_id).text())
            table_id = title_id.removeprefix("chart-").removesuffix("-title")
            assert page.by_id(f"{table_id}-table").find("tbody").find_all("tr")


def test_the_two_languages_link_to_each_other_and_share_the_numbers(written):
    en = parse((written / "index.html").read_text(encoding="utf-8"))
    fr = parse((written / "fr" / "index.html").read_text(encoding="utf-8"))
    assert en.find("html").get("lang") == "en" and fr.find("html").get("lang") == "fr"
    assert en.find("a", hreflang="fr").get("href") == "fr/index.html"
    assert fr.find("a", hreflang="en").get("href") == "../index.html"
    assert fr.find("h2", id="promises").text() == "Promesses tenues"
    assert table(fr, "promises")[0] == ["Licence pour chien", "10", "11", "6", "1", "3", "6", "5", "12", "5"]
    assert table(fr, "promises")[1][2] == "moins de 5"
    assert [r[4] for r in table(fr, "feedback-pages")] == ["50\u00a0%", "70\u00a0%", "75\u00a0%", "0\u00a0%"]
    for link in fr.find_all("a"):
        href = link.get("href")
        if href.endswith(".csv"):
            assert (written / "fr" / href).resolve().exists(), href


def test_a_csv_value_a_spreadsheet_would_run_is_text_and_a_number_stays_a_number():
    values = ["=HYPERLINK(\"x\")", "@SUM(A1)", "+ call", "-", "\t=1+1", "\r=1", "-3", "+1", "0.5", "<5", "Where?", ""]
    read = list(csv.reader(io.StringIO(csv_text([[v] for v in values]), newline="")))
    assert [row[0] if row else "" for row in read] == [
        "'=HYPERLINK(\"x\")", "'@SUM(A1)", "'+ call", "'-", "'\t=1+1", "'\r=1", "-3", "+1", "0.5", "<5", "Where?", ""]
