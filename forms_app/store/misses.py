"""``SearchMisses``: the counts of searches that found nothing, written through the store.

The text comes already normalised and redacted (``guichet.search.misses.normalise``:
the search room decides what may be kept); here it is only counted, on the
store's write path (``write_transaction``: ``BEGIN IMMEDIATE`` and the
writers' lock on SQLite), like every other write to the database.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from .engine import read_transaction, write_transaction
from .schema import search_misses

Miss = tuple[str, str, int, dt.date]  # (query, lang, count, last seen)


class SearchMisses:
    def __init__(self, engine: Engine):
        self.engine = engine

    def count(self, text: str, lang: str, today: dt.date | None = None) -> None:
        """Count one search for ``text`` (normalised) that found nothing; empty text is not counted."""
        if not text:
            return
        today = today or dt.date.today()
        key = (search_misses.c.query == text) & (search_misses.c.lang == lang)
        bump = update(search_misses).where(key).values(count=search_misses.c.count + 1, last_seen=today)
        try:
            with write_transaction(self.engine) as conn:
                if not conn.execute(bump).rowcount:
                    conn.execute(search_misses.insert().values(query=text, lang=lang, count=1, last_seen=today))
        except IntegrityError:
            # PostgreSQL: another request inserted the same query between our update and insert.
            with write_transaction(self.engine) as conn:
                conn.execute(bump)

    def top(self, limit: int = 20) -> list[Miss]:
        """The most frequent queries that found nothing."""
        stmt = (
            select(search_misses.c.query, search_misses.c.lang, search_misses.c.count, search_misses.c.last_seen)
            .order_by(search_misses.c.count.desc(), search_misses.c.last_seen.desc(), search_misses.c.query)
            .limit(limit)
        )
        with read_transaction(self.engine) as conn:
            return [tuple(row) for row in conn.execute(stmt)]
