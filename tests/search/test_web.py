"""GET /search: the results page, JSON, bad input, which index the app reads (counting misses: test_counting.py;
the empty page, related and elsewhere: test_honest.py)."""

from __future__ import annotations

import re

import pytest

from guichet.model import load_catalogue
from guichet.search import build_index

from tests.support.html_tree import parse, title

from .services import write_service


def html(response) -> str:
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_results_page_in_english(client):
    page = parse(html(client.get("/search", query_string={"q": "dog licence", "lang": "en"})))
    assert title(page) == "Search results for “dog licence” – City of Bellerive"
    assert page.find("h1", id="search-heading").text() == "Search results"
    assert page.find("label", for_="search-q").text() == "Search city services"
    assert page.find("input", name="q").get("value") == "dog licence"
    status = page.find("p", role="status").text()
    assert re.fullmatch(r"(\d+) results? for “dog licence”\.", status) and int(status.split()[0]) >= 1
    first = page.find(id="search-results").find_all("li")[0]
    assert (first.find("a").get("href"), first.find("a").text()) == ("/services/dog-licence/", "Dog licence")
    assert first.find("span").text().startswith("Every dog in Bellerive over 3 months old")


@pytest.mark.parametrize("url", ["/search?q=m%C3%A9daille+chien&lang=fr", "/fr/search?q=m%C3%A9daille+chien"])
def test_results_page_in_french(client, url):
    page = parse(html(client.get(url)))
    assert page.find("html").get("lang") == "fr"
    assert title(page) == "Résultats de recherche pour «\u202fmédaille chien\u202f» – Ville de Bellerive"
    assert page.find("h1", id="search-heading").text() == "Résultats de recherche"
    assert page.find("a", href="/fr/services/dog-licence/").text() == "Licence pour chien"
    assert page.find("input", name="lang").get("value") == "fr"


def test_the_form_works_without_javascript(client):
    page = parse(html(client.get("/search?q=pothole")))
    form = page.find("form", id="search-form")
    assert (form.get("method"), form.get("action")) == ("get", "/search")
    assert form.find("input", id="search-q").get("type") == "search" and form.find("input", id="search-q").get("name") == "q"
    assert form.find("button", type="submit").text() == "Search"
    assert page.find("main").find_all("script") == []


def test_a_corrected_spelling_is_said(client):
    page = html(client.get("/search?q=dog+licnse"))
    assert "Showing results for “dog license”." in page
    assert "/services/dog-licence/" in page


def test_json(client):
    reply = client.get("/search?q=vidanges&lang=fr&format=json")
    assert reply.status_code == 200 and reply.mimetype == "application/json"
    data = reply.get_json()
    assert data["query"] == "vidanges" and data["lang"] == "fr"
    first = data["results"][0]
    assert set(first) == {"slug", "title", "url", "summary"}
    assert first["slug"] == "garbage-recycling-collection"
    assert first["url"] == "/fr/services/garbage-recycling-collection/"


@pytest.mark.parametrize(("lang", "a_z", "words"), [("en", "/a-z/", "Call 311"), ("fr", "/fr/a-z/", "Composez le 311")])
def test_no_results_page_offers_a_z_and_the_help_line(client, lang, a_z, words):
    page = parse(html(client.get("/search", query_string={"q": "xyzzyplugh", "lang": lang})))
    assert page.find("main").find_all("a", href=a_z)
    assert words in page.text()
    assert "555-0199" in page.text()  # TTY
    assert page.find_all(id="search-results") == []


def test_empty_query_gives_a_normal_page(client):
    page = html(client.get("/search?q="))
    assert "Type a few words" in parse(page).text() and parse(page).find("main").find_all("a", href="/a-z/")
    assert html(client.get("/search")) == page


BAD = [
    "x" * 2000,
    "word " * 400,
    '"',
    '"unbalanced',
    "*",
    "dog*",
    "NEAR(dog licence)",
    "dog NEAR licence",
    "-dog",
    "(",
    "dog)",
    "title:dog",
    "^dog",
    "dog AND OR NOT",
    "'; DROP TABLE docs; --",
    "\x00\x01\x7f",
    "💩🐕",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "   ",
]


@pytest.mark.parametrize("query", BAD, ids=range(len(BAD)))
def test_bad_input_is_harmless(client, query):
    """Odd input is a search like any other: the page shows the words back as text (never as markup)
    and lists what the JSON answer found."""
    reply = client.get("/search", query_string={"q": query, "lang": "en", "format": "json"})
    assert reply.status_code == 200
    found = reply.get_json()
    assert set(found["query"]) <= set(query) and len(found["query"]) <= 200  # what was typed, cut to the box's length
    assert all(r["url"].startswith("/services/") for r in found["results"])
    reply = client.get("/search", query_string={"q": query, "lang": "en", "format": "html"})
    assert reply.status_code == 200
    body = reply.get_data(as_text=True)
    assert "<script>alert" not in body
    page = parse(body)
    assert page.find("input", id="search-q").get("value") == found["query"]
    assert not [s for s in page.find_all("script") if "alert" in s.text()]
    listed = page.find_all(id="search-results")
    links = [(a.get("href"), a.text()) for a in listed[0].find_all("a")] if listed else []
    assert links == [(r["url"], r["title"]) for r in found["results"]]


@pytest.mark.parametrize("raw", ["q=%ff%fe", "q=%ff%fe&format=json", "q=%C3&lang=%ff", "q=%", "q=%%&lang=fr", "q=%00"])
def test_invalid_utf8_percent_encoding_is_harmless(client, raw):
    reply = client.get("/search", environ_overrides={"QUERY_STRING": raw})
    assert reply.status_code == 200
    if "format=json" in raw:
        assert isinstance(reply.get_json()["results"], list)
    else:
        page = parse(html(reply))
        assert len(page.find_all("h1")) == 1 and page.find("input", id="search-q")  # a normal page, with the search form again


def test_odd_parameters_fall_back_to_defaults(client):
    page = parse(html(client.get("/search?q=dog&lang=xx&format=xml")))
    assert page.find("html").get("lang") == "en" and "Dog licence" in page.find(id="search-results").text()
    assert html(client.get("/search?q=dog&q=other")).count("Dog licence") >= 1


def test_search_results_link_to_every_language_page(client, catalogue):
    data = client.get("/search?q=permis&lang=fr&format=json").get_json()
    assert data["results"] and all(r["url"].startswith("/fr/services/") for r in data["results"])


# -- counting searches that found nothing: tests/search/test_counting.py -----------


# -- which index the app reads -------------------------------------------------


def test_the_app_reads_the_built_index_when_there(make_app, mini_root, tmp_path):
    write_service(mini_root, "only-here", "en", title="Zeppelin mooring", keywords=["airship"], body="Moor it.")
    write_service(mini_root, "only-here", "fr", title="Amarrage de zeppelin", keywords=["dirigeable"], body="Amarrez.")
    site = tmp_path / "built-site"
    build_index(load_catalogue(mini_root), site / "search.sqlite3")
    client = make_app(SITE_DIR=str(site)).test_client()
    assert [r["slug"] for r in client.get("/search?q=airship&format=json").get_json()["results"]] == ["only-here"]
    assert client.get("/search?q=pothole&format=json").get_json()["results"] == []


def test_search_index_setting_names_the_file(make_app, mini_root, tmp_path):
    write_service(mini_root, "only-here", "en", title="Zeppelin mooring", keywords=["airship"], body="Moor it.")
    path = build_index(load_catalogue(mini_root), tmp_path / "elsewhere" / "idx.sqlite3")
    client = make_app(SEARCH_INDEX=str(path)).test_client()
    assert client.get("/search?q=airship&format=json").get_json()["results"][0]["slug"] == "only-here"


def test_without_a_built_index_the_catalogue_is_indexed_at_start_up(app, tmp_path):
    assert not (tmp_path / "site" / "search.sqlite3").exists()
    assert app.test_client().get("/search?q=pothole&format=json").get_json()["results"][0]["slug"] == "report-pothole"


def test_under_a_sub_path_links_keep_the_prefix(client):
    data = client.get("/search?q=pothole&format=json", environ_overrides={"SCRIPT_NAME": "/city"}).get_json()
    assert data["results"][0]["url"] == "/city/services/report-pothole/"
    page = parse(html(client.get("/search?q=pothole", environ_overrides={"SCRIPT_NAME": "/city"})))
    assert page.find("form", id="search-form").get("action") == "/city/search"
    assert page.find(id="search-results").find_all("a", href="/city/services/report-pothole/")


@pytest.mark.parametrize(("url", "slug_url", "note", "other"), [
    ("/search?q=vidanges", "/fr/services/garbage-recycling-collection/", "These pages are in French", "fr"),
    ("/fr/search?q=pothole", "/services/report-pothole/", "Ces pages sont en anglais", "en"),
])
def test_words_of_the_other_language_find_its_pages(client, url, slug_url, note, other):
    page = parse(html(client.get(url)))
    assert note in page.text()
    [link] = page.find_all("a", href=slug_url)
    assert link.get("hreflang") == other and [li.get("lang") for li in page.find_all("li") if link in li.children] == [other]
    data = client.get(url + "&format=json").get_json()
    assert data["results_lang"] == other and data["results"][0]["url"] == slug_url


def test_the_app_refuses_an_index_it_cannot_read(make_app, tmp_path):
    from forms_app import ConfigError

    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(ConfigError, match="SEARCH_INDEX: .* not a Guichet search index"):
        make_app(SEARCH_INDEX=str(bad))
