"""With JavaScript off, a resident can find a service, switch language and open its form."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .weigh import SERVICE

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, live_server):
    """pytest-playwright's ``page``, but in a context with JavaScript disabled."""
    context = browser.new_context(java_script_enabled=False, base_url=live_server)
    page = context.new_page()
    yield page
    context.close()


def test_javascript_is_really_off(page):
    page.goto("/")
    assert page.evaluate("1 + 1") == 2  # evaluate still runs: it is the page's scripts that are off
    page.set_content("<p id=x>before</p><script>document.getElementById('x').textContent='after'</script>")
    expect(page.locator("#x")).to_have_text("before")


def test_find_a_service_through_a_to_z(page):
    page.goto("/")
    page.get_by_role("navigation").get_by_role("link", name="A to Z").click()
    expect(page).to_have_url(re.compile(r"/a-z/$"))
    page.get_by_role("link", name="Dog licence", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/services/{SERVICE}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Dog licence")


def test_find_a_service_through_search(page):
    page.goto("/")
    form = page.locator("main").get_by_role("search")  # the home's own form (the header leaves its form out there)
    form.get_by_role("searchbox").fill("dog licence")
    form.get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/search\?"))
    result = page.locator(f"main a[href$='/services/{SERVICE}/'], #main a[href$='/services/{SERVICE}/']").first
    expect(result).to_be_visible()
    result.click()
    expect(page).to_have_url(re.compile(rf"/services/{SERVICE}/$"))


def test_switch_language(page):
    page.goto(f"/services/{SERVICE}/")
    page.locator("a.gx-header__lang").click()
    expect(page).to_have_url(re.compile(rf"/fr/services/{SERVICE}/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Licence pour chien")


def test_open_the_form(page):
    page.goto(f"/services/{SERVICE}/")
    page.get_by_role("link", name="Apply online").click()
    expect(page).to_have_url(re.compile(rf"/forms/{SERVICE}/$"))
    form = page.locator("form[method=post], form[method=POST]").first
    expect(form).to_be_visible()
    expect(form.locator("button[type=submit], input[type=submit]").first).to_be_visible()
