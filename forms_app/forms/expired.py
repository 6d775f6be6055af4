"""A form's POST failed the CSRF check (an expired session, cookies off, another site): the form again.

The forms room answers its own failed CSRF checks (``@bp.errorhandler``;
Flask asks the blueprint of the matched page before the app's generic
handler, ``error_pages.csrf_failed``), with a fresh token.
"""

from __future__ import annotations

from flask import current_app, g, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import NotFound

from ..protection import same_origin_post
from .views import CROSS_SITE, RETRY, bound, bp, exists, log, lookup, render_form


@bp.errorhandler(CSRFError)
def csrf_failed(error: CSRFError):
    """On a form, the form again with a fresh token (and the answers, if the POST came from our own
    page: ``same_origin_post``); an unknown form is a 404, as without the CSRF failure."""
    args = request.view_args or {}
    if request.endpoint != "forms.form" or not exists(args["slug"], args["lang"]):
        return current_app.handle_http_exception(NotFound())
    return expired(args["slug"], args["lang"], same_origin=same_origin_post(error.description))


def expired(slug: str, lang: str, same_origin: bool = True):
    """The CSRF check failed: show the form again with the answers sent, and a fresh token.

    When the POST came from that page (``RETRY``) and still without the
    session cookie, the browser refuses cookies: say so, and how else to apply.

    Only a POST the browser says came from our own pages (``same_origin``,
    decided by ``protection.same_origin_post``) gets its answers back: a page
    on another site could otherwise fill the form, with its own reply address,
    for the resident to send with the fresh token. Anything else gets the form
    empty and "fill it in again".
    """
    service, form_cls = lookup(slug, lang)
    if not same_origin:
        setattr(g, CROSS_SITE, True)
        log.info("form outcome=cross_site service=%s", slug)
        return render_form(service, form_cls(formdata=None), lang, status=400, expired="start_again")
    cookies_off = request.form.get(RETRY) == "1" and current_app.config["SESSION_COOKIE_NAME"] not in request.cookies
    log.info("form outcome=%s service=%s", "cookies_off" if cookies_off else "expired", slug)
    return render_form(service, bound(form_cls), lang, status=400, files_lost=True, expired="cookies" if cookies_off else "expired")
