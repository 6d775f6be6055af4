"""Staff sign-in without passwords: a one-time link sent by email; sign-out.

* ``/staff/`` (``/fr/staff/``): the address form. Every well-formed address gets the
  same answer, a 303 to "check your email" (``link_sent``), registered or not: only a
  registered address gets a link row and its email, written in one transaction
  (``StaffDirectory.new_sign_in``), which the delivery worker sends. Requests are
  limited per client and per address asked (``STAFF_SIGN_IN_RATE_LIMIT``).
* ``/staff/sign-in/<token>``: GET shows one "Sign in" button, so a mail scanner that
  fetches the link does not spend it; the POST (CSRF) spends it once
  (``use_sign_in``), starts a new session (``session.start``) and goes to the queue.
* ``/staff/sign-out`` (POST): ends the session server-side, back to ``/staff/``.

``identity.py`` says how an OpenID Connect provider would take this module's place.
Logs never name an address.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import timedelta

from flask import (Blueprint, Flask, current_app, flash, get_flashed_messages, redirect, render_template, request,
                   url_for)
from flask_limiter.util import get_remote_address
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import TooManyRequests
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from guichet.ui import t as chrome_text
from guichet.words import N_, gettext

from ..config import settings_of
from ..errors import error_text
from ..protection import LIMITER
from ..routing import localized, request_lang
from ..store import get_store
from ..store.addresses import is_single_address
from ..store.staff import normalize_email
from . import session
from .identity import spend_link
from .links import BadLink, read_sign_in_token
from .nav import staff_nav

log = logging.getLogger(__name__)

bp = Blueprint("staff_auth", __name__)
SIGNED_OUT = "staff-signed-out"  # flash category
ADDRESS_MAX = 320

WORDS = {
    "title": N_("Sign in to the staff workspace"),
    "intro": N_("Enter your work email address. If it is registered, we will send you a link to sign in. "
                "No password is needed."),
    "label": N_("Work email address"),
    "hint": N_("For example, name@city.example"),
    "send": N_("Send me a sign-in link"),
    "missing": N_("Enter your work email address"),
    "bad": N_("Enter an email address like name@city.example"),
    "problem": N_("There is a problem"),
    "sent_title": N_("Check your email"),
    "sent_body": N_("If this address is registered for the staff workspace, we sent it a link to sign in. "
                    "The link works once, for {minutes} minutes."),
    "sent_none": N_("No email after a few minutes? Check your junk mail folder, or ask your administrator "
                    "whether your address is registered."),
    "again": N_("Ask for a new link"),
    "use_title": N_("Sign in"),
    "use_body": N_("Select the button to sign in to the staff workspace."),
    "use_button": N_("Sign in"),
    "refused_title": N_("This sign-in link no longer works"),
    "refused_body": N_("A sign-in link works once, for a short time, and only for the address it was sent to. "
                       "This one has been used, has expired, or is not valid."),
    "signed_out": N_("You are signed out."),
    "too_many": N_("Too many sign-in requests"),
    "too_many_body": N_("Nothing was sent this time. Wait a few minutes, then ask for a link again."),
}


def w(key: str, lang: str, **values) -> str:
    return gettext(lang, WORDS[key], **values)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    limit_requests(app)


def limit_requests(app: Flask) -> None:
    """Count every request for a link per client and per address asked, English and French together."""
    limiter = app.extensions[LIMITER]
    rate = settings_of(app).STAFF_SIGN_IN_RATE_LIMIT
    limiter.shared_limit(rate, scope="staff-sign-in", key_func=get_remote_address, exempt_when=not_a_request)(bp)
    limiter.shared_limit(rate, scope="staff-sign-in-address", key_func=address_key, exempt_when=not_a_request)(bp)


def not_a_request() -> bool:
    return request.endpoint != "staff_auth.sign_in" or request.method != "POST"


def address_key() -> str:
    """The limit's key for the address asked: a hash, so the limiter's storage holds no address."""
    address = normalize_email(request.form.get("email", "")[:ADDRESS_MAX])
    return "addr:" + hashlib.sha256(address.encode()).hexdigest()[:32]


@bp.errorhandler(429)
def too_many(error: TooManyRequests):
    lang = request_lang()
    return _page("staff/sign_in_problem.html", lang, 429, title=w("too_many", lang),
                 page_title=chrome_text("error_prefix", lang) + w("too_many", lang),
                 body=[w("too_many_body", lang)], again=None)


@bp.errorhandler(CSRFError)
def expired(error: CSRFError):
    """A POST without its CSRF token (or with a stale one): nothing was done; ask again from the start."""
    lang = request_lang()
    text = error_text("csrf", lang)
    return _page("staff/sign_in_problem.html", lang, 400, title=text["title"], page_title=text["page_title"],
                 body=text["body"][:1], again=(url_for("staff_auth.sign_in", lang=lang), w("again", lang)))


def _page(template: str, lang: str, code: int = 200, **context):
    response = current_app.make_response((render_template(template, lang=lang, staff_nav=staff_nav(lang), **context), code))
    return session.no_store(response)


class AddressForm(FlaskForm):
    email = StringField(validators=[DataRequired(), Length(max=ADDRESS_MAX)])


@localized(bp, "/staff/", methods=["GET", "POST"])
def sign_in(lang: str):
    if request.method == "GET" and session.current_staff() is not None:
        return redirect(url_for("staff_queue.queue", lang=lang), 303)
    form = AddressForm()
    error = None
    if request.method == "POST":
        typed = (form.email.data or "").strip()
        if form.validate_on_submit() and is_single_address(typed):
            minutes = timedelta(seconds=settings_of(current_app).STAFF_SIGN_IN_MAX_AGE)
            # Registered or not, the same page: nothing tells which addresses are staff.
            get_store().staff.new_sign_in(typed, minutes, lang)
            log.info("staff sign-in link asked")  # never the address, nor whether it is registered
            return redirect(url_for("staff_auth.link_sent", lang=lang), 303)
        error = w("missing" if not typed else "bad", lang)
    signed_out = bool(get_flashed_messages(category_filter=[SIGNED_OUT]))
    return _page("staff/sign_in.html", lang, 400 if error else 200, form=form, error=error,
                 signed_out=w("signed_out", lang) if signed_out else None,
                 page_title=(chrome_text("error_prefix", lang) if error else "") + w("title", lang),
                 error_prefix=chrome_text("error_prefix", lang),
                 t={key: w(key, lang) for key in ("title", "intro", "label", "hint", "send", "problem")})


@localized(bp, "/staff/link-sent/", methods=["GET"])
def link_sent(lang: str):
    minutes = max(1, settings_of(current_app).STAFF_SIGN_IN_MAX_AGE // 60)
    return _page("staff/sign_in_sent.html", lang, title=w("sent_title", lang),
                 body=[w("sent_body", lang, minutes=minutes), w("sent_none", lang)],
                 again=(url_for("staff_auth.sign_in", lang=lang), w("again", lang)))


@localized(bp, "/staff/sign-in/<token>", methods=["GET", "POST"])
def use_link(token: str, lang: str):
    if request.method == "GET":  # a mail scanner's fetch spends nothing, and is not audited
        settings = settings_of(current_app)
        try:
            read_sign_in_token(settings.SECRET_KEY, token, settings.STAFF_SIGN_IN_MAX_AGE)
        except BadLink:
            return _refused(lang)
        return _page("staff/sign_in_use.html", lang, title=w("use_title", lang), body=w("use_body", lang),
                     button=w("use_button", lang))
    member = spend_link(token)  # audits sign_in or sign_in_refused
    if member is None:
        log.info("staff sign-in refused")
        return _refused(lang)
    log.info("staff signed in staff_id=%d", member.id)
    response = redirect(url_for("staff_queue.queue", lang=lang), 303)
    return session.no_store(session.start(response, member))


def _refused(lang: str):
    return _page("staff/sign_in_problem.html", lang, 403, title=w("refused_title", lang),
                 page_title=chrome_text("error_prefix", lang) + w("refused_title", lang),
                 body=[w("refused_body", lang)], again=(url_for("staff_auth.sign_in", lang=lang), w("again", lang)))


@localized(bp, "/staff/sign-out", methods=["POST"])
def sign_out(lang: str):
    member = session.current_staff()
    response = redirect(url_for("staff_auth.sign_in", lang=lang), 303)
    session.end(response)
    if member is not None:
        get_store().audit.record(member.email, "sign_out")
        log.info("staff signed out staff_id=%d", member.id)
    flash("1", SIGNED_OUT)
    return session.no_store(response)
