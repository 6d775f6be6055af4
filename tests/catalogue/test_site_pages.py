"""What residents saw on the site's own pages (issue #11, items 17 and 18), read with an HTML parser.

* item 17: no mkdocs-material leftovers on any page (hidden ``md-toggle``
  checkboxes, the empty overlay label, a second skip link, ``md-dialog``) and
  no ``rel=prev``/``next`` links to unrelated services; the Nu HTML Checker
  itself runs in ``tests/test_html_valid.py``.
* item 18: ``/audiences/`` exists in both languages; the French home's title
  is the site's name once; the home and search pages show one search form.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from accessibility.discover import site_paths
from guichet.model import load_catalogue

from tests.support.html_tree import parse

from ..html_pages import Facts

PROJECT = Path(__file__).resolve().parents[2]


def facts(site: Path, path: str) -> Facts:
    file = site / path.lstrip("/")
    return Facts((file / "index.html" if file.is_dir() else file).read_text(encoding="utf-8"))


def test_no_page_carries_material_leftovers_or_prev_next_links(built_site):
    paths = site_paths(built_site)
    assert len(paths) > 80
    for path in paths:
        page = facts(built_site, path)
        assert page.theme_classes == [], f"{path}: mkdocs-material markup {sorted(set(page.theme_classes))}"
        assert not {"prev", "next"} & set(page.rels), f"{path}: <link rel> {page.rels}"
        assert page.skip_links == 1, f"{path}: {page.skip_links} skip links"
        assert not [i for i in page.inputs if i.get("type") == "checkbox"], f"{path}: a checkbox outside any form"


@pytest.mark.parametrize(("prefix", "title"), [("", "Services for you"), ("/fr", "Services pour vous")])
def test_the_audiences_index_lists_every_audience_in_its_language(built_site, prefix, title):
    lang = "fr" if prefix else "en"
    catalogue = load_catalogue(PROJECT / "catalogue")
    page = (built_site / prefix.lstrip("/") / "audiences" / "index.html").read_text(encoding="utf-8")
    parsed = Facts(page)
    assert parsed.lang == lang and parsed.h1 == title
    served = {aid for p in catalogue.in_language(lang) for aid in p.meta.audiences}
    for aid, audience in catalogue.taxonomy.audiences.items():
        if aid in served:
            assert f"{prefix}/audiences/{aid}/" in {a.get("href") for a in parse(page).find_all("a")}
            assert (built_site / prefix.lstrip("/") / "audiences" / aid / "index.html").is_file()
            assert audience.name.get(lang) in page
    assert served


@pytest.mark.parametrize(("path", "title"), [("/", "City of Bellerive"), ("/fr/", "Ville de Bellerive")])
def test_each_home_page_is_titled_with_the_site_name_once(built_site, path, title):
    assert facts(built_site, path).title == title


def test_other_pages_add_the_site_name_once(built_site):
    assert facts(built_site, "/fr/a-z/").title == "Services de A à Z – Ville de Bellerive"
    assert facts(built_site, "/services/dog-licence/").title == "Dog licence – City of Bellerive"


def test_one_search_form_on_every_page_home_and_search_included(built_site, resident_pages):
    for path in site_paths(built_site):
        assert facts(built_site, path).search_forms == 1, path
    _, pages = resident_pages
    searches = [p for p in pages if "search" in p.address and p.status == 200]
    assert len(searches) >= 6
    for page in pages:
        assert page.facts.search_forms == 1, f"{page.name}: {page.facts.search_forms} search forms"
    home = facts(built_site, "/fr/")
    assert [i["id"] for i in home.inputs if i.get("type") == "search"] == ["gx-home-q"]  # the page's own, larger form
