"""Page feedback and form funnels, written through the store (issue #15).

``PageFeedback``: one row per "Did you find what you needed?" answer
(``page_feedback``): the city's local day, language, the page's site path,
the service and its department on a service page, yes or no, and for a "no"
the reason and the comment, already masked by the caller
(``guichet.feedback_mask``). Nothing about the person: no IP address, cookie,
user agent or time of day. A "something is wrong" answer queues a
``page_problem`` email to the page's department in the same transaction.

``FormFunnel``: per service and day, counts of form views, submit attempts,
attempts with errors, successes and errors per field and message key
(``form_funnel``), each request counted with one upsert (``INSERT … ON
CONFLICT DO UPDATE``, on SQLite and PostgreSQL alike).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Dialect, Engine

from .engine import read_transaction, write_transaction
from .outbox import new_row
from .prepared import PreparedInsert
from .schema import FEEDBACK_REASONS, FUNNEL_EVENTS, form_funnel, outbox, page_feedback

COMMENT_MAX = 1000  # characters kept of a (masked) comment
PATH_MAX = 300
f = page_feedback.c
n = form_funnel.c


@dataclass(frozen=True)
class Feedback:
    id: int
    day: dt.date
    lang: str
    path: str
    service: str | None
    department: str | None
    helpful: bool
    reason: str | None
    comment: str | None
    outbox_id: int | None


@dataclass(frozen=True)
class FunnelCount:
    service: str
    day: dt.date
    event: str  # FUNNEL_EVENTS
    field: str  # "" except field_error
    message: str  # the message key; "" except field_error
    count: int


def _clean(value: str | None, limit: int) -> str | None:
    value = (value or "").replace("\x00", "").strip()[:limit]
    return value or None


class PageFeedback:
    def __init__(self, engine: Engine, clock: Callable[[], dt.datetime]):
        self.engine = engine
        self.clock = clock

    def add(self, lang: str, path: str, helpful: bool, day: dt.date, service: str | None = None,
            department: str | None = None) -> int:
        """Store one yes/no answer about a page; its id (the second step of a "no" names it)."""
        row = dict(day=day, lang=lang[:5], path=_clean(path, PATH_MAX) or "/", service=_clean(service, 200),
                   department=_clean(department, 200), helpful=bool(helpful))
        with write_transaction(self.engine) as conn:
            return conn.execute(insert(page_feedback).values(row)).inserted_primary_key[0]

    def explain(self, feedback_id: int, reason: str, comment: str | None, problem_to: str | None = None) -> bool:
        """A "no" answer's reason and masked comment (once: False if the row is unknown, a "yes", or
        already explained). With ``problem_to`` (an address), a ``page_problem`` email to it is queued
        in the same transaction, its row linked from the feedback's ``outbox_id``."""
        if reason not in FEEDBACK_REASONS:
            raise ValueError(f"unknown feedback reason {reason!r}")
        comment = _clean(comment, COMMENT_MAX)
        now = self.clock()
        with write_transaction(self.engine) as conn:
            found = conn.execute(select(f.department).where(
                (f.id == feedback_id) & (f.helpful.is_(False)) & f.reason.is_(None))).first()
            if found is None:
                return False
            values = dict(reason=reason, comment=comment)
            if problem_to:
                values["outbox_id"] = conn.execute(insert(outbox).values(
                    new_row(None, "page_problem", problem_to, now, department=found.department))).inserted_primary_key[0]
            conn.execute(update(page_feedback).where(f.id == feedback_id).values(values))
        return True

    def forget_comments(self, before: dt.date) -> int:
        """Erase the (masked) comments of answers older than ``before``; the yes/no and reason counts stay
        (``flask purge``, ``FEEDBACK_COMMENT_KEEP_DAYS``). How many comments went."""
        with write_transaction(self.engine) as conn:
            return conn.execute(update(page_feedback).where((f.day < before) & f.comment.is_not(None))
                                .values(comment=None)).rowcount

    def get(self, feedback_id: int) -> Feedback | None:
        with read_transaction(self.engine) as conn:
            row = conn.execute(select(page_feedback).where(f.id == feedback_id)).mappings().first()
        return Feedback(**row) if row else None

    def for_outbox(self, outbox_id: int) -> Feedback | None:
        """The feedback a ``page_problem`` email is about."""
        with read_transaction(self.engine) as conn:
            row = conn.execute(select(page_feedback).where(f.outbox_id == outbox_id)).mappings().first()
        return Feedback(**row) if row else None


FUNNEL_COLUMNS = ("service", "day", "event", "field", "message", "count")


def _upsert(dialect: Dialect) -> PreparedInsert:
    """``INSERT INTO form_funnel … ON CONFLICT (its key) DO UPDATE SET count = count + excluded.count``,
    compiled once per database like the submission's INSERTs (``prepared.py``): a count on the submit path
    costs one statement on the driver's cursor, not SQLAlchemy's per-execution work."""
    return PreparedInsert(dialect, form_funnel, FUNNEL_COLUMNS, on_conflict=lambda stmt: stmt.on_conflict_do_update(
        index_elements=[n.service, n.day, n.event, n.field, n.message], set_={"count": n.count + stmt.excluded.count}))


class FormFunnel:
    def __init__(self, engine: Engine, clock: Callable[[], dt.datetime]):
        self.engine = engine
        self.clock = clock
        self._upsert = _upsert(engine.dialect)

    def count(self, service: str, day: dt.date, events: Iterable[tuple[str, str, str]]) -> None:
        """Add one to each (event, field, message) of ``service`` on ``day``: one prepared upsert (run for
        each row), one transaction."""
        rows = {}
        for event, field, message in events:
            if event not in FUNNEL_EVENTS:
                raise ValueError(f"unknown funnel event {event!r}")
            key = (event, field[:100], message[:60])
            rows[key] = rows.get(key, 0) + 1
        if not rows:
            return
        values = [dict(service=service[:200], day=day, event=e, field=fi, message=m, count=c) for (e, fi, m), c in rows.items()]
        with write_transaction(self.engine) as conn:
            self._upsert.run_many(conn, values)

    def view(self, service: str, day: dt.date) -> None:
        """A GET of the form page."""
        self.count(service, day, [("view", "", "")])

    def attempt(self, service: str, day: dt.date, errors: Iterable[tuple[str, str]] = ()) -> None:
        """A submit attempt; with ``errors`` ((field name, message key), …) an attempt with errors, else a success."""
        errors = list(errors)
        events = [("attempt", "", ""), ("attempt_error", "", "") if errors else ("success", "", "")]
        self.count(service, day, events + [("field_error", field, key) for field, key in errors])


