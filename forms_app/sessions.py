"""The session cookie: its flags, and Flask's signed cookie sessions made cheaper."""

from __future__ import annotations

from flask import Flask
from flask.sessions import SecureCookieSessionInterface


def init_app(app: Flask) -> None:
    production = app.config["ENV"] == "production"
    app.config.update(SESSION_COOKIE_SECURE=production, SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax")
    app.session_interface = SessionCookies()


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed cookie sessions, with the signing serializer made once per key, not twice per request."""

    def __init__(self):
        self._serializers: dict = {}

    def get_signing_serializer(self, app: Flask):
        keys = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        if keys not in self._serializers:
            self._serializers[keys] = super().get_signing_serializer(app)
        return self._serializers[keys]
