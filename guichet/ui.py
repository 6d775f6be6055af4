"""The page chrome shared by the static site and the forms app.

Both render ``overrides/partials/guichet-header.html`` and
``guichet-footer.html`` with the ``chrome`` mapping built here, so a
resident sees the same header, language toggle, search box and help line
everywhere (WCAG 3.2.6 consistent help). No Flask, no mkdocs.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from .i18n import Table, in_language, pick
from .words import N_, NP_, word
from .model.taxonomy import Taxonomy
from .urls import (a_z_url, home_url, other_language, page_feedback_url, search_url, service_url, split_language, status_url,
                   topics_url, translate_path)
from .urls import privacy_url

STRINGS: Table = {
    "skip": N_("Skip to main content"),
    "home": N_("Home"),
    "a_z": N_("A to Z"),
    "topics": N_("Topics"),
    "menu": N_("Menu"),
    "search": N_("Search"),
    "search_label": N_("Search city services"),
    "help_title": N_("Need help?"),
    "help_call": N_("Call"),
    "help_tty": N_("TTY"),
    "status": N_("Check a request"),
    "feedback": N_("Give a compliment or make a complaint"),
    "privacy": N_("Privacy"),
    "main_nav": N_("Main"),
}


ERROR = N_("Error:")  # the forms say it too, before each error message
COLON = NP_("punctuation between a label and its value", ":")  # French: a no-break space before it
# The language toggle is read in the language it leads to: each catalogue names its own language.
LANGUAGE_NAME = NP_("this catalogue's language, named in itself", "English")
READ_IN = NP_("the language toggle's hidden label, in this catalogue's language", "Read this page in English:")


def t(key: str, lang: str) -> str:
    if key == "error_prefix":  # before a page title when something went wrong
        return word(lang, ERROR) + " "
    return pick(STRINGS, key, lang)


# Every page's "Did you find what you needed?" form (overrides/partials/guichet-feedback.html, forms_app/feedback).
FEEDBACK: Table = {
    "question": N_("Did you find what you needed?"),
    "yes": N_("Yes"),
    "no": N_("No"),
    "thanks": N_("Thank you for your feedback"),  # shown in place of the form when a script sent it
}
# A "No" answer's reasons (forms_app.store.schema.FEEDBACK_REASONS), as the resident chose them: the feedback
# page offers them and the "something is wrong" email to the page's department quotes them.
FEEDBACK_REASON_TEXT: Table = {
    "cant_find": N_("I could not find what I was looking for"),
    "hard_to_understand": N_("The page is hard to understand"),
    "something_wrong": N_("Something on the page is wrong or out of date"),
    "other": N_("Something else"),
}


NO_FEEDBACK = ("/staff/", "/status/staff/", "/feedback/", "/dev/")  # staff pages, the feedback pages, the dev mailbox


def bare_path(path: str, root: str = "/") -> str:
    """``path`` without the site's sub-path (``root``) and its language prefix: ``/fr/services/x/`` → ``/services/x/``."""
    root = root.rstrip("/")
    if root and (path == root or path.startswith(root + "/")):
        path = path[len(root):] or "/"
    return split_language(path)[1]


def asks_feedback(path: str, root: str = "/") -> bool:
    """A page that shows the feedback form: every page but the staff's and the feedback pages themselves."""
    return not bare_path(path, root).startswith(NO_FEEDBACK)


def feedback_form(lang: str, path: str, root: str = "/") -> dict:
    """The feedback form's words, where it posts and the page it is about (``path``, without its query)."""
    return {"action": page_feedback_url(lang, root), "page": path, **in_language(FEEDBACK, lang)}


SCRIPTS = ("assets/javascripts/guichet-search.js",)  # progressive enhancement only; pages work without
CSS = "assets/stylesheets/guichet.css"  # the one stylesheet of the site and the app
FAVICON = "assets/favicon.svg"


def _other_query(query: str, other: str) -> str:
    """Keep a page's query (a search, a reference) across the language toggle."""
    pairs = [(k, other if k == "lang" else v) for k, v in parse_qsl(query)]
    return "?" + urlencode(pairs) if pairs else ""


def chrome(lang: str, path: str, taxonomy: Taxonomy | None, root: str = "/", query: str = "", css: str = CSS,
           header_search: bool = True, feedback: bool = True) -> dict:
    """Everything the shared header and footer show, computed in Python.

    ``path`` is the current page's absolute path (``/fr/services/x/``),
    ``root`` the site's base URL, for sites served under a sub-path, and
    ``query`` the page's query string, kept by the language toggle,
    ``css`` the stylesheet's path under ``root``, and ``header_search``
    false on a page with its own search form (the home and search pages),
    so residents never see two, and ``feedback`` false on a page that
    must not ask "Did you find what you needed?" (staff pages, the
    feedback pages themselves).
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
        "privacy_url": privacy_url(lang, root or "/"),
        "other_lang": other,
        "other_lang_name": word(other, LANGUAGE_NAME),
        "other_lang_label": word(other, READ_IN),
        "other_lang_url": root + translate_path(path.removeprefix(root), lang) + _other_query(query, other),
        "scripts": [f"{root}/{src}" for src in SCRIPTS],
        "css_url": f"{root}/{css}",
        "favicon_url": f"{root}/{FAVICON}",
        "help_phone": site.help_phone if site else "311",
        "help_tty": site.help_tty if site else None,
        "help_hours": site.help_hours.get(lang) if site else "",
        "feedback": feedback_form(lang, path, root or "/") if feedback and asks_feedback(path, root) else None,
    }
