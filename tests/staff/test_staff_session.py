"""A staff session: new at sign-in (a planted or earlier cookie is never promoted), ended server-side at
sign-out, after 30 minutes idle and after 10 hours; its cookie HttpOnly, SameSite=Strict, and in
production Secure with the ``__Host-`` prefix; every staff POST needs its CSRF token."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from forms_app.staff.session import DEV_COOKIE, PROD_COOKIE, cookie_name
from forms_app.store import get_store, schema

from tests.support.apps import buffered_client
from tests.support.forms import post, text
from tests.support.html_tree import csrf_token, element, title
from tests.support.sign_in import audit, emailed_link, follow, session_cookie, sign_in_settings, signed_in, use_clock
from tests.support.staff import add_staff

AGENT = "agent@bellerive.example.org"


@pytest.fixture
def app(make_app, clock):
    app = make_app(**sign_in_settings())
    use_clock(app, clock)
    return app


def link(app, client, smtp) -> str:
    return emailed_link(app, client, smtp, AGENT)


def test_a_planted_session_cookie_is_never_promoted(app, client, smtp):
    add_staff(app, AGENT, ["animal-services"])
    planted = "planted-by-an-attacker-0123456789"
    client.set_cookie(cookie_name(app), planted)
    path = link(app, client, smtp)
    assert follow(client, path).status_code == 303
    token = session_cookie(client).value
    assert token != planted and signed_in(client)
    attacker = buffered_client(app)
    attacker.set_cookie(cookie_name(app), planted)
    assert not signed_in(attacker)


def test_an_earlier_session_ends_at_sign_in(app, client, smtp):
    add_staff(app, AGENT, ["animal-services"])
    first = follow(client, link(app, client, smtp)) and session_cookie(client).value
    second_link = link(app, client, smtp)
    follow(client, second_link)
    assert session_cookie(client).value != first
    old = buffered_client(app)
    old.set_cookie(cookie_name(app), first)
    assert not signed_in(old)


def test_posts_without_their_csrf_token_are_refused(app, client, smtp):
    add_staff(app, AGENT, ["animal-services"])
    assert post(client, "/staff/", {"email": AGENT}).status_code == 400
    with app.app_context(), get_store().engine.connect() as conn:
        assert conn.execute(select(schema.sign_in_links)).first() is None
    path = link(app, client, smtp)
    refused = post(client, path, {})
    assert refused.status_code == 400
    assert title(refused).startswith("Error: Your session expired")
    assert element(refused, "main").find("a").get("href") == "/staff/"
    assert not signed_in(client)
    assert follow(client, path).status_code == 303
    assert post(client, "/staff/sign-out", {}).status_code == 400
    assert signed_in(client)


def test_the_session_cookie_is_httponly_and_strict(app, client, smtp):
    add_staff(app, AGENT, ["animal-services"])
    follow(client, link(app, client, smtp))
    cookie = session_cookie(client)
    assert cookie.key == DEV_COOKIE
    assert (cookie.http_only, cookie.same_site, cookie.path) == (True, "Strict", "/")


def test_production_cookies_are_secure_and_host_prefixed(app):
    from forms_app.staff import session

    with app.test_request_context("/staff/sign-in/x", method="POST", base_url="https://forms.example"):
        app.config["ENV"] = "production"
        try:
            with app.app_context():
                member = add_staff(app, AGENT, ["animal-services"])
            response = session.start(app.make_response(""), member)
        finally:
            app.config["ENV"] = "testing"
    header = response.headers["Set-Cookie"]
    assert header.startswith(f"{PROD_COOKIE}=")
    for flag in ("Secure", "HttpOnly", "SameSite=Strict", "Path=/"):
        assert flag in header
    assert "Domain=" not in header


def test_idle_and_lifetime_end_the_session(app, client, smtp, clock):
    add_staff(app, AGENT, ["animal-services"])
    follow(client, link(app, client, smtp))
    clock.advance(minutes=29)
    assert signed_in(client)
    clock.advance(minutes=31)  # 31 minutes idle: STAFF_SESSION_IDLE is 30
    assert not signed_in(client)

    follow(client, link(app, client, smtp))
    alive = []
    for _ in range(21):  # active every 29 minutes: never idle, but past 10 hours at the last step
        clock.advance(minutes=29)
        alive.append(signed_in(client))
    assert alive == [True] * 20 + [False]


def test_sign_out_ends_the_session_server_side(app, client, smtp):
    add_staff(app, AGENT, ["animal-services"])
    follow(client, link(app, client, smtp))
    token = session_cookie(client).value
    queue = client.get("/staff/requests/")
    response = post(client, "/staff/sign-out", {"csrf_token": csrf_token(queue)})
    assert (response.status_code, response.headers["Location"]) == (303, "/staff/")
    assert session_cookie(client) is None
    page = client.get("/staff/")
    assert "You are signed out." in text(page)
    assert (AGENT, "sign_out", "") in audit(app)
    stolen = buffered_client(app)
    stolen.set_cookie(cookie_name(app), token)
    assert not signed_in(stolen)
