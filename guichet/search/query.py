"""Turn what a resident typed into an FTS5 query, run it, return results.

For each word of the query (stop words dropped):

- a word whose term is in the index (or in a synonym group) is kept;
- the last word, when it is not a known word but starts some, matches as
  a prefix (``garb`` → garbage), for results as you type;
- an unknown word is replaced by the nearest vocabulary words
  (``licnse`` → license, see ``spelling``); a word with no near match, or
  with a digit in it, is kept and simply finds nothing.

Then runs of terms equal to an entry of a synonym group are widened to the
whole group (``vidanges`` → ``ordures OR vidanges OR poubelles …``,
``pot hole`` → ``pothole OR "pot hole" …``). Concepts are joined with OR and
ranked by FTS5's ``bm25`` with the index's column weights: pages matching
more, rarer terms, in the title or keywords, come first (``rank.py`` then
says which pages answer the query and which are only related). (Trying all
concepts with AND first was measured on the resident queries of
tests/search and ranked no better.)

The query string given to FTS5 is made only of quoted terms we produced,
so no character a resident types is FTS syntax.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from .analysis import Analyzer, plain
from .spelling import corrections

MAX_QUERY_CHARS = 200
MAX_WORDS = 12


@dataclass(frozen=True)
class Result:
    slug: str
    title: str
    url: str
    summary: str


@dataclass
class Concept:
    """One thing the resident asked for: its alternatives are ORed."""

    alternatives: list[str] = field(default_factory=list)  # FTS5 phrases, quoted
    terms: frozenset[str] = frozenset()  # every index term it stands for (to meet elsewhere.yml's words)
    found: str = "known"  # "known" (as typed, a prefix or a synonym), "corrected" or "unknown"

    def fts(self) -> str:
        unique = list(dict.fromkeys(self.alternatives))
        return unique[0] if len(unique) == 1 else "(" + " OR ".join(unique) + ")"


@dataclass
class Plan:
    """What we understood of a query; ``corrected`` maps typed → used word."""

    concepts: list[Concept]
    corrected: dict[str, str]
    words: int = 0  # words read (stop words dropped)
    known: int = 0  # of which the index knows as typed (or as a prefix)

    def fts(self) -> str:
        return " OR ".join(c.fts() for c in self.concepts)


def clean(query: str) -> str:
    """The query as we read it: printable, single-spaced, at most 200 characters."""
    text = "".join(ch if ch.isprintable() else " " for ch in query[: MAX_QUERY_CHARS * 2])
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def quoted(terms: tuple[str, ...] | list[str], prefix: bool = False) -> str:
    return '"' + " ".join(terms) + '"' + ("*" if prefix else "")


class Planner:
    """Plans queries against one open index for one language (one thread)."""

    def __init__(self, conn: sqlite3.Connection, lang: str, analyzer: Analyzer):
        self.conn = conn
        self.lang = lang
        self.analyzer = analyzer
        self.groups: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
        by_group: dict[int, list[tuple[str, ...]]] = {}
        for grp, phrase in conn.execute("SELECT grp, phrase FROM synonyms WHERE lang = ?", (lang,)):
            by_group.setdefault(grp, []).append(tuple(phrase.split()))
        for entries in by_group.values():
            for entry in entries:
                self.groups.setdefault(entry, set()).update(entries)
        self.longest = max((len(e) for e in self.groups), default=1)
        self.elsewhere: list[tuple[str, tuple[str, ...]]] = [
            (slug, tuple(phrase.split()))
            for slug, phrase in conn.execute("SELECT slug, phrase FROM elsewhere_words WHERE lang = ?", (lang,))
        ]
        self._pages: int | None = None

    def page_count(self) -> int:
        """How many pages the index has in this language."""
        if self._pages is None:
            self._pages = self.conn.execute("SELECT count(*) FROM docs WHERE lang = ?", (self.lang,)).fetchone()[0]
        return self._pages

    def known(self, term: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM vocab WHERE lang = ? AND term = ? LIMIT 1", (self.lang, term))
        return row.fetchone() is not None

    def has_prefix(self, word: str) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM vocab WHERE lang = ? AND word >= ? AND word < ? LIMIT 1",
            (self.lang, word, word + "\U0010ffff"),
        )
        return row.fetchone() is not None

    def word_options(self, word: str, last: bool, corrected: dict[str, str]) -> tuple[list[str], bool, bool]:
        """The terms one typed word stands for, whether to match them as
        prefixes, and whether the index knows the word as typed."""
        term = self.analyzer.stem(word)
        if self.known(term):
            return [term], False, True
        typed = plain(word)
        if last and len(typed) >= 2 and self.has_prefix(typed):
            return list(dict.fromkeys([term, typed])), True, True
        fixes = [] if any(c.isdigit() for c in typed) else corrections(self.conn, self.lang, typed)
        if fixes:
            corrected[word] = fixes[0]
            return list(dict.fromkeys(self.analyzer.stem(f) for f in fixes)), False, False
        return [term], False, False

    def plan(self, query: str) -> Plan:
        found = self.analyzer.content_words(clean(query))[:MAX_WORDS]
        corrected: dict[str, str] = {}
        options = [self.word_options(w, i == len(found) - 1, corrected) for i, w in enumerate(found)]
        found_words = found
        concepts: list[Concept] = []
        i = 0
        while i < len(options):
            span = self._synonym_span(options, i)
            if span:
                entry, size = span
                alts = sorted(self.groups[entry])
                concepts.append(Concept([quoted(alt) for alt in alts], frozenset(t for alt in alts for t in alt)))
                i += size
                continue
            terms, prefix, known = options[i]
            found = "known" if known else "corrected" if found_words[i] in corrected else "unknown"
            concepts.append(Concept([quoted([t], prefix) for t in terms], frozenset(terms), found))
            i += 1
        return Plan(concepts, corrected, len(found), sum(known for _, _, known in options))

    def _synonym_span(self, options: list[tuple[list[str], bool, bool]], start: int):
        """The longest synonym entry starting at ``start`` (any option of each word)."""
        for size in range(min(self.longest, len(options) - start), 0, -1):
            candidates: list[tuple[str, ...]] = [()]
            for terms, _, _ in options[start : start + size]:
                candidates = [c + (t,) for c in candidates for t in terms]
            for entry in candidates:
                if entry in self.groups:
                    return entry, size
        return None


__all__ = ["Result", "Concept", "Plan", "Planner", "clean"]
