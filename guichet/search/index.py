"""Query a built index: ``SearchIndex.open(path)`` or ``SearchIndex.from_bytes(data)``.

A ``SearchIndex`` is safe to share between threads: each thread gets its
own read-only SQLite connection, stemmers and synonym tables on first use.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .. import DEFAULT_LANGUAGE
from ..typography import typeset
from ..words import gettext, ngettext
from .analysis import Analyzer
from .build import SCHEMA_VERSION
from .query import Planner, Result, clean
from .rank import ElsewhereHit, rank

DEFAULT_LIMIT = 20


class IndexProblem(RuntimeError):
    """The index file is missing, unreadable or from another Guichet version."""


def read_meta(conn: sqlite3.Connection, label: str) -> dict[str, str]:
    """The index's ``meta`` table, after checking it is an index this code reads."""
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.DatabaseError as exc:
        raise IndexProblem(f"{label} is not a Guichet search index ({exc}); rebuild the site") from exc
    version = meta.get("schema_version")
    if version != SCHEMA_VERSION:
        raise IndexProblem(f"{label} has index schema {version!r}, this Guichet reads {SCHEMA_VERSION!r}; rebuild the site")
    return meta


@dataclass
class SearchResponse:
    query: str  # as we read it (cleaned)
    lang: str  # the language asked for (the page's)
    results: list[Result]  # the pages that answer the query (``rank.py``)
    corrected: dict[str, str] = field(default_factory=dict)  # typed word → word searched
    results_lang: str = ""  # the language of the results: ``lang`` unless the words were the other's
    related: list[Result] = field(default_factory=list)  # weaker matches: "You may also be looking for"
    elsewhere: list[ElsewhereHit] = field(default_factory=list)  # what another government handles (elsewhere.yml)

    def __post_init__(self) -> None:
        self.results_lang = self.results_lang or self.lang

    @property
    def kind(self) -> str:
        """What the search found: "results", or for a miss "elsewhere_only", "related_only", "no_result"."""
        if self.results:
            return "results"
        if self.elsewhere:
            return "elsewhere_only"
        return "related_only" if self.related else "no_result"

    def as_json(self, root: str = "") -> dict:
        """The JSON contract of ``/search?format=json``, documented in docs/search.md; URLs under ``root``.

        ``results`` holds only pages that answer the query; ``related`` the weaker matches;
        ``elsewhere`` what another government or organisation handles; ``count_text`` ("3 results") is
        what the search script announces, ``none_text`` ("No City service matches “…”.") when nothing answers."""
        root = root.rstrip("/")

        def pages(found: list[Result]) -> list[dict]:
            return [
                {"slug": r.slug, "title": typeset(r.title, self.results_lang), "url": root + r.url,
                 "summary": typeset(r.summary, self.results_lang)} for r in found  # the script shows them as they are
            ]

        return {
            "query": self.query,
            "lang": self.lang,
            "results": pages(self.results),
            "related": pages(self.related),
            "elsewhere": [
                {"slug": e.slug, "explanation": typeset(e.explanation, self.results_lang), "url": e.url,
                 "link_text": typeset(e.link_text, self.results_lang)} for e in self.elsewhere
            ],
            "results_lang": self.results_lang,
            "count_text": ngettext(self.lang, "{n} result", "{n} results", len(self.results)),
            "none_text": typeset(gettext(self.lang, "No City service matches “{q}”.", q=self.query), self.lang)
            if self.query and not self.results else "",
            "related_heading": typeset(gettext(self.lang, "You may also be looking for"), self.lang),
        }


def file_stamp(path: Path) -> tuple[int, int, int] | None:
    """What changes when ``build_index`` replaces the file; None while it is missing."""
    try:
        st = path.stat()
    except FileNotFoundError:  # between a site build's clean and its write: keep the open one
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size


class SearchIndex:
    """Thread-safe reader of one index; a file rebuilt in place is picked up
    by each thread at its next search (the old file is read until then)."""

    def __init__(self, connect, label: str, path: Path | None = None):
        self._connect = connect
        self.label = label
        self.path = path
        self._local = threading.local()
        self._stamp = file_stamp(path) if path else None
        conn = connect()
        try:
            self.meta = read_meta(conn, label)
        finally:
            conn.close()
        self.languages = tuple(self.meta["languages"].split())

    @classmethod
    def open(cls, path: str | os.PathLike) -> "SearchIndex":
        """Read a file written by ``build_index`` (never writes to it)."""
        path = Path(path).resolve()
        if not path.is_file():
            raise IndexProblem(f"no search index at {path}; build the site or remove the setting")
        uri = path.as_uri() + "?mode=ro"
        return cls(lambda: sqlite3.connect(uri, uri=True), str(path), path)

    @classmethod
    def from_bytes(cls, data: bytes, label: str = "in-memory search index") -> "SearchIndex":
        """Serve an index built with ``build_bytes`` (each thread gets a copy)."""

        def connect() -> sqlite3.Connection:
            conn = sqlite3.connect(":memory:")
            conn.deserialize(data)
            return conn

        return cls(connect, label)

    def _refresh(self) -> None:
        """Open this thread's connection, or reopen it when the file was rebuilt."""
        local = self._local
        stamp = file_stamp(self.path) if self.path else None
        if getattr(local, "planners", None) is None or (stamp is not None and stamp != local.stamp):
            if getattr(local, "conn", None) is not None:
                local.conn.close()
            local.conn = self._connect()
            local.stamp = stamp
            local.planners = {}
            if stamp != self._stamp:
                self.meta = read_meta(local.conn, self.label)
                self.languages = tuple(self.meta["languages"].split())
                self._stamp = stamp

    def _planner(self, lang: str) -> Planner:
        """This thread's planner for ``lang`` (after ``_refresh``)."""
        planners = self._local.planners
        planner = planners.get(lang)
        if planner is None:
            planner = planners[lang] = Planner(self._local.conn, lang, Analyzer(lang))
        return planner

    def language(self, lang: str | None) -> str:
        """``lang`` if the index has it, else the default language."""
        return lang if lang in self.languages else DEFAULT_LANGUAGE

    def search(self, query: str, lang: str | None = DEFAULT_LANGUAGE, limit: int = DEFAULT_LIMIT) -> SearchResponse:
        """Pages matching ``query``, best first, in ``lang`` — or in the other
        language when it knows more of the words as typed (a French word
        typed on an English page), which ``results_lang`` then says."""
        lang = requested = self.language(lang)
        text = clean(query)
        if not text:
            return SearchResponse(text, lang, [])
        self._refresh()
        planner = self._planner(lang)
        plan = planner.plan(text)
        if plan.known < plan.words:
            for other in self.languages:
                other_plan = self._planner(other).plan(text) if other != lang else plan
                if other_plan.known > plan.known:  # "vidanges" on an English page
                    planner, plan, lang = self._planner(other), other_plan, other
        found = rank(planner, plan, limit)
        return SearchResponse(text, requested, found.results, plan.corrected, lang, found.related, found.elsewhere)
