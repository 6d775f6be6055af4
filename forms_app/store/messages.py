"""``RequestMessages``: what is said about a request besides its status.

Two kinds (``schema.MESSAGE_KINDS``): a resident's reply to "waiting for you"
(``resident_reply``, author ``resident``, with files) and a staff note for
colleagues (``staff_note``, author a staff address, never shown to the
resident). ``add`` writes the message, its files (``attachments.message_id``),
the email that forwards a resident's reply to the department's mailbox
(outbox ``resident_reply``, carrying ``message_id``) and its audit entry, in one
transaction: a reply is never stored without its email, nor emailed unstored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.engine import Engine

from .audit import audit_row
from .engine import read_transaction, write_transaction
from .outbox import new_row
from .records import Attachment
from .references import normalize_reference
from .schema import MESSAGE_KINDS, attachments, audit_log, outbox, request_messages, submissions

BODY_MAX = 5000
AUDIT_ACTIONS = {"resident_reply": "resident_reply", "staff_note": "note_added"}
EMAILED = ("resident_reply",)  # kinds forwarded to the department's mailbox


@dataclass(frozen=True)
class Message:
    id: int
    submission_id: int
    kind: str
    author: str
    body: str
    at: datetime
    attachments: list[Attachment] = field(default_factory=list)


class NotWaiting(Exception):
    """The request's current status is not the one the message answers (it changed meanwhile)."""


class RequestMessages:
    def __init__(self, engine: Engine, clock: Callable[[], datetime]):
        self.engine = engine
        self.clock = clock

    def add(self, submission_reference: str, kind: str, author: str, body: str, files: Sequence[Attachment] = (),
            require_status: str | None = None) -> int | None:
        """Store a message about a request; its id, or None when the reference is unknown.

        ``files`` were saved under ``UPLOAD_DIR`` by the caller (which deletes them if this raises).
        With ``require_status``, raise ``NotWaiting`` unless the request is in that status now (checked
        in the same transaction). A ``resident_reply`` also queues its email to the department.
        """
        if kind not in MESSAGE_KINDS:
            raise ValueError(f"unknown message kind {kind!r}; one of {', '.join(MESSAGE_KINDS)}")
        body = (body or "").replace("\x00", "").strip()[:BODY_MAX]
        ref = normalize_reference(submission_reference)
        if ref is None:
            return None
        now = self.clock()
        with write_transaction(self.engine) as conn:
            found = conn.execute(
                select(submissions.c.id, submissions.c.recipient, submissions.c.status)
                .where(submissions.c.reference == ref)
            ).first()
            if found is None:
                return None
            if require_status is not None and found.status != require_status:
                raise NotWaiting(ref)
            message_id = conn.execute(
                insert(request_messages).values(submission_id=found.id, kind=kind, author=author[:320], body=body, at=now)
            ).inserted_primary_key[0]
            if files:
                conn.execute(insert(attachments), [
                    dict(submission_id=found.id, message_id=message_id, stored_name=f.stored_name, filename=f.filename,
                         content_type=f.content_type, size=f.size) for f in files])
            if kind in EMAILED:
                conn.execute(insert(outbox).values(new_row(found.id, kind, found.recipient, now, message_id=message_id)))
            conn.execute(insert(audit_log).values(
                audit_row(now, author, AUDIT_ACTIONS[kind], ref, f"files={len(files)}" if files else "")))
        return message_id

    def get(self, message_id: int) -> Message | None:
        """One message with its files (the delivery worker forwards a reply with them)."""
        with read_transaction(self.engine) as conn:
            row = conn.execute(select(request_messages).where(request_messages.c.id == message_id)).first()
            if row is None:
                return None
            files = conn.execute(
                select(attachments).where(attachments.c.message_id == message_id).order_by(attachments.c.id)
            ).all()
        return Message(row.id, row.submission_id, row.kind, row.author, row.body, row.at,
                       [Attachment(f.stored_name, f.filename, f.content_type, f.size) for f in files])

    def of(self, submission_reference: str, kind: str | None = None) -> list[Message]:
        """A request's messages, oldest first (without their files), of one kind or all."""
        ref = normalize_reference(submission_reference)
        if ref is None:
            return []
        query = (select(request_messages).join(submissions, submissions.c.id == request_messages.c.submission_id)
                 .where(submissions.c.reference == ref).order_by(request_messages.c.at, request_messages.c.id))
        if kind is not None:
            query = query.where(request_messages.c.kind == kind)
        with read_transaction(self.engine) as conn:
            rows = conn.execute(query).all()
        return [Message(r.id, r.submission_id, r.kind, r.author, r.body, r.at) for r in rows]
