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


def search(client, q: str, kind: str = "name", lang: str = "en", **filters):
    """Post the queue's filter form as a browser does (a personal search is posted, never put in a URL);
    the results page the redirect leads to. Fails when the text reaches the address."""
    from urllib.parse import unquote_plus

    from .forms import post
    from .html_tree import csrf_token

    url = ("/fr" if lang == "fr" else "") + "/staff/requests/"
    response = post(client, url, {"q": q, "in": kind, "csrf_token": csrf_token(client.get(url)), **filters})
    assert response.status_code == 303, response.status_code
    location = response.headers["Location"]
    if kind != "reference":
        assert q.casefold() not in unquote_plus(location).casefold(), location
    return client.get(location)
