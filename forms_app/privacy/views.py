"""Access and erasure from the staff workspace, for administrators: ``/staff/requests/<ref>/privacy``.

* the page (GET): what Guichet holds, a button to download it all, a link to erase it;
* ``…/privacy/export`` (POST, CSRF): a zip of ``request-<REF>.json``, ``request-<REF>.txt`` and
  ``files/`` (``export.py``), audited ``privacy_export``;
* ``…/privacy/erase``: GET asks to confirm (what goes, what stays); POST (CSRF) erases now
  (``erase.py``), audited ``privacy_erase``, and comes back to the page, which says so.

Only administrators (``admin_required``: others get the 404 of a page that is not theirs); every
response ``no-store``; nothing personal in an address (the reference only).
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, get_flashed_messages, redirect, render_template, request, url_for
from flask_wtf import FlaskForm

from guichet.business_days import local_date
from guichet.ui import t as chrome_text
from guichet.words import N_, gettext

from ..config import settings_of
from ..routing import localized
from ..staff.nav import staff_nav
from ..staff.session import admin_required, current_staff, no_store
from ..staff.text import day_text
from ..status.text import format_when
from ..store import format_reference, get_store
from ..store.privacy import RequestPrivacy
from ..store.queue import RequestDetail
from .cli import export_for
from .erase import erase_request
from .export import zipped

bp = Blueprint("staff_privacy", __name__)
bp.after_request(no_store)

DONE = "staff-privacy-done"  # flash category: the erasure just made
ERASED = {
    "request": N_("The personal data of this request was erased on {date} at the resident’s request. "
                  "Its reference, service, dates and statuses remain."),
    "retention": N_("The personal data of this request was erased on {date}: its form’s retention period had ended. "
                    "Its reference, service, dates and statuses remain."),
}


class ConfirmForm(FlaskForm):
    """No fields: the CSRF token is the whole check."""


def _detail(ref: str) -> RequestDetail:
    detail = get_store().queue.request_detail(current_staff(), ref)
    if detail is None:
        abort(404)
    return detail


def erased_text(reference: str, lang: str, before_0007: str | None = None) -> str | None:
    """The sentence that says when and why a request's personal data went (None: it is all there);
    ``before_0007``: the sentence for one erased before the reason was kept (else the retention one)."""
    found = RequestPrivacy(get_store()).erased(reference)
    if found is None:
        return None
    when, why = found
    if why is None and before_0007 is not None:
        return before_0007
    return gettext(lang, ERASED.get(why or "retention"), date=day_text(local_date(when, current_app.config["TIMEZONE"]), lang))


def _urls(ref: str, lang: str) -> dict[str, str]:
    return {"page": url_for("staff_privacy.page", ref=ref, lang=lang),
            "export": url_for("staff_privacy.export", ref=ref, lang=lang),
            "erase": url_for("staff_privacy.erase", ref=ref, lang=lang),
            "request": url_for("staff_request.request", ref=ref, lang=lang)}


@localized(bp, "/staff/requests/<ref>/privacy", methods=["GET"])
@admin_required
def page(ref: str, lang: str):
    return _page(_detail(ref), lang)


def _page(detail: RequestDetail, lang: str, code: int = 200, error: str | None = None):
    shown = format_reference(detail.reference)
    title = gettext(lang, "Privacy: request {ref}", ref=shown)
    done = [gettext(lang, "Personal data erased.") for _ in get_flashed_messages(category_filter=[DONE])]
    facts = [(gettext(lang, "Answers"), str(len(detail.answers))), (gettext(lang, "Files"), str(len(detail.files))),
             (gettext(lang, "History"), str(len([h for h in detail.history if h.kind != "email"]))),
             (gettext(lang, "Emails"), str(len([h for h in detail.history if h.kind == "email"])))]
    return render_template(
        "staff/privacy.html", lang=lang, staff_nav=staff_nav(lang), code=code,
        title=(chrome_text("error_prefix", lang) if error else "") + title, heading=title, done=done, error=error,
        service=detail.service_title, received=format_when(detail.created_at, lang, current_app.config["TIMEZONE"]),
        facts=facts, erased=erased_text(detail.reference, lang), urls=_urls(shown, lang),
    ), code


@localized(bp, "/staff/requests/<ref>/privacy/export", methods=["POST"])
@admin_required
def export(ref: str, lang: str):
    detail = _detail(ref)
    if not ConfirmForm().validate_on_submit():
        return _page(detail, lang, 400, gettext(lang, "The export did not start. Try again."))
    store = get_store()
    found = export_for(store, detail.reference)
    body = zipped(found)
    RequestPrivacy(store).record_export(detail.reference, current_staff().email, "staff")
    response = current_app.response_class(body, mimetype="application/zip")
    response.headers["Content-Disposition"] = f'attachment; filename="privacy-{found.reference}.zip"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@localized(bp, "/staff/requests/<ref>/privacy/erase", methods=["GET", "POST"])
@admin_required
def erase(ref: str, lang: str):
    detail = _detail(ref)
    shown = format_reference(detail.reference)
    if request.method == "POST":
        if not ConfirmForm().validate_on_submit():
            return _confirm(detail, lang, 400, gettext(lang, "Nothing was erased. Try again."))
        erase_request(get_store(), settings_of(current_app).UPLOAD_DIR, detail.reference, current_staff().email, "staff")
        flash("erased", DONE)
        return redirect(url_for("staff_privacy.page", ref=shown, lang=lang), 303)
    return _confirm(detail, lang)


def _confirm(detail: RequestDetail, lang: str, code: int = 200, error: str | None = None):
    shown = format_reference(detail.reference)
    title = gettext(lang, "Erase the personal data of request {ref}?", ref=shown)
    return render_template(
        "staff/privacy_erase.html", lang=lang, staff_nav=staff_nav(lang), code=code,
        title=(chrome_text("error_prefix", lang) if error else "") + title, heading=title, error=error,
        urls=_urls(shown, lang), erased=erased_text(detail.reference, lang),
    ), code
