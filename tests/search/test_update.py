"""``update_service`` (#18, the preview's search): one service changed in place answers every query as an
index written afresh from the same catalogue does, and its rows, vocabulary and counts are the same."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from guichet.model import load_catalogue
from guichet.search import SearchIndex
from guichet.search.build import write_index
from guichet.search.update import LiveIndex, update_service

from tests.search.queries import HELD_OUT, OUT_OF_CATALOGUE, QUERIES
from tests.support.apps import CATALOGUE

SLUG = "dog-licence"
ASKED = [(lang, q) for lang, q, _ in QUERIES + OUT_OF_CATALOGUE] + HELD_OUT + [
    ("en", "zanzibarquokka"), ("en", "zanzibarquoka"), ("fr", "zanzibarquokka"), ("en", "dog"), ("en", "licence"),
    ("fr", "médaille"), ("en", "rabies vaccination"), ("en", "pet"),
]


def written(catalogue) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    write_index(conn, catalogue)
    return conn


def reader(conn: sqlite3.Connection) -> SearchIndex:
    return SearchIndex.from_bytes(conn.serialize())


def tables(conn: sqlite3.Connection) -> dict:
    return {
        "docs": sorted(conn.execute("SELECT lang, slug, title, summary, url FROM docs")),  # ids: by title order when written
        "vocab": sorted(conn.execute("SELECT lang, word, term, df FROM vocab")),
        "grams": sorted(conn.execute("SELECT lang, gram, word FROM grams")),
        "meta": sorted(conn.execute("SELECT key, value FROM meta WHERE key LIKE 'pages_%'")),
    }


def answers(index: SearchIndex) -> list:
    out = []
    for lang, query in ASKED:
        r = index.search(query, lang)
        out.append((lang, query, r.results, r.related, r.elsewhere, r.corrected, r.results_lang))
    return out


def edited(catalogue, change):
    """A copy of ``catalogue`` whose dog-licence service has ``change`` applied (language → new page or None)."""
    service = catalogue.services[SLUG]
    pages = {lang: page for lang, page in service.pages.items()}
    for lang, page in change(pages).items():
        if page is None:
            pages.pop(lang, None)
        else:
            pages[lang] = page
    return replace(catalogue, services={**catalogue.services, SLUG: replace(service, pages=pages)})


def retitled(pages):
    en, fr = pages["en"], pages["fr"]
    return {
        "en": replace(en, meta=en.meta.model_copy(update={"title": "Zanzibarquokka tag for your dog",
                                                          "keywords": [*en.meta.keywords, "zanzibarquokka"]}),
                      body="Every dog needs a tag. " + en.body.split("\n\n", 1)[-1]),
        "fr": replace(fr, body=fr.body + "\n\nLe mot zanzibarquokka.\n"),
    }


@pytest.fixture(scope="module")
def demo():
    return load_catalogue(CATALOGUE)


@pytest.mark.parametrize("change", [retitled, lambda pages: {"fr": None}], ids=["edited", "twin removed"])
def test_one_service_updated_in_place_answers_as_a_fresh_index(demo, change):
    after = edited(demo, change)
    conn = written(demo)
    update_service(conn, after, SLUG, demo.services[SLUG].pages)
    fresh = written(after)
    assert tables(conn) == tables(fresh)
    assert answers(reader(conn)) == answers(reader(fresh))


def test_an_edit_and_its_undo_give_back_the_first_index(demo):
    after = edited(demo, retitled)
    conn = written(demo)
    update_service(conn, after, SLUG, demo.services[SLUG].pages)
    assert [r.slug for r in reader(conn).search("zanzibarquokka", "en").results] == [SLUG]
    update_service(conn, demo, SLUG, after.services[SLUG].pages)
    assert tables(conn) == tables(written(demo))
    assert reader(conn).search("zanzibarquokka", "en").results == []


def test_a_live_index_is_read_at_once_by_other_connections(demo):
    live = LiveIndex(demo)
    try:
        assert live.index.search("zanzibarquokka", "fr").results == []
        after = edited(demo, retitled)
        live.update(after, SLUG, demo.services[SLUG].pages)
        assert [r.slug for r in live.index.search("zanzibarquokka", "fr").results] == [SLUG]
        live.rebuild(demo)
        assert live.index.search("zanzibarquokka", "fr").results == []
    finally:
        live.close()
