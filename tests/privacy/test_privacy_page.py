"""Issue #14: every form's notice, and the site's privacy page made from all of them.

The page is the built demo site's (``built_site``: ``guichet build``, as the
accessibility gate and the Nu checker see it, served by the app), read with
an HTML parser: it lists every form in both languages with its purpose,
legal authority, who sees the answers and retention, the privacy officer,
and what the website itself collects; its language link leads to its twin;
every footer links to it. The form pages show the same notice.
"""

from __future__ import annotations

import pytest

from accessibility.discover import site_paths
from guichet import LANGUAGES
from guichet.model.catalogue import load_catalogue
from guichet.privacy.notice import SESSION_COOKIE
from guichet.urls import form_url, privacy_url, service_url
from tests.html_pages import Facts
from tests.support.apps import CATALOGUE, buffered_client
from tests.support.html_tree import Node, parse

CAT = load_catalogue(CATALOGUE)
FORMS = {slug: s for slug, s in CAT.services.items() if s.form}
OFFICER = CAT.taxonomy.site.privacy_officer


def plain(text: str) -> str:
    """Text as compared: French spacing (no-break spaces) and apostrophes made plain."""
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").replace("’", "'").split())


def page_file(site, lang: str):
    return site / privacy_url(lang).strip("/") / "index.html"


@pytest.fixture
def client(live_app):
    return buffered_client(live_app)  # a new one each test: no cookie carried over


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_privacy_page_lists_every_form_with_its_whole_notice(built_site, lang):
    tree = parse(page_file(built_site, lang).read_text(encoding="utf-8"))
    main = tree.find("main")
    sections = main.find_all("section", cls="gx-privacy-form")
    links = {s.find("h3").find("a").get("href"): s for s in sections}
    assert set(links) == {service_url(lang, slug) for slug in FORMS}
    assert len(sections) == len(FORMS) == 13
    for slug, service in FORMS.items():
        section = links[service_url(lang, slug)]
        assert plain(section.find("h3").text()) == plain(service.pages[lang].meta.title)
        text = plain(section.text())
        notice = service.form.privacy
        for part in (notice.purpose, notice.authority, notice.who_sees, notice.retention):
            assert plain(part.get(lang)) in text, (slug, part.get(lang))
        labels = [plain(p.find("strong").text()) for p in section.find_all("p")]
        assert len(labels) == 4 and all(label.endswith(":") for label in labels)
    titles = [plain(s.find("h3").text()) for s in sections]
    assert titles == sorted(titles, key=lambda t: t.casefold().replace("é", "e"))  # alphabetical, as the A–Z


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_privacy_page_gives_the_officer_and_what_the_site_collects(built_site, lang):
    main = parse(page_file(built_site, lang).read_text(encoding="utf-8")).find("main")
    hrefs = [a.get("href") for a in main.find_all("a")]
    assert f"mailto:{OFFICER.email}" in hrefs
    assert "tel:5550175" in hrefs
    text = plain(main.text())
    assert plain(OFFICER.name.get(lang)) in text and plain(OFFICER.address.get(lang)) in text
    facts = [plain(li.text()) for ul in main.find_all("ul") if "gx-privacy__contact" not in (ul.get("class") or "")
             for li in ul.find_all("li")]
    assert len(facts) == 6
    cookie = "cookie" if lang == "en" else "témoin"
    assert any(SESSION_COOKIE in f and cookie in f for f in facts)
    assert any("IP" in f for f in facts)
    assert any("13" in f for f in facts)  # the search counts' 13 months (docs/search.md)


def test_the_language_link_of_the_privacy_page_goes_to_its_twin(built_site, client):
    for lang in LANGUAGES:
        facts = Facts(page_file(built_site, lang).read_text(encoding="utf-8"))
        assert facts.lang == lang
        other = "fr" if lang == "en" else "en"
        assert facts.lang_link == privacy_url(other)
        there = client.get(facts.lang_link)
        assert there.status_code == 200
        twin = Facts(there.get_data(as_text=True))
        assert twin.lang == other and twin.lang_link == privacy_url(lang)


def test_every_footer_links_to_the_privacy_page(built_site, client):
    paths = site_paths(built_site)
    assert privacy_url("en") in paths and privacy_url("fr") in paths
    for path in paths:
        tree = parse(client.get(path).get_data(as_text=True))
        lang = tree.find("html").get("lang")
        footer = tree.find("footer", cls="gx-footer")
        assert privacy_url(lang) in [a.get("href") for a in footer.find_all("a")], path
    for url in (form_url("en", "dog-licence"), form_url("fr", "noise-complaint"), "/status/", "/fr/status/"):
        tree = parse(client.get(url).get_data(as_text=True))
        lang = tree.find("html").get("lang")
        assert privacy_url(lang) in [a.get("href") for a in tree.find("footer", cls="gx-footer").find_all("a")], url


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("slug", ["dog-licence", "building-permit", "noise-complaint"])
def test_the_form_page_shows_the_whole_notice_and_whom_to_ask(client, lang, slug):
    response = client.get(form_url(lang, slug))
    assert response.status_code == 200
    section = parse(response).find("section", cls="gx-privacy")
    text = plain(section.text())
    notice = FORMS[slug].form.privacy
    for part in (notice.purpose, notice.authority, notice.who_sees, notice.retention):
        assert plain(part.get(lang)) in text
    assert plain(OFFICER.name.get(lang)) in text and plain(OFFICER.address.get(lang)) in text
    hrefs = [a.get("href") for a in section.find_all("a")]
    assert hrefs == [f"mailto:{OFFICER.email}", "tel:5550175", privacy_url(lang)]
    labels = [plain(p.find("strong").text()) for p in section.find_all("p") if p.find_all("strong")]
    assert len(labels) == 5  # purpose, authority, who sees, retention, whom to ask
    assert section.get("aria-labelledby") == section.find("h2").get("id")


def test_the_one_cookie_the_page_names_is_the_forms_session_cookie(live_app, client, built_site):
    assert live_app.config["SESSION_COOKIE_NAME"] == SESSION_COOKIE
    assert live_app.config.get("WTF_CSRF_TIME_LIMIT") is None  # the token lives as long as the session
    form = client.get(form_url("en", "dog-licence"))
    [cookie] = form.headers.getlist("Set-Cookie")
    assert cookie.startswith(f"{SESSION_COOKIE}=")
    assert "expires" not in cookie.lower() and "max-age" not in cookie.lower()  # gone when the browser closes
    fresh = buffered_client(live_app)
    for path in (privacy_url("en"), privacy_url("fr"), "/", "/services/dog-licence/", "/search?q=dog&lang=en"):
        assert fresh.get(path).headers.getlist("Set-Cookie") == [], path  # the static site and search set none
