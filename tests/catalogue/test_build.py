"""The built site: every service in both languages, generated pages, JSON-LD, export."""

from __future__ import annotations

import json

import pytest

from guichet.build.build import CatalogueErrors
from guichet.model import load_catalogue

from tests.support.html_tree import parse, title

from .copies import PROJECT, build_site, edit

CATALOGUE = load_catalogue(PROJECT / "catalogue")
SLUGS = sorted(CATALOGUE.services)
SECTIONS = {
    "en": ["Ways to get this service", "Fees", "How long it takes", "Page last reviewed"],
    "fr": ["Comment obtenir ce service", "Coûts", "Délai", "Dernière révision de la page"],
}


def read(site, url):
    """The built page at ``url``, parsed."""
    return parse((site / url.strip("/") / "index.html").read_text(encoding="utf-8"))


def json_ld(page):
    return json.loads(page.find("script", type="application/ld+json").text())


def hrefs(page) -> set[str]:
    return {a.get("href") for a in page.find_all("a")}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("slug", SLUGS)
def test_every_service_page_has_the_structured_sections(built_site, slug, lang):
    prefix = "" if lang == "en" else "fr/"
    page = read(built_site, f"{prefix}services/{slug}")
    meta = CATALOGUE.services[slug].pages[lang].meta
    assert page.find("html").get("lang") == lang
    assert page.find("h1").text() == meta.title
    words = page.text()
    positions = [words.index(h) for h in SECTIONS[lang]]
    assert positions == sorted(positions), "sections in the same order on every page"
    other, other_prefix = ("fr", "/fr/") if lang == "en" else ("en", "/")
    assert page.find_all("a", href=f"{other_prefix}services/{slug}/", lang=other, hreflang=other)
    data = json_ld(page)
    assert data["@type"] == "GovernmentService" and data["name"] == meta.title and data["inLanguage"] == lang
    assert data["url"].endswith(f"/{prefix}services/{slug}/")
    if CATALOGUE.services[slug].form:
        assert f"/{prefix}forms/{slug}/" in hrefs(page)


def test_no_third_party_hosts_and_no_material_bundle(built_site):
    def elsewhere(url: str | None) -> bool:
        return bool(url) and url.split(":", 1)[-1].startswith("//")

    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "bundle." not in html, path
        page = parse(html)
        # Links to outside portals are fine; loading anything from another host is not.
        assert not [n.attrs for n in page.iter() if elsewhere(n.get("src"))], path
        assert not [n.attrs for n in page.find_all("link")
                    if elsewhere(n.get("href")) and not n.get("href").split("//", 1)[1].startswith("localhost")], path
        inline = [s.text()[:80] for s in page.find_all("script") if s.get("src") is None and s.text()
                  and s.get("type") != "application/ld+json"]  # JSON-LD is data, not a script
        assert not inline, f"inline script in {path}: {inline}"


def test_generated_pages_list_every_service(built_site):
    for lang, prefix in (("en", ""), ("fr", "fr/")):
        a_z = hrefs(read(built_site, f"{prefix}a-z"))
        for slug in SLUGS:
            assert f"/{prefix}services/{slug}/" in a_z, (lang, slug)
        home = read(built_site, prefix or "/")
        search = [f for f in home.find_all("form") if f.get("action") == "/search"]
        assert search and all(f.find("input", name="lang").get("value") == lang for f in search)
        popular = [s for s in SLUGS if CATALOGUE.services[s].pages[lang].meta.popular]
        assert popular and all(f"/{prefix}services/{s}/" in hrefs(home) for s in popular)
        for topic in {CATALOGUE.services[s].pages[lang].meta.topic for s in SLUGS}:
            page = hrefs(read(built_site, f"{prefix}topics/{topic}"))
            members = [s for s in SLUGS if CATALOGUE.services[s].pages[lang].meta.topic == topic]
            assert all(f"/{prefix}services/{s}/" in page for s in members)
        businesses = read(built_site, f"{prefix}audiences/businesses").find("main")
        assert [a for li in businesses.find_all("li") for a in li.find_all("a") if "/services/" in a.get("href")]
    assert parse((built_site / "404.html").read_text(encoding="utf-8")).find("html").get("lang") == "en"
    not_found_fr = parse((built_site / "fr" / "404.html").read_text(encoding="utf-8"))
    assert not_found_fr.find("html").get("lang") == "fr"
    assert not_found_fr.find("h1").text() == "Page introuvable"
    assert "Tous les services de A à Z" in [a.text() for a in not_found_fr.find_all("a", href="/fr/a-z/")]
    assert title(not_found_fr) == "Page introuvable – Ville de Bellerive"


def test_catalogue_export_has_both_languages(built_site):
    data = json.loads((built_site / "catalogue.json").read_text(encoding="utf-8"))
    assert [s["slug"] for s in data["services"]] == SLUGS
    dog = next(s for s in data["services"] if s["slug"] == "dog-licence")
    assert dog["languages"]["fr"]["title"] == "Licence pour chien"
    assert dog["languages"]["en"]["url"].endswith("/services/dog-licence/")
    assert dog["form"].endswith("/forms/dog-licence/")
    assert "email" not in json.dumps(data["departments"]), "staff mailboxes are not published"


def test_strict_build_fails_with_the_check_message(catalogue_copy, tmp_path):
    edit(catalogue_copy / "services" / "report-pothole.md", "topic: roads", "topic: routes")
    with pytest.raises(CatalogueErrors) as failed:
        build_site(catalogue_copy, tmp_path / "site")
    assert any(str(p).startswith("catalogue/services/report-pothole.md:4: topic: unknown topic 'routes'") for p in failed.value.problems)
    assert not (tmp_path / "site").exists(), "nothing is published from a catalogue with errors"
