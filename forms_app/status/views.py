"""The two status pages.

* ``/status/?ref=ABCD-2345`` and ``/fr/status/?ref=…``: the resident's page,
  the status history of a request (dates, statuses, notes, the service name;
  never the answers). Lookups are rate-limited per client
  (``STATUS_RATE_LIMIT``, in Flask-Limiter's storage like the form limits).
* ``/status/staff/<token>``: the page a staff member reaches from the link in
  the department email (``links.py`` says when a link works). GET shows a
  form, only POST (with CSRF) changes the status.
"""

from __future__ import annotations

from flask import Blueprint, Flask, abort, current_app, flash, get_flashed_messages, redirect, render_template, request, url_for
from flask_limiter.util import get_remote_address
from flask_wtf import FlaskForm
from itsdangerous import BadSignature, SignatureExpired
from werkzeug.exceptions import TooManyRequests
from wtforms import StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length

from guichet.business_days import local_date
from guichet.formats import format_date
from guichet.ui import t as chrome_text
from guichet.words import gettext

from ..errors import error_text
from ..protection import LIMITER
from ..routing import localized, request_lang
from ..store import STATUSES, format_reference, get_store, normalize_reference
from ..store.store import NOTE_MAX
from .links import FINAL_STATUSES, LinkRevoked, check_not_revoked, read_reply_token, read_staff_link
from .text import format_when, machine_time, status_help, status_label, strings, t

SAVED = "status-saved"  # the flash category that carries "this session just saved this reference"

bp = Blueprint("status", __name__)


def limit_lookups(app: Flask) -> None:
    """Count every lookup (a resident's page with ``ref``) per client, English and French together."""
    limiter = app.extensions[LIMITER]
    limiter.shared_limit(
        app.config["STATUS_RATE_LIMIT"],  # parsed once, not per request
        scope="status-lookup",
        key_func=get_remote_address,
        exempt_when=not_a_lookup,
    )(bp)


def not_a_lookup() -> bool:
    """The staff page and the empty lookup form are not counted."""
    return request.endpoint != "status.resident" or not request.args.get("ref")


@bp.errorhandler(429)
def too_many_lookups(error: TooManyRequests):
    """The 429 page, in the page's language, in the words of a lookup (not of a form)."""
    lang = request_lang()
    text = dict(error_text("429", lang), title=t("too_many", lang),
                page_title=chrome_text("error_prefix", lang) + t("too_many", lang),
                body=[t("too_many_body", lang), t("too_many_help", lang)])
    return _page("errors/page.html", lang, 429, text=text)


def _page(template: str, lang: str, code: int = 200, **context):
    response = current_app.make_response((render_template(template, lang=lang, **context), code))
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _service_title(view, lang: str) -> str:
    """The service's name in the page's language from the catalogue, else as the resident saw it."""
    catalogue = current_app.extensions.get("guichet.catalogue")
    service = catalogue.services.get(view.service) if catalogue is not None else None
    return service.page(lang).meta.title if service is not None else view.service_title


def _history(view, lang: str, staff: bool = False) -> list[dict]:
    """Newest first: one row per change, its date, its status and the note (no explanation repeated)."""
    tz = current_app.config["TIMEZONE"]
    return [
        {"at": machine_time(e.at), "when": format_when(e.at, lang, tz), "status": e.status,
         "label": status_label(e.status, lang, staff), "note": e.note}
        for e in reversed(view.events)
    ]


@localized(bp, "/status/", methods=["GET"])
def resident(lang: str):
    typed = (request.args.get("ref") or "").strip()[:40]
    context = {"t": strings(lang), "error_prefix": chrome_text("error_prefix", lang), "typed": typed, "view": None, "error": None}
    if typed:
        ref = normalize_reference(typed)
        view = get_store().status_of(ref) if ref else None
        if ref is None:
            context["error"] = t("bad_format", lang, ref=typed)
        elif view is None:
            context["error"] = t("not_found", lang, ref=format_reference(ref))
        else:
            tz = current_app.config["TIMEZONE"]
            current = view.current.status
            context.update(
                view=view,
                service_title=_service_title(view, lang),
                reference=format_reference(view.reference),
                submitted=format_when(view.submitted_at, lang, tz),
                submitted_iso=machine_time(view.submitted_at),
                current_label=status_label(current, lang),
                current_help=status_help(current, lang),
                history=_history(view, lang),
                reply_href=_reply_href(view, lang) if current == "waiting_for_you" else None,
                reply_elsewhere=current == "waiting_for_you",
                erased=_erased(view, lang),  # #14: erased at the resident's request or by the form's retention
            )
    return _page("status/resident.html", lang, **context)


def _erased(view, lang: str) -> str | None:
    """Says plainly that the request's details were erased, and when (None: they are all there)."""
    if view.erased_at is None:
        return None
    return gettext(lang, "The details of this request (answers, contact details and files) were erased on {date}. "
                         "Its reference, dates and statuses remain.", date=format_date(local_date(view.erased_at, current_app.config["TIMEZONE"]), lang))


def _reply_href(view, lang: str) -> str | None:
    """The reply page, when the page was opened from the resident's email (its signed ``reply`` token)."""
    token = request.args.get("reply", "")[:400]
    try:
        if token and read_reply_token(current_app.config["SECRET_KEY"], token) == view.reference:
            return url_for("status_reply.reply", lang=lang, ref=format_reference(view.reference), reply=token)
    except BadSignature:  # SignatureExpired too: the page then says to use the email or call
        return None
    return None


class StaffStatusForm(FlaskForm):
    status = StringField(validators=[DataRequired(), AnyOf(STATUSES)])  # shown as radio buttons
    note = TextAreaField(validators=[Length(max=NOTE_MAX)])


def _link_problem(lang: str, key: str):
    text = strings(lang)
    return _page("status/link_problem.html", lang, 403, t=text, message=text[key])


@localized(bp, "/status/staff/<token>", methods=["GET", "POST"])
def staff(token: str, lang: str):
    try:
        ref, made = read_staff_link(current_app.config["SECRET_KEY"], token, current_app.config["STATUS_LINK_MAX_AGE"])
    except SignatureExpired:
        return _link_problem(lang, "link_expired")
    except BadSignature:
        return _link_problem(lang, "link_invalid")
    store = get_store()
    view = store.status_of(ref)
    if view is None:
        abort(404)
    try:
        check_not_revoked(made, view.links_revoked_at)
    except LinkRevoked:
        return _link_problem(lang, "link_revoked")
    just_saved = ref in get_flashed_messages(category_filter=[SAVED])
    if view.current.status in FINAL_STATUSES:
        if just_saved and request.method == "GET":
            return _staff_page(view, lang, None, saved=True)
        return _link_problem(lang, "link_closed")
    form = StaffStatusForm()
    if request.method == "POST":
        if form.validate_on_submit():
            store.set_status(ref, form.status.data, form.note.data or "", by="staff")
            flash(ref, SAVED)
            return redirect(url_for(request.endpoint, token=token, lang=lang), 303)
        return _staff_page(view, lang, form, form_error=t("form_error", lang, n=NOTE_MAX), code=400)
    if request.args.get("status") in STATUSES:
        form.status.data = request.args["status"]  # a quick link only preselects; GET changes nothing
    else:
        form.status.data = view.current.status
    return _staff_page(view, lang, form, saved=just_saved)


def _staff_page(view, lang: str, form: StaffStatusForm | None, saved: bool = False, form_error: str | None = None, code: int = 200):
    """The staff page: the form (None once the request is closed), the history, and what was just saved."""
    current = view.current.status
    chosen = form.status.data if form is not None else current
    saved_text = None
    if saved:
        saved_text = t("saved_email" if view.emails_resident else "saved", lang, status=status_label(current, lang))
    return _page(
        "status/staff.html", lang, code,
        t=strings(lang), form=form, view=view, service_title=_service_title(view, lang),
        options=[(s, status_label(s, lang, staff=True), s == chosen) for s in STATUSES],
        reference=format_reference(view.reference),
        current_label=status_label(current, lang, staff=True),
        history=_history(view, lang, staff=True),
        intro=t("staff_intro_email" if view.emails_resident else "staff_intro", lang),
        saved=saved_text,
        closed_note=t("saved_closed", lang) if form is None else None,
        form_error=form_error,
    )
