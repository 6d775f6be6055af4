"""The audit log for administrators: ``/staff/audit/`` (``/fr/staff/audit/``).

Newest first, filtered by a request's reference (``?ref=``), ``STAFF_PAGE_SIZE``
entries a page (``?page=``). Only administrators see it (others get a 404:
the page is not theirs); every value is computed here, the template prints.
"""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request, url_for

from guichet.formats import format_datetime, format_number
from guichet.ui import t as chrome_text
from guichet.words import N_, gettext

from ..config import settings_of
from ..store import format_reference, get_store, normalize_reference
from ..routing import localized
from ..status.text import machine_time
from .nav import staff_nav
from .session import admin_required, no_store

bp = Blueprint("staff_audit_page", __name__)
PAGE_MAX = 10000

ACTIONS = {
    "sign_in": N_("Signed in"), "sign_in_refused": N_("Sign-in link refused"), "sign_out": N_("Signed out"),
    "view_request": N_("Viewed a request"), "view_file": N_("Opened a file"),
    "search_personal": N_("Searched by personal information"), "status_change": N_("Changed the status"),
    "note_added": N_("Added a note"), "export_csv": N_("Exported a list"), "staff_added": N_("Staff member added"),
    "staff_removed": N_("Staff member removed"), "assisted_entry": N_("Entered a request for a resident"),
    "resident_reply": N_("Resident replied"), "digest_sent": N_("Daily summary sent"),
    "privacy_export": N_("Exported everything held (privacy)"), "privacy_erase": N_("Erased personal data (privacy)"),  # #14
}
WORDS = {
    "title": N_("Audit log"), "caption": N_("Audit log entries, newest first"),
    "caption_ref": N_("Audit log entries about request {ref}, newest first"),
    "when": N_("When"), "who": N_("Who"), "what": N_("What"), "reference": N_("Request"), "detail": N_("Detail"),
    "filter": N_("Request reference"), "filter_hint": N_("For example, ABCD-2345"), "show": N_("Show"),
    "all": N_("Show every entry"), "none": N_("No entries."), "bad_ref": N_("Enter a reference like ABCD-2345"),
    "newer": N_("Newer entries"), "older": N_("Older entries"), "page": N_("Page {n}"), "pages": N_("Pages"),
    "problem": N_("There is a problem"),
}


def _page_number() -> int:
    try:
        return min(max(int(request.args.get("page", "1")), 1), PAGE_MAX)
    except ValueError:
        return 1


@localized(bp, "/staff/audit/", methods=["GET"])
@admin_required
def audit(lang: str):
    t = {key: gettext(lang, text) for key, text in WORDS.items()}
    settings = settings_of(current_app)
    size = settings.STAFF_PAGE_SIZE
    typed = (request.args.get("ref") or "").strip()[:40]
    ref = normalize_reference(typed) if typed else None
    error = t["bad_ref"] if typed and ref is None else None
    page = _page_number()
    entries = [] if error else get_store().audit.entries(reference=ref, limit=size + 1, offset=(page - 1) * size)
    more = len(entries) > size
    rows = [{"at": machine_time(e.at), "when": format_datetime(e.at, lang, settings.TIMEZONE), "who": e.actor,
             "what": gettext(lang, ACTIONS[e.action]) if e.action in ACTIONS else e.action,
             "reference": format_reference(e.reference) if e.reference else "", "detail": e.detail}
            for e in entries[:size]]

    def link(number: int) -> str:
        args = {"ref": format_reference(ref)} if ref else {}
        return url_for("staff_audit_page.audit", lang=lang, page=number, **args)

    caption = gettext(lang, WORDS["caption_ref"], ref=format_reference(ref)) if ref else t["caption"]
    response = current_app.make_response((render_template(
        "staff/audit.html", lang=lang, staff_nav=staff_nav(lang), t=t, rows=rows, typed=typed, error=error,
        caption=caption + (" – " + gettext(lang, WORDS["page"], n=format_number(page, lang)) if page > 1 else ""),
        page_title=(chrome_text("error_prefix", lang) if error else "") + t["title"],
        error_prefix=chrome_text("error_prefix", lang),
        newer=link(page - 1) if page > 1 else None, older=link(page + 1) if more else None,
        show_all=url_for("staff_audit_page.audit", lang=lang) if typed else None,
    ), 400 if error else 200))
    return no_store(response)
