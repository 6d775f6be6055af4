"""Security: headers everywhere, CSRF with answers kept, rate limits, size cap, safe start-up."""

from __future__ import annotations

import os
import secrets

import pytest

from forms_app import ConfigError, create_app
from forms_app.config import INSECURE_SECRET

from tests.support.apps import ENCRYPTION_KEY
from tests.support.forms import CATALOGUE, config, FORM, FORM_FR, post, text, valid_answers
from tests.support.html_tree import attr, csrf_token, element, field_errors, hidden_value, parse, summary, title

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)


PUBLIC_URL = "https://services.bellerive.example.org"
SAME_ORIGIN = {"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"}  # what a browser sends with a POST from our page


def assert_secure_headers(response):
    assert response.headers["Content-Security-Policy"] == CSP
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


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


# -- CSRF ----------------------------------------------------------------------

@pytest.fixture
def csrf_client(make_app):
    from tests.support.apps import buffered_client

    app = make_app(WTF_CSRF_ENABLED=True)
    return app, buffered_client(app)


def token_of(page: str) -> str:
    return csrf_token(page)


def test_a_form_with_a_good_token_is_accepted(csrf_client):
    app, client = csrf_client
    token = token_of(text(client.get(FORM)))
    response = post(client, FORM, valid_answers(csrf_token=token))
    assert response.status_code == 303
    from tests.support.forms import rows

    (stored,) = rows(app, "submissions")
    assert f"/done/{stored['reference']}?k=" in response.headers["Location"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_expired_session_keeps_the_answers(csrf_client, lang):
    app, client = csrf_client
    url = FORM if lang == "en" else FORM_FR
    token = token_of(text(client.get(url)))
    client.delete_cookie("session")  # the session expired or the browser dropped its cookie
    response = post(client, url, valid_answers(csrf_token=token, full_name="Jo Tremblay", **{"party_date-day": "9"}), headers=SAME_ORIGIN)
    assert response.status_code == 400
    page = text(response)
    expected_title = "Your session expired" if lang == "en" else "Votre session a expiré"
    box = parse(page).find("div", cls="gx-error-summary")
    assert box.find("h2", id="gx-error-summary-title").text() == expected_title
    assert box.get("tabindex") == "-1" and "autofocus" in box.attrs
    assert title(page).startswith("Error: " if lang == "en" else "Erreur\u00a0: ")
    assert attr(element(page, "full_name"), "value") == "Jo Tremblay"
    assert attr(element(page, "party_date-day"), "value") == "9"
    assert attr(element(page, "needs-2"), "checked") == "checked"
    again = "Choose the file again" if lang == "en" else "Choisissez le fichier de nouveau"
    assert field_errors(page) == {"plan": again}
    assert summary(page) == [("#plan", again)]
    fresh = token_of(page)
    assert fresh != token
    # The fresh token works: sending the kept answers again goes through, and is stored once.
    sent = post(client, url, valid_answers(csrf_token=fresh, full_name="Jo Tremblay"))
    assert sent.status_code == 303
    from tests.support.forms import rows

    (stored,) = rows(app, "submissions")
    assert f"/done/{stored['reference']}?k=" in sent.headers["Location"]
    assert {a["name"]: a["value"] for a in stored["answers"]}["full_name"] == "Jo Tremblay"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_browser_without_cookies_is_told_so_instead_of_going_round_in_circles(csrf_client, lang):
    app, _ = csrf_client
    client = app.test_client(use_cookies=False)  # cookies turned off
    url = FORM if lang == "en" else FORM_FR
    first = post(client, url, valid_answers(csrf_token=token_of(text(client.get(url))), full_name="Jo Tremblay"), headers=SAME_ORIGIN)
    assert first.status_code == 400
    expired = "Your session expired" if lang == "en" else "Votre session a expiré"
    assert parse(first).find("h2", id="gx-error-summary-title").text() == expired  # once could be an expired session
    assert hidden_value(first, "gx-retry") == "1"
    again = post(client, url, valid_answers(csrf_token=token_of(text(first)), full_name="Jo Tremblay", **{"gx-retry": "1"}),
                 headers=SAME_ORIGIN)
    assert again.status_code == 400
    page = text(again)
    blocked = ("Your browser blocks the cookie this form needs" if lang == "en"
               else "Votre navigateur bloque le témoin (cookie) dont ce formulaire a besoin")
    assert parse(page).find("h2", id="gx-error-summary-title").text() == blocked
    assert ("call us" if lang == "en" else "appelez-nous") in page
    assert title(page).startswith("Error: " if lang == "en" else "Erreur\u00a0: ")
    assert attr(element(page, "full_name"), "value") == "Jo Tremblay"
    from tests.support.forms import rows

    assert rows(app, "submissions") == []


def test_a_retry_that_brings_its_cookie_is_an_ordinary_expired_session(csrf_client):
    app, client = csrf_client
    client.get(FORM)  # the browser holds a session cookie
    response = post(client, FORM, valid_answers(csrf_token="stale-token", **{"gx-retry": "1"}), headers=SAME_ORIGIN)
    assert response.status_code == 400
    assert parse(response).find("h2", id="gx-error-summary-title").text() == "Your session expired"


def test_a_missing_token_is_refused(csrf_client):
    app, client = csrf_client
    client.get(FORM)
    response = post(client, FORM, valid_answers())
    assert response.status_code == 400
    from tests.support.forms import rows

    assert rows(app, "submissions") == []


def test_a_nameless_multipart_part_is_a_bad_request(csrf_client):
    app, client = csrf_client
    body = b"--X\r\nContent-Disposition: form-data\r\n\r\nvalue\r\n--X--\r\n"
    response = client.post(FORM, data=body, content_type="multipart/form-data; boundary=X")
    assert response.status_code == 400
    assert title(text(response)) == "Sorry, there is a problem with your request – City of Bellerive"


def test_csrf_elsewhere_gets_a_plain_page(csrf_client):
    app, client = csrf_client
    app.add_url_rule("/fr/test-post", "test_post", lambda: "ok", methods=["POST"])
    response = client.post("/fr/test-post", data={"x": "1"})
    assert response.status_code == 400
    assert title(text(response)) == "Erreur\u00a0: Votre session a expiré – Ville de Bellerive"
    assert_secure_headers(response)


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


# -- start-up ------------------------------------------------------------------

def test_a_broken_catalogue_stops_the_start_with_every_problem(tmp_path):
    import shutil

    broken = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, broken)
    form = broken / "services" / "every-field.form.yml"
    form.write_text(form.read_text(encoding="utf-8").replace("type: yes_no", "type: maybe"), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        create_app(config(tmp_path, CATALOGUE_DIR=str(broken)))
    assert "services/every-field.form.yml:" in str(caught.value) and "fields.owner.type" in str(caught.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("name: permit_number", "this name is reserved"),
        ('pattern: "[A-Z]{2}-[0-9]{4}"', "pattern is not a valid regular expression"),
    ],
)
def test_a_form_the_app_cannot_serve_stops_the_start(tmp_path, change, message):
    import shutil

    broken = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, broken)
    form = broken / "services" / "every-field.form.yml"
    replacement = {"name: permit_number": "name: csrf_token", 'pattern: "[A-Z]{2}-[0-9]{4}"': 'pattern: "[A-Z"'}[change]
    form.write_text(form.read_text(encoding="utf-8").replace(change, replacement), encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        create_app(config(tmp_path, CATALOGUE_DIR=str(broken)))


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
