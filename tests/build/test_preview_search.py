"""``guichet serve``'s site search (#18): ``/search`` answers as the forms app does (its page and its JSON),
from an index the preview keeps in memory and changes when a service page is saved: a word added is found
at the next search, in both languages, a word taken out is not, and a broken page keeps its last good
entries while the page shows the problem."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest

from tests.build.test_preview import PAGE, get, preview, without_reload_script  # noqa: F401 - the fixture
from tests.catalogue.copies import edit
from tests.support.apps import buffered_client, create_test_app, dispose
from tests.support.html_tree import parse

FR_PAGE = "services/dog-licence.fr.md"
WORD, MOT = "zanzibarquokka", "quokkalouette"


def search_json(base: str, q: str, lang: str = "en") -> dict:
    status, body = get(f"{base}/search?{urlencode({'q': q, 'lang': lang, 'format': 'json'})}")
    assert status == 200
    return json.loads(body)


def search_page(base: str, q: str, lang: str = "en"):
    status, body = get(f"{base}/search?{urlencode({'q': q, 'lang': lang})}")
    assert status == 200
    return parse(body)


def found(base: str, q: str, lang: str = "en") -> tuple[list[str], list[str]]:
    """The result links of the page and the slugs of the JSON, for one query."""
    page = search_page(base, q, lang)
    links = [a.get("href") for a in page.find("ol", id="search-results").find_all("a")] if page.find_all("ol", id="search-results") else []
    return links, [r["slug"] for r in search_json(base, q, lang)["results"]]


@pytest.fixture(scope="module")
def app_client(tmp_path_factory):
    app = create_test_app(tmp_path_factory.mktemp("app"))
    yield buffered_client(app)
    dispose(app)


@pytest.mark.parametrize("address", [
    "/search?q=dog+licnse&lang=en", "/fr/search?q=chien", "/search?q=vidanges&lang=en", "/search?q=passport+renewal&lang=en",
    "/search?q=renouveler+passeport&lang=fr", "/search?q=xqzwv+plorf&lang=fr", "/search?lang=fr", "/search?q=%3Cb%3Ehi&lang=en",
])
def test_the_preview_answers_a_search_as_the_forms_app(preview, app_client, address):
    _, base = preview
    status, html = get(base + address)
    reply = app_client.get(address)
    assert status == reply.status_code == 200
    assert without_reload_script(html) == reply.get_data(as_text=True)
    status, body = get(base + address + "&format=json")
    assert json.loads(body) == app_client.get(address + "&format=json").get_json()


def test_a_saved_word_is_found_at_the_next_search_and_a_removed_one_is_not(preview):
    catalogue, base = preview
    assert found(base, WORD) == ([], [])
    edit(catalogue / PAGE, "  - dog tag\n", f"  - dog tag\n  - {WORD}\n")
    assert found(base, WORD) == (["/services/dog-licence/"], ["dog-licence"])
    assert search_page(base, WORD).find("h1").text() == "Search results"
    edit(catalogue / FR_PAGE, "  - permis de chien\n", f"  - permis de chien\n  - {MOT}\n")
    assert found(base, MOT, "fr") == (["/fr/services/dog-licence/"], ["dog-licence"])
    assert found(base, WORD, "fr")[1] == ["dog-licence"]  # an English word on a French page: the English results
    assert search_json(base, WORD, "fr")["results_lang"] == "en"
    edit(catalogue / PAGE, f"  - {WORD}\n", "")
    assert found(base, WORD) == ([], [])
    assert search_json(base, WORD)["none_text"] == f"No City service matches “{WORD}”."
    assert found(base, MOT, "fr") == (["/fr/services/dog-licence/"], ["dog-licence"])  # the twin's word stays
    assert found(base, "dog licence")[1][0] == "dog-licence"


def test_a_broken_page_keeps_its_last_good_entries_and_the_search_page_shows_the_problem(preview):
    catalogue, base = preview
    edit(catalogue / PAGE, "  - dog tag\n", f"  - dog tag\n  - {WORD}\n")
    assert found(base, WORD) == (["/services/dog-licence/"], ["dog-licence"])
    text = (catalogue / PAGE).read_text(encoding="utf-8")
    (catalogue / PAGE).write_text(text.replace(f"  - {WORD}\n", "").replace("topic: pets", "topic: animals"), encoding="utf-8")
    assert found(base, WORD) == (["/services/dog-licence/"], ["dog-licence"])  # the last good version's words
    alert = search_page(base, WORD).find("div", role="alert").text()
    assert "catalogue/services/dog-licence.md:" in alert and "topic: unknown topic 'animals'" in alert
    edit(catalogue / PAGE, "topic: animals", "topic: pets")
    page = search_page(base, WORD)
    assert not page.find_all("div", role="alert")
    assert found(base, WORD) == ([], [])
