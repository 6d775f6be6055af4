"""With JavaScript on, in a real browser: "Yes" is sent without leaving the page and the thanks takes the
form's place (announced: role=status); "No" goes on to what went wrong, as without JavaScript."""

from __future__ import annotations

import pytest
from sqlalchemy import select

pytestmark = pytest.mark.browser

PAGE = "/services/dog-licence/"


def answers(app) -> list[tuple[str, bool]]:
    from forms_app.store import get_store, schema

    t = schema.page_feedback.c
    with app.app_context(), get_store().engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(t.path, t.helpful).order_by(t.id))]


@pytest.fixture
def fresh_limits(live_app):
    """The live app is the session's (the gate's states post feedback too): clean rate-limit counts."""
    from accessibility.server import reset_rate_limits

    reset_rate_limits(live_app)
    yield
    reset_rate_limits(live_app)


def test_yes_is_sent_in_place_and_no_goes_to_its_page(page, live_server, live_app, fresh_limits):
    before = answers(live_app)
    page.goto(live_server + "/fr" + PAGE)
    page.locator("form.gx-feedback button[value='1']").click()
    status = page.locator("footer [role=status]")
    status.wait_for()
    assert status.inner_text() == "Merci de vos commentaires"
    assert page.url == live_server + "/fr" + PAGE  # still on the page
    assert page.locator("form.gx-feedback").count() == 0
    assert answers(live_app)[len(before):] == [("/fr" + PAGE, True)]

    page.goto(live_server + PAGE)
    with page.expect_navigation():
        page.locator("form.gx-feedback button[value='0']").click()
    assert "/feedback/more/?t=" in page.url
    assert page.locator("h1").inner_text() == "Help us improve this page"
    assert answers(live_app)[len(before):] == [("/fr" + PAGE, True), (PAGE, False)]
