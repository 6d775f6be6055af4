"""The language link of every page leads to the same page in the other language (issue #11, item 12).

Every page of the built demo site and every state of the forms app (each
form empty, with errors, expired; confirmation; search with results, none,
no query; status pages; staff page; 404, 405, 413, 429) is parsed with an
HTML parser; its header link "Français"/"English" is followed and must give
a 200 whose ``<html lang>`` is the other language, for the same page: the
same path once the language prefix is removed, the same query but for
``lang``. A not-found page leads to the other language's not-found page
(200), an error at an address (a bad staff link, 403) to the same error,
and the page after a POST to the same form, ready to fill (200). The way
back must lead home again: a round trip, in both directions.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest

from guichet import LANGUAGES
from guichet.urls import other_language, split_language, translate_path

from .html_pages import Page, get


def identity(address: str) -> tuple[str, list]:
    """A page whatever its language: its path without a language prefix, its query without ``lang``."""
    parts = urlsplit(address)
    query = sorted((k, v) for k, v in parse_qsl(parts.query) if k != "lang")
    return split_language(parts.path)[1], query


def expected(page: Page) -> tuple[int, tuple[str, list]]:
    """(HTTP status, identity) of the page the language link must reach.

    A not-found page links to the other language's not-found page (``/404.html``,
    ``/fr/404.html``: 200); an error at an address (a bad staff link: 403) links to
    the same error in the other language; a POST's page (errors, expired, 413,
    429) links to the form in the other language, ready to fill.
    """
    if page.status == 404:
        return 200, ("/404.html", [])
    return (200 if page.posted else page.status), identity(page.address)


def problems_following(client, page: Page) -> list[str]:
    facts, name = page.facts, f"{page.name} ({page.address}, HTTP {page.status})"
    if facts.lang not in LANGUAGES or not facts.lang_link:
        return [f"{name}: <html lang={facts.lang!r}>, language link {facts.lang_link!r}"]
    other = other_language(facts.lang)
    problems = []
    if facts.alternate != [(other, facts.lang_link)]:
        problems.append(f"{name}: <link rel=alternate> {facts.alternate} is not the language link {facts.lang_link}")
    status, same = expected(page)
    there = get(client, f"{page.name}, other language", facts.lang_link)
    if there.status != status or there.facts.lang != other or identity(facts.lang_link) != same:
        return problems + [f"{name}: its link {facts.lang_link} gives HTTP {there.status}, <html lang={there.facts.lang!r}> (want {status}, {other}, {same})"]
    back = get(client, f"{page.name}, back", there.facts.lang_link or "")
    if back.status != status or back.facts.lang != facts.lang or identity(there.facts.lang_link or "") != same:
        problems.append(f"{name}: the way back from {facts.lang_link} ({there.facts.lang_link}) gives HTTP {back.status}, <html lang={back.facts.lang!r}>")
    return problems


def _check(resident_pages, select) -> int:
    from tests.support.staff import sign_in

    app, pages = resident_pages
    client, staff = app.test_client(), app.test_client()
    sign_in(staff, "language-links@bellerive.example.org", admin=True)  # the workspace's pages are followed signed in
    chosen = [p for p in pages if select(p)]
    problems = [problem for page in chosen for problem in problems_following(staff if page.as_staff else client, page)]
    assert not problems, f"{len(problems)} broken language link(s):\n" + "\n".join(problems)
    return len(chosen)


def test_every_site_page_links_to_itself_in_the_other_language(resident_pages, built_site):
    from accessibility.discover import site_paths

    count = _check(resident_pages, lambda p: p.site)
    assert count == len(site_paths(built_site)) > 80  # both languages: services, A–Z, topics, audiences, 404s


def test_every_app_page_and_state_links_to_itself_in_the_other_language(resident_pages):
    _, pages = resident_pages
    names = " ".join(p.name for p in pages)
    for state in ("(errors)", "(expired)", "confirmation", "honeypot", "search results (fr)", "no results (fr)",
                  "no query", "(a request)", "staff page (saved)", "404", "413", "429"):
        assert state in names, f"no page in state {state!r}"
    count = _check(resident_pages, lambda p: not p.site)
    assert count > 60


@pytest.mark.parametrize(
    ("path", "lang", "other"),
    [
        ("/search", "fr", "/search"),  # the language is in the query: lang=fr → lang=en, same path
        ("/fr/search", "fr", "/search"),
        ("/search", "en", "/fr/search"),
        ("/404.html", "en", "/fr/404.html"),
        ("/fr/404.html", "fr", "/404.html"),
        ("/fr/", "fr", "/"),
        ("/fr", "fr", "/"),
        ("/", "en", "/fr/"),
        ("/french-fries/", "fr", "/french-fries/"),  # only a whole "fr" segment is a prefix
        ("/fr/services/dog-licence/", "fr", "/services/dog-licence/"),
    ],
)
def test_translate_path_removes_only_a_language_prefix(path, lang, other):
    assert translate_path(path, lang) == other
