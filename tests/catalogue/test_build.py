"""The built site: every service in both languages, generated pages, JSON-LD, export."""

from __future__ import annotations

import json
import re

import pytest
from mkdocs.exceptions import Abort, PluginError

from guichet.model import load_catalogue

from .copies import PROJECT, build_site, edit

CATALOGUE = load_catalogue(PROJECT / "catalogue")
SLUGS = sorted(CATALOGUE.services)
SECTIONS = {
    "en": ["Ways to get this service", "Fees", "How long it takes", "Page last reviewed"],
    "fr": ["Comment obtenir ce service", "Coûts", "Délai", "Dernière révision de la page"],
}


def read(site, url):
    return (site / url.strip("/") / "index.html").read_text(encoding="utf-8")


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("slug", SLUGS)
def test_every_service_page_has_the_structured_sections(built_site, slug, lang):
    prefix = "" if lang == "en" else "fr/"
    html = read(built_site, f"{prefix}services/{slug}")
    meta = CATALOGUE.services[slug].pages[lang].meta
    assert f'<html lang="{lang}"' in html
    assert html.count("<h1") == 1 and f"<h1>{meta.title}</h1>".replace("'", "&#39;") in html
    positions = [html.index(h) for h in SECTIONS[lang]]
    assert positions == sorted(positions), "sections in the same order on every page"
    other, other_prefix = ("fr", "/fr/") if lang == "en" else ("en", "/")
    assert f'href="{other_prefix}services/{slug}/" lang="{other}" hreflang="{other}"' in html
    data = json_ld(html)
    assert data["@type"] == "GovernmentService" and data["name"] == meta.title and data["inLanguage"] == lang
    assert data["url"].endswith(f"/{prefix}services/{slug}/")
    if CATALOGUE.services[slug].form:
        assert f'href="/{prefix}forms/{slug}/"' in html


def test_no_third_party_hosts_and_no_material_bundle(built_site):
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "bundle." not in html, page
        # Links to outside portals are fine; loading anything from another host is not.
        assert not re.search(r'src="(https?:)?//', html), page
        assert not re.search(r'<link[^>]+href="(https?:)?//(?!localhost)', html), page
        assert not re.search(r"<script>(?!</script>)", html), f"inline script in {page}"


def test_generated_pages_list_every_service(built_site):
    for lang, prefix in (("en", ""), ("fr", "fr/")):
        a_z = read(built_site, f"{prefix}a-z")
        for slug in SLUGS:
            assert f'href="/{prefix}services/{slug}/"' in a_z, (lang, slug)
        home = read(built_site, prefix or "/")
        assert 'action="/search"' in home and f'name="lang" value="{lang}"' in home
        popular = [s for s in SLUGS if CATALOGUE.services[s].pages[lang].meta.popular]
        assert popular and all(f"/{prefix}services/{s}/" in home for s in popular)
        for topic in {CATALOGUE.services[s].pages[lang].meta.topic for s in SLUGS}:
            page = read(built_site, f"{prefix}topics/{topic}")
            members = [s for s in SLUGS if CATALOGUE.services[s].pages[lang].meta.topic == topic]
            assert all(f"/{prefix}services/{s}/" in page for s in members)
        assert read(built_site, f"{prefix}audiences/businesses").count("<li>") >= 1
    assert '<html lang="en"' in (built_site / "404.html").read_text(encoding="utf-8")
    not_found_fr = (built_site / "fr" / "404.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in not_found_fr
    assert "<h1>Page introuvable</h1>" in not_found_fr and '<a href="/fr/a-z/">Tous les services de A à Z</a>' in not_found_fr
    assert "<title>Page introuvable – Ville de Bellerive</title>" in not_found_fr


def test_catalogue_export_has_both_languages(built_site):
    data = json.loads((built_site / "catalogue.json").read_text(encoding="utf-8"))
    assert [s["slug"] for s in data["services"]] == SLUGS
    dog = next(s for s in data["services"] if s["slug"] == "dog-licence")
    assert dog["languages"]["fr"]["title"] == "Licence pour chien"
    assert dog["languages"]["en"]["url"].endswith("/services/dog-licence/")
    assert dog["form"].endswith("/forms/dog-licence/")
    assert "email" not in json.dumps(data["departments"]), "staff mailboxes are not published"


def test_strict_build_fails_with_the_check_message(catalogue_copy, tmp_path, caplog):
    edit(catalogue_copy / "services" / "report-pothole.md", "topic: roads", "topic: routes")
    with pytest.raises((PluginError, Abort)):
        build_site(catalogue_copy, tmp_path / "site")
    assert "catalogue/services/report-pothole.md:4: topic: unknown topic 'routes'" in caplog.text
