"""A new submission as rows: the submission's (less reference and time), its attachments', the copy address.

Every string NUL-free (PostgreSQL text cannot hold NUL); the Store seals what residents typed when it writes.
"""

from __future__ import annotations

from .addresses import is_single_address
from .records import NewSubmission


def nul_free(value):
    """Strings without NUL characters (PostgreSQL text cannot hold them)."""
    return value.replace("\x00", "") if isinstance(value, str) else value


def new_rows(new: NewSubmission) -> tuple[dict, list[dict], str | None]:
    """The submission's row (less reference and time), its attachment rows and the copy address.

    Every string is NUL-free; the resident's copy address is checked on the
    stored (NUL-free) value, as it is the one enqueued.
    """
    recipient = nul_free(new.recipient).strip()
    copy_to = nul_free(new.resident_copy_to)
    copy_to = copy_to.strip() if copy_to and is_single_address(copy_to) else None
    submission = dict(
        service=nul_free(new.service),
        lang=nul_free(new.lang),
        service_title=nul_free(new.service_title),
        department=nul_free(new.department),
        recipient=recipient,
        answers=[{"name": nul_free(a.name), "label": nul_free(a.label), "value": nul_free(a.value)} for a in new.answers],
        reply_to=nul_free(new.reply_to) or None,
        resident_copy_to=nul_free(new.resident_copy_to) or None,
        client_key=new.client_key or None,
        channel=new.channel,
        status="received",
        due_on=new.due_on,
        contact_name=(nul_free(new.contact_name) or "").strip()[:300] or None,
        contact_phone=(nul_free(new.contact_phone) or "").strip()[:50] or None,
        entered_by=new.entered_by,
    )
    files = [
        dict(stored_name=nul_free(f.stored_name), filename=nul_free(f.filename), content_type=nul_free(f.content_type), size=f.size)
        for f in new.attachments
    ]
    return submission, files, copy_to
