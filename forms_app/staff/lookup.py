"""Find any request by the reference the resident reads out: ``/staff/lookup/?ref=ABCD-2345``.

A 311 agent or a counter clerk answers for every department. Given a
reference, any signed-in staff member sees what the resident's status page
shows (service, dates, statuses and the notes to the resident) plus the
history's shape: who acted and when, which emails went, that the resident
replied (``RequestQueue.request_lookup``). The answers, files, contact details
and the words of replies and notes stay with the request's department, whose
staff get a link to the full page. Each lookup that finds a request is audited
(``view_request``, ``scope=lookup``). References may travel in the address, as
on the resident's status page; nothing else does.
"""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request, url_for

from guichet.ui import t as chrome_text
from guichet.words import gettext

from ..catalogue import get_catalogue
from ..pages import own_search
from ..routing import localized
from ..status.text import format_when
from ..store import format_reference, get_store, normalize_reference
from .history import history_rows
from .nav import staff_nav
from .queue import service_title
from .session import current_staff, no_store, staff_required
from .text import channel_label, day_text, language_name, staff_status

bp = Blueprint("staff_lookup", __name__)
bp.after_request(no_store)


def _department(slug: str, lang: str) -> str:
    found = get_catalogue().taxonomy.departments.get(slug)
    if found is None:
        return slug
    name = found.name.get(lang)
    return f"{name} ({found.phone})" if found.phone else name


@localized(bp, "/staff/lookup/", methods=["GET"])
@own_search
@staff_required
def lookup(lang: str):
    member = current_staff()
    typed = " ".join(request.args.get("ref", "").split())[:40]
    context = {"typed": typed, "detail": None, "error": None}
    if typed:
        ref = normalize_reference(typed)
        detail = get_store().queue.request_lookup(ref) if ref else None
        if ref is None:
            context["error"] = gettext(lang, "“{ref}” is not a reference number: 8 letters and numbers, like ABCD-2345.", ref=typed)
        elif detail is None:
            context["error"] = gettext(lang, "No request has the reference {ref}.", ref=format_reference(ref))
        else:
            get_store().audit.record(member.email, "view_request", detail.reference, "scope=lookup")
            context.update(_found(detail, member, lang))
    title = gettext(lang, "Find a request by its reference")
    return render_template(
        "staff/lookup.html", lang=lang, staff_nav=staff_nav(lang),
        title=(chrome_text("error_prefix", lang) if context["error"] else "") + title, heading=title,
        action=url_for("staff_lookup.lookup", lang=lang), error_prefix=chrome_text("error_prefix", lang), **context,
    ), 404 if context["error"] else 200


def _found(detail, member, lang: str) -> dict:
    tz = current_app.config["TIMEZONE"]
    ref = format_reference(detail.reference)
    facts = [
        (gettext(lang, "Reference"), ref),
        (gettext(lang, "Service"), service_title(detail.service, lang, detail.service_title)),
        (gettext(lang, "Department"), _department(detail.department, lang)),
        (gettext(lang, "Received"), format_when(detail.created_at, lang, tz)),
        (gettext(lang, "Channel"), channel_label(detail.channel, lang)),
        (gettext(lang, "Language"), language_name(detail.lang, lang)),
        (gettext(lang, "Due date"), day_text(detail.due_on, lang) or gettext(lang, "None set")),
        (gettext(lang, "Current status"), staff_status(detail.status, lang)),
    ]
    full = url_for("staff_request.request", ref=ref, lang=lang) if member.sees(detail.department) else None
    return {
        "detail": detail,
        "reference": ref,
        "facts": facts,
        "history": history_rows(detail, lang, tz, ref),
        "full_href": full,
        "scope_note": None if full else gettext(
            lang, "You see what the resident sees on the status page, and who did what. The answers, files and "
                  "contact details are for the department's staff."),
    }
