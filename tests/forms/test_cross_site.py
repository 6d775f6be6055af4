"""#11 item 7: a POST from another site never gets its values shown back.

Without this, a page elsewhere could POST our form without a token: the
"session expired" page showed its answers (the attacker's reply address
among them) with a fresh token, and a resident who pressed Send stored them.
Only a POST the browser says came from our own page (Sec-Fetch-Site, Origin,
Referer) gets its answers back; anything else gets the form empty.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from tests.support.forms import FORM, FORM_FR, post, rows, text, valid_answers
from tests.support.apps import buffered_client
from tests.support.html_tree import csrf_token, parse, title

ATTACKER = "attacker@evil.example"
ATTACKER_KEY = "chosen-by-the-attacker-0123"


class Values(HTMLParser):
    """Every value the page would send or shows in a field: inputs, checked boxes, textareas, selected options."""

    def __init__(self, page: str):
        super().__init__()
        self.inputs: dict[str, list[str]] = {}
        self.checked: list[str] = []
        self._textarea: str | None = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input":
            self.inputs.setdefault(a.get("name") or "", []).append(a.get("value") or "")
            if "checked" in a:
                self.checked.append(f"{a.get('name')}={a.get('value')}")
        elif tag == "textarea":
            self._textarea = a.get("name") or ""
        elif tag == "option" and "selected" in a:
            self.checked.append(a.get("value") or "")

    def handle_data(self, data):
        if self._textarea is not None and data.strip():
            self.inputs.setdefault(self._textarea, []).append(data.strip())

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None

    def value(self, name: str) -> str:
        return (self.inputs.get(name) or [""])[0]


@pytest.fixture
def victim(make_app):
    """A resident's browser with CSRF on, which has opened the form before (it holds a session cookie)."""
    app = make_app(WTF_CSRF_ENABLED=True)
    client = buffered_client(app)
    client.get(FORM)
    return app, client


def attack(lang: str = "en"):
    return valid_answers(email=ATTACKER, full_name="Mallory", description="Send the permit to me", **{"gx-submission": ATTACKER_KEY})


@pytest.mark.parametrize("headers", [
    {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site", "Referer": "https://evil.example/win"},
    {"Origin": "https://evil.example"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},                         # a sibling subdomain is another site to us
    {"Referer": "https://evil.example/win"},
    {"Origin": "null"},                                       # a sandboxed frame or a data: URL
    {"Origin": "http://localhost", "Sec-Fetch-Site": "cross-site"},   # every signal must agree
    {"Referer": "http://localhost.evil.example/forms/every-field/"},
    {},                                                       # says nothing about where it came from
], ids=["all", "origin", "fetch-site", "same-site", "referer", "null-origin", "disagree", "lookalike", "nothing"])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_cross_site_post_shows_none_of_its_values(victim, headers, lang):
    app, client = victim
    url = FORM if lang == "en" else FORM_FR
    response = post(client, url, attack(), headers=headers)
    assert response.status_code == 400
    page = text(response)
    values = Values(page)
    shown = [v for vs in values.inputs.values() for v in vs] + values.checked
    assert ATTACKER not in page and "Mallory" not in page and "Send the permit to me" not in page
    assert not any(ATTACKER in v or "Mallory" in v for v in shown)
    assert values.value("email") == "" and values.value("full_name") == ""
    assert "needs=barriers" not in values.checked and "kind=block-party" not in values.checked
    assert values.value("gx-submission") not in ("", ATTACKER_KEY)  # a fresh key, not one the attacker chose
    assert values.value("csrf_token")  # the resident can fill in the form and send it
    heading = "Please fill in the form again" if lang == "en" else "Veuillez remplir le formulaire de nouveau"
    assert parse(page).find("h2", id="gx-error-summary-title").text() == heading
    assert title(page).startswith("Error: " if lang == "en" else "Erreur\u00a0: ")
    # The resident presses Send on that page as it is: nothing with the attacker's address is stored.
    again = post(client, url, {name: vs[0] for name, vs in values.inputs.items() if name}, headers={"Origin": "http://localhost"})
    assert again.status_code == 422
    assert rows(app, "submissions") == []


def test_a_post_that_failed_the_referrer_check_on_https_shows_nothing(make_app):
    """Flask-WTF's own https check (a valid token, a Referer from elsewhere): never echoed either."""
    app = make_app(WTF_CSRF_ENABLED=True)
    client = buffered_client(app)
    page = text(client.get(FORM, base_url="https://localhost"))
    token = csrf_token(page)
    response = post(client, FORM, attack() | {"csrf_token": token}, base_url="https://localhost",
                    headers={"Origin": "https://localhost", "Referer": "https://evil.example/"})
    assert response.status_code == 400
    assert ATTACKER not in text(response) and Values(text(response)).value("email") == ""
    assert rows(app, "submissions") == []  # a refused POST stores nothing


@pytest.mark.parametrize("headers", [
    {"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin", "Referer": "http://localhost/forms/every-field/"},
    {"Origin": "http://localhost"},
    {"Sec-Fetch-Site": "same-origin"},
    {"Referer": "http://localhost/forms/every-field/"},
], ids=["all", "origin", "fetch-site", "referer"])
def test_a_same_origin_post_with_an_expired_session_keeps_its_answers(victim, headers):
    app, client = victim
    client.delete_cookie("session")
    response = post(client, FORM, valid_answers(email="jo@example.net", full_name="Jo Tremblay"), headers=headers)
    assert response.status_code == 400
    values = Values(text(response))
    assert values.value("email") == "jo@example.net" and values.value("full_name") == "Jo Tremblay"
    assert parse(response).find("h2", id="gx-error-summary-title").text() == "Your session expired"
    assert rows(app, "submissions") == []  # shown again to send, not stored
