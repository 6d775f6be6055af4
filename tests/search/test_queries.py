"""Residents' queries against the demo catalogue: the service they want is in the top 3."""

from __future__ import annotations

import pytest

from .queries import QUERIES

TOP = 3
REQUIRED_HIT_RATE = 0.95


def top_slugs(index, lang: str, query: str) -> list[str]:
    return [r.slug for r in index.search(query, lang).results[:TOP]]


@pytest.mark.parametrize(("lang", "query", "slug"), QUERIES, ids=[f"{lang}:{q}" for lang, q, _ in QUERIES])
def test_expected_service_in_top_3(index, catalogue, lang, query, slug):
    if slug not in catalogue.services:
        pytest.skip(f"{slug} is not written yet")
    assert slug in top_slugs(index, lang, query)


def test_hit_rate(index, catalogue, capsys):
    """The share of queries whose service is in the top 3 (``pytest -s`` prints it)."""
    asked = [(lang, q, slug) for lang, q, slug in QUERIES if slug in catalogue.services]
    tops = {(lang, q): top_slugs(index, lang, q) for lang, q, _ in asked}
    misses = [(lang, q, slug) for lang, q, slug in asked if slug not in tops[lang, q]]
    firsts = sum(tops[lang, q][:1] == [slug] for lang, q, slug in asked)
    rate = 1 - len(misses) / len(asked)
    with capsys.disabled():
        print(f"\nsearch hit rate (top {TOP}): {len(asked) - len(misses)}/{len(asked)} = {rate:.1%};"
              f" first: {firsts}/{len(asked)} = {firsts / len(asked):.1%}"
              f" ({len(QUERIES) - len(asked)} queries wait for their service's page)")
        for miss in misses:
            print("  missed:", *miss)
    assert len(asked) >= 60
    assert rate >= REQUIRED_HIT_RATE


@pytest.mark.parametrize(("lang", "query", "other", "slug"), [
    ("en", "vidanges", "fr", "garbage-recycling-collection"),
    ("en", "nid de poule", "fr", "report-pothole"),
    ("en", "déneigement", "fr", "snow-clearing"),
    ("fr", "garbage", "en", "garbage-recycling-collection"),
    ("fr", "pothole", "en", "report-pothole"),
    ("fr", "snow removal", "en", "snow-clearing"),
])
def test_words_of_the_other_language(index, lang, query, other, slug):
    response = index.search(query, lang)
    assert (response.lang, response.results_lang) == (lang, other)
    assert response.results[0].slug == slug


@pytest.mark.parametrize(("lang", "query"), [("fr", "ticket de parking"), ("fr", "parking"), ("en", "dog licnse")])
def test_words_known_in_both_or_misspelt_stay_in_the_page_language(index, lang, query):
    assert index.search(query, lang).results_lang == lang
