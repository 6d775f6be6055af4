"""The searches no City service answered: what may be kept (normalising, masking) and how the report reads.

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


@pytest.mark.parametrize(("typed", "stored"), [
    ("abcd-efgh", "[reference]"),
    ("ABCD-2345", "[reference]"),
    ("status of ABCD-2345", "status of [reference]"),
    ("where is my request abcd2345", "where is my request [reference]"),
    ("licence A1234567", "licence [reference]"),
    ("account 12ab34cd56", "account [code]"),
    ("roll number 0612345678901234", "roll number [phone]"),  # a long digit run: masked whichever way
    ("business permit", "business permit"),  # eight letters, no digit, no hyphen: a word
])
def test_identifiers_are_masked(typed, stored):
    assert misses.normalise(typed) == stored


@pytest.mark.parametrize(("typed", "stored"), [
    ("jean tremblay", "[name]"),
    ("Jean Tremblay", "[name]"),
    ("marie-claude gagnon", "[name]"),
    ("Marie-Claude Gagnon permis", "[name] permis"),
    ("john smith", "[name]"),
    ("priya patel", "[name]"),
    ("mohamed hassan parking", "[name] parking"),
    ("nguyen", "[name]"),
    ("jean dupuis", "[name]"),  # a given name and a surname we do not list
    ("Jean Dupuis-Laflamme dossier", "[name] dossier"),
    ("my name is Kwame Mensah", "my name is [name]"),
    ("My name is kwame mensah and my dog is lost", "my name is [name]"),
    ("je m'appelle Éloïse Bérard", "je m'appelle [name]"),
    ("je m’appelle éloïse", "je m’appelle [name]"),
    ("mon nom est Côté", "mon nom est [name]"),
    ("permis de conduire de sylvie côté", "permis de conduire de [name]"),
    ("tremblay abcd-efgh", "[name] [reference]"),
])
def test_names_are_masked(typed, stored):
    assert misses.normalise(typed) == stored


@pytest.mark.parametrize("typed", [
    "water bill", "dog park", "mark the date", "ward councillor", "white bin", "rose garden", "parking ticket",
    "passport renewal", "permis de pêche", "collecte des feuilles", "garbage day", "fishing licence",
])
def test_ordinary_words_are_kept(typed):
    assert misses.normalise(typed) == typed


def test_report_text():
    assert misses.report([]) == "No searches without results recorded."
    text = misses.report([("snow angels", "en", "no_result", 2, dt.date(2026, 1, 5)),
                          ("passport", "fr", "elsewhere_only", 1, dt.date(2026, 1, 6))],
                         [("en", "no_result", 2), ("fr", "elsewhere_only", 1)])
    lines = text.splitlines()
    assert lines[0] == ("searches that found no City service: en: 2 no result, 0 elsewhere only, 0 related only;"
                        " fr: 0 no result, 1 elsewhere only, 0 related only")
    assert lines[2].split() == ["count", "lang", "kind", "last", "seen", "query"]
    assert lines[4].split() == ["2", "en", "no_result", "2026-01-05", "snow", "angels"]
    assert lines[5].split() == ["1", "fr", "elsewhere_only", "2026-01-06", "passport"]


def test_the_longest_kept_text_fits_the_stores_column():
    assert search_misses.c.query.type.length == misses.MAX_STORED_CHARS
    assert search_misses.c.kind.type.length >= max(len(k) for k in misses.KINDS)


def test_a_month_is_its_first_day():
    assert misses.month(dt.date(2026, 2, 28)) == dt.date(2026, 2, 1)
