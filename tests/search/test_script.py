"""The optional results-as-you-type script: small, external, harmless."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "overrides" / "assets" / "javascripts" / "guichet-search.js"


FEEDBACK_PART = "/* Page feedback"  # the page feedback's enhancement (#15) shares the one deferred script


def test_the_script_is_small_and_uses_the_json_endpoint():
    whole = SCRIPT.read_text(encoding="utf-8")
    text, feedback = whole.split(FEEDBACK_PART)
    assert len(text.encode()) < 3072  # 1.2 KB gzip with the honest empty answer (#16)
    assert len(gzip.compress(whole.encode(), 9)) < 1600  # with the page feedback's sending in place (#15)
    assert "fetch(f.action" in feedback  # the feedback part posts its own form, nothing else
    assert 'data.set("format", "json")' in text
    assert "innerHTML" not in text and "eval(" not in text  # text only, never markup
    assert "preventDefault" not in text  # the plain form always submits


@pytest.fixture
def search_server(shared_app):
    from accessibility.server import LiveServer

    with LiveServer(shared_app) as server:  # buffers responses: no file left open when the browser moves on
        yield server.url


@pytest.mark.browser
def test_results_appear_while_typing_and_the_form_still_submits(search_server, page):
    """``page`` is pytest-playwright's, launched as accessibility.pytest_plugin says."""
    page.goto(f"{search_server}/fr/status/")  # a page with the header's search form (the search page has its own)
    page.type("#gx-search-q", "vidang")
    page.wait_for_selector(".gx-search__live li a", timeout=10_000)
    assert page.inner_text(".gx-search__live li a >> nth=0") == "Collecte des ordures et du recyclage"
    shown = page.locator(".gx-search__live > ul:first-child > li a").count()  # the results (related ones follow)
    said = re.fullmatch(r"(\d+)\s+résultats", page.inner_text("form.gx-search + [role=status]").strip())
    assert said and int(said.group(1)) >= shown >= 1, said  # the count read out matches the list shown
    page.press("#gx-search-q", "Enter")
    page.wait_for_url("**/search?lang=fr&q=vidang", timeout=10_000)
    assert "Collecte des ordures et du recyclage" in page.inner_text("#search-results")


@pytest.mark.browser
def test_while_typing_no_match_is_said_with_where_to_go_and_the_help_line(search_server, page):
    """The live answer to "passeport": no City service, the federal government's link, the A–Z link, the help line."""
    page.goto(f"{search_server}/fr/status/")
    page.type("#gx-search-q", "passeport")
    page.wait_for_selector(".gx-search__live a[href^='https://www.canada.ca/fr/']", timeout=10_000)
    live = page.inner_text(".gx-search__live")
    assert "Aucun service de la Ville ne correspond à «\u202fpasseport\u202f»." in live
    assert "gouvernement du Canada" in live and "Composez le 311" in live
    assert page.locator(".gx-search__live a[href='/fr/a-z/']").count() == 1
    assert page.inner_text("form.gx-search + [role=status]").startswith("Aucun service de la Ville")
    assert page.locator(".gx-search__live ul.gx-services").count() <= 1  # related only, never as results
