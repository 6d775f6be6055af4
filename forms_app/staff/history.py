"""A request's history as the staff page shows it: newest first, who, when, what (computed here, printed by the template)."""

from __future__ import annotations

from flask import url_for

from guichet.formats import format_size
from guichet.words import gettext

from ..delivery.messages import safe_filename
from ..status.text import format_when, machine_time
from ..store.queue import HistoryItem, RequestDetail
from .text import email_label, staff_status


def _who(item: HistoryItem, lang: str) -> str:
    if item.who == "system" or item.kind == "email":
        return gettext(lang, "Guichet")
    if item.who == "resident":
        return gettext(lang, "The resident")
    if item.who == "staff (email link)":
        return gettext(lang, "Staff, from the email link")
    return item.who


def _what(item: HistoryItem, lang: str) -> str:
    if item.kind == "status":
        return gettext(lang, "Status: {status}", status=staff_status(item.status, lang))
    if item.kind == "resident_reply":
        return gettext(lang, "Message from the resident")
    if item.kind == "staff_note":
        return gettext(lang, "Internal note (residents never see it)")
    return email_label(item.text, item.status or "", lang)


def history_rows(detail: RequestDetail, lang: str, tz: str, ref: str) -> list[dict]:
    """Newest first: time, who, what happened, the note or message, and a reply's files."""
    rows = []
    for item in reversed(detail.history):
        rows.append({
            "at": machine_time(item.at),
            "when": format_when(item.at, lang, tz),
            "who": _who(item, lang),
            "what": _what(item, lang),
            "text": item.text if item.kind != "email" else "",
            "files": [{"href": url_for("staff_request.file", ref=ref, file_id=f.id, lang=lang),
                       "name": safe_filename(f.filename, f.content_type, f.id), "size": format_size(f.size, lang)}
                      for f in item.files],
        })
    return rows
