"""The results page as data: every word it shows, in both languages.

``results_page(response, …)`` returns the mapping the forms app's
``search/results.html`` renders, so the template holds no logic and the
site build could render the same page: the results (pages that answer),
then what another government handles (``elsewhere``), then "You may also
be looking for" (``related``), and when nothing answers, "No City service
matches “…”." with the A–Z link and the help line with its hours.
``help_json`` is the same help for the search script's live results.
"""

from __future__ import annotations

from ..i18n import Table, pick
from ..typography import typeset
from ..urls import a_z_url
from ..words import N_, ngettext
from .index import SearchResponse

STRINGS: Table = {
    "heading": N_("Search results"),
    "title_for": N_("Search results for “{q}”"),
    "form_label": N_("Search again"),
    "label": N_("Search city services"),
    "hint": N_("For example: dog licence, garbage day, pothole"),
    "button": N_("Search"),
    "count_0": N_("No City service matches “{q}”."),
    "related_heading": N_("You may also be looking for"),
    "elsewhere_heading": N_("Where to go"),
    "empty": N_("Type a few words about what you need, then press Search."),
    "corrected": N_("Showing results for “{q}”."),
    "results_label": N_("Results"),
    "other_lang_fr": N_("These pages are in French, the language of the words you typed."),
    "other_lang_en": N_("These pages are in English."),
    "none_title": N_("Other ways to find a service"),
    "none_spelling": N_("Check the spelling, or try fewer or other words."),
    "none_a_z": N_("Browse all services from A to Z"),
    "none_call": N_("Call {phone} and we will help you."),
    "none_tty": N_("TTY: {tty}."),
}


def t(key: str, lang: str, **values) -> str:
    return pick(STRINGS, key, lang, **values)


def count_text(n: int, query: str, lang: str) -> str:
    if n == 0:
        return t("count_0", lang, q=query)
    return ngettext(lang, "{n} result for “{q}”.", "{n} results for “{q}”.", n, q=query)


def corrected_query(response: SearchResponse) -> str | None:
    """The query with our spelling corrections, when we made any."""
    if not response.corrected:
        return None
    fixed = response.query
    for typed, used in response.corrected.items():
        fixed = " ".join(used if w.casefold() == typed else w for w in fixed.split())
    return fixed if fixed != response.query else None


def results_page(
    response: SearchResponse,
    help_phone: str,
    help_tty: str | None = None,
    help_hours: str = "",
    search_url: str = "/search",
    root: str = "",
) -> dict:
    """What ``search/results.html`` shows for one response."""
    lang, q = response.lang, response.query
    root = root.rstrip("/")
    fixed = corrected_query(response)
    heading = t("heading", lang)
    return {
        "lang": lang,
        "query": q,
        "heading": heading,
        "page_title": t("title_for", lang, q=q) if q else heading,  # the layout adds " – <site name>"
        "strings": {key: t(key, lang) for key in ("form_label", "label", "hint", "button", "results_label", "none_title",
                                                  "none_spelling", "none_a_z", "related_heading", "elsewhere_heading")},
        "search_url": search_url,
        "has_query": bool(q),
        "empty_text": t("empty", lang),
        "count_text": count_text(len(response.results), q, lang) if q else "",
        "corrected_text": t("corrected", lang, q=fixed) if fixed and response.results else "",
        "other_lang_text": t(f"other_lang_{response.results_lang}", lang) if response.results_lang != lang else "",
        "results_lang": response.results_lang if response.results_lang != lang else "",  # for lang="…" on each result
        "results": [
            {"title": r.title, "url": root + r.url, "summary": r.summary, "slug": r.slug} for r in response.results
        ],
        "related": [
            {"title": r.title, "url": root + r.url, "summary": r.summary, "slug": r.slug} for r in response.related
        ],
        "elsewhere": [
            {"explanation": e.explanation, "link_text": e.link_text, "url": e.url, "slug": e.slug} for e in response.elsewhere
        ],
        "a_z_url": a_z_url(lang, root or "/"),
        "call_text": t("none_call", lang, phone=help_phone),
        "tty_text": t("none_tty", lang, tty=help_tty) if help_tty else "",
        "help_hours": help_hours,
    }


def help_json(lang: str, help_phone: str, help_tty: str | None = None, help_hours: str = "", root: str = "") -> dict:
    """The no-match help of the page, for ``/search?format=json`` (the live results show it too)."""
    call = t("none_call", lang, phone=help_phone)
    parts = [call, t("none_tty", lang, tty=help_tty) if help_tty else "", help_hours]
    return {
        "elsewhere_heading": typeset(t("elsewhere_heading", lang), lang),
        "a_z_url": a_z_url(lang, root.rstrip("/") or "/"),
        "a_z_text": typeset(t("none_a_z", lang), lang),
        "help_text": typeset(" ".join(p for p in parts if p), lang),
    }


def results_json(response: SearchResponse, root: str, **facts) -> dict:
    """The ``/search?format=json`` answer of docs/search.md: the results, and the no-match help when
    nothing matched (``facts``: ``help_phone``, ``help_tty``, ``help_hours``). The forms app and the preview share it."""
    data = response.as_json(root)
    if response.query and not response.results:
        data["help"] = help_json(response.lang, root=root, **facts)
    return data
