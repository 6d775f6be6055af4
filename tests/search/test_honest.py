"""Search that admits what it does not know: only answers under ``results``, weaker matches under
``related``, what another government handles under ``elsewhere``; the honest empty page (JavaScript off)."""

from __future__ import annotations

import pytest

from tests.support.html_tree import parse, title


def html(response) -> str:
    assert response.status_code == 200
    return response.get_data(as_text=True)


def slugs(found: list[dict]) -> list[str]:
    return [r["slug"] for r in found]


# -- the JSON contract (docs/search.md) -----------------------------------------


def test_json_has_results_related_and_elsewhere(client):
    data = client.get("/search?q=dog+license&format=json").get_json()
    assert set(data) == {"query", "lang", "results", "related", "elsewhere", "results_lang", "count_text", "none_text",
                         "related_heading"}
    assert slugs(data["results"])[0] == "dog-licence"
    assert {"marriage-licence", "parking-ticket", "business-licence"} & set(slugs(data["related"]))
    assert not {"marriage-licence", "parking-ticket", "business-licence"} & set(slugs(data["results"]))
    assert data["elsewhere"] == [] and data["none_text"] == ""
    assert data["related_heading"] == "You may also be looking for"


@pytest.mark.parametrize(("lang", "query", "where", "url"), [
    ("en", "passport renewal", "passport", "https://www.canada.ca/en/"),
    ("fr", "renouveler mon passeport", "passport", "https://www.canada.ca/fr/"),
    ("en", "health card", "health-card", "https://www.ontario.ca/page/"),
    ("fr", "permis de conduire", "drivers-licence", "https://www.ontario.ca/fr/"),
    ("en", "fishing licence", "fishing-hunting", "https://www.ontario.ca/page/"),
    ("en", "power outage on my street", "power-outage", "https://"),
])
def test_what_another_government_handles_has_no_city_result(client, lang, query, where, url):
    data = client.get("/search", query_string={"q": query, "lang": lang, "format": "json"}).get_json()
    assert data["results"] == []
    [entry] = data["elsewhere"]
    assert entry["slug"] == where and entry["url"].startswith(url) and entry["explanation"] and entry["link_text"]
    assert data["none_text"].startswith("No City service matches" if lang == "en" else "Aucun service de la Ville")
    help_ = data["help"]
    assert help_["a_z_url"] == ("/a-z/" if lang == "en" else "/fr/a-z/") and "311" in help_["help_text"]


def test_no_match_at_all_is_an_empty_answer(client):
    data = client.get("/search?q=xyzzyplugh&format=json").get_json()
    assert (data["results"], data["related"], data["elsewhere"]) == ([], [], [])
    assert data["none_text"] == "No City service matches “xyzzyplugh”."
    assert data["help"]["help_text"] == "Call 311 and we will help you. TTY: 555-0199. Monday to Friday, 8 am to 6 pm"


def test_french_json_words_are_typeset(client):
    data = client.get("/fr/search?q=passeport&format=json").get_json()
    assert data["none_text"] == "Aucun service de la Ville ne correspond à «\u202fpasseport\u202f»."
    assert data["help"]["help_text"].startswith("Composez le 311 et nous vous aiderons. ATS\u00a0: 555-0199.")


@pytest.mark.parametrize(("lang", "query", "slug"), [
    ("en", "dog licnse", "dog-licence"), ("en", "getting married", "marriage-licence"), ("fr", "vidanges", "garbage-recycling-collection"),
    ("fr", "nids-de-poule", "report-pothole"), ("en", "how do i get a building permit", "building-permit"),
    ("en", "hockey registration", "recreation-registration"), ("fr", "bac brun", "garbage-recycling-collection"),
])
def test_recall_is_kept(client, lang, query, slug):
    data = client.get("/search", query_string={"q": query, "lang": lang, "format": "json"}).get_json()
    assert slug in slugs(data["results"])[:3]


def test_a_guessed_correction_does_not_outrank_the_words_typed(client):
    """"dog bite": "bite" is not a word of the pages; its guess "bike" must not put potholes first."""
    data = client.get("/search?q=dog+bite&format=json").get_json()
    assert "report-pothole" not in slugs(data["results"])


# -- the pages (JavaScript off) --------------------------------------------------


@pytest.mark.parametrize(("url", "sentence", "a_z", "call", "hours", "where", "link"), [
    ("/search?q=passport+renewal&lang=en", "No City service matches “passport renewal”.", "/a-z/", "Call 311",
     "Monday to Friday, 8 am to 6 pm", "Where to go", "https://www.canada.ca/en/immigration-refugees-citizenship/services/canadian-passports.html"),
    ("/fr/search?q=renouveler+mon+passeport", "Aucun service de la Ville ne correspond à «\u202frenouveler mon passeport\u202f».",
     "/fr/a-z/", "Composez le 311", "Du lundi au vendredi, de 8\u00a0h à 18\u00a0h", "Où vous adresser",
     "https://www.canada.ca/fr/immigration-refugies-citoyennete/services/passeports-canadiens.html"),
])
def test_the_empty_page_with_an_elsewhere_answer(client, url, sentence, a_z, call, hours, where, link):
    page = parse(html(client.get(url)))
    assert page.find("p", role="status").text() == sentence
    assert page.find_all(id="search-results") == []
    box = page.find(id="search-elsewhere")
    assert box.find("h2").text() == where
    [a] = box.find_all("a")
    assert a.get("href") == link and a.get("target") is None
    assert page.find("main").find_all("a", href=a_z)
    text = page.find("main").text()
    assert call in text and hours in text and "555-0199" in text
    related = page.find_all(id="search-related")
    assert not related or related[0].find_all("a")  # apart, under its own heading, when there is any


@pytest.mark.parametrize(("url", "sentence", "spelling"), [
    ("/search?q=xyzzyplugh&lang=en", "No City service matches “xyzzyplugh”.", "Check the spelling"),
    ("/fr/search?q=xyzzyplugh", "Aucun service de la Ville ne correspond à «\u202fxyzzyplugh\u202f».", "Vérifiez l’orthographe"),
])
def test_the_empty_page_without_an_elsewhere_answer(client, url, sentence, spelling):
    page = parse(html(client.get(url)))
    assert page.find("p", role="status").text() == sentence
    assert page.find_all(id="search-elsewhere") == [] and page.find_all(id="search-results") == []
    assert page.find("main").find_all("a", href="/a-z/" if "/fr/" not in url else "/fr/a-z/")
    assert spelling.split()[0] in page.find("main").text()


def test_related_pages_are_apart_from_results(client):
    page = parse(html(client.get("/search?q=dog+license")))
    results = [a.get("href") for a in page.find(id="search-results").find_all("a")]
    heading = page.find("h2", id="search-related-heading")
    related = [a.get("href") for a in page.find(id="search-related").find_all("a")]
    assert results[0] == "/services/dog-licence/" and "/services/marriage-licence/" in related
    assert heading.text() == "You may also be looking for"
    assert not set(results) & set(related)
    assert title(page) == "Search results for “dog license” – City of Bellerive"
