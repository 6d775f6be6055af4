"""Every address a page, an email or the site build links to, written in one place.

English pages have no prefix, other languages ``/<lang>``: ``/services/x/``,
``/fr/services/x/``. ``root`` is where the site is served (``/``, or a
sub-path, or an absolute ``https://…/`` for links in emails). The forms app
registers its pages with ``forms_app.routing.localized``, which gives the same
shape. No Flask, no mkdocs: the site build, the app and the delivery worker
all call these.
"""

from __future__ import annotations

from urllib.parse import quote

from . import DEFAULT_LANGUAGE, LANGUAGES


def lang_prefix(lang: str) -> str:
    """URL prefix of a language: '' for English, '/fr' for French."""
    return "" if lang == DEFAULT_LANGUAGE else f"/{lang}"


def _base(lang: str, root: str) -> str:
    return root.rstrip("/") + lang_prefix(lang)


def home_url(lang: str, root: str = "/") -> str:
    return _base(lang, root) + "/"


def service_url(lang: str, slug: str, root: str = "/") -> str:
    """Where a service page lives: ``/services/<slug>/``, ``/fr/services/<slug>/``."""
    return f"{_base(lang, root)}/services/{slug}/"


def form_url(lang: str, slug: str, root: str = "/") -> str:
    """Where its form lives (the forms app): ``/forms/<slug>/``, ``/fr/forms/<slug>/``."""
    return f"{_base(lang, root)}/forms/{slug}/"


def a_z_url(lang: str, root: str = "/") -> str:
    return f"{_base(lang, root)}/a-z/"


def topics_url(lang: str, root: str = "/") -> str:
    return f"{_base(lang, root)}/topics/"


def privacy_url(lang: str, root: str = "/") -> str:
    """The site's privacy page, generated from every form's notice: ``/privacy/``, ``/fr/privacy/``."""
    return f"{_base(lang, root)}/privacy/"


def status_url(lang: str, root: str = "/", reference: str | None = None, reply: str | None = None) -> str:
    """The resident's status page (``/status/``, ``/fr/status/``), looking up ``reference`` when given;
    ``reply``: the signed token of the resident's reply link (only their email carries it)."""
    url = f"{_base(lang, root)}/status/"
    if not reference:
        return url
    return f"{url}?ref={quote(reference, safe='-')}" + (f"&reply={quote(reply, safe='')}" if reply else "")


def status_reply_url(lang: str, reference: str, token: str, root: str = "/") -> str:
    """Where a resident answers "waiting for you": ``/status/reply/?ref=…&reply=<token>``."""
    return f"{_base(lang, root)}/status/reply/?ref={quote(reference, safe='-')}&reply={quote(token, safe='')}"


def page_feedback_url(lang: str, root: str = "/") -> str:
    """Where every page's "Did you find what you needed?" form posts (the forms app): ``/feedback/``."""
    return f"{_base(lang, root)}/feedback/"


def staff_request_url(lang: str, reference: str, root: str = "/") -> str:
    """One request in the staff workspace: ``/staff/requests/<ref>/``."""
    return f"{_base(lang, root)}/staff/requests/{quote(reference, safe='-')}/"


def staff_queue_url(lang: str, root: str = "/", **filters: str) -> str:
    """The staff queue (``/staff/requests/``), filtered: ``status=open``, ``overdue=1``, …"""
    url = f"{_base(lang, root)}/staff/requests/"
    query = "&".join(f"{quote(k, safe='')}={quote(str(v), safe='')}" for k, v in filters.items())
    return f"{url}?{query}" if query else url


def staff_status_url(lang: str, token: str, root: str = "/") -> str:
    """The staff page a department email links to: ``/status/staff/<token>``."""
    return f"{_base(lang, root)}/status/staff/{token}"


def staff_sign_in_url(lang: str, token: str, root: str = "/") -> str:
    """The one-time link a staff sign-in email carries: ``/staff/sign-in/<token>``."""
    return f"{_base(lang, root)}/staff/sign-in/{token}"


def search_url(root: str = "/") -> str:
    """Where the header's search form sends its query; the form says the language (``lang=``),
    so one address serves a page of either language (``/fr/search`` works too)."""
    return root.rstrip("/") + "/search"


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


def other_language(lang: str) -> str:
    return next(code for code in LANGUAGES if code != lang)


def translate_path(path: str, lang: str) -> str:
    """The same page in the other language: ``/services/x/`` ↔ ``/fr/services/x/``.

    Only a known language prefix is removed: a French page whose address
    has none (``/search?lang=fr``, its language in the query) keeps its
    path, ``/search`` → ``/search`` (the query's ``lang`` flips), and
    ``/search`` in English → ``/fr/search``.
    """
    _, bare = split_language(path)
    return lang_prefix(other_language(lang)) + bare


def topic_url(lang: str, topic: str, root: str = "/") -> str:
    return f"{_base(lang, root)}/topics/{topic}/"


def audience_url(lang: str, audience: str, root: str = "/") -> str:
    return f"{_base(lang, root)}/audiences/{audience}/"
