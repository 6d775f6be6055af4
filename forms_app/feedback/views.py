"""``/feedback/`` (``/fr/feedback/``): every page's "Did you find what you needed?", answered.

Plain HTML forms, no JavaScript needed, no cookie, POST-redirect-GET. Step
one is the footer's form (``overrides/partials/guichet-feedback.html``):
"Yes" or "No" is stored, then the browser goes to ``/feedback/thanks/`` or,
for a "No", ``/feedback/more/``, each with a signed token (``t``, a day
long) naming the stored answer, nothing else. The "more" page asks what went
wrong and for an optional comment (masked for personal data,
``guichet.comments``), which complete that same answer once; "something is
wrong" also queues a ``page_problem`` email to the page's department (for a
page that is no service's, the web team: ``ADMIN_EMAIL``). The thank-you
page links back to the page answered about, a same-site path checked at
step one (``paths.py``). The language link of each page keeps its token.

Every POST must come from a page of this site (``origin.py``: no CSRF token
on static pages) and counts against ``FEEDBACK_RATE_LIMIT``. Nothing about
the person is kept: no IP address (the rate limit counts in memory only), no
cookie, no user agent, the day without the time.
"""

from __future__ import annotations

import logging

from flask import Blueprint, abort, current_app, make_response, redirect, render_template, request, url_for
from itsdangerous import BadData, URLSafeTimedSerializer
from werkzeug.exceptions import TooManyRequests

from guichet.comments import mask
from guichet.formats import format_number
from guichet.ui import t as chrome_text
from guichet.urls import home_url

from ..catalogue import get_catalogue
from ..config import settings_of
from ..routing import localized, request_lang
from ..store import get_store
from ..store.current import city_today
from ..store.feedback import COMMENT_MAX, Feedback
from ..store.schema import FEEDBACK_REASONS
from .origin import from_our_pages
from .paths import Page, back_path, checked_page
from .text import strings, t

log = logging.getLogger(__name__)
bp = Blueprint("feedback", __name__)

TOKEN_SALT = "guichet.feedback.more"
TOKEN_MAX_AGE = 86400  # a day to say what went wrong
REASON_ID = "gx-feedback-reason"
COMMENT_ID = "gx-feedback-comment"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=TOKEN_SALT)


def _root() -> str:
    return request.script_root or "/"


def _page(template: str, lang: str, code: int = 200, **context):
    response = make_response(render_template(template, lang=lang, s=strings(lang), **context), code)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _problem(lang: str, code: int, title: str, body: str):
    """The 403 and 429 pages: what happened, that nothing was saved, where to get help."""
    text = {"title": t(title, lang), "page_title": chrome_text("error_prefix", lang) + t(title, lang),
            "body": [t(body, lang), t("help", lang)], "home": t("home", lang)}
    return _page("errors/page.html", lang, code, text=text)


@bp.errorhandler(429)
def too_many(error: TooManyRequests):
    log.info("feedback outcome=refused reason=rate-limit")
    return _problem(request_lang(), 429, "too_many_title", "too_many_body")


@localized(bp, "/feedback/", methods=["GET", "POST"])
def answer(lang: str):
    """Step one: "Yes" or "No" from a page's footer form, stored, then its page (POST-redirect-GET)."""
    if request.method == "GET":  # a bookmark or a typed address: nothing to answer here
        return redirect(home_url(lang, _root()), 303)
    refused = _refused(lang)
    if refused is not None:
        return refused
    page = checked_page(request.form.get("page"), _root())
    helpful = request.form.get("helpful")
    if page is None or helpful not in ("1", "0"):  # Yes, No
        abort(400)
    slug, department = service_of(page, lang)
    store = get_store()
    day = city_today()
    feedback_id = store.feedback.add(lang, page.stored, helpful == "1", day, service=slug, department=department)
    log.info("feedback outcome=stored helpful=%s service=%s", "yes" if helpful == "1" else "no", slug or "-")
    endpoint = ".thanks" if helpful == "1" else ".more"
    return redirect(url_for(endpoint, lang=lang, t=_serializer().dumps(feedback_id)), 303)


def _refused(lang: str):
    """The 403 page for a POST that did not come from a page of this site (``origin.py``), else None."""
    if from_our_pages(settings_of(current_app).FEEDBACK_ORIGINS):
        return None
    log.info("feedback outcome=refused reason=cross-site")
    return _problem(lang, 403, "refused_title", "refused_body")


def _answer_of(token: str | None) -> Feedback | None:
    """The stored answer a page's signed token names (a day long), or None."""
    try:
        feedback_id = int(_serializer().loads(token or "", max_age=TOKEN_MAX_AGE))
    except (BadData, ValueError, TypeError):
        return None
    return get_store().feedback.get(feedback_id)


def service_of(page: Page, lang: str) -> tuple[str | None, str | None]:
    """The service a page is about and its department, when the path names a service of the catalogue."""
    service = get_catalogue().services.get(page.slug) if page.slug else None
    if service is None:
        return None, None
    return service.slug, service.page(lang).meta.department


def back_link(row: Feedback, lang: str) -> str:
    """Where "go back" goes: the page answered about, in this page's language (``paths.back_path``)."""
    return back_path(row.path, row.service, lang, _root())


@localized(bp, "/feedback/thanks/")
def thanks(lang: str):
    return _thanks_page(lang, _answer_of(request.args.get("t")))


def _thanks_page(lang: str, row: Feedback | None):
    return _page("feedback/thanks.html", lang, back=back_link(row, lang) if row is not None else None,
                 home=home_url(lang, _root()), problem=row is not None and row.outbox_id is not None)


@localized(bp, "/feedback/more/", methods=["GET", "POST"])
def more(lang: str):
    """Step two of a "No": what went wrong and an optional comment, completing the stored answer once."""
    token = request.args.get("t", "")
    row = _answer_of(token)
    if row is None or row.helpful:
        abort(404)
    if row.reason is not None:  # already told: a second press of Send, the back button, the language link
        if request.method == "GET":
            return _thanks_page(lang, row)
        return redirect(url_for(".thanks", lang=lang, t=token), 303)
    if request.method == "GET":
        return _more_page(lang, row, token)
    refused = _refused(lang)
    if refused is not None:
        return refused
    reason = request.form.get("reason") or None
    comment = (request.form.get("comment") or "").replace("\r\n", "\n").replace("\x00", "")
    errors = {}
    if reason not in FEEDBACK_REASONS:
        errors["reason"] = t("choose_reason", lang)
        reason = None
    if len(comment) > COMMENT_MAX:
        errors["comment"] = t("too_long", lang, n=format_number(COMMENT_MAX, lang))
    if errors:
        return _more_page(lang, row, token, errors, reason, comment)
    masked = mask(comment.strip()) if comment.strip() else None
    problem_to = problem_recipient(row.department) if reason == "something_wrong" else None
    done = get_store().feedback.explain(row.id, reason, masked, problem_to)
    log.info("feedback outcome=%s reason=%s comment=%s", "explained" if done else "not-stored", reason, masked is not None)
    return redirect(url_for(".thanks", lang=lang, t=token), 303)


def _more_page(lang: str, row: Feedback, token: str, errors: dict[str, str] | None = None, reason: str | None = None,
               comment: str = ""):
    """What went wrong: the reasons, the comment, and with ``errors`` the error summary (422)."""
    errors = errors or {}
    s = strings(lang)
    reasons = [{"id": REASON_ID if i == 0 else f"{REASON_ID}-{i + 1}", "value": value, "label": s[value],
                "checked": value == reason, "hint": s["something_wrong_hint"] if value == "something_wrong" else None}
               for i, value in enumerate(FEEDBACK_REASONS)]
    summary = [{"href": f"#{REASON_ID if key == 'reason' else COMMENT_ID}", "text": text} for key, text in errors.items()]
    page_title = (chrome_text("error_prefix", lang) if errors else "") + s["more_title"]
    return _page("feedback/more.html", lang, 422 if errors else 200, page_title=page_title,
                 action=url_for(".more", lang=lang, t=token), reasons=reasons, reason_error=errors.get("reason"),
                 comment=_comment_field(s, comment, errors.get("comment")), errors=summary, reason_id=REASON_ID)


def _comment_field(s: dict[str, str], comment: str, error: str | None) -> dict:
    """The comment box as the forms' ``textarea`` macro prints it (macros/fields.html)."""
    hint_id, error_id = f"{COMMENT_ID}-hint", f"{COMMENT_ID}-error" if error else None
    wrong = " gx-form-group--error" if error else ""
    return {"id": COMMENT_ID, "label": s["comment_label"], "optional": s["optional"], "hint": s["comment_hint"],
            "hint_id": hint_id, "error": error, "error_id": error_id, "error_prefix": s["error_hidden"],
            "group_class": "gx-form-group" + wrong, "value": comment,
            "attrs": {"class": "gx-textarea" + (" gx-textarea--error" if error else ""), "id": COMMENT_ID, "name": "comment",
                      "rows": 5, "aria-describedby": f"{hint_id} {error_id}" if error else hint_id,
                      "aria-invalid": "true" if error else None}}


def problem_recipient(department: str | None) -> str | None:
    """Who hears of "something is wrong": the page's department, else the web team (``ADMIN_EMAIL``,
    by default the taxonomy's ``site.admin_email``)."""
    taxonomy = get_catalogue().taxonomy
    if department is not None and department in taxonomy.departments:
        return taxonomy.departments[department].email
    return settings_of(current_app).ADMIN_EMAIL or taxonomy.site.admin_email
