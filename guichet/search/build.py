"""Write the search index of a catalogue: one SQLite file, a table set per language.

``build_index(catalogue, path)`` is called by the site build (writing
``<site_dir>/search.sqlite3``) and by the forms app when no built index is
there. The file holds, for each language:

- ``fts_<lang>``: an FTS5 table (``unicode61 remove_diacritics 2``, prefix
  indexes) of the analysed title, keywords, summary and body, ranked with
  ``bm25`` column weights ``RANK_WEIGHTS`` (title and keywords first);
- ``docs``: what a result shows (slug, title, summary, URL);
- ``vocab`` and ``grams``: every word of the pages and of the synonyms, and
  its trigrams, to correct typos (``licnse`` → ``license``);
- ``synonyms``: the editors' groups from ``catalogue/synonyms.yml``, analysed;
- ``elsewhere`` and ``elsewhere_words``: what another government or
  organisation handles (``catalogue/elsewhere.yml``): the line and link a
  page shows, and the residents' words for it, analysed (also in ``vocab``,
  so they are known words and correct typos: ``pasport`` → passport).

Everything a query needs is in the file, so the app needs no catalogue.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import tempfile
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from .. import LANGUAGES
from ..urls import service_url
from .analysis import Analyzer, plain, words

if TYPE_CHECKING:
    from ..model import Catalogue, ServicePage

SCHEMA_VERSION = "2"  # 2: elsewhere, elsewhere_words
COLUMNS = ("title", "keywords", "summary", "body")
RANK_WEIGHTS = (10.0, 8.0, 3.0, 1.0)  # title, keywords, summary, body
TOKENIZE = "unicode61 remove_diacritics 2"
PREFIXES = "2 3 4"

MARKDOWN_NOISE = re.compile(r"\]\([^)]*\)|<[^>]+>|https?://\S+")


def grams(word: str) -> set[str]:
    """Trigrams of a plain word with ``^`` and ``$`` marking its ends."""
    padded = f"^{word}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def page_fields(page: "ServicePage", catalogue: "Catalogue") -> dict[str, str]:
    """The four indexed texts of one page, before analysis."""
    meta = page.meta
    extra: list[str] = [*meta.eligibility, *meta.what_you_need, meta.processing_time]
    extra += [fee.label for fee in meta.fees]
    if meta.next_steps:
        extra.append(meta.next_steps)
    online = meta.channels.online
    if online and online.description:
        extra.append(online.description)
    taxonomy = catalogue.taxonomy
    if taxonomy and meta.topic in taxonomy.topics:
        extra.append(taxonomy.topics[meta.topic].name.get(page.lang))
    body = MARKDOWN_NOISE.sub(" ", page.body)
    return {
        "title": meta.title,
        "keywords": " ; ".join(meta.keywords),
        "summary": meta.summary,
        "body": "\n".join([body, *extra]),
    }


def page_terms(page: "ServicePage", catalogue: "Catalogue", analyzer: Analyzer) -> tuple[list[str], dict[str, str]]:
    """One page as the index holds it: its four texts analysed (what FTS5 is given, in ``COLUMNS`` order)
    and its words (plain form → term), stop words left out."""
    fields = page_fields(page, catalogue)
    seen = {w for text in fields.values() for w in words(text) if w not in analyzer.stop_words}
    return [analyzer.term_text(fields[c]) for c in COLUMNS], {plain(w): analyzer.stem(w) for w in seen}


def insert_page(conn: sqlite3.Connection, page: "ServicePage", texts: list[str], doc_id: int | None = None) -> int:
    """Add one page's ``docs`` row (under ``doc_id`` when given) and its FTS5 row; returns its id."""
    lang = page.lang
    cursor = conn.execute(
        "INSERT INTO docs (id, lang, slug, title, summary, url) VALUES (?, ?, ?, ?, ?, ?)",
        (doc_id, lang, page.slug, page.meta.title, page.meta.summary, service_url(lang, page.slug)),
    )
    conn.execute(f"INSERT INTO fts_{lang} (rowid, {', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, ?)", (cursor.lastrowid, *texts))
    return cursor.lastrowid


def create_schema(conn: sqlite3.Connection, languages: Iterable[str]) -> None:
    conn.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE docs (id INTEGER PRIMARY KEY, lang TEXT NOT NULL, slug TEXT NOT NULL,
                           title TEXT NOT NULL, summary TEXT NOT NULL, url TEXT NOT NULL);
        CREATE TABLE vocab (lang TEXT NOT NULL, word TEXT NOT NULL, term TEXT NOT NULL,
                            df INTEGER NOT NULL, PRIMARY KEY (lang, word)) WITHOUT ROWID;
        CREATE INDEX vocab_term ON vocab (lang, term);
        CREATE TABLE grams (lang TEXT NOT NULL, gram TEXT NOT NULL, word TEXT NOT NULL,
                            PRIMARY KEY (lang, gram, word)) WITHOUT ROWID;
        CREATE TABLE synonyms (lang TEXT NOT NULL, grp INTEGER NOT NULL, phrase TEXT NOT NULL);
        CREATE TABLE elsewhere (lang TEXT NOT NULL, slug TEXT NOT NULL, explanation TEXT NOT NULL,
                                link_text TEXT NOT NULL, url TEXT NOT NULL, PRIMARY KEY (lang, slug));
        CREATE TABLE elsewhere_words (lang TEXT NOT NULL, slug TEXT NOT NULL, phrase TEXT NOT NULL);
        """
    )
    weights = ", ".join(str(w) for w in RANK_WEIGHTS)
    for lang in languages:
        conn.execute(
            f"CREATE VIRTUAL TABLE fts_{lang} USING fts5({', '.join(COLUMNS)}, content='', "
            f"tokenize=\"{TOKENIZE}\", prefix='{PREFIXES}')"
        )
        conn.execute(f"INSERT INTO fts_{lang} (fts_{lang}, rank) VALUES ('rank', 'bm25({weights})')")


def write_language(conn: sqlite3.Connection, catalogue: "Catalogue", lang: str) -> int:
    """Index the pages of one language; returns how many."""
    analyzer = Analyzer(lang)
    df: Counter[str] = Counter()
    terms_of: dict[str, str] = {}
    pages = catalogue.in_language(lang)
    for page in pages:
        texts, page_words = page_terms(page, catalogue, analyzer)
        insert_page(conn, page, texts)
        terms_of.update(page_words)
        df.update(page_words.keys())
    for group_no, group in enumerate(catalogue.synonyms.get(lang, [])):
        for entry in group:
            stemmed = stemmed_phrase(entry, analyzer, terms_of)
            if stemmed:
                conn.execute("INSERT INTO synonyms (lang, grp, phrase) VALUES (?, ?, ?)", (lang, group_no, stemmed))
    for slug, entry in sorted(catalogue.elsewhere.items()):
        conn.execute(
            "INSERT INTO elsewhere (lang, slug, explanation, link_text, url) VALUES (?, ?, ?, ?, ?)",
            (lang, slug, entry.explanation.get(lang), entry.link_text.get(lang), entry.url.get(lang)),
        )
        for phrase in entry.words.get(lang):
            stemmed = stemmed_phrase(phrase, analyzer, terms_of)
            if stemmed:
                conn.execute("INSERT INTO elsewhere_words (lang, slug, phrase) VALUES (?, ?, ?)", (lang, slug, stemmed))
    conn.executemany(
        "INSERT INTO vocab (lang, word, term, df) VALUES (?, ?, ?, ?)",
        ((lang, word, term, df[word]) for word, term in terms_of.items()),
    )
    conn.executemany(
        "INSERT INTO grams (lang, gram, word) VALUES (?, ?, ?)",
        ((lang, gram, word) for word in terms_of if len(word) >= 3 for gram in grams(word)),
    )
    conn.execute(f"INSERT INTO fts_{lang} (fts_{lang}) VALUES ('optimize')")
    return len(pages)


def write_index(conn: sqlite3.Connection, catalogue: "Catalogue", languages: Iterable[str] = LANGUAGES) -> None:
    """Write a fresh index into an empty database."""
    languages = tuple(languages)
    create_schema(conn, languages)
    counts = {lang: write_language(conn, catalogue, lang) for lang in languages}
    meta = {
        "schema_version": SCHEMA_VERSION,
        "built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "languages": " ".join(languages),
        **{f"pages_{lang}": str(n) for lang, n in counts.items()},
    }
    conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", meta.items())
    conn.commit()


def build_index(catalogue: "Catalogue", path: str | os.PathLike) -> Path:
    """Write the index of ``catalogue`` to ``path`` (replaced atomically); returns the path.

    Readers that have the old file open keep reading it; new readers get
    the new one. The folder is created if needed.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp_name)
        try:
            write_index(conn, catalogue)
        finally:
            conn.close()
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return path


def build_bytes(catalogue: "Catalogue") -> bytes:
    """The index as bytes (an in-memory build), for ``SearchIndex.from_bytes``."""
    conn = sqlite3.connect(":memory:")
    try:
        write_index(conn, catalogue)
        return conn.serialize()
    finally:
        conn.close()


def stemmed_phrase(phrase: str, analyzer, terms_of: dict[str, str]) -> str:
    """A synonym or elsewhere phrase as the index matches it: its stemmed words less stop words ("" when
    none are left); each word joins the vocabulary (``terms_of``) so spelling correction knows it."""
    kept = [w for w in words(phrase) if w not in analyzer.stop_words]
    for word in kept:
        terms_of.setdefault(plain(word), analyzer.stem(word))
    return " ".join(analyzer.stem(w) for w in kept)
