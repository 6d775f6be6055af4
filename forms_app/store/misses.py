"""``SearchMisses``: the counts of searches that found no City service, written through the store.

The text comes already normalised and masked (``guichet.search.misses.normalise``:
the search room decides what may be kept); here it is only counted, per
language, kind (``guichet.search.misses.KINDS``) and month, on the store's
write path (``write_transaction``: ``BEGIN IMMEDIATE`` and the writers' lock
on SQLite), like every other write to the database.

The table stays small whatever is typed: when a new row is written, the
months older than ``KEEP_MONTHS`` are deleted, and the language's month is
cut back to ``CAP_PER_PERIOD`` rows (the least asked, then the least recent,
go first).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, delete, func, select, tuple_, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from guichet.search.misses import CAP_PER_PERIOD, KEEP_MONTHS, KINDS, month

from .engine import read_transaction, write_transaction
from .schema import search_misses

Miss = tuple[str, str, str, int, dt.date]  # (query, lang, kind, count, last seen)
t = search_misses.c


def months_before(day: dt.date, n: int) -> dt.date:
    """The first day of the month ``n`` months before ``day``'s."""
    index = day.year * 12 + day.month - 1 - n
    return dt.date(index // 12, index % 12 + 1, 1)


class SearchMisses:
    def __init__(self, engine: Engine, cap: int = CAP_PER_PERIOD, keep_months: int = KEEP_MONTHS):
        self.engine = engine
        self.cap = cap
        self.keep_months = keep_months

    def count(self, text: str, lang: str, kind: str = "no_result", today: dt.date | None = None) -> None:
        """Count one search for ``text`` (normalised) that found no City service; empty text is not counted."""
        if not text:
            return
        if kind not in KINDS:
            raise ValueError(f"unknown kind of search miss: {kind!r}")
        today = today or dt.date.today()
        period = month(today)
        key = (t.query == text) & (t.lang == lang) & (t.kind == kind) & (t.period == period)
        bump = update(search_misses).where(key).values(count=t.count + 1, last_seen=today)
        try:
            with write_transaction(self.engine) as conn:
                if not conn.execute(bump).rowcount:
                    conn.execute(search_misses.insert().values(query=text, lang=lang, kind=kind, period=period,
                                                               count=1, last_seen=today))
                    self._trim(conn, lang, period)
        except IntegrityError:
            # PostgreSQL: another request inserted the same query between our update and insert.
            with write_transaction(self.engine) as conn:
                conn.execute(bump)

    def _trim(self, conn: Connection, lang: str, period: dt.date) -> None:
        """Expire old months, and keep the ``cap`` most asked rows of this language and month."""
        conn.execute(delete(search_misses).where(t.period < months_before(period, self.keep_months - 1)))
        rows = conn.execute(select(func.count()).select_from(search_misses)
                            .where((t.lang == lang) & (t.period == period))).scalar_one()
        if rows <= self.cap:
            return
        extra = (select(t.query, t.kind).where((t.lang == lang) & (t.period == period))
                 .order_by(t.count, t.last_seen, t.query.desc()).limit(rows - self.cap))
        gone = [tuple(r) for r in conn.execute(extra)]
        conn.execute(delete(search_misses).where(
            and_(t.lang == lang, t.period == period, tuple_(t.query, t.kind).in_(gone))))

    def top(self, limit: int = 20, since: dt.date | None = None, kind: str | None = None) -> list[Miss]:
        """The most frequent misses (summed over the months from ``since``), optionally of one kind."""
        total = func.sum(t.count).label("n")
        stmt = select(t.query, t.lang, t.kind, total, func.max(t.last_seen).label("last"))
        if since is not None:
            stmt = stmt.where(t.period >= month(since))
        if kind is not None:
            stmt = stmt.where(t.kind == kind)
        stmt = stmt.group_by(t.query, t.lang, t.kind).order_by(total.desc(), func.max(t.last_seen).desc(), t.query).limit(limit)
        with read_transaction(self.engine) as conn:
            return [(q, lang, k, int(n), last) for q, lang, k, n, last in conn.execute(stmt)]

    def totals(self, since: dt.date | None = None) -> list[tuple[str, str, int]]:
        """How many misses were counted, per language and kind (from ``since``'s month)."""
        stmt = select(t.lang, t.kind, func.sum(t.count))
        if since is not None:
            stmt = stmt.where(t.period >= month(since))
        stmt = stmt.group_by(t.lang, t.kind).order_by(t.lang, t.kind)
        with read_transaction(self.engine) as conn:
            return [(lang, kind, int(n)) for lang, kind, n in conn.execute(stmt)]

    def rows(self) -> int:
        """How many rows the table holds (its size, for tests and the bench)."""
        with read_transaction(self.engine) as conn:
            return conn.execute(select(func.count()).select_from(search_misses)).scalar_one()
