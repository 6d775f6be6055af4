"""First view under budget, no third-party requests, no search index at load.

Each representative page is loaded in Chromium from the live server; every
request and response is recorded and each body is gzipped (-9) here, so the
figures do not depend on how the test server encodes responses.
"""

from __future__ import annotations

import re

import pytest

from .weigh import FIRST_VIEW_BUDGET, SERVICE_HTML_BUDGET, record, same_host

pytestmark = pytest.mark.browser

PAGES = ["home", "a-z", "topic", "service", "form"]
SEARCH_AT_LOAD = re.compile(r"search\.sqlite3|search_index|search-index|lunr|worker|\.wasm(\?|$)|/search(\?|/|$)", re.I)


@pytest.fixture(scope="module")
def loads(browser, live_server, representative_pages):
    """Each page loaded once in a fresh context (empty cache): its requests and gzip sizes."""
    out = {}
    blank = browser.new_page()  # the browser's own font, as an unstyled page has it ('"Times New Roman"', quoted)
    unstyled = blank.evaluate("getComputedStyle(document.body).fontFamily")
    blank.close()
    for name in PAGES:
        context = browser.new_context()
        page = context.new_page()
        loaded = record(page)
        response = page.goto(live_server + representative_pages[name], wait_until="networkidle")
        seen = {"title": page.title(), "h1": page.locator("h1").all_inner_texts(),
                "styled": page.evaluate("getComputedStyle(document.body).fontFamily") != unstyled}
        out[name] = (response.status, loaded, [w.url for w in context.service_workers], seen)
        context.close()
    return out


@pytest.mark.parametrize("name", PAGES)
def test_page_loads(loads, name, representative_pages):
    status, loaded, _, seen = loads[name]
    assert status == 200, f"{representative_pages[name]} answered {status}"
    failed = [r for r in loaded.responses if r[2] >= 400]
    assert not failed, f"{representative_pages[name]}: failed requests:\n{loaded.table()}"
    # what a person sees: the page itself (its title, one heading), styled by the stylesheet it loaded
    assert seen["title"].endswith("City of Bellerive") and len(seen["h1"]) == 1 and seen["h1"][0].strip(), seen
    assert [r for r in loaded.responses if r[1] == "stylesheet" and r[2] == 200] and seen["styled"], loaded.table()
    if name == "service":
        assert seen["h1"] == ["Dog licence"]


@pytest.mark.parametrize("name", PAGES)
def test_first_view_within_budget(loads, name, representative_pages):
    _, loaded, *_ = loads[name]
    assert loaded.total_gzip <= FIRST_VIEW_BUDGET, (
        f"{representative_pages[name]}: first view {loaded.total_gzip / 1024:.1f} KB gzip > {FIRST_VIEW_BUDGET / 1024:.0f} KB:\n{loaded.table()}"
    )


def test_service_html_within_budget(loads):
    _, loaded, *_ = loads["service"]
    documents = [r for r in loaded.responses if r[1] == "document"]
    assert len(documents) == 1, loaded.table()
    _, _, status, size = documents[0]
    assert status == 200
    assert size <= SERVICE_HTML_BUDGET, f"service page HTML {size / 1024:.1f} KB gzip > {SERVICE_HTML_BUDGET / 1024:.0f} KB"


@pytest.mark.parametrize("name", PAGES)
def test_no_third_party_requests(loads, name, live_server):
    _, loaded, *_ = loads[name]
    foreign = [url for url, _ in loaded.requests if not same_host(url, live_server)]
    assert not foreign, f"requests to other hosts: {foreign}"


@pytest.mark.parametrize("name", PAGES)
def test_no_search_index_or_worker_at_load(loads, name):
    _, loaded, workers, _ = loads[name]
    fetched = [url for url, _ in loaded.requests if SEARCH_AT_LOAD.search(url)]
    assert not fetched, f"search index or worker fetched at page load: {fetched}"
    assert not [kind for _, kind in loaded.requests if kind in ("fetch", "xhr", "websocket", "eventsource")]
    assert not workers, f"service workers registered: {workers}"
