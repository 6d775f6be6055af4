"""Analysis: accents, case, stems, British and American spellings, stop words."""

from __future__ import annotations

import pytest

from guichet.search.analysis import Analyzer, strip_accents, words


@pytest.fixture(scope="module")
def en():
    return Analyzer("en")


@pytest.fixture(scope="module")
def fr():
    return Analyzer("fr")


def test_accents_and_case_are_ignored(fr):
    assert fr.terms("Déneigement") == fr.terms("deneigement") == fr.terms("DÉNEIGEMENT")
    assert strip_accents("cœur Æsop") == "coeur AEsop"


@pytest.mark.parametrize(("a", "b"), [("licence", "license"), ("licences", "licensing"), ("colour", "color"),
                                      ("centres", "center"), ("neighbours", "neighbor"), ("organise", "organize")])
def test_british_and_american_spellings_meet(en, a, b):
    assert en.terms(a) == en.terms(b)


@pytest.mark.parametrize(("lang", "a", "b"), [("en", "permits", "permit"), ("en", "burning", "burn"),
                                              ("fr", "arbres", "arbre"), ("fr", "vidanges", "vidange"),
                                              ("fr", "médailles", "medaille")])
def test_stemming(lang, a, b):
    analyzer = Analyzer(lang)
    assert analyzer.terms(a) == analyzer.terms(b)


def test_stop_words_are_dropped(en, fr):
    assert en.terms("how do I get a dog licence") == en.terms("dog licence")
    assert fr.terms("permis pour couper un arbre") == fr.terms("permis couper arbre")


def test_a_query_of_stop_words_only_keeps_them(en):
    assert en.content_words("how do I") == ["how", "do", "i"]


def test_words_split_hyphens_and_elisions():
    assert words("Nid-de-poule à l’hôtel d'eau") == ["nid", "de", "poule", "à", "l", "hôtel", "d", "eau"]


def test_unknown_language_falls_back_to_english():
    assert Analyzer("xx").lang == "en"
