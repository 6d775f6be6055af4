"""Rate limits (an accessible 429, on every limiter storage) and the size cap (the 413 page, through gunicorn too)."""

from __future__ import annotations

import os
import secrets

import pytest

from forms_app import create_app

from tests.support.forms import CATALOGUE, config, FORM, FORM_FR, post, text, valid_answers
from tests.support.html_tree import parse, title
from tests.support.security import assert_secure_headers


# -- rate limits ---------------------------------------------------------------

def redis_url() -> str:
    url = os.environ.get("FORMS_TEST_REDIS_URL", "redis://127.0.0.1:6379")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError as exc:
        message = f"Redis unreachable at {url}: {type(exc).__name__}"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI is set: the Redis tests must run)")
        pytest.skip(message)
    return url


@pytest.fixture(params=["worker-memory", "memory", pytest.param("redis", marks=pytest.mark.redis)])
def limited_app(request, make_app):
    storage = redis_url() if request.param == "redis" else f"{request.param}://"
    return make_app(
        RATELIMIT_ENABLED=True,
        RATELIMIT_SUBMIT="3 per minute",
        RATELIMIT_STORAGE_URI=storage,
        RATELIMIT_KEY_PREFIX=f"test-{secrets.token_hex(6)}",
    )


def test_too_many_submissions_get_an_accessible_429(limited_app):
    client = limited_app.test_client()
    for _ in range(3):
        assert post(client, FORM, {"full_name": ""}).status_code == 422
    response = post(client, FORM, {"full_name": ""})
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert_secure_headers(response)
    page = text(response)
    assert title(page) == "Error: You have sent this form too many times – City of Bellerive"
    assert parse(page).find("h1").text() == "You have sent this form too many times" and "Wait a few minutes" in page
    french = post(client, FORM_FR, {"full_name": ""})  # the same form in French counts too
    assert french.status_code == 429
    assert parse(french).find("h1").text() == "Vous avez envoyé ce formulaire trop de fois"
    assert client.get(FORM).status_code == 200  # reading the form is never limited
    other = limited_app.test_client()
    assert post(other, FORM, {"full_name": ""}, environ_base={"REMOTE_ADDR": "192.0.2.7"}).status_code == 422


# -- size ----------------------------------------------------------------------

def test_a_request_over_the_size_cap_gets_the_413_page(make_app):
    app = make_app(MAX_CONTENT_LENGTH=200 * 1024)
    client = app.test_client()
    response = post(client, FORM, valid_answers(plan=(b"%PDF-" + b"0" * (300 * 1024), "big.pdf", "application/pdf")))
    assert response.status_code == 413
    page = text(response)
    assert title(page) == "Error: Your form is too large to send – City of Bellerive"
    assert "must be smaller than 0.2 MB" in page
    assert_secure_headers(response)
    french = post(client, FORM_FR, valid_answers(plan=(b"%PDF-" + b"0" * (300 * 1024), "big.pdf", "application/pdf")))
    assert parse(french).find("h1").text() == "Votre formulaire est trop volumineux"


def test_a_huge_text_answer_gets_the_413_page_that_says_to_shorten_it(app):
    client = app.test_client()
    response = post(client, FORM, valid_answers(description="word " * 120_000))  # 600 KB in one field
    assert response.status_code == 413
    page = text(response)
    assert "shorten any very long answer" in page
    french = post(client, FORM_FR, valid_answers(description="mot " * 150_000))
    assert french.status_code == 413 and "raccourcissez toute réponse très longue" in text(french)
    from tests.support.forms import rows

    assert rows(app, "submissions") == [] and os.listdir(app.config["UPLOAD_DIR"]) == []  # nothing half-stored


def test_the_default_size_cap_is_25_mb(app, client):
    assert app.config["MAX_CONTENT_LENGTH"] == 25 * 1024 * 1024
    # a request that says it is one byte over is refused before its body is read: the 413 page, nothing stored
    over = post(client, FORM, valid_answers(), environ_overrides={"CONTENT_LENGTH": str(25 * 1024 * 1024 + 1)})
    assert over.status_code == 413
    assert title(text(over)) == "Error: Your form is too large to send – City of Bellerive"
    assert "must be smaller than 25 MB" in parse(over).text()
    from tests.support.forms import rows

    assert rows(app, "submissions") == []


def test_the_413_page_reaches_a_browser_through_gunicorn(tmp_path):
    """Answering before the upload is finished would reset the connection: the app drains it first."""
    import http.client
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(
        os.environ,
        FORMS_SECRET_KEY="test-secret",
        FORMS_CATALOGUE_DIR=str(CATALOGUE),
        FORMS_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        FORMS_UPLOAD_DIR=str(tmp_path / "uploads"),
        FORMS_MAIL_DIR=str(tmp_path / "mail"),
        FORMS_SERVE_SITE="false",
        FORMS_MAX_CONTENT_LENGTH=str(1024 * 1024),
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "forms_app:create_app()", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--log-level", "warning"],
        env=env,
    )
    try:
        deadline = time.monotonic() + 30  # a hang guard: gunicorn answers long before on any machine
        while True:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            try:
                conn.request("GET", FORM)
                conn.getresponse().read()
                break
            except OSError:
                assert server.poll() is None, "gunicorn exited"
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
            finally:
                conn.close()  # also when it was refused: no socket left for the garbage collector
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("POST", FORM, body=b"a=" + b"x" * (3 * 1024 * 1024), headers={"Content-Type": "application/x-www-form-urlencoded"})
        response = conn.getresponse()
        page = response.read().decode()
        conn.close()
        assert response.status == 413
        assert parse(page).find("h1").text() == "Your form is too large to send"
    finally:
        server.terminate()
        server.wait(timeout=20)
