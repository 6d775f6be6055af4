"""The resident query suite's four numbers (issue #16), per language: correctness, not timing.

``python -m bench.search_quality --misses`` prints them and what missed.
"""

from __future__ import annotations

import pytest

from bench.search_quality import HELD_OUT_FLOOR, TARGETS, measure

from .queries import HELD_OUT_EN, HELD_OUT_FR, OUT_EN, OUT_FR


@pytest.fixture(scope="module")
def quality(catalogue):
    return measure(catalogue)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_in_catalogue_top_3_and_first_and_out_of_catalogue_empty(quality, lang):
    rates = quality[lang].rates()
    assert quality[lang].asked >= 100 and quality[lang].out >= 20
    assert rates["top3"] >= TARGETS["top3"], rates
    assert rates["first"] >= TARGETS["first"], rates
    assert rates["empty"] >= TARGETS["empty"], rates


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_what_another_government_handles_is_answered(quality, lang):
    assert quality[lang].rates()["elsewhere"] >= 0.9


def test_at_least_20_out_of_catalogue_queries_per_language():
    assert len(OUT_EN) >= 20 and len(OUT_FR) >= 20
    assert len({q for q, _ in OUT_EN}) == len(OUT_EN) and len({q for q, _ in OUT_FR}) == len(OUT_FR)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_held_out_queries_nobody_tuned_for_mostly_find_no_city_service(quality, lang):
    """``HELD_OUT``: out-of-catalogue queries no word list or threshold was written for; the ranking's
    rules alone must leave their ``results`` empty (floor: the share reached when they were added)."""
    assert quality[lang].held == 20
    assert quality[lang].rates()["held_out"] >= HELD_OUT_FLOOR, quality[lang]


def test_held_out_queries_are_apart_from_the_tuned_ones():
    assert len(set(HELD_OUT_EN)) == len(HELD_OUT_EN) == 20 and len(set(HELD_OUT_FR)) == len(HELD_OUT_FR) == 20
    assert not set(HELD_OUT_EN) & {q for q, _ in OUT_EN}
