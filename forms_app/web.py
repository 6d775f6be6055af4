"""The web layer's wiring: each job in its own module, put together here in order.

``init_app(app)`` wires, in order: the proxy fix, the session cookie
(``sessions``), the templates and the page chrome (``pages``), the
language of each request (``routing``), security headers on every response
(``headers``), Flask-Limiter then CSRFProtect, so a flood is refused before
its body is read (``protection``), the generic error pages
(``error_pages``), the forms room, and the files: ``/assets/`` and, when
``SERVE_SITE`` is on, the built static site at ``/`` (``static_site``).
The search and status rooms register after this (``forms_app.create_app``).
"""

from __future__ import annotations

from flask import Flask, current_app, request
from werkzeug.middleware.proxy_fix import ProxyFix

from . import error_pages, forms, pages, protection, routing, sessions, static_site
from .delivery.settings import remember_served_url as record_served_url
from .headers import security_headers


def init_app(app: Flask) -> None:
    production = app.config["ENV"] == "production"
    if app.config.get("PROXY_FIX_COUNT"):
        count = app.config["PROXY_FIX_COUNT"]  # a whole number: checked at start-up (config.Settings)
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
    sessions.init_app(app)
    pages.init_app(app)
    routing.init_app(app)
    app.after_request(security_headers)
    if not production and not app.config.get("PUBLIC_URL"):
        app.before_request(remember_served_url)  # email links point where the app is actually served

    limiter = protection.init_app(app)
    error_pages.init_app(app)
    forms.init_app(app, limiter)
    static_site.init_app(app)


def remember_served_url():
    """Development without ``PUBLIC_URL``: the address of this request, for the links in emails."""
    record_served_url(current_app, request.url_root)
