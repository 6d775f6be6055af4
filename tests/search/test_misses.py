"""The zero-result counts: normalising, counting, reporting (on a plain SQLite engine)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import create_engine

from guichet.search import misses


@pytest.fixture
def engine(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    misses.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.mark.parametrize(("typed", "stored"), [
    ("  Dog   LICNSE ", "dog licnse"),
    ("écrire à jean.tremblay@courriel.ca", "écrire à [email]"),
    ("call me 613 555 0100", "call me [phone]"),
    ("+1 (613) 555-0100", "[phone]"),
    ("k1a 0b1 snow", "[postal code] snow"),
    ("K1A0B1", "[postal code]"),
    ("12 main street", "12 main street"),
    ("1234 main street", "[number] main street"),
    ("x" * 500, "x" * 100),
    ("\x00\x07", ""),
])
def test_normalise(typed, stored):
    assert misses.normalise(typed) == stored


def test_counts_and_last_day(engine):
    day1, day2 = dt.date(2026, 1, 5), dt.date(2026, 2, 1)
    misses.record_miss(engine, "Snow Angels", "en", day1)
    misses.record_miss(engine, "snow  angels", "en", day2)
    misses.record_miss(engine, "snow angels", "fr", day1)
    misses.record_miss(engine, "   ", "en", day1)
    assert misses.top_misses(engine) == [("snow angels", "en", 2, day2), ("snow angels", "fr", 1, day1)]


def test_top_is_ordered_and_limited(engine):
    for n, word in enumerate(["one", "two", "three"], start=1):
        for _ in range(n):
            misses.record_miss(engine, word, "en", dt.date(2026, 1, 1))
    assert [row[0] for row in misses.top_misses(engine, 2)] == ["three", "two"]


def test_report_text(engine):
    assert misses.report([]) == "No searches without results recorded."
    misses.record_miss(engine, "snow angels", "en", dt.date(2026, 1, 5))
    text = misses.report(misses.top_misses(engine))
    assert text.splitlines()[0].split() == ["count", "lang", "last", "seen", "query"]
    assert text.splitlines()[2].split() == ["1", "en", "2026-01-05", "snow", "angels"]


def test_creating_the_table_twice_is_harmless(engine):
    misses.record_miss(engine, "snow angels", "en", dt.date(2026, 1, 5))
    misses.metadata.create_all(engine)  # a second start-up: the counts already there are kept
    misses.record_miss(engine, "snow angels", "en", dt.date(2026, 1, 6))
    assert misses.top_misses(engine) == [("snow angels", "en", 2, dt.date(2026, 1, 6))]
