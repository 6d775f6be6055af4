"""The report's arithmetic: business days in the city's time zone, nearest-rank percentiles, Wilson intervals,
and "fewer than 5"."""

from __future__ import annotations

import datetime as dt
from datetime import UTC

import pytest

from forms_app.insights.charts import Chart, Series
from forms_app.insights.model import Scope, build
from forms_app.insights.stats import percentile, week_of, wilson
from forms_app.insights.view import count, days
from guichet.business_days import business_days_between, due_date
from guichet.model.catalogue import load_catalogue
from tests.support.html_tree import parse
from tests.support.insights import TZ, submission

MONDAY = dt.date(2026, 3, 2)


@pytest.mark.parametrize("n", [0, 1, 4, 5, 10, 23])
def test_business_days_between_undoes_due_date(n):
    for start in (MONDAY + dt.timedelta(days=k) for k in range(7)):
        assert business_days_between(start, due_date(start, n)) == n


def test_business_days_skip_the_weekend():
    friday = dt.date(2026, 3, 6)
    assert business_days_between(friday, friday + dt.timedelta(days=3)) == 1  # Friday to Monday
    assert business_days_between(friday, friday + dt.timedelta(days=1)) == 0  # Friday to Saturday
    assert business_days_between(friday, friday) == 0


def test_nearest_rank_percentiles():
    assert percentile([], 50) is None
    assert percentile([7], 90) == 7
    assert percentile([2, 3, 5, 7, 10, 12], 50) == 5 and percentile([2, 3, 5, 7, 10, 12], 90) == 12
    assert percentile(list(range(1, 11)), 90) == 9 and percentile(list(range(1, 11)), 50) == 5


def test_wilson_interval_matches_the_published_values():
    low, high = wilson(8, 10)  # Newcombe (1998), table I: 0.4902 to 0.9433
    assert round(low, 4) == 0.4902 and round(high, 4) == 0.9433
    low, high = wilson(0, 10)
    assert low == 0 and round(high, 4) == 0.2775
    assert wilson(0, 0) is None


def test_weeks_start_on_monday():
    assert week_of(dt.date(2026, 3, 8)) == MONDAY and week_of(MONDAY) == MONDAY


def test_small_counts_read_fewer_than_5_only_where_masked():
    assert [count(n, "en", mask=True).text for n in (0, 1, 4, 5)] == ["0", "fewer than 5", "fewer than 5", "5"]
    assert [count(n, "en", mask=True).value for n in (0, 3, 12)] == ["0", "<5", "12"]
    assert count(3, "en").text == "3"
    assert count(2, "fr", mask=True).text == "moins de 5"
    assert days(None, "en").text == "not enough data"


def test_durations_are_counted_in_the_citys_days(store):
    """Sent Monday at 23:30 in Bellerive (Tuesday 04:30 UTC), completed Tuesday: one business day, not zero."""
    clock = store.clock
    refs = []
    for minute in range(5):
        clock.now = dt.datetime(2026, 3, 3, 4, 30 + minute, tzinfo=UTC)
        refs.append(store.save(submission("dog-licence", "animal-services", "web")).reference)
    clock.now = dt.datetime(2026, 3, 3, 15, 0, tzinfo=UTC)
    for ref in refs:
        store.set_status(ref, "completed")
    catalogue = load_catalogue("catalogue")
    [promise] = build(store, catalogue, Scope(MONDAY, MONDAY + dt.timedelta(days=6), None, TZ)).promises
    assert (promise.received, promise.completed, promise.done_median, promise.done_p90, promise.within) == (5, 5, 1, 1, 5)
    assert (promise.first_median, promise.first_p90) == (1, 1)  # "completed" is also the first change


def test_a_chart_describes_itself_in_words():
    chart = Chart("bars", "Errors by question", ["Name", "Postal code"], [Series("Errors", [12, None])], "en")
    svg = parse(chart.svg("c1")).find("svg")
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "c1-title c1-desc"
    assert svg.find("title", id="c1-title").text() == "Errors by question"
    assert svg.find("desc", id="c1-desc").text() == (
        "Errors by question. Errors: highest 12 (Name), lowest 12 (Name). Every value is in the table that follows.")
    assert len(svg.find_all("rect")) == 1  # the masked value draws no bar…
    assert [t.text() for t in svg.find_all("text", cls="gx-chart__value")] == ["12", "fewer than 5 or no data"]  # …but says so
