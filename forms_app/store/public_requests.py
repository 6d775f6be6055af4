"""What other systems may read of requests (Open311 ``GET requests``): never personal data.

Only the reference, the service, the department, the channel-free dates and the status
are read: no answers, names, emails, phones or addresses. ``newest_note`` is the note of
the newest status event, which the public status page already shows to anyone holding the
reference; the list (``find``) never carries notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.engine import Engine

from .engine import read_transaction
from .schema import status_events, submissions


@dataclass(frozen=True)
class PublicRequest:
    reference: str
    service: str
    department: str
    status: str
    created_at: datetime
    status_at: datetime | None
    due_on: date | None


COLUMNS = (submissions.c.reference, submissions.c.service, submissions.c.department, submissions.c.status,
           submissions.c.created_at, submissions.c.status_at, submissions.c.due_on)


def find(engine: Engine, *, references: list[str] | None = None, service: str | None = None,
         start: datetime | None = None, end: datetime | None = None, statuses: tuple[str, ...] | None = None,
         limit: int = 1000) -> list[PublicRequest]:
    """Requests matching every filter given, newest first, at most ``limit``."""
    query = select(*COLUMNS)
    if references is not None:
        query = query.where(submissions.c.reference.in_(references))
    if service is not None:
        query = query.where(submissions.c.service == service)
    if start is not None:
        query = query.where(submissions.c.created_at >= start)
    if end is not None:
        query = query.where(submissions.c.created_at <= end)
    if statuses is not None:
        query = query.where(submissions.c.status.in_(statuses))
    query = query.order_by(submissions.c.created_at.desc(), submissions.c.id.desc()).limit(limit)
    with read_transaction(engine) as conn:
        return [PublicRequest(*row) for row in conn.execute(query).all()]


def newest_note(engine: Engine, reference: str) -> str:
    """The newest status event's note for the resident ('' when none)."""
    with read_transaction(engine) as conn:
        note = conn.execute(
            select(status_events.c.note).where(status_events.c.reference == reference)
            .order_by(status_events.c.at.desc(), status_events.c.id.desc()).limit(1)
        ).scalar()
    return note or ""
