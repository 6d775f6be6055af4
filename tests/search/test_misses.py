"""The zero-result counts: what may be kept (normalising) and how the report reads.

Counting is the store's (``Store.misses``): tests/store/test_search_misses.py.
"""

from __future__ import annotations

import datetime as dt

import pytest

from forms_app.store.schema import search_misses
from guichet.search import misses


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


def test_report_text():
    assert misses.report([]) == "No searches without results recorded."
    text = misses.report([("snow angels", "en", 1, dt.date(2026, 1, 5))])
    assert text.splitlines()[0].split() == ["count", "lang", "last", "seen", "query"]
    assert text.splitlines()[2].split() == ["1", "en", "2026-01-05", "snow", "angels"]


def test_the_longest_kept_text_fits_the_stores_column():
    assert search_misses.c.query.type.length == misses.MAX_STORED_CHARS
