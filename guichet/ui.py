"""The page chrome shared by the static site and the forms app.

Both render ``overrides/partials/guichet-header.html`` and
``guichet-footer.html`` with the ``chrome`` mapping built here, so a
resident sees the same header, language toggle, search box and help line
everywhere (WCAG 3.2.6 consistent help). No Flask, no mkdocs.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from . import DEFAULT_LANGUAGE, LANGUAGES
from .i18n import in_language, pick
from .model.taxonomy import Taxonomy

STRINGS: dict[str, dict[str, str]] = {
    "error_prefix": {"en": "Error: ", "fr": "Erreur : "},  # before a page title when something went wrong
    "skip": {"en": "Skip to main content", "fr": "Passer au contenu principal"},
    "home": {"en": "Home", "fr": "Accueil"},
    "a_z": {"en": "A to Z", "fr": "De A à Z"},
    "topics": {"en": "Topics", "fr": "Sujets"},
    "menu": {"en": "Menu", "fr": "Menu"},
    "search": {"en": "Search", "fr": "Rechercher"},
    "search_label": {"en": "Search city services", "fr": "Rechercher un service municipal"},
    "language_name": {"en": "English", "fr": "Français"},
    # Read in the other language (the link carries its lang), so each ends with its own colon.
    "other_language_label": {"en": "Lire cette page en français\u00a0:", "fr": "Read this page in English:"},
    "help_title": {"en": "Need help?", "fr": "Besoin d'aide?"},
    "help_call": {"en": "Call", "fr": "Composez le"},
    "help_tty": {"en": "TTY", "fr": "ATS"},
    "status": {"en": "Check a request", "fr": "Suivre une demande"},
    "feedback": {"en": "Give a compliment or make a complaint", "fr": "Formuler une plainte ou un compliment"},
    "main_nav": {"en": "Main", "fr": "Principal"},
}


def t(key: str, lang: str) -> str:
    return pick(STRINGS, key, lang)


def other_language(lang: str) -> str:
    return next(code for code in LANGUAGES if code != lang)


def lang_prefix(lang: str) -> str:
    """URL prefix of a language: '' for English, '/fr' for French."""
    return "" if lang == DEFAULT_LANGUAGE else f"/{lang}"


def service_url(lang: str, slug: str, root: str = "/") -> str:
    """Where a service page lives: ``/services/<slug>/``, ``/fr/services/<slug>/``."""
    return f"{root.rstrip('/')}{lang_prefix(lang)}/services/{slug}/"


def form_url(lang: str, slug: str, root: str = "/") -> str:
    """Where its form lives (the forms app): ``/forms/<slug>/``, ``/fr/forms/<slug>/``."""
    return f"{root.rstrip('/')}{lang_prefix(lang)}/forms/{slug}/"


def a_z_url(lang: str, root: str = "/") -> str:
    return f"{root.rstrip('/')}{lang_prefix(lang)}/a-z/"


def split_language(path: str) -> tuple[str | None, str]:
    """``/fr/services/x/`` → ``("fr", "/services/x/")``; a path with no language prefix → ``(None, path)``.

    Only a whole first segment counts: ``/search`` and ``/french/`` carry no prefix.
    """
    path = "/" + path.lstrip("/")
    for code in LANGUAGES:
        prefix = lang_prefix(code)
        if prefix and (path == prefix or path.startswith(prefix + "/")):
            return code, path[len(prefix) :] or "/"
    return None, path


def translate_path(path: str, lang: str) -> str:
    """The same page in the other language: ``/services/x/`` ↔ ``/fr/services/x/``.

    Only a known language prefix is removed: a French page whose address
    has none (``/search?lang=fr``, its language in the query) keeps its
    path, ``/search`` → ``/search`` (the query's ``lang`` flips), and
    ``/search`` in English → ``/fr/search``.
    """
    _, bare = split_language(path)
    return lang_prefix(other_language(lang)) + bare


SCRIPTS = ("assets/javascripts/guichet-search.js",)  # progressive enhancement only; pages work without
CSS = "assets/stylesheets/guichet.css"  # the one stylesheet of the site and the app
FAVICON = "assets/favicon.svg"


def _other_query(query: str, other: str) -> str:
    """Keep a page's query (a search, a reference) across the language toggle."""
    pairs = [(k, other if k == "lang" else v) for k, v in parse_qsl(query)]
    return "?" + urlencode(pairs) if pairs else ""


def chrome(lang: str, path: str, taxonomy: Taxonomy | None, root: str = "/", query: str = "", css: str = CSS,
           header_search: bool = True) -> dict:
    """Everything the shared header and footer show, computed in Python.

    ``path`` is the current page's absolute path (``/fr/services/x/``),
    ``root`` the site's base URL, for sites served under a sub-path, and
    ``query`` the page's query string, kept by the language toggle,
    ``css`` the stylesheet's path under ``root``, and ``header_search``
    false on a page with its own search form (the home and search pages),
    so residents never see two.
    """
    root = root.rstrip("/")
    prefix = root + lang_prefix(lang)
    other = other_language(lang)
    site = taxonomy.site if taxonomy else None
    return {
        "lang": lang,
        "strings": in_language(STRINGS, lang),
        "site_name": site.name.get(lang) if site else "Guichet",
        "home_url": prefix + "/",
        "a_z_url": a_z_url(lang, root or "/"),
        "topics_url": prefix + "/topics/",
        "search_url": root + "/search",
        "header_search": header_search,
        "status_url": prefix + "/status/",
        "feedback_url": prefix + "/services/complaint-compliment/",
        "other_lang": other,
        "other_lang_name": t("language_name", other),
        "other_lang_label": t("other_language_label", lang),
        "other_lang_url": root + translate_path(path.removeprefix(root), lang) + _other_query(query, other),
        "scripts": [f"{root}/{src}" for src in SCRIPTS],
        "css_url": f"{root}/{css}",
        "favicon_url": f"{root}/{FAVICON}",
        "help_phone": site.help_phone if site else "311",
        "help_tty": site.help_tty if site else None,
        "help_hours": site.help_hours.get(lang) if site else "",
    }
