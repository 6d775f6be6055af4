"""The page chrome shared by the static site and the forms app.

Both render ``overrides/partials/guichet-header.html`` and
``guichet-footer.html`` with the ``chrome`` mapping built here, so a
resident sees the same header, language toggle, search box and help line
everywhere (WCAG 3.2.6 consistent help). No Flask, no mkdocs.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from .i18n import in_language, pick
from .model.taxonomy import Taxonomy
from .urls import a_z_url, home_url, other_language, search_url, service_url, status_url, topics_url, translate_path

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
    other = other_language(lang)
    site = taxonomy.site if taxonomy else None
    return {
        "lang": lang,
        "strings": in_language(STRINGS, lang),
        "site_name": site.name.get(lang) if site else "Guichet",
        "home_url": home_url(lang, root or "/"),
        "a_z_url": a_z_url(lang, root or "/"),
        "topics_url": topics_url(lang, root or "/"),
        "search_url": search_url(root or "/"),
        "header_search": header_search,
        "status_url": status_url(lang, root or "/"),
        "feedback_url": service_url(lang, "complaint-compliment", root or "/"),
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
