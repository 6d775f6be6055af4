"""The search-misses counts, written through the store (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import threading

from guichet.search.misses import normalise


def count(store, typed: str, lang: str, day: dt.date) -> None:
    store.misses.count(normalise(typed), lang, day)  # as the search view does


def test_counts_and_last_day(store):
    day1, day2 = dt.date(2026, 1, 5), dt.date(2026, 2, 1)
    count(store, "Snow Angels", "en", day1)
    count(store, "snow  angels", "en", day2)
    count(store, "snow angels", "fr", day1)
    count(store, "   ", "en", day1)
    assert store.misses.top() == [("snow angels", "en", 2, day2), ("snow angels", "fr", 1, day1)]


def test_top_is_ordered_and_limited(store):
    for n, word in enumerate(["one", "two", "three"], start=1):
        for _ in range(n):
            count(store, word, "en", dt.date(2026, 1, 1))
    assert [row[0] for row in store.misses.top(2)] == ["three", "two"]


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
    assert store.misses.top() == [("snow angels", "en", 8, dt.date(2026, 1, 5))]
