"""The static report ``flask insights --out`` writes (#15) passes the WCAG 2.2 AA rules in Chromium, in both
languages and at a phone's and a desktop's width, like every page of the gate (the staff page is in
accessibility.yml); each chart is an image with a text alternative."""

from __future__ import annotations

from pathlib import Path

import pytest

from accessibility.axe import run_axe_sync
from accessibility.config import DEFAULT_TAGS
from accessibility.server import StaticServer
from forms_app.insights.model import Scope, build
from forms_app.insights.report import write_report
from guichet.model.catalogue import load_catalogue
from tests.support.insights import FIRST, LAST, TZ, seed_insights

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def report_server(store, tmp_path):
    seed_insights(store)
    catalogue = load_catalogue(ROOT / "catalogue")
    out = tmp_path / "report"
    write_report(out, build(store, catalogue, Scope(FIRST, LAST, None, TZ)), catalogue,
                 ROOT / "overrides" / "assets" / "stylesheets" / "guichet.css")
    with StaticServer(out) as server:
        yield server.url


@pytest.mark.parametrize("path", ["index.html", "fr/index.html"])
def test_the_static_report_passes_the_gate(page, report_server, path):
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{report_server}/{path}")
        charts = page.locator("svg[role=img]")
        assert charts.count() > 3
        for i in range(charts.count()):
            assert charts.nth(i).get_attribute("aria-labelledby") or charts.nth(i).get_attribute("aria-label")
        violations = run_axe_sync(page, DEFAULT_TAGS)
        assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
