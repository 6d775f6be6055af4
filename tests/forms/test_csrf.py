"""CSRF: a good token is accepted, an expired session keeps the answers, a browser without cookies is told so."""

from __future__ import annotations

import pytest

from tests.support.forms import FORM, FORM_FR, post, text, valid_answers
from tests.support.html_tree import attr, csrf_token, element, field_errors, hidden_value, parse, summary, title
from tests.support.security import SAME_ORIGIN, assert_secure_headers


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
