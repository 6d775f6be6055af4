"""Two engines, same site (#18): the demo built with mkdocs (the default, ``built_site``), ProperDocs
and Zensical, compared page by page with an HTML parser: the same addresses in both languages, the
same ``<html lang>``, headings and sections, JSON-LD and language links; no theme leftovers; and the
page-weight budgets on every engine's output (tests/bandwidth weighs the default one in a browser)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accessibility.server import build_site
from guichet.build.engines import available

from tests.bandwidth.weigh import FIRST_VIEW_BUDGET, SERVICE_HTML_BUDGET, gzip_size
from tests.catalogue.copies import PROJECT
from tests.html_pages import Facts
from tests.support.html_tree import parse

ENGINES = ["properdocs", "zensical"]


@pytest.fixture(scope="module", params=ENGINES)
def other_site(request, tmp_path_factory) -> tuple[str, Path]:
    engine = request.param
    if not available(engine):
        pytest.skip(f"{engine} is not installed (scripts/test installs it)")
    return engine, build_site(tmp_path_factory.mktemp(engine) / "site", root=PROJECT, engine=engine)  # guichet build --strict, as CI runs it


def pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))


def facts(path: Path) -> dict:
    """What a resident and a machine read on a page, engine aside."""
    page = parse(path.read_text(encoding="utf-8"))
    return {
        "lang": page.find("html").get("lang"),
        "title": page.find("title").text(),
        "headings": [(h.tag, h.get("id"), h.text()) for h in page.iter() if h.tag in ("h1", "h2", "h3")],
        "sections": [(s.get("aria-labelledby"), s.get("class")) for s in page.find_all("section")],
        "json_ld": [json.loads(s.text()) for s in page.find_all("script", type="application/ld+json")],
        "language_links": sorted((n.tag, n.get("hreflang"), n.get("href")) for n in page.iter() if n.get("hreflang")),
        "canonical": [n.get("href") for n in page.find_all("link", rel="canonical")],
        "links": [a.get("href") for a in page.find_all("a")],
    }


def test_the_same_pages_in_both_languages(built_site, other_site):
    engine, site = other_site
    ours = pages(built_site)
    assert ours == pages(site), engine
    assert "fr/404.html" in ours and "404.html" in ours
    assert {p for p in ours if p.startswith("fr/")} == {f"fr/{p}" for p in ours if not p.startswith("fr/")}, "every page in both languages"


def test_every_page_reads_the_same(built_site, other_site):
    engine, site = other_site
    for name in pages(built_site):
        expected, got = facts(built_site / name), facts(site / name)
        assert got == expected, f"{engine}: {name}"
        if name.startswith("services/") or name.startswith("fr/services/"):
            assert expected["json_ld"] and expected["language_links"] and len(expected["headings"]) > 4, name


def test_no_theme_leftovers_and_one_skip_link(other_site):
    engine, site = other_site
    for name in pages(site):
        text = (site / name).read_text(encoding="utf-8")
        page = Facts(text)
        assert page.theme_classes == [], f"{engine}: {name}: {sorted(set(page.theme_classes))}"
        assert page.skip_links == 1, f"{engine}: {name}: one skip link"
        tree = parse(text)
        assert not tree.find_all("dialog") and not [n for n in tree.iter() if n.get("rel") in ("prev", "next")], name
        assert not [n for n in tree.find_all("input") if n.get("type") == "checkbox" and n.get("hidden") is not None], name
    assert not (site / "search.json").exists() and not (site / "fr" / "assets").exists(), "only what Guichet publishes"
    assert (site / "catalogue.json").is_file() and (site / "search.sqlite3").is_file() and (site / "hsds" / "fr").is_dir()


@pytest.mark.parametrize("name", ["index.html", "a-z/index.html", "services/dog-licence/index.html", "fr/services/dog-licence/index.html"])
def test_page_weight_budgets_hold_on_every_engine(built_site, other_site, name):
    for site in (built_site, other_site[1]):
        html = (site / name).read_bytes()
        page = parse(html.decode("utf-8"))
        loads = [n.get("href") for n in page.find_all("link") if n.get("rel") in ("stylesheet", "icon")]
        loads += [s.get("src") for s in page.find_all("script") if s.get("src")]
        first_view = gzip_size(html) + sum(gzip_size((site / url.lstrip("/")).read_bytes()) for url in loads)
        assert gzip_size(html) <= SERVICE_HTML_BUDGET, (site, name)
        assert first_view <= FIRST_VIEW_BUDGET, (site, name, first_view)
