"""The app's error pages: every HTTP error, and a failed CSRF check outside a room that answers it.

A room answers its own errors first (Flask looks in the blueprint's handlers
before the app's): the forms show the form again on a failed CSRF check
(``forms/expired.py``), the status pages word their 429 as a lookup. What
reaches these handlers gets the generic page, in the request's language; a
404 gets the built site's own 404 page when the app serves the site.
"""

from __future__ import annotations

from flask import Flask, current_app, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from guichet.formats import format_number

from .errors import error_text
from .routing import request_lang
from .static_site import site_404

DRAIN_FACTOR = 4  # a too-large body is read up to 4 × MAX_CONTENT_LENGTH so its 413 page can be shown


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, csrf_failed)
    app.register_error_handler(HTTPException, http_error)  # 500s too: Flask wraps them in InternalServerError


def csrf_failed(error: CSRFError):
    """A page that says why (the forms room answers on its own pages)."""
    lang = request_lang()
    return render_template("errors/page.html", lang=lang, text=error_text("csrf", lang)), 400


def http_error(error: HTTPException):
    code = error.code or 500
    if code == 413:
        drain_body()
    if code == 404:
        page = site_404()
        if page is not None:
            return page
    lang = request_lang()
    limit_mb = format_number(round((current_app.config.get("MAX_CONTENT_LENGTH") or 0) / 1024 / 1024, 1), lang)
    text = error_text(str(code), lang, limit_mb=limit_mb)
    response = current_app.make_response((render_template("errors/page.html", lang=lang, text=text), code))
    if code == 405 and getattr(error, "valid_methods", None):
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def drain_body() -> None:
    """Read what is left of a too-large body, so the browser gets to read the 413 page.

    A server that answers before the upload is finished closes the
    connection on a browser still sending: it shows "connection reset"
    instead of our page. Draining is bounded (DRAIN_FACTOR × the cap).
    """
    stream = request.environ.get("wsgi.input")
    cap = DRAIN_FACTOR * (current_app.config.get("MAX_CONTENT_LENGTH") or 0)
    remaining = min(request.content_length or cap, cap)
    while stream is not None and remaining > 0:
        chunk = stream.read(min(64 * 1024, remaining))
        if not chunk:
            break
        remaining -= len(chunk)
