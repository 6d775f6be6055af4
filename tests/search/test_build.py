"""Building the index file and reading it back."""

from __future__ import annotations

import sqlite3

import pytest

from guichet.model import load_catalogue
from guichet.search import IndexProblem, SearchIndex, build_index

from .services import write_service


def both(root, slug, **fields):
    write_service(root, slug, "en", **fields)
    write_service(root, slug, "fr", **fields)


def test_build_index_writes_a_readable_file(catalogue, tmp_path):
    path = build_index(catalogue, tmp_path / "site" / "search.sqlite3")
    assert path == tmp_path / "site" / "search.sqlite3"
    index = SearchIndex.open(path)
    assert index.languages == ("en", "fr")
    assert int(index.meta["pages_en"]) == len(catalogue.in_language("en"))
    assert index.search("dog licence", "en").results[0].url == "/services/dog-licence/"
    assert index.search("licence pour chien", "fr").results[0].url == "/fr/services/dog-licence/"
    assert [p.name for p in path.parent.iterdir()] == ["search.sqlite3"]  # no temporary file left


def test_the_index_uses_fts5_with_folded_accents_and_prefixes(catalogue, tmp_path):
    path = build_index(catalogue, tmp_path / "search.sqlite3")
    sql = sqlite3.connect(path).execute("SELECT sql FROM sqlite_master WHERE name = 'fts_fr'").fetchone()[0]
    assert "fts5" in sql and "remove_diacritics 2" in sql and "prefix='2 3 4'" in sql


def test_rebuilding_replaces_the_file_while_readers_keep_working(catalogue, tmp_path):
    path = build_index(catalogue, tmp_path / "search.sqlite3")
    old = SearchIndex.open(path)
    assert old.search("pothole").results
    build_index(catalogue, path)
    assert old.search("pothole").results
    assert SearchIndex.open(path).search("pothole").results


def test_title_and_keywords_rank_above_the_body(mini_root):
    both(mini_root, "body-only", title="Thing one", keywords=["first"],
         body="Zebra crossing. A zebra here, a zebra there, zebras everywhere.")
    both(mini_root, "in-title", title="Zebra crossing", keywords=["second"], body="Nothing else.")
    both(mini_root, "in-keywords", title="Thing three", keywords=["zebra"], body="Nothing else.")
    index = SearchIndex.open(build_index(load_catalogue(mini_root), mini_root / "s.sqlite3"))
    assert [r.slug for r in index.search("zebra").results] == ["in-title", "in-keywords", "body-only"]


def test_words_only_in_the_body_do_not_answer_a_query_of_several(mini_root):
    """A page that says the query's words only in its body is related, not an answer (rank.BODY_WEIGHT)."""
    both(mini_root, "said", title="Zebra crossing", keywords=["stripes"], body="Nothing else.")
    both(mini_root, "mentioned", title="Thing two", keywords=["second"], body="Zebra stripes here, zebra stripes there.")
    index = SearchIndex.open(build_index(load_catalogue(mini_root), mini_root / "s.sqlite3"))
    response = index.search("zebra stripes")
    assert [r.slug for r in response.results] == ["said"] and [r.slug for r in response.related] == ["mentioned"]
    assert [r.slug for r in index.search("zebra").results] == ["said", "mentioned"]  # one word: said anywhere


def test_a_page_must_have_half_of_the_words_asked(mini_root):
    """One word of three, the two others unknown to every page: related only (rank.MIN_CONCEPTS)."""
    both(mini_root, "zebra", title="Zebra crossing", keywords=["stripes"], body="Nothing else.")
    both(mini_root, "other", title="Thing two", keywords=["second"], body="Nothing else.")
    index = SearchIndex.open(build_index(load_catalogue(mini_root), mini_root / "s.sqlite3"))
    response = index.search("zebra qwxunicorn qwxpegasus")
    assert response.results == [] and [r.slug for r in response.related] == ["zebra"]
    assert [r.slug for r in index.search("zebra qwxunicorn").results] == ["zebra"]


def test_editors_synonyms_are_used(mini_root):
    both(mini_root, "bins", title="Cart collection", keywords=["carts"], body="We empty carts weekly.")
    index = SearchIndex.open(build_index(load_catalogue(mini_root), mini_root / "s.sqlite3"))
    assert index.search("wheelie bin").results == []
    text = (mini_root / "synonyms.yml").read_text(encoding="utf-8")
    (mini_root / "synonyms.yml").write_text(text.replace("en:\n", "en:\n  - [cart, wheelie bin]\n"), encoding="utf-8")
    index = SearchIndex.open(build_index(load_catalogue(mini_root), mini_root / "s.sqlite3"))
    assert [r.slug for r in index.search("wheelie bin").results] == ["bins"]


def test_an_empty_catalogue_gives_an_empty_index(mini_root):
    index = SearchIndex.open(build_index(load_catalogue(mini_root), mini_root / "s.sqlite3"))
    assert index.search("anything").results == []


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(IndexProblem, match="no search index"):
        SearchIndex.open(tmp_path / "nope.sqlite3")


def test_a_file_that_is_not_an_index_is_a_clear_error(tmp_path):
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE x (y)")
    conn.commit()
    conn.close()
    with pytest.raises(IndexProblem, match="not a Guichet search index"):
        SearchIndex.open(path)


def test_an_index_of_another_schema_version_is_refused(catalogue, tmp_path):
    path = build_index(catalogue, tmp_path / "s.sqlite3")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(IndexProblem, match="rebuild the site"):
        SearchIndex.open(path)


def test_the_index_is_opened_read_only(catalogue, tmp_path):
    path = build_index(catalogue, tmp_path / "s.sqlite3")
    index = SearchIndex.open(path)
    index.search("dog")
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        index._planner("en").conn.execute("DELETE FROM docs")


def test_a_rebuilt_file_is_picked_up_without_a_restart(mini_root, tmp_path):
    both(mini_root, "first", title="Zeppelin mooring", keywords=["airship"], body="Moor it.")
    path = build_index(load_catalogue(mini_root), tmp_path / "search.sqlite3")
    index = SearchIndex.open(path)
    assert [r.slug for r in index.search("airship").results] == ["first"]
    both(mini_root, "second", title="Hot air balloon launch", keywords=["balloon"], body="Launch it.")
    build_index(load_catalogue(mini_root), path)
    assert [r.slug for r in index.search("balloon").results] == ["second"]
    path.unlink()  # a site build cleaning its folder: the open index goes on
    assert [r.slug for r in index.search("balloon").results] == ["second"]


def test_the_site_build_writes_the_index(built_site):
    """``guichet build`` writes ``search.sqlite3``."""
    index = SearchIndex.open(built_site / "search.sqlite3")
    assert index.search("dog license").results[0].url == "/services/dog-licence/"
    assert index.search("vidanges", "fr").results[0].url == "/fr/services/garbage-recycling-collection/"
