"""Security headers on every response, cookie flags, and a production start that refuses unsafe settings."""

from __future__ import annotations

import secrets

import pytest

from forms_app import ConfigError, create_app
from forms_app.config import INSECURE_SECRET

from tests.support.apps import ENCRYPTION_KEY
from tests.support.forms import config, FORM, FORM_FR, text
from tests.support.html_tree import title
from tests.support.security import assert_secure_headers


PUBLIC_URL = "https://services.bellerive.example.org"


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", FORM, 200),
        ("GET", FORM_FR, 200),
        ("POST", FORM, 422),
        ("GET", "/", 200),
        ("GET", "/services/dog-licence/", 200),
        ("GET", "/assets/javascripts/app.js", 200),
        ("GET", "/assets/stylesheets/guichet.css", 200),
        ("GET", "/no/such/page/", 404),
        ("GET", "/forms/no-such-form/", 404),
        ("POST", "/", 405),
    ],
)
def test_every_response_has_the_security_headers(client, method, path, status):
    response = client.open(path, method=method, data={} if method == "POST" else None)
    assert response.status_code == status
    assert_secure_headers(response)
    assert "Strict-Transport-Security" not in response.headers  # not in development


def test_errors_have_the_security_headers_too(make_app):
    app = make_app()
    app.testing = False
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.route("/boom")
    def boom():
        raise RuntimeError("boom")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert_secure_headers(response)
    assert title(text(response)) == "Sorry, there is a problem with the service – City of Bellerive"


def test_production_sends_hsts_and_secure_cookies(make_app):
    app = make_app(ENV="production", SECRET_KEY=secrets.token_urlsafe(32), WTF_CSRF_ENABLED=True, PUBLIC_URL=PUBLIC_URL,
                   ENCRYPTION_KEYS=[ENCRYPTION_KEY])
    response = app.test_client().get(FORM)
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_hsts_can_be_set_or_turned_off(make_app):
    assert make_app(HSTS_SECONDS=600).test_client().get(FORM).headers["Strict-Transport-Security"] == "max-age=600"
    production = make_app(ENV="production", SECRET_KEY=secrets.token_urlsafe(32), WTF_CSRF_ENABLED=True, HSTS_SECONDS=0,
                          PUBLIC_URL=PUBLIC_URL, ENCRYPTION_KEYS=[ENCRYPTION_KEY])
    assert "Strict-Transport-Security" not in production.test_client().get(FORM).headers


def test_development_cookies_are_httponly_and_lax_but_not_secure(client):
    cookie = client.get(FORM).headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


@pytest.mark.parametrize("secret", [INSECURE_SECRET, "", None])
def test_production_refuses_to_start_without_a_real_secret(tmp_path, secret):
    with pytest.raises(ConfigError, match="FORMS_SECRET_KEY"):
        create_app(config(tmp_path, ENV="production", SECRET_KEY=secret, WTF_CSRF_ENABLED=True))


def test_production_refuses_to_start_without_csrf(tmp_path):
    with pytest.raises(ConfigError, match="CSRF"):
        create_app(config(tmp_path, ENV="production", SECRET_KEY=secrets.token_urlsafe(32), WTF_CSRF_ENABLED=False,
                          PUBLIC_URL=PUBLIC_URL))


def test_production_reads_the_secret_from_the_environment(tmp_path, monkeypatch):
    for key, value in config(tmp_path, ENV="production", PUBLIC_URL=PUBLIC_URL).items():
        if key not in ("SECRET_KEY", "TESTING", "WTF_CSRF_ENABLED"):
            monkeypatch.setenv(f"FORMS_{key}", value if isinstance(value, str) else str(value).lower())
    monkeypatch.setenv("FORMS_ENCRYPTION_KEYS", f'["{ENCRYPTION_KEY}"]')
    with pytest.raises(ConfigError):
        create_app()
    monkeypatch.setenv("FORMS_SECRET_KEY", "from-the-environment-" + secrets.token_hex(16))
    app = create_app()
    assert app.config["WTF_CSRF_ENABLED"] is True
    app.extensions["guichet_store"].engine.dispose()
