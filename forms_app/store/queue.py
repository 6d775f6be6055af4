"""``RequestQueue``: the staff queue and one request's page, as the signed-in member may see them.

Isolation is in the queries themselves: a member who is not an administrator
only ever gets rows whose ``submissions.department`` is one of theirs (none:
nothing), so a request of another department is, to them, unknown. The one
exception is ``request_lookup``: the reference a resident reads out shows any
staff member what that resident's status page shows, plus the history's shape
(``detail.py``), never the answers, files or contact details.

* ``queue(viewer, filters, sort, page, page_size, tz)``: one page of the list and
  the count (status, or ``open``; service; channel; overdue; reference or its start;
  the resident's name, email or phone). A search by personal data is recorded in
  the audit log in the same transaction, with the kind of field only, never the text.
* ``request_detail(viewer, reference)``: answers (unless purged), files, contacts,
  and the history merged: status changes, messages and notes, emails sent
  (``detail.py``); ``request_lookup(reference)``: the same without them.
* ``visible_file`` and ``add_note``: a file to download, a staff note (audited).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import case, false, func, insert, select
from sqlalchemy.engine import Engine

from guichet.business_days import local_date

from . import blind_index
from .audit import audit_row
from .engine import read_transaction, write_transaction
from .references import ALPHABET, LENGTH, normalize_reference
from .detail import FileInfo, HistoryItem, RequestDetail, detail_of  # noqa: F401  (HistoryItem: re-exported)
from .schema import STATUSES, attachments, audit_log, request_messages, submissions
from .sealing import keyring_of
from .staff import StaffMember

CLOSED = ("completed", "closed")
OPEN = "open"  # the status filter meaning "not completed or closed"
SORTS = ("newest", "oldest", "due", "status", "service")
PERSONAL = ("name", "email", "phone")  # the search kinds the audit log records
NOTE_MAX = 2000  # the longest note, to the resident (Store.set_status) or for colleagues (add_note)


@dataclass(frozen=True)
class QueueFilters:
    status: str | None = None  # one of STATUSES, or OPEN
    service: str | None = None  # a service slug
    channel: str | None = None  # one of schema.CHANNELS
    overdue: bool = False
    reference: str | None = None  # a whole reference or its start, as typed
    name: str | None = None  # the resident's name, email or phone (a personal search: audited)
    email: str | None = None
    phone: str | None = None

    def personal(self) -> str | None:
        """The kind of personal data searched for ("name", "email", "phone"), or None."""
        return next((kind for kind in PERSONAL if getattr(self, kind)), None)

    def kinds(self) -> list[str]:
        """The filters in use, by name only (for the audit log)."""
        return [k for k in ("status", "service", "channel", "overdue", "reference", *PERSONAL) if getattr(self, k)]


@dataclass(frozen=True)
class QueueRow:
    reference: str
    service: str
    service_title: str
    department: str
    created_at: datetime
    channel: str
    lang: str
    status: str
    status_at: datetime | None
    due_on: date | None
    overdue: bool
    days_open: int


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    total: int
    page: int
    pages: int


def _visible(viewer: StaffMember):
    """The WHERE clause of the viewer's departments (everything for an administrator)."""
    if viewer.is_admin:
        return None
    if not viewer.departments:
        return false()
    return submissions.c.department.in_(viewer.departments)


def reference_start(text: str) -> str | None:
    """A reference or its start as typed (``abcd-23``) → ``ABCD23``; None when it cannot start one."""
    ref = (text or "").strip().upper().replace("-", "").replace(" ", "")
    if not ref or len(ref) > LENGTH or any(ch not in ALPHABET for ch in ref):
        return None
    return ref


def _conditions(viewer: StaffMember, filters: QueueFilters, today: date, index_keys: list[bytes]) -> list:
    where = []
    visible = _visible(viewer)
    if visible is not None:
        where.append(visible)
    c = submissions.c
    if filters.status == OPEN:
        where.append(c.status.notin_(CLOSED))
    elif filters.status:
        where.append(c.status == filters.status)
    if filters.service:
        where.append(c.service == filters.service)
    if filters.channel:
        where.append(c.channel == filters.channel)
    if filters.overdue:
        where += [c.due_on < today, c.status.notin_(CLOSED)]
    if filters.reference:
        whole = normalize_reference(filters.reference)
        start = reference_start(filters.reference)
        if whole is not None:
            where.append(c.reference == whole)
        elif start is not None:
            where.append(c.reference.like(start + "%"))
        else:
            where.append(false())
    # the resident's contacts are sealed: whole words, exact address, whole number, through the blind index
    where += blind_index.search_conditions(index_keys, filters.name, filters.email, filters.phone)
    return where


def _order(sort: str):
    c = submissions.c
    if sort == "oldest":
        return [c.created_at.asc(), c.id.asc()]
    if sort == "due":
        return [case((c.due_on.is_(None), 1), else_=0), c.due_on.asc(), c.created_at.desc(), c.id.desc()]
    if sort == "status":
        rank = case({s: i for i, s in enumerate(STATUSES)}, value=c.status, else_=len(STATUSES))
        return [rank, c.created_at.desc(), c.id.desc()]
    if sort == "service":
        return [c.service_title.asc(), c.created_at.desc(), c.id.desc()]
    return [c.created_at.desc(), c.id.desc()]


QUEUE_COLUMNS = (submissions.c.reference, submissions.c.service, submissions.c.service_title, submissions.c.department,
                 submissions.c.created_at, submissions.c.channel, submissions.c.lang, submissions.c.status,
                 submissions.c.status_at, submissions.c.due_on)


class RequestQueue:
    def __init__(self, engine: Engine, clock: Callable[[], datetime]):
        self.engine = engine
        self.clock = clock

    def today(self, tz: str) -> date:
        return local_date(self.clock(), tz)

    def queue(self, viewer: StaffMember, filters: QueueFilters = QueueFilters(), sort: str = "newest", page: int = 1,
              page_size: int | None = 50, tz: str = "UTC") -> QueuePage:
        """One page of the requests ``viewer`` may see (``page_size`` None: every row, for the export)."""
        today = self.today(tz)
        where = _conditions(viewer, filters, today, keyring_of(self.engine.dialect).index_keys)
        kind = filters.personal()
        with (write_transaction(self.engine) if kind else read_transaction(self.engine)) as conn:
            if kind:
                conn.execute(insert(audit_log).values(audit_row(self.clock(), viewer.email, "search_personal", None,
                                                                f"field={kind}")))
            total = conn.execute(select(func.count()).select_from(submissions).where(*where)).scalar_one()
            pages = max(1, -(-total // page_size)) if page_size else 1
            page = min(max(1, page), pages)
            query = select(*QUEUE_COLUMNS).where(*where).order_by(*_order(sort))
            if page_size:
                query = query.limit(page_size).offset((page - 1) * page_size)
            rows = conn.execute(query).all() if total else []
        zone = ZoneInfo(tz)
        return QueuePage([self._row(r, today, zone) for r in rows], total, page, pages)

    @staticmethod
    def _row(r, today: date, zone: ZoneInfo) -> QueueRow:
        is_open = r.status not in CLOSED
        return QueueRow(
            reference=r.reference, service=r.service, service_title=r.service_title, department=r.department,
            created_at=r.created_at, channel=r.channel, lang=r.lang, status=r.status, status_at=r.status_at,
            due_on=r.due_on, overdue=bool(is_open and r.due_on is not None and r.due_on < today),
            days_open=max(0, ((today if is_open else (r.status_at or r.created_at).astimezone(zone).date())
                              - r.created_at.astimezone(zone).date()).days),
        )

    def _find(self, conn, viewer: StaffMember, reference: str):
        ref = normalize_reference(reference)
        if ref is None:
            return None
        where = [submissions.c.reference == ref]
        visible = _visible(viewer)
        if visible is not None:
            where.append(visible)
        return conn.execute(select(submissions).where(*where)).first()

    def request_detail(self, viewer: StaffMember, reference: str) -> RequestDetail | None:
        """Everything about one request for ``viewer``; None when unknown or not theirs (the same answer)."""
        with read_transaction(self.engine) as conn:
            sub = self._find(conn, viewer, reference)
            return detail_of(conn, sub, full=True) if sub is not None else None

    def request_lookup(self, reference: str) -> RequestDetail | None:
        """Any department's request, as a phone agent may see it from the reference the resident reads out:
        what the resident's status page shows plus the history's shape (who, when, which emails), without
        answers, files, contact details or the words of messages and notes (``detail_of(full=False)``)."""
        ref = normalize_reference(reference)
        if ref is None:
            return None
        with read_transaction(self.engine) as conn:
            sub = conn.execute(select(submissions).where(submissions.c.reference == ref)).first()
            return detail_of(conn, sub, full=False) if sub is not None else None

    def visible_file(self, viewer: StaffMember, reference: str, file_id: int) -> FileInfo | None:
        """A file of a request ``viewer`` may see, or None."""
        with read_transaction(self.engine) as conn:
            sub = self._find(conn, viewer, reference)
            if sub is None:
                return None
            f = conn.execute(select(attachments).where((attachments.c.id == file_id)
                                                       & (attachments.c.submission_id == sub.id))).first()
        return FileInfo(f.id, f.filename, f.size, f.content_type, f.stored_name, f.message_id) if f else None

    def add_note(self, viewer: StaffMember, reference: str, body: str) -> bool:
        """A staff note on a request ``viewer`` may see (never shown to the resident), audited; False if not theirs."""
        body = (body or "").replace("\x00", "").strip()[:NOTE_MAX]
        if not body:
            raise ValueError("an empty note")
        now = self.clock()
        with write_transaction(self.engine) as conn:
            sub = self._find(conn, viewer, reference)
            if sub is None:
                return False
            conn.execute(insert(request_messages).values(submission_id=sub.id, kind="staff_note", author=viewer.email,
                                                         body=body, at=now))
            conn.execute(insert(audit_log).values(audit_row(now, viewer.email, "note_added", sub.reference)))
        return True
