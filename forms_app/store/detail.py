"""One request's page for staff: its facts, answers, files and merged history (``detail_of``).

``full=True`` is the department's view (``RequestQueue.request_detail``). ``full=False`` is the
lookup by reference any staff member may make (``RequestQueue.request_lookup``: a 311 agent or a
counter clerk of another department): what the resident's status page shows (service, dates,
statuses and the notes to the resident) plus the history's shape (who acted and when, which
emails went, that the resident replied), never the answers, files, contact details or the words
of replies and staff notes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from .records import Answer
from .schema import attachments, outbox, request_messages, status_events

HISTORY_ORDER = {"status": 0, "resident_reply": 1, "staff_note": 1, "email": 2}  # at the same second


@dataclass(frozen=True)
class FileInfo:
    id: int
    filename: str
    size: int
    content_type: str
    stored_name: str
    message_id: int | None  # None: sent with the request; else the resident reply it came with


@dataclass(frozen=True)
class HistoryItem:
    kind: str  # "status", "resident_reply", "staff_note", "email"
    at: datetime
    who: str  # "system", "resident", a staff address, "staff (email link)", "department" / "resident" (emails)
    status: str | None = None  # kind "status": the new status; kind "email": the outbox status
    text: str = ""  # the note, the message; an email's kind
    files: tuple[FileInfo, ...] = ()


@dataclass(frozen=True)
class RequestDetail:
    reference: str
    service: str
    service_title: str
    department: str
    lang: str
    channel: str
    status: str
    created_at: datetime
    due_on: date | None
    entered_by: str | None
    contact: str  # "email", "phone" or "status_page" ("" in a lookup)
    purged_at: datetime | None
    answers: list[Answer]
    files: list[FileInfo]
    history: list[HistoryItem] = field(default_factory=list)  # oldest first
    full: bool = True  # False: the lookup by reference (no answers, files, contact or message words)


def detail_of(conn, sub, full: bool) -> RequestDetail:
    """The request ``sub`` (a ``submissions`` row) with its history, read on ``conn``."""
    files = [FileInfo(f.id, f.filename, f.size, f.content_type, f.stored_name, f.message_id)
             for f in conn.execute(select(attachments).where(attachments.c.submission_id == sub.id)
                                   .order_by(attachments.c.id))] if full else []
    events = conn.execute(select(status_events).where(status_events.c.submission_id == sub.id)
                          .order_by(status_events.c.at, status_events.c.id)).all()
    messages = conn.execute(select(request_messages).where(request_messages.c.submission_id == sub.id)
                            .order_by(request_messages.c.at, request_messages.c.id)).all()
    emails = conn.execute(select(outbox.c.kind, outbox.c.status, outbox.c.created_at, outbox.c.sent_at)
                          .where(outbox.c.submission_id == sub.id).order_by(outbox.c.id)).all()
    history = [HistoryItem("status", e.at, e.actor or ("system" if e.by == "system" else "staff (email link)"),
                           status=e.status, text=e.note) for e in events]
    for m in messages:
        history.append(HistoryItem(m.kind, m.at, m.author, text=m.body if full else "",
                                   files=tuple(f for f in files if f.message_id == m.id)))
    for e in emails:
        to = "department" if e.kind in ("department", "resident_reply") else "resident"
        history.append(HistoryItem("email", e.sent_at or e.created_at, to, status=e.status, text=e.kind))
    history.sort(key=lambda item: (item.at, HISTORY_ORDER[item.kind]))
    contact = "email" if sub.resident_copy_to else "phone" if sub.contact_phone else "status_page"
    return RequestDetail(
        reference=sub.reference, service=sub.service, service_title=sub.service_title, department=sub.department,
        lang=sub.lang, channel=sub.channel, status=sub.status, created_at=sub.created_at, due_on=sub.due_on,
        entered_by=sub.entered_by, contact=contact if full else "", purged_at=sub.purged_at,
        answers=[] if sub.purged_at or not full else [Answer(**a) for a in sub.answers or []],
        files=files, history=history, full=full,
    )
