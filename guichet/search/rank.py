"""Which pages answer a query, which are only related, and what another government handles.

FTS5's ``bm25`` orders the pages; it does not say whether a page answers.
"passport renewal" ranks Business licence first because it says
"renewal". So each page found is also measured by its *coverage*: the
share of the query's concepts it contains, each concept weighted by its
rarity (``idf``: a concept in few pages says more than one in many; a word
the pages never use but the index knows, from ``elsewhere.yml``, weighs as
much as the rarest one, since it is what the resident is after and no page
has it; a word nothing knows weighs half that, ``UNKNOWN_WEIGHT``: more often
a detail, "hockey registration", than the point; a word we corrected
weighs ``CORRECTED_WEIGHT``, a guess: "dog bite" is not about bikes). A
concept counts in full where the page *says* it, in its title, keywords or
summary; found only in the body it counts ``BODY_WEIGHT`` of that when the
query has several concepts: a body mentions many things a page is not about,
and a page about one word of the query is not about the others ("dentist near
me" → the pothole page's "near"; "mortgage rates" → property tax's "pay
through your mortgage"). (A query of one concept is answered by a page that
says it anywhere, the body last.) Then:

- ``results`` (pages that answer): coverage at least ``MIN_COVERAGE``,
  within ``COVERAGE_MARGIN`` of the best page's, at least half of the
  query's concepts counted one by one whatever their weights (a page with
  one word of "train schedule to toronto" answers little, even if the two
  words nobody knows weigh less), and a bm25 score at least
  ``RESULT_SCORE`` of the best answer's (the tail far below the best one
  is not an equal). When the query names something of ``elsewhere.yml``
  ("passport"), a page answers only if its title, keywords or summary
  have those words too (Marriage licence's body asks for a passport as ID:
  it does not answer "passport renewal").
- ``related`` ("You may also be looking for"): the other pages above
  ``RELEVANCE_FLOOR`` of the best score, at most ``RELATED_LIMIT`` (when
  the query names an elsewhere entry, only pages that mention its words).
- ``elsewhere``: the entries of ``elsewhere.yml`` whose words (all of one
  of its phrases) are in the query.

The thresholds were set on the resident queries of ``tests/search/queries.py``
(in-catalogue and out-of-catalogue); ``python -m bench.search_quality``
prints the numbers they are held to, and the share of empty ``results`` on
held-out out-of-catalogue queries (``HELD_OUT``) that no word list was
written for: the measure of the rules themselves.
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass, field

from .query import Plan, Planner, Result

MIN_COVERAGE = 0.5
COVERAGE_MARGIN = 0.4
UNKNOWN_WEIGHT = 0.5  # a word no page, synonym or elsewhere entry knows: a detail ("hockey registration")
CORRECTED_WEIGHT = 0.6  # a word we corrected is a guess ("dog bite" → bike): it weighs less than the words as typed
BODY_WEIGHT = 0.4  # a concept only in a page's body, not its title, keywords or summary: weaker evidence
MIN_CONCEPTS = 0.5  # the share of the query's concepts (counted, not weighted) a page must have to answer
RESULT_SCORE = 0.25
RELEVANCE_FLOOR = 0.1
RELATED_LIMIT = 5
FOUND_WEIGHT = {"known": 1.0, "corrected": CORRECTED_WEIGHT, "unknown": UNKNOWN_WEIGHT}
SHOWN = ("title", "keywords", "summary")  # where a page must say an elsewhere word to answer it (not only its body)


@dataclass(frozen=True)
class ElsewhereHit:
    """Something another government or organisation handles, as the page shows it."""

    slug: str
    explanation: str
    link_text: str
    url: str


@dataclass
class Ranked:
    results: list[Result] = field(default_factory=list)
    related: list[Result] = field(default_factory=list)
    elsewhere: list[ElsewhereHit] = field(default_factory=list)


def idf(n: int, total: int) -> float:
    """bm25's inverse document frequency; a concept no page has counts as if one page had it."""
    n = max(n, 1)
    return math.log(1 + (total - n + 0.5) / (n + 0.5))


def elsewhere_for(planner: Planner, plan: Plan) -> tuple[list[ElsewhereHit], set[int]]:
    """The elsewhere entries the query names, best first, and the concepts their words cover."""
    terms = set().union(*(c.terms for c in plan.concepts)) if plan.concepts else set()
    best: dict[str, set[int]] = {}
    for slug, phrase in planner.elsewhere:
        if phrase and set(phrase) <= terms:
            covered = {i for i, c in enumerate(plan.concepts) if c.terms & set(phrase)}
            if len(covered) > len(best.get(slug, ())):
                best[slug] = covered
    if not best:
        return [], set()
    order = sorted(best, key=lambda s: (-len(best[s]), s))
    marks = ", ".join("?" * len(order))
    rows = {
        row[0]: ElsewhereHit(*row)
        for row in planner.conn.execute(
            f"SELECT slug, explanation, link_text, url FROM elsewhere WHERE lang = ? AND slug IN ({marks})",
            (planner.lang, *order),
        )
    }
    return [rows[s] for s in order if s in rows], set().union(*best.values())


def rank(planner: Planner, plan: Plan, limit: int) -> Ranked:
    """Results, related pages and elsewhere answers for a plan (see the module's note)."""
    if not plan.concepts:
        return Ranked()
    conn, lang = planner.conn, planner.lang
    elsewhere, named = elsewhere_for(planner, plan)
    rows = conn.execute(
        f"SELECT d.id, d.slug, d.title, d.url, d.summary, rank FROM fts_{lang} JOIN docs d ON d.id = fts_{lang}.rowid "
        f"WHERE fts_{lang} MATCH ? ORDER BY rank LIMIT ?",
        (plan.fts(), limit),
    ).fetchall()
    if not rows:
        return Ranked(elsewhere=elsewhere)
    floor = rows[0][5] * RELEVANCE_FLOOR  # bm25 scores are negative: lower is better
    rows = [row for row in rows if row[5] <= floor]
    total = planner.page_count()
    found = [matching(conn, lang, concept.fts()) for concept in plan.concepts]
    shown = [matching(conn, lang, f"{{{' '.join(SHOWN)}}} : {concept.fts()}") for concept in plan.concepts]
    weights = [idf(len(ids), total) * FOUND_WEIGHT[c.found] for ids, c in zip(found, plan.concepts)]
    whole = sum(weights)
    body = BODY_WEIGHT if len(found) > 1 else 1.0

    def said(page: int, i: int) -> float:
        return 1.0 if page in shown[i] else body if page in found[i] else 0.0

    coverage = {row[0]: sum(w * said(row[0], i) for i, w in enumerate(weights)) / whole for row in rows}
    has = {row[0]: sum(row[0] in ids for ids in found) for row in rows}
    best = max(coverage.values())
    needed = [shown[i] for i in sorted(named)]

    def answers(row) -> bool:
        cov = coverage[row[0]]
        return (cov >= MIN_COVERAGE and cov >= best - COVERAGE_MARGIN and has[row[0]] >= MIN_CONCEPTS * len(found)
                and all(row[0] in ids for ids in needed))

    answering = [row for row in rows if answers(row)]
    cut = answering[0][5] * RESULT_SCORE if answering else 0.0
    results = [row for row in answering if row[5] <= cut]
    kept = {row[0] for row in results}
    named_somewhere = [found[i] for i in sorted(named)]  # "passport renewal": not every page that says "renewal"
    related = [row for row in rows if row[0] not in kept and all(row[0] in ids for ids in named_somewhere)][:RELATED_LIMIT]
    return Ranked([Result(*row[1:5]) for row in results], [Result(*row[1:5]) for row in related], elsewhere)


def matching(conn: sqlite3.Connection, lang: str, fts: str) -> set[int]:
    """The ids of every page matching one concept."""
    return {row[0] for row in conn.execute(f"SELECT rowid FROM fts_{lang} WHERE fts_{lang} MATCH ?", (fts,))}


__all__ = ["ElsewhereHit", "Ranked", "rank"]
