"""Issue #11 item 18: Back after the confirmation never asks to send the form again.

What was found (real Chromium, demo dog-licence form): a straight-through
send is clean (POST → 303 → GET confirmation; Back shows the form by GET).
The prompt comes from the page with errors: it is the answer to a POST,
sent with ``Cache-Control: no-store`` (the answers must not reach a shared
computer's disk cache), so going Back to it means POSTing again
(``net::ERR_CACHE_MISS``, "Confirm form resubmission"). The error page now
loads ``guichet-form.js``, which replaces its history entry with the form's
own address (a GET). Without JavaScript the browser still asks; sending
again only shows the same errors again (docs/design.md).
"""

from __future__ import annotations

import re

import pytest

from tests.support.forms import FORM, post, valid_answers
from tests.support.html_tree import parse

from .test_payment import dog_answers

SCRIPT = "/assets/javascripts/guichet-form.js"


def form_scripts(response) -> list[dict]:
    """The attributes of each <script> of the page that loads the form script."""
    return [s.attrs for s in parse(response).find_all("script", src=SCRIPT)]


def test_a_sent_form_is_a_303_to_a_get_page_with_no_form(client):
    response = post(client, FORM, valid_answers())
    assert response.status_code == 303
    assert re.fullmatch(r"/forms/every-field/done/[A-Z2-9]{8}\?k=[\w-]{22}", response.headers["Location"])
    done = client.get(response.headers["Location"])
    posted = [f for f in parse(done).find_all("form", method="post") if "gx-feedback" not in f.classes]
    assert done.status_code == 200 and not posted  # nothing to send again (only the footer's page feedback)
    assert done.headers["Cache-Control"] == "no-store"


def test_only_the_page_answering_a_post_replaces_its_history_entry(client):
    assert form_scripts(client.get(FORM)) == []
    page = post(client, FORM, valid_answers(full_name=""))
    assert page.status_code == 422
    assert form_scripts(page) == [{"src": SCRIPT, "defer": None}]
    assert page.headers["Cache-Control"] == "no-store"  # the answers stay out of the disk cache
    script = client.get("/assets/javascripts/guichet-form.js")
    assert script.status_code == 200 and b"history.replaceState(null, \"\", window.location.href)" in script.data


def _fill(page, answers: dict[str, str]) -> None:
    for name, value in answers.items():
        box = page.locator(f"main form [name='{name}']")
        if box.first.get_attribute("type") == "radio":
            page.check(f"main form [name='{name}'][value='{value}']")
        else:
            box.first.fill(value)


def _send(page) -> None:
    with page.expect_navigation():
        page.click("main form button[type=submit]")


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False])
def test_back_after_errors_then_the_confirmation(browser, live_server, live_app, javascript):
    from accessibility.server import reset_rate_limits

    reset_rate_limits(live_app)
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    try:
        page.goto(live_server + "/forms/dog-licence/")
        _fill(page, {**dog_answers(), "phone": "123"})
        _send(page)
        assert page.title().startswith("Error: ")
        _fill(page, {"phone": "613-555-0123"})
        _send(page)
        assert "/done/" in page.url
        if javascript:
            response = page.go_back()
            assert response is not None and response.request.method == "GET" and response.status == 200
            assert page.url == live_server + "/forms/dog-licence/" and not page.title().startswith("Error")
        else:  # the documented limit: without JavaScript the browser must ask before posting again
            with pytest.raises(Exception, match="ERR_CACHE_MISS"):
                page.go_back()
    finally:
        context.close()
        reset_rate_limits(live_app)
