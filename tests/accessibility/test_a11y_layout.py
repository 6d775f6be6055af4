"""Reflow, text spacing, zoom, target size, forced colours and reduced motion.

What axe cannot check, on representative pages of each kind (both
languages, site and app, a form with errors): WCAG 1.4.10, 1.4.12, 1.4.4,
2.5.8, 2.4.7 in forced colours, 2.3.3 / motion preferences.
"""

from __future__ import annotations

import pytest

from accessibility import layout
from accessibility.focus import indicator_visible, tab_through
from accessibility.server import StaticServer

pytestmark = pytest.mark.browser

# One page of each kind the site and app have ("errors:" = after an empty submit).
PAGES = [
    "/", "/fr/", "/a-z/", "/fr/topics/pets/", "/services/dog-licence/",
    "/fr/forms/building-permit/", "errors:/forms/building-permit/",
    "/search?q=dog&lang=en", "/fr/status/", "/404.html",
]
# One stylesheet serves every page: motion is checked on a few.
MOTION_PAGES = ["/", "/forms/dog-licence/", "/search?q=dog&lang=en"]


@pytest.fixture
def open_page(browser, live_server):
    contexts = []

    def open_(path: str, width: int, height: int = 800, **options):
        context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True, **options)
        contexts.append(context)
        page = context.new_page()
        errors = path.startswith("errors:")
        response = page.goto(live_server + path.removeprefix("errors:"))
        assert response and response.status == 200, f"{path}: HTTP {response and response.status}"
        if errors:
            with page.expect_navigation():
                page.locator("main form[method=post] button[type=submit]").click()
        return page

    yield open_
    for context in contexts:
        context.close()


@pytest.mark.parametrize("path", PAGES)
def test_reflows_at_320_css_px_without_sideways_scrolling(open_page, path):
    page = open_page(path, 320, 640)
    assert not layout.overflow(page), f"{path} at 320px: {layout.overflow(page)}"


@pytest.mark.parametrize("path", PAGES)
def test_text_spacing_loses_nothing(open_page, path):
    page = open_page(path, 375)
    page.add_style_tag(content=layout.TEXT_SPACING_CSS)
    problems = layout.overflow(page) + layout.clipped(page)
    assert not problems, f"{path} with WCAG 1.4.12 text spacing at 375px:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", PAGES)
def test_200_percent_zoom_loses_nothing(open_page, path):
    """A 1280px window zoomed to 200% lays out in 640 CSS px at twice the pixel density."""
    page = open_page(path, 640, 400, device_scale_factor=2)
    problems = layout.overflow(page) + layout.clipped(page)
    assert not problems, f"{path} at 200% zoom:\n" + "\n".join(problems)


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", PAGES)
def test_targets_are_at_least_24_px(open_page, path, width):
    page = open_page(path, width)
    problems = layout.small_targets(page)
    assert not problems, f"{path} at {width}px:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", ["/", "/forms/dog-licence/", "errors:/forms/building-permit/"])
def test_focus_is_visible_in_forced_colours(open_page, path):
    page = open_page(path, 1280, forced_colors="active")
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    stops = tab_through(page)
    assert stops
    # Forced colours drop box-shadow: the outline alone must show focus.
    lost = [s["html"] for s in stops if s["outline"] == "none" or s["outlineWidth"] <= 0]
    assert not lost, f"{path}: no outline on focus in forced colours:\n" + "\n".join(lost)
    assert all(indicator_visible(s) for s in stops)


@pytest.mark.parametrize("path", MOTION_PAGES)
def test_nothing_moves_when_reduced_motion_is_asked(open_page, path):
    page = open_page(path, 1280, reduced_motion="reduce")
    stops = tab_through(page, limit=5)  # focus styles must not animate either
    assert stops
    assert not layout.moving(page), f"{path}: {layout.moving(page)}"


@pytest.mark.parametrize("path", ["/forms/dog-licence/", "errors:/forms/building-permit/", "/fr/status/"])
def test_no_control_on_screen_is_hidden_from_assistive_technology(open_page, path):
    page = open_page(path, 375)
    problems = layout.visible_but_hidden_from_at(page)
    assert not problems, f"{path}: seen by sighted people, hidden from screen readers:\n" + "\n".join(problems)


PLANTED = """<!doctype html><html lang="en"><head><title>Planted layout faults</title>
<style>
.wide { width: 600px; } .cut { width: 80px; height: 1.2em; overflow: hidden; white-space: nowrap; }
.tiny { width: 14px; height: 14px; padding: 0; margin: 0; } .spin { animation: spin 2s infinite; }
@keyframes spin { to { transform: rotate(1turn); } }
</style></head><body><main><h1>Planted</h1>
<div class="wide">A block too wide for a phone.</div>
<p class="cut">This sentence is clipped by a fixed box.</p>
<p><button class="tiny" id="t1"></button><button class="tiny" id="t2"></button></p>
<p>An <a href="/x">inline link</a> in a sentence is fine.</p>
<div class="spin">Spinning</div>
<div aria-hidden="true"><label for="trap">Leave empty</label><input id="trap" tabindex="-1"></div>
</main></body></html>"""


def test_the_layout_checks_catch_planted_faults(browser, tmp_path):
    (tmp_path / "index.html").write_text(PLANTED, encoding="utf-8")
    with StaticServer(tmp_path) as server:
        context = browser.new_context(viewport={"width": 320, "height": 640}, reduced_motion="reduce")
        page = context.new_page()
        page.goto(server.url + "/")
        assert any("div.wide" in p for p in layout.overflow(page))
        assert any("p.cut" in p for p in layout.clipped(page))
        small = layout.small_targets(page)
        assert any("button#t1" in p for p in small) and not any("inline link" in p or "a" == p[:1] for p in small)
        assert any("div.spin animation spin" in p for p in layout.moving(page))
        assert any("input#trap" in p for p in layout.visible_but_hidden_from_at(page))
        context.close()
