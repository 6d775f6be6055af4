"""The whole gate on the demo: every page and form state, at 375 and 1280 px.

Fails listing every violation (page, viewport, rule, impact, selector, help
URL), every page or state it could not reach, and expired ignores.
"""

from __future__ import annotations

import dataclasses

import pytest

from accessibility import discover, report, runner
from accessibility.axe import run_axe_sync
from accessibility.config import Viewport
from accessibility.server import reset_rate_limits

pytestmark = pytest.mark.browser


def test_every_page_and_state_passes_wcag_22_aa(built_site, live_server, live_app, a11y_config, repo_root, gate_variables):
    cfg = dataclasses.replace(a11y_config, viewports=(Viewport(375), Viewport(1280)))
    targets = discover.targets(cfg, built_site, root=repo_root)
    try:
        result = runner.run(cfg, targets, live_server, variables=gate_variables)
    finally:
        reset_rate_limits(live_app)  # the 429 state floods a form; later tests start with clean counts
    text = report.text(result)
    print(text)
    names = {t.name for t in targets}
    assert {"/", "/fr/", "/404.html", "/fr/404.html", "/a-z/", "/fr/a-z/"} <= names
    assert {"/forms/dog-licence/ (errors)", "/fr/forms/dog-licence/ (empty)"} <= names
    assert result.ok, text


def test_axe_reports_a_violation_planted_in_a_live_app_page(page, live_server):
    """Proof the gate is not blind on the real pages (CSP, init scripts): plant a fault in the live DOM."""
    page.goto(f"{live_server}/forms/dog-licence/")
    page.evaluate("""() => { const img = document.createElement('img'); img.id = 'planted-no-alt';
                     img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw='; document.querySelector('main').append(img); }""")
    found = run_axe_sync(page, ("wcag2a", "wcag2aa"))
    assert any(v["id"] == "image-alt" and ["#planted-no-alt"] in [n["target"] for n in v["nodes"]] for v in found)
