"""Counts of searches that found nothing, so editors can add the missing words.

Privacy: a row holds only the normalised query text, its language, how
many times it was asked and the last day it was (no time of day, no IP
address, no user agent, no session). Before it is stored, the text is
case-folded and anything that looks like an email address, a phone
number, a postal code or another run of 3+ digits is replaced by a
placeholder, since residents sometimes type their own details in a search
box. Searches made while typing (the JSON endpoint) are not counted.

The table lives in the forms app's database; the app creates it with its
own tables (``Store.create_tables(misses.metadata)``), under the store's lock.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import Column, Date, Integer, MetaData, String, Table, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from .query import clean

MAX_STORED_CHARS = 100

metadata = MetaData()

search_misses = Table(
    "search_misses",
    metadata,
    Column("query", String(MAX_STORED_CHARS), primary_key=True),
    Column("lang", String(5), primary_key=True),
    Column("count", Integer, nullable=False),
    Column("last_seen", Date, nullable=False),
)

REDACTIONS = (
    (re.compile(r"\S+@\S+"), "[email]"),
    (re.compile(r"\b[a-z]\d[a-z]\s?\d[a-z]\d\b"), "[postal code]"),  # Canadian, case-folded
    (re.compile(r"\+?\d[\d\s().\-]{6,}\d"), "[phone]"),
    (re.compile(r"\d{3,}"), "[number]"),
)


def normalise(query: str) -> str:
    """The form a missed query is stored in (see the privacy note above)."""
    text = clean(query).casefold()
    for pattern, placeholder in REDACTIONS:
        text = pattern.sub(placeholder, text)
    return text[:MAX_STORED_CHARS].strip()


def record_miss(engine: Engine, query: str, lang: str, today: dt.date | None = None) -> None:
    """Count one search that found nothing."""
    text = normalise(query)
    if not text:
        return
    today = today or dt.date.today()
    key = (search_misses.c.query == text) & (search_misses.c.lang == lang)
    bump = update(search_misses).where(key).values(count=search_misses.c.count + 1, last_seen=today)
    with engine.begin() as conn:
        if conn.execute(bump).rowcount:
            return
    try:
        with engine.begin() as conn:
            conn.execute(search_misses.insert().values(query=text, lang=lang, count=1, last_seen=today))
    except IntegrityError:
        # Another request inserted the same query between our update and insert.
        with engine.begin() as conn:
            conn.execute(bump)


def top_misses(engine: Engine, limit: int = 20) -> list[tuple[str, str, int, dt.date]]:
    """The most frequent queries that found nothing: (query, lang, count, last seen)."""
    stmt = (
        select(search_misses.c.query, search_misses.c.lang, search_misses.c.count, search_misses.c.last_seen)
        .order_by(search_misses.c.count.desc(), search_misses.c.last_seen.desc(), search_misses.c.query)
        .limit(limit)
    )
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(stmt)]


def report(rows: list[tuple[str, str, int, dt.date]]) -> str:
    """The rows as a plain-text table for the ``search-report`` command."""
    if not rows:
        return "No searches without results recorded."
    width = max(len("query"), *(len(r[0]) for r in rows))
    lines = [f"{'count':>6}  lang  {'last seen':10}  query", f"{'-' * 6}  ----  {'-' * 10}  {'-' * width}"]
    lines += [f"{count:>6}  {lang:4}  {last.isoformat():10}  {query}" for query, lang, count, last in rows]
    return "\n".join(lines)
