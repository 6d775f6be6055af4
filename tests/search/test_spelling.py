"""Typo tolerance: edit distance and corrections from the index vocabulary."""

from __future__ import annotations

import pytest

from guichet.search.spelling import distance, max_edits


@pytest.mark.parametrize(("a", "b", "d"), [("licnse", "license", 1), ("garbge", "garbage", 1), ("grabage", "garbage", 1),
                                           ("lisence", "license", 2), ("dog", "dog", 0), ("abc", "xyz", 3)])
def test_distance(a, b, d):
    assert distance(a, b, 5) == d


def test_distance_stops_early_past_the_limit():
    assert distance("garbage", "library", 1) == 2
    assert distance("a", "abcdef", 2) == 3


def test_short_words_are_not_corrected():
    assert [max_edits(w) for w in ("tax", "park", "parkng", "grabage")] == [0, 1, 1, 2]


@pytest.mark.parametrize(("lang", "typed", "meant"), [("en", "licnse", "license"), ("en", "garbge", "garbage"),
                                                      ("en", "recyclng", "recycling"), ("fr", "biblioteque", "bibliotheque"),
                                                      ("fr", "vidanje", "vidanges")])
def test_typos_are_corrected_from_the_vocabulary(index, lang, typed, meant):
    response = index.search(typed, lang)
    assert response.corrected == {typed: meant}
    assert response.results


def test_known_words_are_not_corrected(index):
    assert index.search("dog licence", "en").corrected == {}


def test_a_word_nothing_resembles_finds_nothing(index):
    response = index.search("zzzzqqqq", "en")
    assert response.results == [] and response.corrected == {}


@pytest.mark.parametrize(("typed", "slug"), [("deneigment", "snow-clearing"), ("poubele", "garbage-recycling-collection")])
def test_the_french_stemmer_absorbs_some_typos_itself(index, typed, slug):
    response = index.search(typed, "fr")
    assert response.corrected == {}
    assert response.results[0].slug == slug
