"""Rate limits and CSRF, wired in the order that refuses a flood before its body is read.

``init_app(app)`` makes Flask-Limiter (kept in ``app.extensions``, for the
rooms that add their own limits), refuses nameless multipart parts, then
turns on CSRFProtect. A room answers a failed CSRF check on its own pages
(the forms: the form again, ``forms/expired.py``); ``same_origin_post`` is
here, below the rooms, for any of them to ask where a POST came from.
"""

from __future__ import annotations

from flask import Flask, abort, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

from . import ratelimits  # noqa: F401  (registers the worker-memory:// storage with limits)

LIMITER = "guichet.limiter"  # app.extensions key
REFERRER_FAILURES = ("The referrer header is missing.", "The referrer does not match the host.")  # Flask-WTF, on https


def init_app(app: Flask) -> Limiter:
    limiter = Limiter(get_remote_address, app=app, default_limits=[], headers_enabled=True)
    app.extensions[LIMITER] = limiter
    app.before_request(refuse_nameless_parts)  # before CSRFProtect, which fails on them
    CSRFProtect(app)
    return limiter


def refuse_nameless_parts():
    """A multipart part without a name becomes a ``None`` key, which Flask-WTF cannot read (a 500): 400 instead."""
    if request.method in ("POST", "PUT", "PATCH", "DELETE") and request.mimetype == "multipart/form-data":
        if None in request.form or None in request.files:
            abort(400)


def same_origin_post(csrf_failure: str | None = None) -> bool:
    """The browser says this request came from a page of this site.

    Browsers send ``Sec-Fetch-Site`` and ``Origin`` with every POST, and a page
    cannot change them; ``Referer`` (same-origin under our Referrer-Policy) is
    the fallback of older ones. Every one sent must name this origin, and at
    least one must be sent: a request that says nothing is not trusted. A CSRF
    failure that says the referrer is missing or foreign (Flask-WTF on https)
    is never same-origin.
    """
    if csrf_failure in REFERRER_FAILURES:
        return False
    ours = f"{request.scheme}://{request.host}".lower()
    site = request.headers.get("Sec-Fetch-Site")
    origin = request.headers.get("Origin")
    referrer = request.headers.get("Referer")
    if site is None and origin is None and referrer is None:
        return False
    return ((site is None or site == "same-origin")
            and (origin is None or origin.lower() == ours)
            and (referrer is None or referrer.lower() == ours or referrer.lower().startswith(ours + "/")))
