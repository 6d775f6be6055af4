"""The insights' part of the store (#15): the contact tally, and the reads the report counts from.

* ``ContactTally``: phone and counter staff count a call, a visit or a letter about a service
  (``forms_app/staff/tally.py``): one row per city day, service, channel and outcome holding a
  count, written on ``write_transaction`` like every write. Nothing about the caller or the member.
* ``InsightsReads``: what ``forms_app/insights/model.py`` computes every number from: each request's
  service, channel and times (received, first status change, completed), the tally's counts, the
  outbox's rows per kind and status, and page feedback and form funnels (F1's tables, ``feedback.py``). Every read takes ``departments`` (None: every department)
  and applies it in its WHERE clause, as the queue does.

``insights_of(store)`` gives both, on the store's engine and clock (``tally``, ``reads``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

from .engine import read_transaction, write_transaction
from .feedback import Feedback, FunnelCount
from .schema import (TALLY_CHANNELS, TALLY_OUTCOMES, contact_tally, form_funnel, outbox, page_feedback, status_events,
                     submissions)

Departments = Iterable[str] | None  # None: every department
t = contact_tally.c


@dataclass(frozen=True)
class RequestTimes:
    """One request as the report counts it (no answers, no reference, no person)."""

    service: str
    department: str
    channel: str
    received_at: datetime
    first_change_at: datetime | None  # the first status other than "received"
    completed_at: datetime | None  # the first "completed"


@dataclass(frozen=True)
class TallyCount:
    day: date
    service: str
    department: str
    channel: str
    outcome: str
    count: int


@dataclass(frozen=True)
class FeedbackCount:
    path: str
    service: str | None
    helpful: bool
    reason: str | None
    count: int


@dataclass(frozen=True)
class DeliveryCount:
    kind: str  # schema.OUTBOX_KINDS
    status: str  # schema.OUTBOX_STATUSES
    count: int


class ContactTally:
    def __init__(self, engine: Engine, clock: Callable[[], datetime]):
        self.engine = engine
        self.clock = clock

    def add(self, day: date, service: str, department: str, channel: str, outcome: str, n: int = 1) -> None:
        """Count ``n`` contacts about ``service`` on ``day`` (the city's day) by ``channel`` with ``outcome``."""
        if channel not in TALLY_CHANNELS:
            raise ValueError(f"unknown tally channel {channel!r}; one of {', '.join(TALLY_CHANNELS)}")
        if outcome not in TALLY_OUTCOMES:
            raise ValueError(f"unknown tally outcome {outcome!r}; one of {', '.join(TALLY_OUTCOMES)}")
        # one upsert (INSERT … ON CONFLICT DO UPDATE, SQLite and PostgreSQL), so two agents' first counts of a key both count
        make = postgresql.insert if self.engine.dialect.name == "postgresql" else sqlite.insert
        stmt = make(contact_tally).values(day=day, service=service, channel=channel, outcome=outcome, department=department,
                                          count=n)
        stmt = stmt.on_conflict_do_update(index_elements=[t.day, t.service, t.channel, t.outcome],
                                          set_={"count": t.count + stmt.excluded.count})
        with write_transaction(self.engine) as conn:
            conn.execute(stmt)

    def take_back(self, day: date, service: str, channel: str, outcome: str) -> bool:
        """Undo one count of ``day`` (a mistaken click); False when there is none to take back."""
        key = (t.day == day) & (t.service == service) & (t.channel == channel) & (t.outcome == outcome) & (t.count > 0)
        with write_transaction(self.engine) as conn:
            return bool(conn.execute(update(contact_tally).where(key).values(count=t.count - 1)).rowcount)

    def day_counts(self, day: date, departments: Departments = None) -> dict[tuple[str, str, str], int]:
        """The day's counts: (service, channel, outcome) → count (the tally page's running totals)."""
        stmt = select(t.service, t.channel, t.outcome, t.count).where(t.day == day)
        if departments is not None:
            stmt = stmt.where(t.department.in_(list(departments)))
        with read_transaction(self.engine) as conn:
            return {(s, c, o): n for s, c, o, n in conn.execute(stmt)}


class InsightsReads:
    def __init__(self, engine: Engine):
        self.engine = engine

    def requests(self, start: datetime, end: datetime, departments: Departments = None) -> list[RequestTimes]:
        """Every request received in [start, end), with its first change and first completion."""
        e = status_events.c
        times = (select(e.submission_id,
                        func.min(e.at).filter(e.status != "received").label("first"),
                        func.min(e.at).filter(e.status == "completed").label("done"))
                 .group_by(e.submission_id).subquery())
        s = submissions.c
        stmt = (select(s.service, s.department, s.channel, s.created_at, times.c.first, times.c.done)
                .select_from(submissions.outerjoin(times, times.c.submission_id == s.id))
                .where((s.created_at >= start) & (s.created_at < end)).order_by(s.created_at, s.id))
        if departments is not None:
            stmt = stmt.where(s.department.in_(list(departments)))
        with read_transaction(self.engine) as conn:
            rows = conn.execute(stmt).all()
        # min() over UTCDateTime comes back untyped on SQLite: read it the column's way
        read = submissions.c.created_at.type.process_result_value
        dialect = self.engine.dialect
        return [RequestTimes(r[0], r[1], r[2], r[3], _aware(r[4], read, dialect), _aware(r[5], read, dialect))
                for r in rows]

    def tally(self, first: date, last: date, departments: Departments = None) -> list[TallyCount]:
        """The contact tally's rows from ``first`` to ``last`` (city days, both included)."""
        stmt = select(t.day, t.service, t.department, t.channel, t.outcome, t.count).where(
            (t.day >= first) & (t.day <= last)).order_by(t.day, t.service, t.channel, t.outcome)
        if departments is not None:
            stmt = stmt.where(t.department.in_(list(departments)))
        with read_transaction(self.engine) as conn:
            return [TallyCount(*r) for r in conn.execute(stmt)]

    def delivery(self, start: datetime, end: datetime, departments: Departments = None) -> list[DeliveryCount]:
        """Outbox rows made in [start, end), counted per kind and status. A department sees the rows about
        its requests and its own digests and webhooks; sign-in emails and alerts about no request only
        every department's reader (an administrator) sees."""
        o = outbox.c
        stmt = (select(o.kind, o.status, func.count())
                .select_from(outbox.outerjoin(submissions, submissions.c.id == o.submission_id))
                .where((o.created_at >= start) & (o.created_at < end)).group_by(o.kind, o.status)
                .order_by(o.kind, o.status))
        if departments is not None:
            chosen = list(departments)
            stmt = stmt.where(or_(submissions.c.department.in_(chosen),
                                  and_(o.submission_id.is_(None), o.department.in_(chosen))))
        with read_transaction(self.engine) as conn:
            return [DeliveryCount(k, s, int(n)) for k, s, n in conn.execute(stmt)]

    def _feedback_where(self, stmt, first: date, last: date, departments: Departments):
        f = page_feedback.c
        stmt = stmt.where((f.day >= first) & (f.day <= last))
        # a department reader gets its services' pages only (pages about no service: every department's reader)
        return stmt if departments is None else stmt.where(f.department.in_(list(departments)))

    def feedback(self, first: date, last: date, departments: Departments = None) -> list[FeedbackCount]:
        """Page feedback from ``first`` to ``last`` (both included), counted per page, service, answer and reason."""
        f = page_feedback.c
        stmt = (select(f.path, f.service, f.helpful, f.reason, func.count())
                .group_by(f.path, f.service, f.helpful, f.reason).order_by(f.path, f.service, f.helpful, f.reason))
        with read_transaction(self.engine) as conn:
            return [FeedbackCount(p, s, bool(h), r, int(n))
                    for p, s, h, r, n in conn.execute(self._feedback_where(stmt, first, last, departments))]

    def comments(self, first: date, last: date, departments: Departments = None, limit: int = 20) -> list[Feedback]:
        """The ``limit`` most recent answers with a (masked) comment, newest first."""
        f = page_feedback.c
        stmt = select(page_feedback).where(f.comment.is_not(None)).order_by(f.day.desc(), f.id.desc()).limit(limit)
        with read_transaction(self.engine) as conn:
            return [Feedback(**r) for r in conn.execute(self._feedback_where(stmt, first, last, departments)).mappings()]

    def funnel(self, first: date, last: date, services: Iterable[str] | None = None) -> list[FunnelCount]:
        """Form funnel counts from ``first`` to ``last``, for ``services`` (None: every service)."""
        n = form_funnel.c
        stmt = (select(n.service, n.day, n.event, n.field, n.message, n.count)
                .where((n.day >= first) & (n.day <= last)).order_by(n.service, n.day, n.event, n.field, n.message))
        if services is not None:
            stmt = stmt.where(n.service.in_(list(services)))
        with read_transaction(self.engine) as conn:
            return [FunnelCount(*r) for r in conn.execute(stmt)]


def _aware(value, read, dialect) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return read(value, dialect)


@dataclass(frozen=True)
class Insights:
    tally: ContactTally
    reads: InsightsReads


def insights_of(store) -> Insights:
    """The insights' tables on ``store``'s engine and clock."""
    return Insights(ContactTally(store.engine, store.clock), InsightsReads(store.engine))
