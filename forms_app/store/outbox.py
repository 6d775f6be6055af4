"""The outbox: mail still to send, claimed by workers under a lease.

A worker claims due rows by writing its name and a lease time on them in one
transaction: PostgreSQL takes the rows with ``FOR UPDATE SKIP LOCKED``,
SQLite runs the claim under ``BEGIN IMMEDIATE`` (one writer at a time) with a
conditional UPDATE. Every later change is conditional on still holding the
lease, so two workers never both record the same row. A row whose worker
died becomes due again when its lease runs out (at-least-once delivery;
the stable Message-ID makes such a resend recognisable).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.engine import Engine

from .engine import read_transaction, write_transaction
from .records import OutboxItem
from .schema import outbox, submissions

ERROR_MAX = 300


def new_row(submission_id: int, kind: str, recipient: str, now: datetime, **links) -> dict:
    """An outbox row to send now, never tried yet (``links``: ``about_id``, ``event_id``, ``department``, …)."""
    return dict(submission_id=submission_id, kind=kind, recipient=recipient, about_id=None, event_id=None,
                department=None, status="pending", attempts=0, created_at=now, next_attempt_at=now) | links


def _item(row) -> OutboxItem:
    return OutboxItem(**{name: row[name] for name in OutboxItem.__dataclass_fields__})


class Outbox:
    def __init__(self, engine: Engine, clock: Callable[[], datetime]):
        self.engine = engine
        self.clock = clock

    def _due(self, now: datetime):
        return (
            (outbox.c.status == "pending")
            & (outbox.c.next_attempt_at <= now)
            & or_(outbox.c.lease_until.is_(None), outbox.c.lease_until <= now)
        )

    def claim_due(self, owner: str, limit: int, lease: timedelta) -> list[OutboxItem]:
        """Lease up to ``limit`` due rows for ``owner``; their ``attempts`` count this try."""
        now = self.clock()
        with write_transaction(self.engine) as conn:
            ids = conn.execute(
                select(outbox.c.id)
                .where(self._due(now))
                .order_by(outbox.c.next_attempt_at, outbox.c.id)
                .limit(limit)
                .with_for_update(skip_locked=True)
            ).scalars().all()
            if not ids:
                return []
            conn.execute(
                update(outbox)
                .where(outbox.c.id.in_(ids) & self._due(now))
                .values(lease_owner=owner, lease_until=now + lease, attempts=outbox.c.attempts + 1)
            )
            rows = conn.execute(
                select(outbox).where(outbox.c.id.in_(ids) & (outbox.c.lease_owner == owner)).order_by(outbox.c.id)
            ).mappings().all()
        return [_item(r) for r in rows]

    def _finish(self, item: OutboxItem, **values) -> bool:
        with write_transaction(self.engine) as conn:
            return self._finish_in(conn, item, **values)

    @staticmethod
    def _finish_in(conn, item: OutboxItem, **values) -> bool:
        result = conn.execute(
            update(outbox)
            .where((outbox.c.id == item.id) & (outbox.c.lease_owner == item.lease_owner) & (outbox.c.status == "pending"))
            .values(lease_owner=None, lease_until=None, **values)
        )
        return result.rowcount == 1

    def mark_sent(self, item: OutboxItem) -> bool:
        """Record a sent row; False if this worker no longer held its lease."""
        return self._finish(item, status="sent", sent_at=self.clock(), last_error=None)

    def reschedule(self, item: OutboxItem, next_attempt_at: datetime, error: str) -> bool:
        return self._finish(item, next_attempt_at=next_attempt_at, last_error=error[:ERROR_MAX])

    def release(self, owner: str, ids: list[int] | None = None) -> int:
        """Give back rows ``owner`` claimed and did not finish (the worker is stopping): due
        again at once, the claim's attempt not counted. With no ids, every row it still holds."""
        where = (outbox.c.lease_owner == owner) & (outbox.c.status == "pending")
        if ids is not None:
            where &= outbox.c.id.in_(ids)
        with write_transaction(self.engine) as conn:
            result = conn.execute(
                update(outbox).where(where).values(lease_owner=None, lease_until=None, attempts=outbox.c.attempts - 1)
            )
        return result.rowcount

    def give_up(self, item: OutboxItem, status: str, error: str, alert_to: str | None) -> bool:
        """Mark ``failed`` (permanent) or ``given_up`` (too old), keep the row, and in the
        same transaction enqueue an ``admin_alert`` to ``alert_to`` (if given)."""
        if status not in ("failed", "given_up"):
            raise ValueError(status)
        now = self.clock()
        with write_transaction(self.engine) as conn:
            done = self._finish_in(conn, item, status=status, last_error=error[:ERROR_MAX])
            if done and alert_to:
                conn.execute(insert(outbox).values(new_row(item.submission_id, "admin_alert", alert_to, now, about_id=item.id)))
        return done

    def get(self, outbox_id: int) -> OutboxItem | None:
        with read_transaction(self.engine) as conn:
            row = conn.execute(select(outbox).where(outbox.c.id == outbox_id)).mappings().first()
        return _item(row) if row else None

    def rows_for(self, reference: str) -> list[OutboxItem]:
        """Every outbox row of a submission (reference as stored), oldest first."""
        with read_transaction(self.engine) as conn:
            rows = conn.execute(
                select(outbox)
                .join(submissions, submissions.c.id == outbox.c.submission_id)
                .where(submissions.c.reference == reference)
                .order_by(outbox.c.id)
            ).mappings().all()
        return [_item(r) for r in rows]

    def counts(self) -> dict[str, int]:
        """How many rows in each status (for monitoring)."""
        with read_transaction(self.engine) as conn:
            rows = conn.execute(select(outbox.c.status, func.count()).group_by(outbox.c.status)).all()
        return {status: n for status, n in rows}

    def requeue(self, outbox_id: int | None = None) -> int:
        """Make a failed or given-up row due again now (after fixing the cause); with no id,
        every failed or given-up row except admin alerts. Returns how many rows."""
        where = outbox.c.status.in_(("failed", "given_up"))
        where &= (outbox.c.id == outbox_id) if outbox_id is not None else (outbox.c.kind != "admin_alert")
        with write_transaction(self.engine) as conn:
            result = conn.execute(
                update(outbox).where(where)
                .values(status="pending", next_attempt_at=self.clock(), lease_owner=None, lease_until=None)
            )
        return result.rowcount
