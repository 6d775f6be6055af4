"""One way to give a page its two languages, and to know a request's language.

Every blueprint registers its pages with ``localized(bp, rule, …)``:
``/status/`` for English, ``/fr/status/`` for French (one endpoint, the view
receives ``lang``, ``url_for(endpoint, lang=…)`` builds either address). A
page that a plain GET form reaches from every page of the static site (the
header's search box) may also take its language from the query
(``localized(…, lang_in_query=True)``: ``/search?lang=fr``).

``request_lang()`` is the one answer to "which language is this request in",
for views, error pages and templates alike. The addresses themselves are
written by ``guichet.urls`` (shared with the site build and the emails).
"""

from __future__ import annotations

from flask import Blueprint, Flask, current_app, request

from guichet import DEFAULT_LANGUAGE, LANGUAGES
from guichet.urls import split_language

LANG_IN_QUERY = "guichet_lang_in_query"  # a view attribute: this page also reads ?lang=


def localized(bp: Blueprint, rule: str, *, lang_in_query: bool = False, **options):
    """Register ``rule`` for English and, prefixed (``/fr/…``), for every other language.

    The view receives ``lang``; ``url_for(endpoint, lang=…)`` builds either URL.
    """
    others = ",".join(code for code in LANGUAGES if code != DEFAULT_LANGUAGE)

    def decorator(view):
        setattr(view, LANG_IN_QUERY, lang_in_query)
        bp.add_url_rule(rule, view_func=view, defaults={"lang": DEFAULT_LANGUAGE}, **options)
        bp.add_url_rule(f"/<any({others}):lang>{rule}", view_func=view, **options)
        return view

    return decorator


def request_lang() -> str:
    """The request's language: its view's ``lang``, else its path's prefix (a 404, an asset), else English."""
    lang = (request.view_args or {}).get("lang")
    if lang in LANGUAGES:
        return lang
    found, _ = split_language(request.path)
    return found or DEFAULT_LANGUAGE


def lang_from_query(endpoint: str | None, values: dict | None) -> None:
    """A ``lang_in_query`` page's ``?lang=`` (when it names a language) decides its language."""
    if values is None or endpoint is None:
        return
    view = current_app.view_functions.get(endpoint)
    asked = request.args.get("lang", "")
    if getattr(view, LANG_IN_QUERY, False) and asked in LANGUAGES:
        values["lang"] = asked


def init_app(app: Flask) -> None:
    app.url_value_preprocessor(lang_from_query)
