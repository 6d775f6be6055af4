"""``AuditLog``: the append-only record of who did what to which request.

Each entry says who (a staff address, ``resident``, ``system`` or ``admin (cli)``),
when, what (``schema.AUDIT_ACTIONS``), the reference when there is one, and a
short detail made by the code (``status=completed``, ``field=email``,
``rows=120``), never an answer, a note or what a search looked for. Rows are
only ever inserted: triggers refuse UPDATE and DELETE (revision 0004).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection, Engine

from .engine import read_transaction, write_transaction
from .references import normalize_reference
from .schema import AUDIT_ACTIONS, audit_log

DETAIL_MAX = 300


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    actor: str
    action: str
    reference: str | None
    detail: str


def audit_row(now: datetime, actor: str, action: str, reference: str | None = None, detail: str = "") -> dict:
    """An audit row, checked (``action`` one of ``AUDIT_ACTIONS``), for an insert in a caller's transaction."""
    if action not in AUDIT_ACTIONS:
        raise ValueError(f"unknown audit action {action!r}; one of {', '.join(AUDIT_ACTIONS)}")
    return dict(at=now, actor=actor[:320], action=action, reference=reference, detail=(detail or "")[:DETAIL_MAX])


class AuditLog:
    def __init__(self, engine: Engine, clock: Callable[[], datetime]):
        self.engine = engine
        self.clock = clock

    def record(self, actor: str, action: str, reference: str | None = None, detail: str = "") -> None:
        """Append one entry in its own transaction."""
        with write_transaction(self.engine) as conn:
            self.record_in(conn, actor, action, reference, detail)

    def record_in(self, conn: Connection, actor: str, action: str, reference: str | None = None, detail: str = "") -> None:
        """Append one entry inside the caller's transaction (it commits with the change it records)."""
        conn.execute(insert(audit_log).values(audit_row(self.clock(), actor, action, reference, detail)))

    def entries(self, reference: str | None = None, limit: int = 500, offset: int = 0) -> list[AuditEntry]:
        """Newest first: every entry about ``reference`` (as typed), or every entry."""
        query = select(audit_log).order_by(audit_log.c.at.desc(), audit_log.c.id.desc()).limit(limit).offset(offset)
        if reference is not None:
            ref = normalize_reference(reference)
            if ref is None:
                return []
            query = query.where(audit_log.c.reference == ref)
        with read_transaction(self.engine) as conn:
            rows = conn.execute(query).all()
        return [AuditEntry(r.at, r.actor, r.action, r.reference, r.detail) for r in rows]
