"""Erasing what Guichet no longer needs: answers, residents' addresses and files.

Guichet is the way in, not the city's record: once a submission is in its
department's mailbox, the department keeps it for as long as the form's
privacy notice says. Guichet's own copy is erased ``PURGE_AFTER_DAYS``
after that delivery (``flask --app forms_app purge``, daily from cron):

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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, exists, func, select, update
from sqlalchemy.engine import Engine

from .engine import write_transaction
from .schema import RESIDENT_KINDS, attachments, outbox, request_messages, submissions

BATCH = 500
ORPHAN_GRACE = timedelta(minutes=10)  # far longer than a request takes between saving a file and its row
PENDING_FOLDER = "pending"
PENDING_MAX_AGE = 24 * 3600  # seconds a file kept across an error page waits for its form
APP_NAME = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class Purged:
    submissions: int
    files: list[str]  # stored names of the attachments erased, for the caller to delete


def _due(cutoff: datetime):
    """Not yet purged, delivered to the department before ``cutoff``, nothing still pending."""
    delivered = exists().where(and_(
        outbox.c.submission_id == submissions.c.id, outbox.c.kind == "department",
        outbox.c.status == "sent", outbox.c.sent_at < cutoff,
    ))
    waiting = exists().where(and_(outbox.c.submission_id == submissions.c.id, outbox.c.status == "pending"))
    return submissions.c.purged_at.is_(None) & delivered & ~waiting


def count_due(engine: Engine, cutoff: datetime) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(submissions).where(_due(cutoff))).scalar()


def _late_replies(cutoff: datetime):
    """Replies with words left, on requests purged already, whose email reached the department before ``cutoff``."""
    delivered = exists().where(and_(
        outbox.c.message_id == request_messages.c.id, outbox.c.status == "sent", outbox.c.sent_at < cutoff,
    ))
    purged = exists().where(and_(submissions.c.id == request_messages.c.submission_id, submissions.c.purged_at.is_not(None)))
    return (request_messages.c.body != "") & purged & delivered


def purge(engine: Engine, cutoff: datetime, clock: Callable[[], datetime]) -> Purged:
    """Erase every submission due (see the module's note), ``BATCH`` per transaction, then late replies."""
    total, files = 0, []
    while True:
        with write_transaction(engine) as conn:
            ids = conn.execute(select(submissions.c.id).where(_due(cutoff)).order_by(submissions.c.id).limit(BATCH)).scalars().all()
            if not ids:
                break
            files += conn.execute(select(attachments.c.stored_name).where(attachments.c.submission_id.in_(ids))).scalars().all()
            conn.execute(delete(attachments).where(attachments.c.submission_id.in_(ids)))
            conn.execute(update(outbox).where(outbox.c.submission_id.in_(ids) & outbox.c.kind.in_(RESIDENT_KINDS)).values(recipient=""))
            conn.execute(update(request_messages).where(request_messages.c.submission_id.in_(ids)).values(body=""))
            conn.execute(
                update(submissions).where(submissions.c.id.in_(ids))
                .values(answers=[], reply_to=None, resident_copy_to=None, contact_name=None, contact_phone=None,
                        client_key=None, purged_at=clock())
            )
        total += len(ids)
    return Purged(total, files + _purge_late_replies(engine, cutoff))


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


def _old_files(folder: str, before: datetime) -> list[str]:
    """Names the app made in ``folder`` (regular files only) last written before ``before``."""
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return []
    limit = before.timestamp()
    return sorted(e.name for e in entries
                  if APP_NAME.match(e.name) and e.is_file(follow_symlinks=False) and e.stat(follow_symlinks=False).st_mtime < limit)


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
