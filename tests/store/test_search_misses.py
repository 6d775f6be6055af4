"""The search-misses counts, written through the store (SQLite and PostgreSQL): kinds, months, the cap, expiry."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from forms_app.store.misses import SearchMisses, months_before
from guichet.search.misses import normalise


def count(store, typed: str, lang: str, day: dt.date, kind: str = "no_result") -> None:
    store.misses.count(normalise(typed), lang, kind, day)  # as the search view does


def test_counts_and_last_day(store):
    day1, day2 = dt.date(2026, 1, 5), dt.date(2026, 1, 20)
    count(store, "Snow Angels", "en", day1)
    count(store, "snow  angels", "en", day2)
    count(store, "snow angels", "fr", day1)
    count(store, "   ", "en", day1)
    assert store.misses.top() == [("snow angels", "en", "no_result", 2, day2), ("snow angels", "fr", "no_result", 1, day1)]


def test_kinds_are_counted_apart(store):
    day = dt.date(2026, 3, 2)
    count(store, "passport", "en", day, "elsewhere_only")
    count(store, "passport", "en", day, "elsewhere_only")
    count(store, "hockey", "en", day, "related_only")
    count(store, "zzqx", "en", day, "no_result")
    assert store.misses.top() == [("passport", "en", "elsewhere_only", 2, day), ("hockey", "en", "related_only", 1, day),
                                  ("zzqx", "en", "no_result", 1, day)]
    assert store.misses.top(kind="related_only") == [("hockey", "en", "related_only", 1, day)]
    assert store.misses.totals() == [("en", "elsewhere_only", 2), ("en", "no_result", 1), ("en", "related_only", 1)]
    with pytest.raises(ValueError):
        store.misses.count("passport", "en", "found", day)


def test_months_are_counted_apart_and_summed_in_the_report(store):
    count(store, "passport", "en", dt.date(2026, 1, 30))
    count(store, "passport", "en", dt.date(2026, 2, 1))
    count(store, "passport", "en", dt.date(2026, 2, 3))
    assert store.misses.rows() == 2
    assert store.misses.top() == [("passport", "en", "no_result", 3, dt.date(2026, 2, 3))]
    assert store.misses.top(since=dt.date(2026, 2, 15)) == [("passport", "en", "no_result", 2, dt.date(2026, 2, 3))]


def test_top_is_ordered_and_limited(store):
    for n, word in enumerate(["one", "two", "three"], start=1):
        for _ in range(n):
            count(store, word, "en", dt.date(2026, 1, 1))
    assert [row[0] for row in store.misses.top(2)] == ["three", "two"]


def test_the_table_is_capped_per_language_and_month(store):
    """A loop of unique queries cannot grow the table: the least asked rows go first."""
    misses = SearchMisses(store.engine, cap=5)
    day = dt.date(2026, 4, 10)
    for _ in range(3):
        misses.count("often asked", "en", "no_result", day)
    misses.count("french one", "fr", "no_result", day)
    for i in range(40):
        misses.count(f"unique query {chr(97 + i % 26)}{chr(97 + i // 26)}", "en", "no_result", day)
    assert misses.rows() == 6  # 5 English rows, 1 French
    kept = misses.top(20)
    assert ("often asked", "en", "no_result", 3, day) in kept and ("french one", "fr", "no_result", 1, day) in kept
    assert sum(1 for row in kept if row[1] == "en") == 5


def test_old_months_expire_when_a_row_is_written(store):
    misses = SearchMisses(store.engine, keep_months=3)
    misses.count("old", "en", "no_result", dt.date(2026, 1, 5))
    misses.count("kept", "en", "no_result", dt.date(2026, 2, 5))
    misses.count("new", "fr", "no_result", dt.date(2026, 4, 1))  # keeps February, March and April
    assert sorted(row[0] for row in misses.top()) == ["kept", "new"]


def test_months_before():
    assert months_before(dt.date(2026, 1, 31), 0) == dt.date(2026, 1, 1)
    assert months_before(dt.date(2026, 1, 31), 1) == dt.date(2025, 12, 1)
    assert months_before(dt.date(2026, 3, 2), 14) == dt.date(2025, 1, 1)


def test_counting_together_loses_no_search(store):
    """Eight requests counting the same new query at once (update, then insert on the first): eight."""
    barrier = threading.Barrier(8)
    errors: list[str] = []

    def one():
        barrier.wait(10)
        try:
            count(store, "snow angels", "en", dt.date(2026, 1, 5))
        except Exception as exc:  # the assertion below shows it
            errors.append(type(exc).__name__)

    threads = [threading.Thread(target=one) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert store.misses.top() == [("snow angels", "en", "no_result", 8, dt.date(2026, 1, 5))]


def test_revision_0005_keeps_the_counts_and_masks_what_was_stored_as_typed(db_url):
    """Rows from before 0005 were stored as typed ("jean tremblay", "abcd-efgh"): the upgrade masks them,
    sums the rows that then coincide, and files them as no_result in their month."""
    from alembic import command
    from sqlalchemy import text

    from forms_app.store import Store, make_engine
    from forms_app.store.engine import write_transaction
    from forms_app.store.migrate import alembic_config

    engine = make_engine(db_url)
    try:
        with write_transaction(engine) as conn:
            command.upgrade(alembic_config(conn), "0004")
            for query, n, day in [("jean tremblay", 2, "2026-01-05"), ("john smith", 1, "2026-01-09"),
                                  ("abcd-efgh", 4, "2026-02-01"), ("snow angels", 3, "2026-02-03")]:
                conn.execute(text("INSERT INTO search_misses (query, lang, count, last_seen) VALUES (:q, 'en', :n, :d)"),
                             {"q": query, "n": n, "d": dt.date.fromisoformat(day)})
        store = Store(engine)
        store.create_tables()
        assert sorted(store.misses.top()) == [
            ("[name]", "en", "no_result", 3, dt.date(2026, 1, 9)),
            ("[reference]", "en", "no_result", 4, dt.date(2026, 2, 1)),
            ("snow angels", "en", "no_result", 3, dt.date(2026, 2, 3)),
        ]
    finally:
        engine.dispose()
