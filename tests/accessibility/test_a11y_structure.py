"""Headings, titles, language and consistent help on every page and app state.

Read from the HTML (no browser): every page of the built site, and the
forms app's states fetched with Flask's test client (each form empty and
after an empty submit, in both languages; search; status; not found).
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from accessibility.discover import form_slugs, site_paths
from accessibility.html_facts import PageFacts, page_facts

from tests.support.html_tree import csrf_token

ERROR_PREFIX = {"en": "Error: ", "fr": "Erreur : "}


def _lang_of(path: str) -> str:
    """The page's language from its URL: the /fr/ prefix, or search's lang= parameter."""
    if "lang=" in path:
        return path.split("lang=", 1)[1][:2]
    return "fr" if path.startswith("/fr/") or path == "/fr" else "en"


@pytest.fixture(scope="module")
def site_pages(built_site) -> dict[str, PageFacts]:
    pages = {}
    for path in site_paths(built_site):
        file = built_site / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
        pages[path] = page_facts(file.read_text(encoding="utf-8"))
    return pages


@pytest.fixture(scope="module")
def app_pages(live_app, live_server, repo_root, a11y_config) -> dict[str, tuple[str, PageFacts]]:
    """name -> (URL path, facts). ``live_server`` is requested so rate limits are reset afterwards."""
    client = live_app.test_client()
    pages: dict[str, tuple[str, PageFacts]] = {}

    def get(name: str, path: str, status: int = 200) -> str:
        with client.get(path) as response:  # closed: a streamed file would warn otherwise
            assert response.status_code == status, f"GET {path}: {response.status_code}"
            html = response.get_data(as_text=True)
        pages[name] = (path, page_facts(html))
        return html

    for slug in form_slugs(repo_root, a11y_config.forms_glob):
        for prefix in ("", "/fr"):
            path = f"{prefix}/forms/{slug}/"
            html = get(f"{path} (empty)", path)
            token = csrf_token(html)  # fails the test when the form has none
            with client.post(path, data={"csrf_token": token}) as response:
                assert response.status_code == 422, f"POST {path} empty: {response.status_code}"
                pages[f"{path} (errors)"] = (path, page_facts(response.get_data(as_text=True)))
    with client.post("/fr/forms/noise-complaint/", data={"csrf_token": "forged-or-expired"}) as response:
        assert response.status_code == 400, f"POST with a bad CSRF token: {response.status_code}"
        pages["CSRF expired (fr)"] = ("/fr/forms/noise-complaint/", page_facts(response.get_data(as_text=True)))
    get("search results", "/search?q=dog&lang=en")
    get("search, no results (fr)", "/search?q=zzzzqx&lang=fr")
    get("status lookup", "/status/")
    get("status lookup (fr)", "/fr/status/?ref=ZZZZ-9999")
    get("not found", "/no-such-page/", 404)
    get("not found (fr)", "/fr/no-such-page/", 404)
    return pages


def _all(site_pages, app_pages) -> dict[str, tuple[str, PageFacts]]:
    return {**{p: (p, f) for p, f in site_pages.items()}, **app_pages}


def test_every_page_has_one_h1_and_no_skipped_heading_level(site_pages, app_pages):
    problems = [f"{name}: {p}" for name, (_, facts) in _all(site_pages, app_pages).items() for p in facts.heading_problems()]
    assert not problems, "\n".join(problems)


def test_every_site_page_has_its_own_title(site_pages):
    counts = Counter(f.title for f in site_pages.values())
    shared = {t: sorted(p for p, f in site_pages.items() if f.title == t) for t, n in counts.items() if n > 1 or not t}
    assert not shared, f"titles used by more than one page (or empty): {shared}"


def test_every_form_has_its_own_title_and_errors_say_so_first(app_pages):
    empty = {n: f.title for n, (_, f) in app_pages.items() if n.endswith("(empty)")}
    assert len(set(empty.values())) == len(empty), f"forms sharing a title: {Counter(empty.values()).most_common(3)}"
    wrong = []
    for name, title in empty.items():
        path, errors = app_pages[name.replace("(empty)", "(errors)")]
        expected = ERROR_PREFIX[_lang_of(path)] + title
        if errors.title != expected:
            wrong.append(f"{path}: error title {errors.title!r}, expected {expected!r}")
    path, expired = app_pages["CSRF expired (fr)"]
    if not expired.title.startswith(ERROR_PREFIX["fr"]):
        wrong.append(f"{path} after an expired session: title {expired.title!r} lacks {ERROR_PREFIX['fr']!r}")
    assert not wrong, "\n".join(wrong)


def test_every_page_says_its_language_and_the_toggle_says_the_other(site_pages, app_pages):
    wrong = []
    for name, (path, facts) in _all(site_pages, app_pages).items():
        lang = _lang_of(path)
        other = "en" if lang == "fr" else "fr"
        if facts.lang != lang:
            wrong.append(f"{name}: <html lang={facts.lang!r}>, expected {lang!r}")
        if facts.toggle_lang != other or facts.toggle_hreflang != other:
            wrong.append(f"{name}: language toggle lang={facts.toggle_lang!r} hreflang={facts.toggle_hreflang!r}, expected {other!r}")
    assert not wrong, "\n".join(wrong)


def test_help_is_in_the_same_place_on_every_page(site_pages, app_pages):
    """WCAG 3.2.6: the help block (phone, TTY) in the same order among the page's parts, everywhere."""
    everything = _all(site_pages, app_pages)
    # The home and search pages have their search form in <main> instead of the header's (one
    # search box per page, issue #11 item 18); every page has one (tests/catalogue/test_site_pages.py).
    orders = defaultdict(list)
    for name, (_, facts) in everything.items():
        orders[tuple(p for p in facts.chrome if p != "search")].append(name)
    home = tuple(p for p in everything["/"][1].chrome if p != "search")
    assert "help" in home, f"the home page has no help block: {home}"
    different = {order: names[:5] for order, names in orders.items() if order != home}
    assert not different, f"pages whose parts are in another order than the home page's {home}: {different}"
    phones = {name: tuple(f.help_links) for name, (_, f) in everything.items()}
    assert len(set(phones.values())) == 1, f"help contacts differ between pages: {Counter(phones.values())}"
    assert any(h.startswith("tel:") for h in phones["/"]), "the help block has no phone link"


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ("<h1>A</h1><h3>B</h3>", "<h3> 'B' follows <h1>: a level is skipped"),
        ("<h1>A</h1><h1>B</h1>", "2 <h1> elements"),
        ("<h2>A</h2>", "0 <h1> elements"),
        ("<h3>A</h3><h1>B</h1>", "<h3> 'A' follows <h1>"),
    ],
)
def test_the_heading_check_catches_planted_faults(html, problem):
    assert any(problem in p for p in page_facts(html).heading_problems())


def test_the_facts_reader_on_a_planted_page():
    facts = page_facts("""<html lang="fr"><head><title>T</title></head><body><a class="gx-skip" href="#m">x</a>
      <header><a href="/" hreflang="en" lang="en">English</a><nav></nav></header><main><h1>T</h1><p>x<p>y</main>
      <footer><section class="gx-help"><a href="tel:311">311</a></section></footer></body></html>""")
    assert (facts.lang, facts.title, facts.toggle_lang) == ("fr", "T", "en")
    assert facts.chrome == ["skip link", "header", "navigation", "main", "footer", "help"]
    assert facts.help_links == ["tel:311"]
