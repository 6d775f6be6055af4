"""One way to route (docs/design.md, "Never"): every page in both languages through
``routing.localized``, one endpoint per page, and no address written by hand."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from guichet import DEFAULT_LANGUAGE, LANGUAGES
from guichet.urls import lang_prefix
from tests.support.html_tree import parse

ROOT = Path(__file__).resolve().parents[1]
PATHS = ("/status/", "/forms/", "/services/", "/topics/", "/audiences/", "/a-z/", "/search", "/privacy/")
PREFIXES = tuple(lang_prefix(code) + "/" for code in LANGUAGES if code != DEFAULT_LANGUAGE)  # "/fr/"
BUILDER = "guichet/urls.py"  # the one place that writes them


def hand_built(source: str) -> list[tuple[int, str]]:
    """f-strings and ``+`` joins whose literal text holds a page's path or a language prefix."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.JoinedStr):
            parts = [v for v in node.values if isinstance(v, ast.Constant)]
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            parts = [s for s in (node.left, node.right) if isinstance(s, ast.Constant)]
        else:
            continue
        for part in parts:
            if isinstance(part.value, str) and any(p in part.value for p in PATHS + PREFIXES):
                found.append((node.lineno, part.value))
    return found


def test_no_address_is_written_by_hand():
    found = [f"{path.relative_to(ROOT)}:{line}: {text!r}"
             for folder in ("guichet", "forms_app") for path in sorted((ROOT / folder).rglob("*.py"))
             if str(path.relative_to(ROOT)) != BUILDER and "migrations" not in path.parts
             for line, text in hand_built(path.read_text(encoding="utf-8"))]
    assert not found, "write these with guichet/urls.py or url_for:\n" + "\n".join(found)


@pytest.mark.parametrize("planted", [
    'url = f"{root}/status/?ref={ref}"',
    'url = root + "/search"',
    'url = f"/fr/forms/{slug}/"',
])
def test_a_hand_built_address_is_found(planted):
    assert hand_built(planted)


def test_every_page_has_one_endpoint_for_both_languages(app):
    rules: dict[str, list[str]] = {}
    for rule in app.url_map.iter_rules():
        rules.setdefault(rule.endpoint, []).append(rule.rule)
    assert not [e for e in rules if e.endswith(tuple(f"_{code}" for code in LANGUAGES))]
    localized = {e: r for e, r in rules.items() if any("<any(" in x and ":lang>" in x for x in r)}
    assert {"forms.form", "forms.done", "status.resident", "status.staff", "search.search"} <= set(localized)
    for endpoint, found in localized.items():
        bare = [x for x in found if ":lang>" not in x]
        assert len(bare) == 1 and any(x.endswith(bare[0]) and x != bare[0] for x in found), (endpoint, found)


@pytest.mark.parametrize(("url", "lang"), [
    ("/status/", "en"), ("/fr/status/", "fr"),
    ("/search?q=chien", "en"), ("/fr/search?q=chien", "fr"), ("/search?q=chien&lang=fr", "fr"),
    ("/forms/dog-licence/", "en"), ("/fr/forms/dog-licence/", "fr"),
    ("/fr/no-such-page/", "fr"),
])
def test_the_language_of_a_request(client, url, lang):
    reply = client.get(url)
    assert parse(reply).find("html").get("lang") == lang
