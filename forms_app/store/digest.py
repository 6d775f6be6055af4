"""``Digests``: each department's daily count of its requests, emailed through the outbox.

``enqueue`` (``flask digest``, from cron) queues one ``digest`` outbox row per
department that has requests (``submission_id`` NULL, ``department`` set, to
the department's mailbox) and records ``digest_sent`` in the audit log, in one
transaction; a department already sent one since ``since`` (the start of the
city's day) is skipped, so running the command twice a day sends one digest.
The counts are made when the email is built (``counts``), so a digest retried
later still tells the truth of the moment it goes out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Engine

from .audit import audit_row
from .engine import read_transaction, write_transaction
from .outbox import new_row
from .schema import audit_log, outbox, submissions

CLOSED = ("completed", "closed")


@dataclass(frozen=True)
class DigestCounts:
    open: int  # neither completed nor closed
    overdue: int  # open, and its due date has passed
    waiting: int  # waiting for the resident


class Digests:
    def __init__(self, engine: Engine, clock: Callable[[], datetime]):
        self.engine = engine
        self.clock = clock

    def enqueue(self, mailboxes: dict[str, str], since: datetime) -> list[str]:
        """Queue a digest for each department with requests and a mailbox (``mailboxes``: id → address),
        unless one was queued since ``since``; the departments queued, sorted."""
        now = self.clock()
        with write_transaction(self.engine) as conn:
            with_requests = set(conn.execute(select(submissions.c.department).distinct()).scalars())
            already = set(conn.execute(
                select(outbox.c.department).where((outbox.c.kind == "digest") & (outbox.c.created_at >= since))
            ).scalars())
            queued = sorted(d for d in with_requests if d in mailboxes and d not in already)
            for department in queued:
                conn.execute(insert(outbox).values(new_row(None, "digest", mailboxes[department], now, department=department)))
                conn.execute(insert(audit_log).values(audit_row(now, "system", "digest_sent", None, f"department={department}")))
        return queued

    def counts(self, department: str, today: date) -> DigestCounts:
        """The department's open, overdue and waiting-for-resident requests now (``today`` in the city's time zone)."""
        c = submissions.c
        is_open = c.status.notin_(CLOSED)
        with read_transaction(self.engine) as conn:
            row = conn.execute(
                select(
                    func.count().filter(is_open),
                    func.count().filter(is_open & (c.due_on < today)),
                    func.count().filter(c.status == "waiting_for_you"),
                ).where(c.department == department)
            ).one()
        return DigestCounts(*row)
