"""The dog-licence journey by keyboard alone, on a phone-sized screen (375 CSS px).

What axe cannot check: where focus goes and whether it can be seen
(WCAG 2.1.1, 2.4.1, 2.4.3, 2.4.7, 2.4.11, 3.3.1).
"""

from __future__ import annotations

import re

import pytest

from accessibility.focus import focused, in_viewport, indicator_visible, tab_through

from tests.support.html_tree import parse

pytestmark = pytest.mark.browser

FORM = "/forms/dog-licence/"
REFERENCE = re.compile(r"\b[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}\b")


def test_first_tab_reaches_a_visible_skip_link_that_moves_to_main(phone_page, live_server):
    phone_page.goto(live_server + FORM)
    phone_page.keyboard.press("Tab")
    stop = focused(phone_page)
    assert stop and stop["tag"] == "a" and stop["text"].lower().startswith("skip"), stop
    assert indicator_visible(stop) and in_viewport(stop), f"the skip link is focused but not visible: {stop}"
    phone_page.keyboard.press("Enter")
    phone_page.keyboard.press("Tab")
    after = focused(phone_page)
    assert after and after["inMain"], f"after the skip link, Tab should land in <main>, not {after}"


@pytest.mark.parametrize("path", [FORM, "/", "/fr/services/dog-licence/"])
def test_every_focus_stop_is_visible_and_on_screen(phone_page, live_server, path):
    phone_page.goto(live_server + path)
    stops = tab_through(phone_page)
    assert len(stops) > 5, f"only {len(stops)} focus stops on {path}"
    hidden = [s["html"] for s in stops if not indicator_visible(s)]
    off = [f"{s['html']} at {s['left']:.0f},{s['top']:.0f} {s['width']:.0f}x{s['height']:.0f}" for s in stops if not in_viewport(s)]
    assert not hidden, f"{path}: focus indicator not drawn (outline and box-shadow none) on:\n" + "\n".join(hidden)
    assert not off, f"{path}: focused element outside the 375px viewport:\n" + "\n".join(off)


def test_header_navigation_is_reachable_by_keyboard_at_375(phone_page, live_server):
    phone_page.goto(live_server + FORM)
    links = phone_page.locator("header nav a")
    expected = {links.nth(i).get_attribute("href") for i in range(links.count())}
    assert expected, "no links in header nav"
    reached = {s["html"] for s in tab_through(phone_page) if s["inHeaderNav"]}
    reached_hrefs = {a.get("href") for h in reached for a in parse(h).find_all("a")}
    assert expected <= reached_hrefs, f"nav links not reachable by Tab at 375px: {expected - reached_hrefs}"


def _tab_to_submit(page) -> None:
    for _ in range(150):
        page.keyboard.press("Tab")
        stop = focused(page)
        if stop and stop["inMain"] and stop["tag"] == "button" and stop["type"] in ("submit", None):
            return
    raise AssertionError("Tab never reached the form's submit button")


@pytest.mark.parametrize("prefix", ["", "/fr"])
def test_empty_submit_focuses_the_error_summary_and_its_links_focus_their_fields(phone_page, live_server, prefix):
    phone_page.goto(live_server + prefix + FORM)
    _tab_to_submit(phone_page)
    with phone_page.expect_navigation():
        phone_page.keyboard.press("Enter")
    title = phone_page.title()
    assert title.startswith("Erreur\u00a0: " if prefix else "Error: "), title
    stop = focused(phone_page)
    assert stop and (stop["inSummary"]), f"after an empty submit focus should be on the error summary, not {stop}"
    links = phone_page.locator(".gx-error-summary a[href^='#']")
    assert links.count() >= 5
    wrong = []
    for i in range(links.count()):
        link = links.nth(i)
        target = link.get_attribute("href")[1:]
        link.focus()
        phone_page.keyboard.press("Enter")
        landed = focused(phone_page)
        if not landed or landed["id"] != target:
            wrong.append(f"{link.inner_text()!r} -> #{target}: focus on {landed and landed['html']}")
        elif not in_viewport(landed):
            wrong.append(f"{link.inner_text()!r} -> #{target}: field focused but off screen")
    assert not wrong, "error summary links that do not move focus to their field:\n" + "\n".join(wrong)


def test_the_form_can_be_completed_and_sent_by_keyboard(phone_page, live_server, dog_licence_answers):
    phone_page.goto(live_server + FORM)
    todo = dict(dog_licence_answers)
    for _ in range(200):
        phone_page.keyboard.press("Tab")
        stop = focused(phone_page)
        assert stop is not None, f"focus left the page before the submit button; still to fill: {sorted(todo)}"
        name = stop["name"]
        if stop["type"] == "radio" and name in todo:
            for _ in range(10):  # arrow keys move through the group and select
                if focused(phone_page)["value"] == todo[name]:
                    break
                phone_page.keyboard.press("ArrowDown")
            phone_page.keyboard.press("Space")
            assert focused(phone_page)["checked"], f"could not choose {todo[name]!r} for {name} by keyboard"
            del todo[name]
        elif name in todo:
            phone_page.keyboard.type(todo.pop(name))
        elif stop["inMain"] and stop["tag"] == "button" and not todo:
            break
    assert not todo, f"fields never reached by Tab: {sorted(todo)}"
    with phone_page.expect_navigation():
        phone_page.keyboard.press("Enter")
    assert "/done/" in phone_page.url, f"not sent: {phone_page.url}\n{phone_page.locator('main').inner_text()[:500]}"
    assert REFERENCE.search(phone_page.locator("main").inner_text()), "the confirmation shows no reference"
