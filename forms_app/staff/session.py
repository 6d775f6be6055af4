"""The staff session: a cookie of its own, a row in the database, and who is signed in.

The cookie (``STAFF_COOKIE``; ``__Host-`` prefixed in production, so it is
Secure, host-only and path ``/``) is HttpOnly and SameSite=Strict, and holds
a random token; the database keeps its SHA-256 (``store/staff.py``). Every
sign-in makes a new token (a token planted before sign-in is never promoted:
no session fixation), sign-out ends the row, and the session ends after
``STAFF_SESSION_IDLE`` seconds idle or ``STAFF_SESSION_LIFETIME`` in all.

Views use ``current_staff()`` and the ``staff_required`` decorator; a
request without a live session is sent to the sign-in page of its language.
"""

from __future__ import annotations

from datetime import timedelta
from functools import wraps

from flask import Flask, Response, abort, current_app, g, redirect, request, url_for

from ..config import settings_of
from ..routing import request_lang
from ..store import get_store
from ..store.staff import StaffMember

DEV_COOKIE = "guichet_staff"
PROD_COOKIE = "__Host-guichet_staff"
_MEMBER = "guichet_staff_member"  # flask.g: the signed-in member of this request (False: looked, none)


def cookie_name(app: Flask | None = None) -> str:
    app = app or current_app
    return PROD_COOKIE if app.config["ENV"] == "production" else DEV_COOKIE


def current_staff() -> StaffMember | None:
    """The staff member signed in on this request, or None (looked up once per request)."""
    found = g.get(_MEMBER)
    if found is None:
        settings = settings_of(current_app)
        token = request.cookies.get(cookie_name(), "")
        member = get_store().staff.session_member(
            token, timedelta(seconds=settings.STAFF_SESSION_IDLE), timedelta(seconds=settings.STAFF_SESSION_LIFETIME)
        ) if token else None
        found = member or False
        setattr(g, _MEMBER, found)
    return found or None


def staff_required(view):
    """The view runs for a signed-in staff member; anyone else goes to the sign-in page (303)."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if current_staff() is None:
            return redirect(url_for("staff_auth.sign_in", lang=request_lang()), 303)
        return view(*args, **kwargs)

    return wrapper


def admin_required(view):
    """As ``staff_required``, and only for administrators (others get 404: the page is not theirs)."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        member = current_staff()
        if member is None:
            return redirect(url_for("staff_auth.sign_in", lang=request_lang()), 303)
        if not member.is_admin:
            abort(404)
        return view(*args, **kwargs)

    return wrapper


def start(response: Response, member: StaffMember) -> Response:
    """Sign ``member`` in on ``response``: a new session, a new cookie (any earlier one is ended)."""
    store = get_store()
    old = request.cookies.get(cookie_name())
    if old:
        store.staff.end_session(old)
    token = store.staff.start_session(member)
    settings = settings_of(current_app)
    response.set_cookie(
        cookie_name(), token, max_age=settings.STAFF_SESSION_LIFETIME, path="/",
        secure=current_app.config["ENV"] == "production", httponly=True, samesite="Strict",
    )
    setattr(g, _MEMBER, member)
    return response


def end(response: Response) -> Response:
    """Sign out: the session row ends and the cookie goes."""
    token = request.cookies.get(cookie_name())
    if token:
        get_store().staff.end_session(token)
    response.delete_cookie(cookie_name(), path="/", secure=current_app.config["ENV"] == "production",
                           httponly=True, samesite="Strict")
    setattr(g, _MEMBER, False)
    return response


def no_store(response: Response) -> Response:
    """Every staff page: never cached, never indexed, never framed elsewhere."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
