"""The web layer: security headers, CSRF, rate limits, error pages, the site.

``init_app(app)`` wires, in order: the proxy fix and cookie settings, the
Jinja loader (the project's ``overrides/`` folder, for the header and
footer the static site uses), security headers on every response,
Flask-Limiter then CSRFProtect (a flood is refused before its body is
read), the error pages, the forms blueprint, ``/assets/`` and, when
``SERVE_SITE`` is on, the built static site at ``/``.
"""

from __future__ import annotations

import os

from flask import Blueprint, Flask, abort, current_app, redirect, render_template, request, send_file
from flask.sessions import SecureCookieSessionInterface
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFError, CSRFProtect
from jinja2 import ChoiceLoader, FileSystemLoader
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.security import safe_join

from guichet import DEFAULT_LANGUAGE, LANGUAGES
from guichet.ui import chrome

from . import ratelimits  # noqa: F401  (registers the worker-memory:// storage with limits)
from .delivery.settings import remember_served_url as record_served_url
from .errors import error_text
from .headers import HSTS_PRODUCTION_DEFAULT, page_headers
from .forms.messages import number

REFERRER_FAILURES = ("The referrer header is missing.", "The referrer does not match the host.")  # Flask-WTF, on https
DRAIN_FACTOR = 4  # a too-large body is read up to 4 × MAX_CONTENT_LENGTH so its 413 page can be shown
CONTENT_TYPES = {
    ".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".mjs": "text/javascript",
    ".json": "application/json", ".map": "application/json", ".xml": "application/xml", ".txt": "text/plain",
    ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
    ".webp": "image/webp", ".ico": "image/vnd.microsoft.icon", ".webmanifest": "application/manifest+json",
    ".woff": "font/woff", ".woff2": "font/woff2", ".pdf": "application/pdf", ".gz": "application/gzip",
}


# -- languages ---------------------------------------------------------------

def localized(bp: Blueprint, rule: str, **options):
    """Register ``rule`` for English and, prefixed (``/fr/…``), for every other language.

    The view receives ``lang``; ``url_for(endpoint, lang=…)`` builds either URL.
    """
    others = ",".join(code for code in LANGUAGES if code != DEFAULT_LANGUAGE)

    def decorator(view):
        bp.add_url_rule(rule, view_func=view, defaults={"lang": DEFAULT_LANGUAGE}, **options)
        bp.add_url_rule(f"/<any({others}):lang>{rule}", view_func=view, **options)
        return view

    return decorator


def request_lang() -> str:
    """The page's language: the view's ``lang``, else the path's prefix."""
    lang = (request.view_args or {}).get("lang")
    if lang in LANGUAGES:
        return lang
    first = request.path.strip("/").split("/", 1)[0]
    return first if first in LANGUAGES else DEFAULT_LANGUAGE


def page_chrome(lang: str) -> dict:
    """The shared header and footer's view-model for the current request."""
    from .catalogue import get_catalogue

    query = request.query_string.decode("utf-8", "replace") if request.method == "GET" else ""
    own_search = request.endpoint == "search.search"  # the search page has its own search form: no second one in the header
    return chrome(lang, request.script_root + request.path, get_catalogue().taxonomy, root=request.script_root or "/", query=query,
                  header_search=not own_search)


# -- set-up ------------------------------------------------------------------

def init_app(app: Flask) -> None:
    production = app.config["ENV"] == "production"
    if app.config.get("PROXY_FIX_COUNT"):
        count = int(app.config["PROXY_FIX_COUNT"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
    app.config.update(SESSION_COOKIE_SECURE=production, SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax")
    app.session_interface = SessionCookies()
    app.jinja_loader = ChoiceLoader([FileSystemLoader(os.path.join(app.root_path, "templates")), FileSystemLoader(app.config["OVERRIDES_DIR"])])
    app.jinja_env.globals.update(page_chrome=page_chrome)
    app.context_processor(lambda: {"lang": request_lang(), "css_url": request.script_root + "/assets/stylesheets/guichet.css"})
    app.after_request(security_headers)
    if not production and not app.config.get("PUBLIC_URL"):
        app.before_request(remember_served_url)  # email links point where the app is actually served

    limiter = Limiter(get_remote_address, app=app, default_limits=[], headers_enabled=True)
    app.extensions["guichet.limiter"] = limiter
    app.before_request(refuse_nameless_parts)  # before CSRFProtect, which fails on them
    CSRFProtect(app)
    register_errors(app)

    from . import forms

    forms.init_app(app, limiter)
    app.add_url_rule("/assets/<path:filename>", "assets", asset)
    if app.config["SERVE_SITE"]:
        app.add_url_rule("/", "site", site_file, defaults={"path": ""})
        app.add_url_rule("/<path:path>", "site", site_file)


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed cookie sessions, with the signing serializer made once per key, not twice per request."""

    def __init__(self):
        self._serializers: dict = {}

    def get_signing_serializer(self, app: Flask):
        keys = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        if keys not in self._serializers:
            self._serializers[keys] = super().get_signing_serializer(app)
        return self._serializers[keys]


def security_headers(response):
    """On every response: pages, errors and the static site's files (the set is ``headers.page_headers``,
    which nginx's snippet in docs/serving.md sends too). A response with ``own_security_headers``
    (/dev/mail/'s HTML part, framed by our own page) has those instead of the same-named ones."""
    headers = page_headers(hsts_seconds(current_app.config))
    headers.update(getattr(response, "own_security_headers", {}))
    response.headers.update(headers)
    return response


def remember_served_url():
    """Development without ``PUBLIC_URL``: the address of this request, for the links in emails."""
    record_served_url(current_app, request.url_root)


def refuse_nameless_parts():
    """A multipart part without a name becomes a ``None`` key, which Flask-WTF cannot read (a 500): 400 instead."""
    if request.method in ("POST", "PUT", "PATCH", "DELETE") and request.mimetype == "multipart/form-data":
        if None in request.form or None in request.files:
            abort(400)


def hsts_seconds(config) -> int:
    """``HSTS_SECONDS`` when set (0 turns it off); a year in production otherwise."""
    if config.get("HSTS_SECONDS") is not None:
        return int(config["HSTS_SECONDS"])
    return HSTS_PRODUCTION_DEFAULT if config["ENV"] == "production" else 0


# -- error pages -------------------------------------------------------------

def register_errors(app: Flask) -> None:
    app.register_error_handler(CSRFError, csrf_failed)
    app.register_error_handler(HTTPException, http_error)  # 500s too: Flask wraps them in InternalServerError


def csrf_failed(error: CSRFError):
    """On a form, the form again with a fresh token (and the answers, if the POST came from our own
    page: ``same_origin_post``); elsewhere a page that says why."""
    if request.endpoint == "forms.form" and request.view_args:
        from .forms import views

        if not views.exists(**request.view_args):
            return http_error(NotFound())
        same_origin = error.description not in REFERRER_FAILURES and same_origin_post()
        return views.expired(**request.view_args, same_origin=same_origin)
    lang = request_lang()
    return render_template("errors/page.html", lang=lang, text=error_text("csrf", lang)), 400


def same_origin_post() -> bool:
    """The browser says this request came from a page of this site.

    Browsers send ``Sec-Fetch-Site`` and ``Origin`` with every POST, and a page
    cannot change them; ``Referer`` (same-origin under our Referrer-Policy) is
    the fallback of older ones. Every one sent must name this origin, and at
    least one must be sent: a request that says nothing is not trusted.
    """
    ours = f"{request.scheme}://{request.host}".lower()
    site = request.headers.get("Sec-Fetch-Site")
    origin = request.headers.get("Origin")
    referrer = request.headers.get("Referer")
    if site is None and origin is None and referrer is None:
        return False
    return ((site is None or site == "same-origin")
            and (origin is None or origin.lower() == ours)
            and (referrer is None or referrer.lower() == ours or referrer.lower().startswith(ours + "/")))


def http_error(error: HTTPException):
    code = error.code or 500
    if code == 413:
        drain_body()
    if code == 404 and current_app.config["SERVE_SITE"]:
        page = site_404()
        if page is not None:
            return page
    lang = request_lang()
    limit_mb = number(round((current_app.config.get("MAX_CONTENT_LENGTH") or 0) / 1024 / 1024, 1), lang)
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


# -- files -------------------------------------------------------------------

def content_type(path: str) -> str:
    return CONTENT_TYPES.get(os.path.splitext(path)[1].lower(), "application/octet-stream")


def precompressed(path: str) -> tuple[str | None, str]:
    """The site build's ``.br``/``.gz`` copy of ``path`` when the browser takes it (fewer bytes on slow phones)."""
    for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
        copy = path + suffix
        if request.accept_encodings[encoding] and os.path.isfile(copy) and os.path.getmtime(copy) >= os.path.getmtime(path):
            return encoding, copy
    return None, path


def send(path: str, status: int = 200):
    encoding, actual = precompressed(path)
    response = send_file(actual, mimetype=content_type(path), conditional=status == 200, max_age=None)
    response.headers.pop("Content-Disposition", None)  # a page, not a download
    if encoding:
        response.headers["Content-Encoding"] = encoding
    response.vary.add("Accept-Encoding")
    if status != 200:
        response.status_code = status
    return response


def find(root: str, path: str) -> str | None:
    """The file at ``path`` under ``root``; never a dotfile, never outside ``root``."""
    if any(part.startswith(".") for part in path.split("/")):
        return None
    full = safe_join(root, path) if path else root
    return full if full is not None and os.path.exists(full) else None


def asset(filename: str):
    """``/assets/…``: the built site's copy when there is one, else the project's ``overrides/assets``."""
    roots = [os.path.join(current_app.config["SITE_DIR"], "assets")] if current_app.config["SERVE_SITE"] else []
    roots.append(os.path.join(current_app.config["OVERRIDES_DIR"], "assets"))
    for root in roots:
        full = find(root, filename)
        if full and os.path.isfile(full):
            return send(full)
    abort(404)


def site_file(path: str):
    """The built static site: ``/x/`` serves ``x/index.html``; ``/x`` of a folder redirects to ``/x/``."""
    full = find(current_app.config["SITE_DIR"], path)
    if full and os.path.isdir(full):
        if path and not path.endswith("/"):
            query = request.query_string.decode("latin-1")
            return redirect(request.script_root + "/" + path + "/" + (f"?{query}" if query else ""), 301)
        full = os.path.join(full, "index.html")
    if not full or not os.path.isfile(full):
        abort(404)
    return send(full)


def site_404():
    """The site's own 404 page in the request's language, with status 404."""
    site = current_app.config["SITE_DIR"]
    lang = request_lang()
    for candidate in ([f"{lang}/404.html"] if lang != DEFAULT_LANGUAGE else []) + ["404.html"]:
        full = find(site, candidate)
        if full and os.path.isfile(full):
            return send(full, status=404)
    return None
