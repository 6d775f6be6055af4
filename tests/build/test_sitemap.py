"""``sitemap.xml`` (#18): every page the build publishes, in both languages, at its canonical address, once;
the 404 pages are not in it."""

from __future__ import annotations

from xml.etree import ElementTree

from tests.support.html_tree import parse

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_the_sitemap_lists_every_published_page_at_its_canonical_address(built_site):
    listed = [loc.text for loc in ElementTree.parse(built_site / "sitemap.xml").getroot().iter(f"{NS}loc")]
    canonical = []
    for path in sorted(built_site.rglob("index.html")):
        links = parse(path.read_text(encoding="utf-8")).find_all("link", rel="canonical")
        canonical += [link.get("href") for link in links]
    assert len(listed) == len(set(listed)), "each page once"
    assert sorted(listed) == sorted(canonical)
    assert any("/fr/services/" in url for url in listed) and any("/privacy/" in url for url in listed)
    assert not [url for url in listed if url.endswith("404.html")]
