"""Change one service in a search index without writing it again: for the editors' preview.

``update_service(conn, catalogue, slug, before)`` replaces the rows of one
service, in every language of the index, by what ``catalogue`` now holds:
its ``docs`` row, its FTS5 row, and the vocabulary (``vocab``, ``grams``)
its words added or took away. ``before`` is the service's pages as the index
holds them (the last version written): the FTS5 tables are contentless
(``content=''``), so a row is taken out by giving FTS5 the very texts it was
given (``'delete'``). The index then answers as one written afresh from the
same catalogue does, with the same rows, vocabulary and counts
(``tests/search/test_update.py``); only page ids differ (a page keeps its id,
a fresh index numbers pages in title order), which could order two pages of
exactly equal score differently.

Synonyms, ``elsewhere.yml`` and the taxonomy (a topic's name is indexed with
its pages) are not updated here: when they change, write the index again
(``LiveIndex.rebuild``).

``LiveIndex`` is an index in memory (SQLite's ``memdb``) that one connection
writes and a ``SearchIndex`` reads, each thread with its own connection, so
an update is seen by the next search.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
from collections.abc import Mapping
from typing import TYPE_CHECKING

from .analysis import Analyzer
from .build import COLUMNS, grams, insert_page, page_terms, stemmed_phrase, write_index
from .index import SearchIndex

if TYPE_CHECKING:
    from ..model import Catalogue, ServicePage

_names = itertools.count()


def phrase_words(catalogue: "Catalogue", analyzer: Analyzer) -> set[str]:
    """The plain words of the synonyms and ``elsewhere.yml`` in one language: known words with no page."""
    lang = analyzer.lang
    phrases = [entry for group in catalogue.synonyms.get(lang, []) for entry in group]
    phrases += [phrase for entry in catalogue.elsewhere.values() for phrase in entry.words.get(lang)]
    known: dict[str, str] = {}
    for phrase in phrases:
        stemmed_phrase(phrase, analyzer, known)  # as write_language adds them to the vocabulary
    return set(known)


def update_service(conn: sqlite3.Connection, catalogue: "Catalogue", slug: str,
                   before: Mapping[str, "ServicePage"]) -> None:
    """Replace service ``slug``'s rows in every language by its pages in ``catalogue`` (none: removed);
    ``before``: its pages as the index holds them (language → page). Commits."""
    service = catalogue.services.get(slug)
    after = service.pages if service else {}
    languages = conn.execute("SELECT value FROM meta WHERE key = 'languages'").fetchone()[0].split()
    for lang in languages:
        old, new = before.get(lang), after.get(lang)
        if old is new:
            continue
        analyzer = Analyzer(lang)
        old_texts, old_words = page_terms(old, catalogue, analyzer) if old else ([], {})
        new_texts, new_words = page_terms(new, catalogue, analyzer) if new else ([], {})
        row = conn.execute("SELECT id FROM docs WHERE lang = ? AND slug = ?", (lang, slug)).fetchone()
        doc_id = row[0] if row else None
        if doc_id is not None:
            if old is not None:
                conn.execute(
                    f"INSERT INTO fts_{lang} (fts_{lang}, rowid, {', '.join(COLUMNS)}) VALUES ('delete', ?, ?, ?, ?, ?)",
                    (doc_id, *old_texts),
                )
            conn.execute("DELETE FROM docs WHERE id = ?", (doc_id,))
        if new is not None:
            insert_page(conn, new, new_texts, doc_id)
        _update_vocab(conn, lang, old_words, new_words, phrase_words(catalogue, analyzer))
        conn.execute("UPDATE meta SET value = (SELECT count(*) FROM docs WHERE lang = ?) WHERE key = ?",
                     (lang, f"pages_{lang}"))
    conn.commit()


def _update_vocab(conn: sqlite3.Connection, lang: str, old: dict[str, str], new: dict[str, str], kept: set[str]) -> None:
    """Count each word in one page fewer or more; a word no page has any more leaves the vocabulary
    unless a synonym or an elsewhere phrase has it (as ``write_language`` would have written it)."""
    for word in old.keys() - new.keys():
        conn.execute("UPDATE vocab SET df = df - 1 WHERE lang = ? AND word = ?", (lang, word))
        if word not in kept and conn.execute("SELECT df FROM vocab WHERE lang = ? AND word = ?", (lang, word)).fetchone() == (0,):
            conn.execute("DELETE FROM vocab WHERE lang = ? AND word = ?", (lang, word))
            conn.executemany("DELETE FROM grams WHERE lang = ? AND gram = ? AND word = ?",
                             ((lang, gram, word) for gram in grams(word)))
    for word in new.keys() - old.keys():
        known = conn.execute("SELECT 1 FROM vocab WHERE lang = ? AND word = ?", (lang, word)).fetchone()
        if known:
            conn.execute("UPDATE vocab SET df = df + 1, term = ? WHERE lang = ? AND word = ?", (new[word], lang, word))
            continue
        conn.execute("INSERT INTO vocab (lang, word, term, df) VALUES (?, ?, ?, 1)", (lang, word, new[word]))
        if len(word) >= 3:
            conn.executemany("INSERT OR IGNORE INTO grams (lang, gram, word) VALUES (?, ?, ?)",
                             ((lang, gram, word) for gram in grams(word)))


class LiveIndex:
    """A search index in memory that ``update_service`` changes and ``search`` reads at once."""

    def __init__(self, catalogue: "Catalogue", label: str = "the preview's search index") -> None:
        self.label = label
        self._conn: sqlite3.Connection | None = None
        self.index: SearchIndex
        self.rebuild(catalogue)

    def rebuild(self, catalogue: "Catalogue") -> None:
        """Write the whole index again (a new database; the old one goes when its last reader does)."""
        uri = f"file:/guichet-search-{os.getpid()}-{next(_names)}?vfs=memdb"
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        write_index(conn, catalogue)
        self.index = SearchIndex(lambda: sqlite3.connect(uri, uri=True), self.label)
        if self._conn is not None:
            self._conn.close()
        self._conn = conn

    def update(self, catalogue: "Catalogue", slug: str, before: Mapping[str, "ServicePage"]) -> None:
        update_service(self._conn, catalogue, slug, before)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


__all__ = ["LiveIndex", "phrase_words", "update_service"]
