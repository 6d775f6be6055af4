"""The forms blueprint: show a form, check it, store it, confirm it.

``/forms/<slug>/`` and ``/fr/forms/<slug>/``. A valid POST is stored
durably (``save_submission`` has returned) before the resident is sent,
POST-redirect-GET, to the confirmation page with their reference.
Logs name the service, the outcome and the reference, never an answer.

The confirmation link carries a key (an HMAC of the service and reference
under the secret key): only the server that stored a submission can make
it, so references cannot be tried one after another, and the link works
again later, in either language, on any device the resident copies it to.
It replaced a list of references kept in the session cookie, which cost
every submission a cookie rewrite (``bench/README.md``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import re
import secrets

from flask import Blueprint, abort, current_app, g, make_response, redirect, render_template, request, url_for
from flask_limiter.util import get_remote_address
from sqlalchemy.exc import StatementError
from werkzeug.datastructures import CombinedMultiDict

from guichet.business_days import due_on
from guichet.privacy.notice import notice_view
from guichet.urls import service_url, status_url
from guichet.ui import t as chrome_text  # the shared 'Error: ' prefix

from ..catalogue import get_catalogue
from ..config import settings_of
from ..payment import view_for as payment_view_for
from ..store import Answer, NewSubmission, delete_files, get_store
from ..store.references import format_reference, normalize_reference
from ..routing import localized
from .builder import SpecForm
from .fields import form_view
from .funnel import count_attempt, count_view
from .pending import Lost, PendingFiles, save_files
from .text import strings, t

log = logging.getLogger(__name__)
bp = Blueprint("forms", __name__)

HONEYPOT = "gx-website"
RETRY = "gx-retry"  # on the 'session expired' page: a second POST without our cookie means cookies are off
SUBMISSION_KEY = "gx-submission"  # one per form shown: a double tap stores one submission
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
FORM_CLASSES = "guichet.form_classes"
DONE_KEY = "k"  # the confirmation link's query parameter
CROSS_SITE = "gx_cross_site"  # flask.g: this POST may come from another site; show and keep nothing it sent


def client_form_key() -> str:
    """Rate limits count per client and per form."""
    return f"{get_remote_address()}|{(request.view_args or {}).get('slug', '')}"


def exists(slug: str, lang: str) -> bool:
    return (slug, lang) in current_app.extensions[FORM_CLASSES]


def lookup(slug: str, lang: str):
    form_cls = current_app.extensions[FORM_CLASSES].get((slug, lang))
    if form_cls is None:
        abort(404)
    return get_catalogue().services[slug], form_cls


def form_title(service, spec, lang: str) -> str:
    return spec.title.get(lang) if spec.title else service.page(lang).meta.title


def render_form(service, form: SpecForm, lang: str, status: int = 200, files_lost: bool = False,
                expired: str | None = None):
    view = form_view(form, lang, files_lost=files_lost)
    title = form_title(service, form.spec, lang)
    spec = form.spec
    s = strings(lang)
    context = {
        "lang": lang,
        "page_title": (chrome_text("error_prefix", lang) if view["errors"] or expired else "") + title,
        "heading": title,
        "intro": spec.intro.get(lang) if spec.intro else None,
        "privacy": notice_view(spec, get_catalogue().taxonomy, lang, request.script_root or "/"),
        "action": url_for(".form", slug=service.slug, lang=lang),
        "honeypot": HONEYPOT,
        "submission_key": (SUBMISSION_KEY, submission_key()),
        # The CSRF check failed: why, and what to do ("expired", "cookies" or "start_again"; see expired()).
        "expired_summary": (s[f"{expired}_title"], s[f"{expired}_body"]) if expired else None,
        "retry": RETRY if expired else None,
        "s": s,
        **view,
    }
    response = make_response(render_template("forms/form.html", **context), status)
    response.headers["Cache-Control"] = "no-store"
    return response


def sent_key() -> str | None:
    sent = request.form.get(SUBMISSION_KEY, "")
    return sent if KEY_PATTERN.match(sent) else None


def submission_key() -> str:
    """The key the browser sent (kept while the resident fixes errors), else a new one.
    Never the key of a POST that may come from another site (``expired``): that site could
    choose it, and the resident's submission would then find one it stored first."""
    trusted = request.method == "POST" and not g.get(CROSS_SITE, False)
    return (sent_key() if trusted else None) or secrets.token_urlsafe(18)


def bound(form_cls) -> SpecForm:
    return form_cls(formdata=CombinedMultiDict([request.form, request.files]))


@localized(bp, "/forms/<slug>/", methods=["GET", "POST"])
def form(slug: str, lang: str):
    service, form_cls = lookup(slug, lang)
    if request.method == "GET":
        count_view(slug)
        return render_form(service, form_cls(), lang)
    if request.form.get(HONEYPOT):
        # A person never sees this field; a robot that fills it gets the usual-looking page and nothing is stored.
        log.info("form outcome=discarded reason=honeypot service=%s", slug)
        return redirect(url_for(".sent", slug=slug, lang=lang), 303)
    form = bound(form_cls)
    kept = pending_files(slug)
    kept.resolve(form.uploads)
    earlier = earlier_reference(form)
    if earlier is not None:  # Send pressed again after the first press stored it (and moved its kept files)
        return to_done(slug, lang, earlier)
    if not form.validate():
        return shown_again(service, form, lang, kept)
    try:
        reference = save(service, form, lang, kept)
    except Lost:  # a second press of Send moved a kept file between our check and our save
        return after_lost_file(service, form, slug, lang, kept)
    log.info("form outcome=stored service=%s reference=%s", slug, reference)
    count_attempt(slug, form)
    return to_done(slug, lang, reference)


def after_lost_file(service, form: SpecForm, slug: str, lang: str, kept: PendingFiles):
    """Two presses of Send raced for one kept file: the one that lost goes to the first's confirmation
    when it is stored, or shows the form again saying the file must be chosen again."""
    key = sent_key()
    earlier = get_store().reference_for_key(key) if key else None
    if earlier is not None:
        return to_done(slug, lang, earlier)
    kept.resolve(form.uploads)  # the moved file is now 'lost' on its field
    form.validate()
    return shown_again(service, form, lang, kept)


def to_done(slug: str, lang: str, reference: str):
    """POST-redirect-GET to the confirmation page of a stored submission."""
    return redirect(url_for(".done", slug=slug, lang=lang, reference=reference, **{DONE_KEY: done_key(slug, reference)}), 303)


def shown_again(service, form: SpecForm, lang: str, kept: PendingFiles):
    """The form again with its errors (422); its valid files stay attached (a new one replacing the one
    kept before) while the resident fixes the rest."""
    kept.keep_valid(form.uploads)
    log.info("form outcome=invalid service=%s fields=%s", service.slug, ",".join(sorted(f.name for f in form.answer_fields if f.errors)))
    count_attempt(service.slug, form)
    return render_form(service, form, lang, status=422)


def pending_files(slug: str) -> PendingFiles:
    return PendingFiles(current_app.config["UPLOAD_DIR"], current_app.secret_key, slug)


def earlier_reference(form: SpecForm) -> str | None:
    """A kept file is gone and this form's key is already stored: the resident pressed Send twice."""
    key = sent_key()
    if key is None or not any(f.kept_lost for f in form.uploads):
        return None
    return get_store().reference_for_key(key)


def answer_of(form: SpecForm, field) -> str | None:
    """The resident's answer to ``field`` of the form's spec (its reply-to, name or phone field); None
    without that field or an answer. The same field the privacy inventory names (``guichet/privacy``)."""
    return next((f.answer for f in form.answer_fields if field is not None and f.name == field.name), None) or None


def save(service, form: SpecForm, lang: str, kept: PendingFiles, channel: str = "web", entered_by: str | None = None) -> str:
    """Save the files, then the submission. The files go again if the submission is not stored,
    or was stored before under the same key (it has its own); replaced kept files go once it is.

    Every channel comes through here: the web form (``channel`` "web") and staff entering a request
    for a caller, a visitor or a paper form (``forms_app/staff/assisted.py``: ``channel`` one of
    ``ASSISTED_CHANNELS``, ``entered_by`` their address). The due date is the service's
    ``processing_days`` business days after today in the city's ``TIMEZONE``."""
    catalogue = get_catalogue()
    meta = service.page(lang).meta
    department = catalogue.taxonomy.departments[meta.department]
    upload_dir = current_app.config["UPLOAD_DIR"]
    spec = form.spec
    reply_to = answer_of(form, spec.reply_to_field)
    files = save_files(form.uploads, kept)
    saved = files.saved
    try:
        stored = get_store().save(
            NewSubmission(
                service=service.slug,
                lang=lang,
                service_title=meta.title,
                department=meta.department,
                recipient=department.email,
                answers=[Answer(f.name, f.spec.label.get(lang), f.answer) for f in form.answer_fields],
                reply_to=reply_to,
                resident_copy_to=reply_to if spec.confirmation_email else None,
                attachments=files.attachments,
                client_key=sent_key(),
                channel=channel,
                due_on=due_on(get_store().clock(), meta.processing_days, settings_of(current_app).TIMEZONE),
                contact_name=answer_of(form, spec.name_field),
                contact_phone=answer_of(form, spec.phone_field),
                entered_by=entered_by,
            )
        )
    except StatementError as exc:
        # SQLAlchemy puts the statement's parameters (the answers) in its message: log what failed, not them.
        delete_files(upload_dir, saved)
        log.error("form outcome=failed service=%s error=%s statement=%s", service.slug, type(exc.orig).__name__, exc.statement)
        raise SubmissionNotStored(f"the submission to {service.slug} was not stored ({type(exc.orig).__name__})") from None
    except BaseException:
        delete_files(upload_dir, saved)
        log.error("form outcome=failed service=%s", service.slug)
        raise
    if stored.duplicate:
        delete_files(upload_dir, saved)
    for old in files.spent:
        kept.discard(old)
    return stored.reference


class SubmissionNotStored(RuntimeError):
    """The database refused a submission; the message names no answer."""


def done_key(slug: str, reference: str) -> str:
    """The confirmation link's key for this service and reference (22 characters)."""
    secret = current_app.secret_key
    key = secret.encode() if isinstance(secret, str) else secret
    mac = hmac.new(key, f"guichet.forms.done|{slug}|{reference}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac[:16]).rstrip(b"=").decode()


@localized(bp, "/forms/<slug>/done/<reference>")
def done(slug: str, lang: str, reference: str):
    service, form_cls = lookup(slug, lang)
    sent = request.args.get(DONE_KEY, "").encode()  # bytes: compare_digest refuses non-ASCII text
    if normalize_reference(reference) != reference or not hmac.compare_digest(sent, done_key(slug, reference).encode()):
        abort(404)
    meta = service.page(lang).meta
    formatted = format_reference(reference)
    context = {
        "lang": lang,
        "page_title": t("done_title", lang),
        "service_title": form_title(service, form_cls.spec, lang),
        "reference": formatted,
        "processing_time": meta.processing_time,
        "next_steps": meta.next_steps,
        "status_url": status_url(lang, request.script_root or "/", reference=formatted),
        "service_url": service_url(lang, slug, request.script_root or "/"),
        "copy": bool(form_cls.spec.reply_to_field) and form_cls.spec.confirmation_email,
        "payment": payment_view_for(form_cls.spec.payment, meta.fees, lang, formatted),
        "s": strings(lang),
    }
    response = make_response(render_template("forms/done.html", **context))
    response.headers["Cache-Control"] = "no-store"
    return response


@localized(bp, "/forms/<slug>/sent")
def sent(slug: str, lang: str):
    """What a robot caught by the honeypot sees (nothing was stored)."""
    service, form_cls = lookup(slug, lang)
    return render_template(
        "forms/sent.html",
        lang=lang,
        page_title=t("done_title", lang),
        service_title=form_title(service, form_cls.spec, lang),
        s=strings(lang),
    )
