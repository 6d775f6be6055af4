"""Requests already stored, for the staff workspace's suites: saved as the forms (or assisted entry) would,
and the staff queue read back as a reader gets it."""

from __future__ import annotations

from pathlib import Path

from forms_app.store import Attachment, get_store, format_reference

from .html_tree import parse
from .submissions import PDF, new_submission


def seed(app, **changes) -> str:
    """Store one request (the dog licence of ``tests.support.submissions`` with ``changes``); its reference."""
    with app.app_context():
        return get_store().save_submission(new_submission(**changes))


def seed_with_file(app, stored_name: str = "f3a9c2plan", filename: str = "vaccination.pdf", **changes) -> str:
    """A request whose attached PDF (stored as ``filename``) is really in ``UPLOAD_DIR``; its reference."""
    Path(app.config["UPLOAD_DIR"], stored_name).write_bytes(PDF)
    return seed(app, attachments=[Attachment(stored_name, filename, "application/pdf", len(PDF))], **changes)


def queue_refs(page) -> list[str]:
    """The references in the queue's table, in order (as shown: ``ABCD-2345``)."""
    tables = parse(page).find_all("table", cls="gx-queue")
    if not tables:
        return []
    return [row.find("th").text() for row in tables[0].find("tbody").find_all("tr")]


def shown(reference: str) -> str:
    return format_reference(reference)


def page_url(reference: str, lang: str = "en") -> str:
    return ("/fr" if lang == "fr" else "") + f"/staff/requests/{format_reference(reference)}/"
