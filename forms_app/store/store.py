"""``Store``: saving submissions and reading/writing their status.

SQLAlchemy Core only; knows nothing of requests, templates or mail.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict, fields, is_dataclass, replace
from datetime import UTC, datetime

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from .addresses import is_single_address
from .engine import read_transaction, write_transaction
from .outbox import Outbox
from .records import Answer, Attachment, NewSubmission, StatusEvent, StatusView, Submission
from .references import format_reference, new_reference, normalize_reference
from .schema import STATUSES, attachments, metadata, outbox, status_events, submissions

log = logging.getLogger(__name__)

REFERENCE_TRIES = 5
CREATE_LOCK = 0x6775696368  # "guich": one process at a time creates the tables
NOTE_MAX = 2000


def without_nul(value):
    """Every string in a submission without NUL characters (PostgreSQL text cannot hold them)."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [without_nul(v) for v in value]
    if is_dataclass(value):
        return replace(value, **{f.name: without_nul(getattr(value, f.name)) for f in fields(value)})
    return value


def utcnow() -> datetime:
    return datetime.now(UTC)


class Store:
    def __init__(self, engine: Engine, clock: Callable[[], datetime] = utcnow):
        self.engine = engine
        self.clock = clock
        self.outbox = Outbox(engine, clock)

    def create_tables(self) -> None:
        """Create missing tables; safe when several processes start at once on an empty database."""
        with write_transaction(self.engine) as conn:
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({CREATE_LOCK})")
            metadata.create_all(conn)

    # -- submissions ---------------------------------------------------------

    def save_submission(self, new: NewSubmission) -> str:
        """Write the submission, its outbox rows and status 'received' in one transaction.

        Returns the reference once committed. A reference collision (the
        UNIQUE constraint) is retried with a fresh reference.
        """
        if not is_single_address(new.recipient):
            raise ValueError(f"recipient of service {new.service!r} is not a single email address")
        for attempt in range(1, REFERENCE_TRIES + 1):
            reference = new_reference()
            now = self.clock()
            try:
                with write_transaction(self.engine) as conn:
                    self._insert(conn, reference, new, now)
            except IntegrityError:
                if attempt == REFERENCE_TRIES or not self._reference_taken(reference):
                    raise
                log.warning("reference collision, retrying service=%s", new.service)
                continue
            log.info("saved ref=%s service=%s copy=%s", format_reference(reference), new.service, self._copy_wanted(new))
            return reference
        raise AssertionError("unreachable")

    @staticmethod
    def _copy_wanted(new: NewSubmission) -> bool:
        return bool(new.resident_copy_to) and is_single_address(new.resident_copy_to)

    def _insert(self, conn: Connection, reference: str, new: NewSubmission, now: datetime) -> None:
        new = without_nul(new)
        submission_id = conn.execute(
            insert(submissions).values(
                reference=reference,
                service=new.service,
                lang=new.lang,
                service_title=new.service_title,
                department=new.department,
                recipient=new.recipient.strip(),
                answers=[asdict(a) for a in new.answers],
                reply_to=new.reply_to or None,
                resident_copy_to=new.resident_copy_to or None,
                created_at=now,
            )
        ).inserted_primary_key[0]
        if new.attachments:
            conn.execute(insert(attachments), [dict(asdict(a), submission_id=submission_id) for a in new.attachments])
        rows = [dict(kind="department", recipient=new.recipient.strip())]
        if self._copy_wanted(new):
            rows.append(dict(kind="resident_copy", recipient=new.resident_copy_to.strip()))
        conn.execute(
            insert(outbox),
            [dict(r, submission_id=submission_id, status="pending", attempts=0, created_at=now, next_attempt_at=now) for r in rows],
        )
        conn.execute(
            insert(status_events).values(
                submission_id=submission_id, reference=reference, status="received", note="", at=now, by="system"
            )
        )

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
                select(attachments).where(attachments.c.submission_id.in_(ids)).order_by(attachments.c.id)
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
        """The status history of a reference as typed by a resident, or None."""
        ref = normalize_reference(reference)
        if ref is None:
            return None
        with read_transaction(self.engine) as conn:
            row = conn.execute(
                select(submissions.c.id, submissions.c.service, submissions.c.service_title, submissions.c.lang,
                       submissions.c.created_at).where(submissions.c.reference == ref)
            ).first()
            if row is None:
                return None
            events = conn.execute(
                select(status_events.c.status, status_events.c.note, status_events.c.at, status_events.c.by)
                .where(status_events.c.submission_id == row.id)
                .order_by(status_events.c.at, status_events.c.id)
            ).all()
        return StatusView(
            reference=ref,
            service=row.service,
            service_title=row.service_title,
            lang=row.lang,
            submitted_at=row.created_at,
            events=[StatusEvent(e.status, e.note, e.at, e.by) for e in events],
        )

    def set_status(self, reference: str, status: str, note: str = "", by: str = "staff") -> bool:
        """Append a status event; False when the reference is unknown."""
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}; one of {', '.join(STATUSES)}")
        note = (note or "").replace("\x00", "").strip()[:NOTE_MAX]
        ref = normalize_reference(reference)
        if ref is None:
            return False
        with write_transaction(self.engine) as conn:
            submission_id = conn.execute(select(submissions.c.id).where(submissions.c.reference == ref)).scalar()
            if submission_id is None:
                return False
            conn.execute(
                insert(status_events).values(
                    submission_id=submission_id, reference=ref, status=status, note=note, at=self.clock(), by=by
                )
            )
        log.info("status ref=%s status=%s by=%s", format_reference(ref), status, by)
        return True
