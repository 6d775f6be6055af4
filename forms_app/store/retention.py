"""Erasing what Guichet no longer needs: answers, residents' addresses and files.

Guichet is the way in, not the city's record: once a submission is in its
department's mailbox, the department keeps it for as long as the form's
privacy notice says. Guichet keeps its own copy for the form's
``privacy.keep_days`` after ``keep_after`` (``Plan``, ``purge_plan``: after the
request is completed or closed, or after that delivery); a service no form
declares keeps ``PURGE_AFTER_DAYS`` after delivery (``Plan.default_days``). An open request of
a ``closed`` form is erased once ``PRIVACY_OPEN_LIMIT_DAYS`` past its keep_days
since it was received, never sooner than ``NOTICE`` after one email listed it to
the administrator (``warn_open``). ``flask --app forms_app purge`` runs it daily
from cron; the erasure itself is ``privacy.erase_rows`` (as for a resident's
erasure request), which:

- the answers become ``[]``; the resident's Reply-To and copy addresses, name
  and phone (the staff queue's search columns) and the form's one-time key
  become NULL; ``purged_at`` records when;
- the words of the resident's replies and of staff notes become ``""`` (the
  rows stay, with their kind, author and time, for the history's shape);
- the attachment rows go, replies' files included (the command then deletes
  the files), and the outbox rows of mail to the resident (copy, status
  updates) lose the address;
- the reference, service, dates, department rows and status history stay,
  so the resident can still follow their request and staff can still set
  its status.

Nothing is erased while any of its mail is still waiting to go (a pending
row) or when the department's copy was never sent. A reply the resident sent
after its request was purged (it was still waiting for them) is erased the
same way ``PURGE_AFTER_DAYS`` after its own email reached the department.

The same command sweeps ``UPLOAD_DIR`` for files no submission holds: a file
saved by a request that then died (a worker killed mid-request) is deleted
once ``ORPHAN_GRACE`` old and still named by no attachment row; a file kept
for a form shown again with errors (``UPLOAD_DIR/pending/``, forms/pending.py)
once ``PENDING_MAX_AGE`` old. Only names the app makes (32 hex digits) are
touched, so a misconfigured ``UPLOAD_DIR`` loses nothing else.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, exists, func, insert, select, update
from sqlalchemy.engine import Engine

from .engine import write_transaction
from .privacy import erase_rows
from .schema import attachments, outbox, request_messages, retention_warnings, status_events, submissions

BATCH = 500
ORPHAN_GRACE = timedelta(minutes=10)  # far longer than a request takes between saving a file and its row
PENDING_FOLDER = "pending"
PENDING_MAX_AGE = 24 * 3600  # seconds a file kept across an error page waits for its form
APP_NAME = re.compile(r"^[0-9a-f]{32}$")


def _delivered(before: datetime | None = None):
    """The department's copy was sent (before ``before``, when given)."""
    sent = [outbox.c.submission_id == submissions.c.id, outbox.c.kind == "department", outbox.c.status == "sent"]
    return exists().where(and_(*sent, *([outbox.c.sent_at < before] if before is not None else [])))


def _settled():
    """Not yet purged, its department's copy sent, none of its mail still pending."""
    waiting = exists().where(and_(outbox.c.submission_id == submissions.c.id, outbox.c.status == "pending"))
    return submissions.c.purged_at.is_(None) & _delivered() & ~waiting


def _late_replies(cutoff: datetime):
    """Replies with words left, on requests purged already, whose email reached the department before ``cutoff``."""
    delivered = exists().where(and_(
        outbox.c.message_id == request_messages.c.id, outbox.c.status == "sent", outbox.c.sent_at < cutoff,
    ))
    purged = exists().where(and_(submissions.c.id == request_messages.c.submission_id, submissions.c.purged_at.is_not(None)))
    return (request_messages.c.body != "") & purged & delivered


# -- per form: each form's privacy.keep_days after keep_after (flask purge) ----------------------------

PLAN_EXTENSION = "guichet.retention_plan"  # app.extensions: () -> (rules by service, admin address); forms_app/privacy
CLOSED = ("completed", "closed")
NOTICE = timedelta(days=7)  # an open request is erased no sooner than a week after the admin was told
CAUSES = ("default", "delivered", "closed", "open_limit")


@dataclass(frozen=True)
class Rule:
    keep_days: int
    keep_after: str  # "closed": from the request's completed/closed status; "delivered": from the department's email


@dataclass(frozen=True)
class Plan:
    """What ``flask purge`` applies: each form's rule by service, ``default_days`` after delivery for a
    service no form declares (a form since removed), and the open limit (0: open requests wait to close)."""

    rules: Mapping[str, Rule]
    default_days: int
    open_limit_days: int = 0

    def groups(self) -> list[tuple[str, tuple[str, ...] | None, int]]:
        """(cause, services or None for the rest, days): one per kind of rule and length."""
        found: dict[tuple[str, int], list[str]] = {}
        for service, rule in sorted(self.rules.items()):
            found.setdefault((rule.keep_after, rule.keep_days), []).append(service)
        return [("default", None, self.default_days)] + [(after, tuple(services), days) for (after, days), services in found.items()]


@dataclass(frozen=True)
class PlanResult:
    erased: dict[str, int]  # by cause (CAUSES)
    files: dict[str, list[str]]  # stored names, by cause: the caller deletes them
    late_replies: list[str]  # files of replies sent after their request was erased


def _services(plan: Plan, services: tuple[str, ...] | None):
    return submissions.c.service.in_(services) if services is not None else submissions.c.service.not_in(list(plan.rules) or [""])


def _conditions(plan: Plan, now: datetime) -> list[tuple[str, object]]:
    """(cause, condition) for every group of the plan: the rows due now."""
    base = _settled()
    found = []
    for after, services, days in plan.groups():
        where = base & _services(plan, services)
        cutoff = now - timedelta(days=days)
        if after in ("default", "delivered"):
            found.append((after, where & _delivered(cutoff)))
            continue
        found.append(("closed", where & submissions.c.status.in_(CLOSED) & (submissions.c.status_at < cutoff)))
        if plan.open_limit_days > 0:
            warned = exists().where(and_(retention_warnings.c.submission_id == submissions.c.id,
                                         retention_warnings.c.erase_after <= now))
            found.append(("open_limit", where & submissions.c.status.not_in(CLOSED) & warned
                          & (submissions.c.created_at < cutoff - timedelta(days=plan.open_limit_days))))
    return found


def count_plan(engine: Engine, plan: Plan, now: datetime) -> dict[str, int]:
    counts = dict.fromkeys(CAUSES, 0)
    with engine.connect() as conn:
        for cause, where in _conditions(plan, now):
            counts[cause] += conn.execute(select(func.count()).select_from(submissions).where(where)).scalar()
    return counts


def purge_plan(engine: Engine, plan: Plan, clock: Callable[[], datetime]) -> PlanResult:
    """Erase every request due under ``plan`` (``privacy.erase_rows``), ``BATCH`` per transaction."""
    now = clock()
    erased, files = dict.fromkeys(CAUSES, 0), {cause: [] for cause in CAUSES}
    for cause, where in _conditions(plan, now):
        while True:
            with write_transaction(engine) as conn:
                ids = conn.execute(select(submissions.c.id).where(where).order_by(submissions.c.id).limit(BATCH)).scalars().all()
                if not ids:
                    break
                files[cause] += erase_rows(conn, ids, clock(), "retention")
            erased[cause] += len(ids)
    return PlanResult(erased, files, _purge_late_replies(engine, now - timedelta(days=plan.default_days)))


@dataclass(frozen=True)
class Warned:
    references: list[str]
    erase_after: datetime | None  # the earliest day one of them may go
    outbox_id: int | None  # the email to the admin (None: no ADMIN_EMAIL, so none of them is remembered or erased)


def warn_open(engine: Engine, plan: Plan, now: datetime, admin_email: str | None) -> Warned:
    """Open requests of ``closed`` forms that reach the open limit within ``NOTICE`` and were never
    warned about: one ``retention_warning`` email lists them (references and counts only), each is
    remembered in ``retention_warnings`` (never listed twice) and erased no sooner than ``NOTICE`` later."""
    if plan.open_limit_days <= 0:
        return Warned([], None, None)
    known = exists().where(retention_warnings.c.submission_id == submissions.c.id)
    with write_transaction(engine) as conn:
        rows = []
        for after, services, days in plan.groups():
            if after != "closed":
                continue
            limit = timedelta(days=days + plan.open_limit_days)
            rows += [(r.id, r.reference, max(r.created_at + limit, now + NOTICE)) for r in conn.execute(
                select(submissions.c.id, submissions.c.reference, submissions.c.created_at)
                .where(submissions.c.purged_at.is_(None) & submissions.c.status.not_in(CLOSED) & ~known
                       & _services(plan, services) & (submissions.c.created_at < now + NOTICE - limit)))]
        if not rows or not admin_email:  # nobody to tell: nothing is remembered, so nothing open is erased
            return Warned(sorted(ref for _, ref, _ in rows), None, None)
        outbox_id = conn.execute(insert(outbox).values(
            submission_id=None, kind="retention_warning", recipient=admin_email, status="pending", attempts=0,
            created_at=now, next_attempt_at=now)).inserted_primary_key[0]
        conn.execute(insert(retention_warnings), [dict(submission_id=i, warned_at=now, erase_after=after, outbox_id=outbox_id)
                                                  for i, _, after in rows])
    return Warned(sorted(ref for _, ref, _ in rows), min(after for _, _, after in rows), outbox_id)


def warning_list(engine: Engine, outbox_id: int) -> list[tuple[str, str, str, datetime]]:
    """What a ``retention_warning`` email lists: (reference, service, status, erased from), by date."""
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(
            select(submissions.c.reference, submissions.c.service, submissions.c.status, retention_warnings.c.erase_after)
            .join(retention_warnings, retention_warnings.c.submission_id == submissions.c.id)
            .where(retention_warnings.c.outbox_id == outbox_id)
            .order_by(retention_warnings.c.erase_after, submissions.c.reference))]


def kept_counts(engine: Engine) -> tuple[int, int, int]:
    """(requests, of them erased, status events): what stays for counts after a purge."""
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(submissions)).scalar()
        erased = conn.execute(select(func.count()).select_from(submissions).where(submissions.c.purged_at.is_not(None))).scalar()
        events = conn.execute(select(func.count()).select_from(status_events)).scalar()
    return total, erased, events


def _purge_late_replies(engine: Engine, cutoff: datetime) -> list[str]:
    """Erase replies sent after their request was purged (``_late_replies``); their files' stored names."""
    files: list[str] = []
    while True:
        with write_transaction(engine) as conn:
            ids = conn.execute(select(request_messages.c.id).where(_late_replies(cutoff)).limit(BATCH)).scalars().all()
            if not ids:
                return files
            files += conn.execute(select(attachments.c.stored_name).where(attachments.c.message_id.in_(ids))).scalars().all()
            conn.execute(delete(attachments).where(attachments.c.message_id.in_(ids)))
            conn.execute(update(request_messages).where(request_messages.c.id.in_(ids)).values(body=""))


def delete_files(upload_dir: str, stored_names: list[str]) -> int:
    """Delete saved uploads by stored name, never outside ``upload_dir``; returns how many were there.

    After a purge committed, and for files saved for a submission that was then not stored.
    """
    removed = 0
    for name in stored_names:
        path = os.path.join(upload_dir, os.path.basename(name))
        try:
            os.remove(path)
            removed += 1
        except FileNotFoundError:
            continue
    return removed


def app_files(folder: str) -> list[os.DirEntry]:
    """The regular files in ``folder`` named as the app names them (none when the folder is missing)."""
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return []
    return [e for e in entries if APP_NAME.match(e.name) and e.is_file(follow_symlinks=False)]


def _old_files(folder: str, before: datetime) -> list[str]:
    """Names the app made in ``folder`` (regular files only) last written before ``before``."""
    limit = before.timestamp()
    return sorted(e.name for e in app_files(folder) if e.stat(follow_symlinks=False).st_mtime < limit)


def find_orphans(engine: Engine, upload_dir: str, now: datetime) -> list[str]:
    """Files in ``upload_dir`` no submission holds, relative to it: unreferenced files older than
    ``ORPHAN_GRACE``, and kept files (``pending/``) older than ``PENDING_MAX_AGE``."""
    candidates = _old_files(upload_dir, now - ORPHAN_GRACE)
    referenced: set[str] = set()
    with engine.connect() as conn:
        for start in range(0, len(candidates), BATCH):
            batch = candidates[start:start + BATCH]
            referenced.update(conn.execute(select(attachments.c.stored_name)
                                           .where(attachments.c.stored_name.in_(batch))).scalars())
    pending = _old_files(os.path.join(upload_dir, PENDING_FOLDER), now - timedelta(seconds=PENDING_MAX_AGE))
    return [n for n in candidates if n not in referenced] + [f"{PENDING_FOLDER}/{n}" for n in pending]


def delete_orphans(upload_dir: str, names: list[str]) -> int:
    """Delete what ``find_orphans`` returned; returns how many were there."""
    return (delete_files(upload_dir, [n for n in names if "/" not in n])
            + delete_files(os.path.join(upload_dir, PENDING_FOLDER),
                           [n.split("/", 1)[1] for n in names if n.startswith(PENDING_FOLDER + "/")]))
