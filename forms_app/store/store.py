"""``Store``: saving submissions and reading/writing their status.

SQLAlchemy Core only; knows nothing of requests, templates or mail.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from . import blind_index
from .addresses import is_single_address
from .api_keys import ApiKeys
from .engine import read_transaction, write_transaction
from .migrate import check_stamped, head, migrate
from .audit import AuditLog
from .misses import SearchMisses
from .feedback import FormFunnel, PageFeedback
from .outbox import Outbox, new_row
from .prepared import PreparedInsert
from .digest import Digests
from .messages import RequestMessages
from .queue import NOTE_MAX, RequestQueue  # NOTE_MAX: a status note's and a staff note's length
from .new_rows import new_rows
from .records import Answer, Attachment, NewSubmission, StatusEvent, StatusView, Submission
from .references import format_reference, new_reference, normalize_reference
from .schema import STATUSES, attachments, contact_index, outbox, status_events, submissions
from .sealing import Keyring, attach
from .staff import StaffDirectory

log = logging.getLogger(__name__)

REFERENCE_TRIES = 5
CREATE_LOCK = 0x6775696368  # "guich": one process at a time creates the tables

SUBMISSION_COLUMNS = ("reference", "service", "lang", "service_title", "department", "recipient", "answers",
                      "reply_to", "resident_copy_to", "client_key", "created_at", "channel", "status", "status_at",
                      "due_on", "contact_name", "contact_phone", "entered_by")
ATTACHMENT_COLUMNS = ("submission_id", "stored_name", "filename", "content_type", "size")
OUTBOX_COLUMNS = ("submission_id", "kind", "recipient", "about_id", "event_id", "department", "status", "attempts", "created_at",
                  "next_attempt_at")
STATUS_COLUMNS = ("submission_id", "reference", "status", "note", "at", "by", "actor")
INDEX_COLUMNS = ("digest", "submission_id")


@dataclass(frozen=True)
class Saved:
    reference: str
    duplicate: bool = False  # the form's key was stored before: that submission's reference


def utcnow() -> datetime:
    return datetime.now(UTC)


class Store:
    def __init__(self, engine: Engine, clock: Callable[[], datetime] = utcnow, webhook_departments: Iterable[str] = (),
                 keyring: Keyring | None = None):
        self.engine = engine
        # What residents typed is sealed with this keyring (sealing.py), the engine's: every Store on it shares it.
        self.keyring = attach(engine, keyring)
        self.clock = clock
        # departments whose system gets a signed webhook per new request and status change (WEBHOOKS setting)
        self.webhook_departments = frozenset(webhook_departments)
        self.outbox = Outbox(engine, clock)
        self.misses = SearchMisses(engine)
        self.audit = AuditLog(engine, clock)
        self.staff = StaffDirectory(engine, clock)
        self.queue = RequestQueue(engine, clock)
        self.messages = RequestMessages(engine, clock)
        self.digests = Digests(engine, clock)
        self.api_keys = ApiKeys(engine, clock)  # Open311 (forms_app/open311)
        self.feedback = PageFeedback(engine, clock)  # page feedback (forms_app/feedback, #15)
        self.funnel = FormFunnel(engine, clock)  # form funnels (forms/views.py, #15)
        dialect = engine.dialect
        self._new_submission = PreparedInsert(dialect, submissions, SUBMISSION_COLUMNS, returning="id")
        self._new_attachments = PreparedInsert(dialect, attachments, ATTACHMENT_COLUMNS)
        self._new_outbox = PreparedInsert(dialect, outbox, OUTBOX_COLUMNS)
        self._new_status = PreparedInsert(dialect, status_events, STATUS_COLUMNS)
        self._new_index = PreparedInsert(dialect, contact_index, INDEX_COLUMNS)

    def create_tables(self) -> list[str]:
        """Migrate the store's tables to the newest revision (``migrate.py``); what changed."""
        with self._schema_transaction() as conn:
            changes = migrate(conn)
        for change in changes:
            log.warning("schema: %s", change)
        return changes

    def schema_revision(self) -> tuple[str | None, str]:
        """(the database's revision, the code's newest); ``UnstampedDatabase`` for a pre-migration database."""
        with read_transaction(self.engine) as conn:
            return check_stamped(conn), head()

    @contextmanager
    def _schema_transaction(self) -> Iterator[Connection]:
        """One process at a time changes the schema (workers start together): a write
        transaction, behind an advisory lock on PostgreSQL."""
        with write_transaction(self.engine) as conn:
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({CREATE_LOCK})")
            yield conn

    # -- submissions ---------------------------------------------------------

    def save_submission(self, new: NewSubmission) -> str:
        """``save`` and return the reference (the earlier one for a key stored before)."""
        return self.save(new).reference

    def save(self, new: NewSubmission) -> Saved:
        """Write the submission, its outbox rows and status 'received' in one transaction.

        Returns the reference once committed. A reference collision (the
        UNIQUE constraint) is retried with a fresh reference. A form key stored
        before returns that submission's reference, marked ``duplicate``: the
        caller deletes the files it saved for this one (store/retention.py).

        The rows are built before the transaction (so SQLite's write lock is
        held only for the inserts and the commit): one INSERT for the
        submission, one executemany per child table, one for the status event,
        each compiled once (``prepared.py``).
        """
        if not is_single_address(new.recipient):
            raise ValueError(f"recipient of service {new.service!r} is not a single email address")
        submission, files, copy_to = new_rows(new)
        found_by = blind_index.terms(submission["reply_to"], submission["resident_copy_to"], submission["contact_name"],
                                     submission["contact_phone"])
        for attempt in range(1, REFERENCE_TRIES + 1):
            reference = new_reference()
            now = self.clock()
            try:
                with write_transaction(self.engine) as conn:
                    self._insert(conn, reference, submission, files, copy_to, now, found_by)
            except IntegrityError:
                earlier = self.reference_for_key(new.client_key) if new.client_key else None
                if earlier is not None:
                    log.info("duplicate ref=%s service=%s", format_reference(earlier), new.service)
                    return Saved(earlier, duplicate=True)
                if attempt == REFERENCE_TRIES or not self._reference_taken(reference):
                    raise
                log.warning("reference collision, retrying service=%s", new.service)
                continue
            log.info("saved ref=%s service=%s copy=%s", format_reference(reference), new.service, copy_to is not None)
            return Saved(reference)
        raise AssertionError("unreachable")

    def _insert(self, conn: Connection, reference: str, submission: dict, files: list[dict], copy_to: str | None, now: datetime,
                found_by: set[tuple[str, str]] = frozenset()) -> None:
        submission_id = self._new_submission.run(conn, dict(submission, reference=reference, created_at=now, status_at=now))
        if found_by:  # the staff queue's search (blind_index.py), under the newest key
            self._new_index.run_many(conn, blind_index.rows(self.keyring.index_keys[0], submission_id, found_by))
        if files:
            self._new_attachments.run_many(conn, [dict(f, submission_id=submission_id) for f in files])
        rows = [new_row(submission_id, "department", submission["recipient"], now)]
        if copy_to is not None:
            rows.append(new_row(submission_id, "resident_copy", copy_to, now))
        if submission["department"] in self.webhook_departments:  # request.created
            rows.append(self._webhook_row(submission_id, submission["department"], now))
        self._new_outbox.run_many(conn, rows)  # one prepared executemany for every row, the webhook's included
        self._new_status.run(
            conn, dict(submission_id=submission_id, reference=reference, status="received", note="", at=now, by="system",
                       actor=submission["entered_by"])
        )

    def reference_for_key(self, key: str) -> str | None:
        """The reference stored with a form's one-time key, if any."""
        with read_transaction(self.engine) as conn:
            return conn.execute(select(submissions.c.reference).where(submissions.c.client_key == key)).scalar()

    def _reference_taken(self, reference: str) -> bool:
        with read_transaction(self.engine) as conn:
            return conn.execute(select(submissions.c.id).where(submissions.c.reference == reference)).first() is not None

    def submission(self, submission_id: int) -> Submission | None:
        return self.submissions([submission_id]).get(submission_id)

    def submissions(self, ids: list[int]) -> dict[int, Submission]:
        """Several submissions with their attachments, in two queries (the worker reads a batch)."""
        ids = sorted(set(ids))
        with read_transaction(self.engine) as conn:
            rows = conn.execute(select(submissions).where(submissions.c.id.in_(ids))).mappings().all()
            files: dict[int, list[Attachment]] = {i: [] for i in ids}
            for f in conn.execute(
                # the request's own files; a resident reply's files go with its own email (store/messages.py)
                select(attachments).where(attachments.c.submission_id.in_(ids) & attachments.c.message_id.is_(None))
                .order_by(attachments.c.id)
            ).mappings():
                files[f["submission_id"]].append(Attachment(f["stored_name"], f["filename"], f["content_type"], f["size"]))
        return {
            row["id"]: Submission(
                id=row["id"],
                reference=row["reference"],
                service=row["service"],
                lang=row["lang"],
                service_title=row["service_title"],
                department=row["department"],
                recipient=row["recipient"],
                answers=[Answer(**a) for a in row["answers"]],
                reply_to=row["reply_to"],
                resident_copy_to=row["resident_copy_to"],
                created_at=row["created_at"],
                attachments=files[row["id"]],
            )
            for row in rows
        }

    def submission_id(self, reference: str) -> int | None:
        ref = normalize_reference(reference)
        if ref is None:
            return None
        with read_transaction(self.engine) as conn:
            return conn.execute(select(submissions.c.id).where(submissions.c.reference == ref)).scalar()

    # -- status --------------------------------------------------------------

    def status_of(self, reference: str) -> StatusView | None:
        """The status history of a reference as typed by a resident, or None.

        One query (the submission outer-joined with its events), found or not:
        a known and an unknown reference cost the database the same round trip.
        """
        ref = normalize_reference(reference)
        if ref is None:
            return None
        with read_transaction(self.engine) as conn:
            rows = conn.execute(
                select(submissions.c.service, submissions.c.service_title, submissions.c.lang,
                       submissions.c.created_at, submissions.c.resident_copy_to, submissions.c.links_revoked_at,
                       submissions.c.purged_at,  # #14: the page says the details were erased
                       status_events.c.status, status_events.c.note, status_events.c.at, status_events.c.by)
                .select_from(submissions.outerjoin(status_events, status_events.c.submission_id == submissions.c.id))
                .where(submissions.c.reference == ref)
                .order_by(status_events.c.at, status_events.c.id)
            ).all()
        if not rows:
            return None
        row = rows[0]
        return StatusView(
            reference=ref,
            service=row.service,
            service_title=row.service_title,
            lang=row.lang,
            submitted_at=row.created_at,
            events=[StatusEvent(e.status, e.note, e.at, e.by) for e in rows if e.status is not None],
            emails_resident=bool(row.resident_copy_to),
            links_revoked_at=row.links_revoked_at,
            erased_at=row.purged_at,
        )

    def revoke_links(self, reference: str) -> datetime | None:
        """Make every staff link of a reference made until now stop working; the time, or None if unknown."""
        ref = normalize_reference(reference)
        if ref is None:
            return None
        now = self.clock()
        with write_transaction(self.engine) as conn:
            done = conn.execute(update(submissions).where(submissions.c.reference == ref).values(links_revoked_at=now))
        if done.rowcount == 0:
            return None
        log.info("status links revoked ref=%s", format_reference(ref))
        return now

    def set_status(self, reference: str, status: str, note: str = "", by: str = "staff", actor: str | None = None) -> bool:
        """Append a status event and make it the request's current status; False when the reference is unknown.

        ``actor`` is the signed-in staff address (the workspace), None from an email link.
        When the resident asked for email (a copy address, not yet purged),
        the same transaction queues a ``status_update`` email to them.
        """
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}; one of {', '.join(STATUSES)}")
        note = (note or "").replace("\x00", "").strip()[:NOTE_MAX]
        ref = normalize_reference(reference)
        if ref is None:
            return False
        now = self.clock()
        with write_transaction(self.engine) as conn:
            found = conn.execute(
                select(submissions.c.id, submissions.c.resident_copy_to, submissions.c.department)
                .where(submissions.c.reference == ref)
            ).first()
            if found is None:
                return False
            event_id = conn.execute(
                insert(status_events).values(submission_id=found.id, reference=ref, status=status, note=note, at=now, by=by,
                                             actor=actor)
            ).inserted_primary_key[0]
            conn.execute(update(submissions).where(submissions.c.id == found.id).values(status=status, status_at=now))
            if found.resident_copy_to:
                conn.execute(insert(outbox).values(new_row(found.id, "status_update", found.resident_copy_to, now, event_id=event_id)))
            if found.department in self.webhook_departments:  # request.status_changed
                conn.execute(insert(outbox).values(self._webhook_row(found.id, found.department, now, event_id=event_id)))
        log.info("status ref=%s status=%s by=%s email=%s", format_reference(ref), status, by, bool(found.resident_copy_to))
        return True

    @staticmethod
    def _webhook_row(submission_id: int, department: str, now: datetime, event_id: int | None = None) -> dict:
        """A ``webhook`` row to the department's system: ``request.created``, or with ``event_id``
        ``request.status_changed``; its webhook id is ``msg_<outbox id>`` (delivery/webhooks.py)."""
        return new_row(submission_id, "webhook", department, now, event_id=event_id, department=department)

    def request_facts(self, submission_id: int) -> dict | None:
        """A request's channel, current status and due date (what a webhook tells besides ``Submission``)."""
        with read_transaction(self.engine) as conn:
            row = conn.execute(select(submissions.c.channel, submissions.c.status, submissions.c.due_on)
                               .where(submissions.c.id == submission_id)).mappings().first()
        return dict(row) if row else None

    def status_event(self, event_id: int) -> StatusEvent | None:
        with read_transaction(self.engine) as conn:
            e = conn.execute(select(status_events).where(status_events.c.id == event_id)).first()
        return StatusEvent(e.status, e.note, e.at, e.by, e.id) if e else None
