"""#11 item 5: weak or mistyped settings refuse to start, with one plain line per problem.

Settings come from ``FORMS_*`` environment variables, parsed as JSON when
they can be (``FORMS_SECRET_KEY=12345`` is a number), or from ``create_app({...})``.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from forms_app import ConfigError, create_app
from forms_app.config import INSECURE_SECRET, defaults
from forms_app.config_checks import problems

ROOT = Path(__file__).resolve().parents[1]
STRONG = "Vq3n_8XkR2pLw7Zt9bYc4HmJ6sFd1GaE0uNi5oQr"
ENCRYPTION_KEY = "bjJ1Eu34xnVxet2mmtL-yXKhaiG3MYnCk0HadtuWu5o="  # a Fernet key for these tests only


def refused(monkeypatch, **env) -> list[str]:
    """Start the app from these FORMS_ environment variables; the problem lines it refused with."""
    for key in list(os.environ):
        if key.startswith("FORMS_"):
            monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(f"FORMS_{key}", value)
    with pytest.raises(ConfigError) as caught:
        create_app()
    message = str(caught.value)
    assert "Traceback" not in message
    return [line[2:] for line in message.splitlines() if line.startswith("- ")]


def production_env(**changes) -> dict[str, str]:
    return {"ENV": "production", "SECRET_KEY": STRONG, "PUBLIC_URL": "https://services.bellerive.example.org",
            "ENCRYPTION_KEYS": f'["{ENCRYPTION_KEY}"]', **changes}


@pytest.mark.parametrize("secret", [
    "x", "secret", " " + INSECURE_SECRET, INSECURE_SECRET + " ", INSECURE_SECRET, "",
    "a" * 64,                                   # long but one character
    "secretsecretsecretsecretsecretsecret",    # long but five characters
    "0123456789abcdef0123",                    # too short
    " " + STRONG,                               # a strong secret pasted with a space
])
def test_a_weak_secret_key_refuses_to_start_in_production(monkeypatch, secret):
    lines = refused(monkeypatch, **production_env(SECRET_KEY=secret))
    assert len(lines) == 1 and lines[0].startswith("FORMS_SECRET_KEY ")
    assert "secrets.token_urlsafe(32)" in lines[0] or "spaces" in lines[0]
    if len(secret.strip()) > 8:
        assert secret.strip() not in lines[0]  # the value itself is never printed


@pytest.mark.parametrize("secret", ["12345678901234567890123456789012345", "true", "null", "[1, 2]"])
def test_a_secret_that_is_not_text_refuses_to_start_instead_of_failing_on_every_page(monkeypatch, secret):
    lines = refused(monkeypatch, SECRET_KEY=secret)  # even in development: each form page would be a 500
    assert len(lines) == 1 and lines[0].startswith("FORMS_SECRET_KEY ")
    assert "set it to text" in lines[0] or "must be text, not " in lines[0]
    assert "1234567890" not in lines[0]


@pytest.mark.parametrize("secret", [secrets.token_urlsafe(32), secrets.token_hex(16), secrets.token_hex(32), STRONG])
def test_a_random_secret_is_accepted(secret):
    assert problems({**defaults(), **production_env(SECRET_KEY=secret), "ENCRYPTION_KEYS": [ENCRYPTION_KEY]}) == []


@pytest.mark.parametrize("env", ["Production", "prod", "PRODUCTION", "production ", "staging", "dev"])
def test_an_unknown_environment_name_is_an_error_not_development(monkeypatch, env):
    lines = refused(monkeypatch, ENV=env)
    assert lines == [f"FORMS_ENV is {env!r}: use one of development, production, testing (lower case)."]


@pytest.mark.parametrize("key", ["WTF_CSRF_CHECK_DEFAULT", "WTF_CSRF_ENABLED"])
def test_csrf_checks_cannot_be_turned_off_in_production(monkeypatch, key):
    lines = refused(monkeypatch, **production_env(**{key: "false"}))
    assert len(lines) == 1 and lines[0].startswith(f"FORMS_{key} is off: production refuses to start")


@pytest.mark.parametrize(("url", "says"), [
    (None, "FORMS_PUBLIC_URL is not set"),
    ("", "FORMS_PUBLIC_URL is not set"),
    ("http://services.bellerive.example.org", "is not https"),
    ("services.bellerive.example.org", "is not a web address"),
    ("https://services.bellerive.example.org/?x=1", "is not a web address"),
])
def test_production_needs_an_https_public_url(monkeypatch, url, says):
    env = production_env()
    if url is None:
        del env["PUBLIC_URL"]
    else:
        env["PUBLIC_URL"] = url
    lines = refused(monkeypatch, **env)
    assert len(lines) == 1 and lines[0].startswith("FORMS_PUBLIC_URL") and says in lines[0]


@pytest.mark.parametrize(("key", "value", "says"), [
    ("SERVE_SITE", "1", "FORMS_SERVE_SITE must be true or false, not a number."),
    ("SEARCH_LIMIT", "ten", "FORMS_SEARCH_LIMIT must be a whole number, not text."),
    ("SEARCH_LIMIT", "true", "FORMS_SEARCH_LIMIT must be a whole number, not true or false."),
    ("SMTP_SECURITY", "tls", "FORMS_SMTP_SECURITY is 'tls': use one of starttls, ssl, none (lower case)."),
    ("SMTP_TIMEOUT", "soon", "FORMS_SMTP_TIMEOUT must be a number of seconds, not text."),
    ("SMTP_PASSWORD", "123456", "FORMS_SMTP_PASSWORD must be text, not a number (values from the environment are read as JSON"),
])
def test_every_setting_has_its_type_checked_at_start_up(monkeypatch, key, value, says):
    lines = refused(monkeypatch, **{key: value})
    assert len(lines) == 1 and lines[0].startswith(says)


def test_every_problem_is_listed_at_once(monkeypatch):
    lines = refused(monkeypatch, ENV="production", SECRET_KEY="x", PUBLIC_URL="http://a.example", WTF_CSRF_CHECK_DEFAULT="false")
    assert [line.split(" ")[0] for line in lines] == ["FORMS_PUBLIC_URL", "FORMS_SECRET_KEY", "FORMS_WTF_CSRF_CHECK_DEFAULT",
                                                      "FORMS_ENCRYPTION_KEYS"]


def test_a_development_public_url_must_still_be_an_address(monkeypatch):
    assert refused(monkeypatch, PUBLIC_URL="localhost:8000")[0].startswith("FORMS_PUBLIC_URL 'localhost:8000' is not a web address")


def test_flask_run_prints_the_problem_in_one_line_without_a_traceback(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORMS_")}
    env.update(FORMS_ENV="production", FORMS_SECRET_KEY="secret", FORMS_PUBLIC_URL="https://services.bellerive.example.org")
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "forms_app", "run", "--port", "0"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "Error: the forms app cannot start:\n- FORMS_SECRET_KEY is too short or too guessable" in done.stderr
