"""Typo tolerance: find the words of the index nearest to a word it lacks.

Candidates are the vocabulary words sharing the most trigrams with the
typed word (``grams`` table); among them we keep those within an edit
distance that grows with the word's length (``max_edits``), counting a
swap of two neighbouring letters as one edit, and prefer the nearest, then
the most frequent in the pages.
"""

from __future__ import annotations

import sqlite3

from .build import grams

CANDIDATES = 40


def max_edits(word: str) -> int:
    """How many wrong letters we forgive: none up to 3 letters, 1 up to 6, then 2."""
    if len(word) <= 3:
        return 0
    return 1 if len(word) <= 6 else 2


def distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (Damerau–Levenshtein with adjacent
    swaps), or ``limit + 1`` as soon as it is certain to exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def corrections(conn: sqlite3.Connection, lang: str, word: str, most: int = 2) -> list[str]:
    """Up to ``most`` vocabulary words nearest to ``word`` (plain form), best first."""
    limit = max_edits(word)
    if limit == 0:
        return []
    word_grams = sorted(grams(word))
    marks = ", ".join("?" * len(word_grams))
    rows = conn.execute(
        f"SELECT g.word, v.df FROM grams g JOIN vocab v ON v.lang = g.lang AND v.word = g.word "
        f"WHERE g.lang = ? AND g.gram IN ({marks}) "
        f"GROUP BY g.word ORDER BY count(*) DESC, v.df DESC LIMIT {CANDIDATES}",
        (lang, *word_grams),
    ).fetchall()
    scored = []
    for candidate, df in rows:
        d = distance(word, candidate, limit)
        if d <= limit:
            scored.append((d, -df, candidate))
    scored.sort()
    if not scored:
        return []
    best = scored[0][0]
    return [c for d, _, c in scored if d == best][:most]
