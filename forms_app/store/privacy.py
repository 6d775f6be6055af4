"""Access and erasure (Law 25 s. 63.5, MFIPPA): everything held for one request, and erasing it.

* ``RequestPrivacy.held(reference)``: what Guichet holds about a request, in clear (its row, whose sealed
  columns open as they are read, and ``detail_of`` for the answers, files and history, in one read
  transaction), with its outbox rows and its audit entries. ``forms_app/privacy/export.py`` writes it out.
* ``RequestPrivacy.erase(reference, actor)``: erases its personal data at once, in one transaction with
  its audit entry (who, when; never content). ``erase_rows`` is the one erasure, shared with ``flask purge``
  (``retention.py``): the answers become ``[]``; Reply-To, copy address, name, phone and the form's key
  NULL; the words of replies and staff notes ``""``; file rows go (the caller deletes the files); outbox
  rows to the resident lose the address, and mail about the request not yet sent is cancelled. An erasure
  on request also blanks the status notes (staff words to the resident, which may quote them); ``flask
  purge`` keeps them, as it always did (they are written for anyone holding the reference).
  The reference, service, department, channel, dates, statuses and their events stay.
* ``erased(reference)``: when and why a request was erased, for its status page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Connection, Engine

from .audit import AuditEntry, AuditLog, audit_row
from .detail import RequestDetail, detail_of
from .engine import read_transaction, write_transaction
from .references import normalize_reference
from .blind_index import forget as forget_contacts
from .schema import RESIDENT_KINDS, attachments, audit_log, outbox, request_messages, status_events, submissions

REASONS = ("retention", "request")  # submissions.erasure
CANCELLED = "erased before it was sent"  # outbox.last_error of mail cancelled by an erasure


@dataclass(frozen=True)
class Contact:
    name: str | None
    phone: str | None
    copy_to: str | None  # the address the resident asked emails at
    reply_to: str | None  # the address the department's email replies to


@dataclass(frozen=True)
class SentEmail:
    id: int
    kind: str
    to: str  # the department's address, the resident's ("" once erased), the admin's
    status: str
    created_at: datetime
    sent_at: datetime | None
    attempts: int
    event_id: int | None
    message_id: int | None


@dataclass(frozen=True)
class Held:
    """Everything held about one request (``RequestPrivacy.held``)."""

    detail: RequestDetail  # facts, answers, files, history (status notes, replies, staff notes, emails)
    submission_id: int
    contact: Contact
    emails: list[SentEmail]
    audit: list[AuditEntry] = field(default_factory=list)  # oldest first
    erasure: str | None = None  # REASONS, when erased


@dataclass(frozen=True)
class Erased:
    reference: str
    files: list[str]  # stored names of the files whose rows went: the caller deletes them


def erase_rows(conn: Connection, ids: list[int], now: datetime, reason: str, notes: bool = False) -> list[str]:
    """Erase the personal data of the submissions ``ids`` on ``conn``; the stored names of their files."""
    if reason not in REASONS:
        raise ValueError(f"unknown erasure reason {reason!r}; one of {', '.join(REASONS)}")
    files = conn.execute(select(attachments.c.stored_name).where(attachments.c.submission_id.in_(ids))).scalars().all()
    conn.execute(delete(attachments).where(attachments.c.submission_id.in_(ids)))
    conn.execute(update(outbox).where(outbox.c.submission_id.in_(ids) & (outbox.c.status == "pending"))
                 .values(status="given_up", last_error=CANCELLED, lease_owner=None, lease_until=None))
    conn.execute(update(outbox).where(outbox.c.submission_id.in_(ids) & outbox.c.kind.in_(RESIDENT_KINDS)).values(recipient=""))
    conn.execute(update(request_messages).where(request_messages.c.submission_id.in_(ids)).values(body=""))
    if notes:
        conn.execute(update(status_events).where(status_events.c.submission_id.in_(ids)).values(note=""))
    conn.execute(
        update(submissions).where(submissions.c.id.in_(ids))
        .values(answers=[], reply_to=None, resident_copy_to=None, contact_name=None, contact_phone=None,
                client_key=None, purged_at=now, erasure=reason)
    )
    forget_contacts(conn, ids)  # the staff queue's blind index (#14, P1)
    return list(files)


class RequestPrivacy:
    """Access and erasure for one request at a time (the privacy officer's commands and page)."""

    def __init__(self, store):  # a ``Store``: its engine carries the keyring that opens the sealed columns
        self.engine: Engine = store.engine
        self.clock: Callable[[], datetime] = store.clock

    def held(self, reference: str) -> Held | None:
        ref = normalize_reference(reference)
        if ref is None:
            return None
        with read_transaction(self.engine) as conn:
            sub = conn.execute(select(submissions).where(submissions.c.reference == ref)).first()
            if sub is None:
                return None
            detail = detail_of(conn, sub, full=True)
            rows = conn.execute(select(outbox).where(outbox.c.submission_id == sub.id).order_by(outbox.c.id)).all()
        # the row's sealed columns were opened as they were read (schema.SEALED_COLUMNS)
        contact = Contact(name=sub.contact_name, phone=sub.contact_phone, copy_to=sub.resident_copy_to, reply_to=sub.reply_to)
        emails = [SentEmail(r.id, r.kind, r.recipient, r.status, r.created_at, r.sent_at, r.attempts, r.event_id, r.message_id)
                  for r in rows]
        audit = list(reversed(AuditLog(self.engine, self.clock).entries(ref, limit=100000)))
        return Held(detail, sub.id, contact, emails, audit, sub.erasure)

    def record_export(self, reference: str, actor: str, via: str) -> None:
        """The audit entry of an export (who, when, how; never what it held)."""
        AuditLog(self.engine, self.clock).record(actor, "privacy_export", normalize_reference(reference), f"via={via}")

    def erase(self, reference: str, actor: str, via: str) -> Erased | None:
        """Erase a request's personal data now (``erase_rows``, status notes included), audited; None if unknown."""
        ref = normalize_reference(reference)
        if ref is None:
            return None
        now = self.clock()
        with write_transaction(self.engine) as conn:
            found = conn.execute(select(submissions.c.id).where(submissions.c.reference == ref)).scalar()
            if found is None:
                return None
            files = erase_rows(conn, [found], now, "request", notes=True)
            conn.execute(audit_log.insert().values(audit_row(now, actor, "privacy_erase", ref, f"via={via} files={len(files)}")))
        return Erased(ref, files)

    def erased(self, reference: str) -> tuple[datetime, str | None] | None:
        """(when, why: ``REASONS`` or None before revision 0007) a request's personal data was erased, or None."""
        ref = normalize_reference(reference)
        if ref is None:
            return None
        with read_transaction(self.engine) as conn:
            row = conn.execute(select(submissions.c.purged_at, submissions.c.erasure)
                               .where(submissions.c.reference == ref)).first()
        if row is None or row.purged_at is None:
            return None
        return row.purged_at, row.erasure
