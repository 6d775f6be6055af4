"""The results page as data: every word it shows, in both languages.

``results_page(response, …)`` returns the mapping the forms app's
``search/results.html`` renders, so the template holds no logic and the
site build could render the same page.
"""

from __future__ import annotations

from ..i18n import pick
from ..urls import a_z_url
from .index import SearchResponse

STRINGS: dict[str, dict[str, str]] = {
    "heading": {"en": "Search results", "fr": "Résultats de recherche"},
    "title_for": {"en": "Search results for “{q}”", "fr": "Résultats de recherche pour « {q} »"},
    "form_label": {"en": "Search again", "fr": "Nouvelle recherche"},
    "label": {"en": "Search city services", "fr": "Rechercher un service municipal"},
    "hint": {"en": "For example: dog licence, garbage day, pothole", "fr": "Par exemple : licence pour chien, collecte des ordures, nid-de-poule"},
    "button": {"en": "Search", "fr": "Rechercher"},
    "count_0": {"en": "No results for “{q}”.", "fr": "Aucun résultat pour « {q} »."},
    "count_1": {"en": "1 result for “{q}”.", "fr": "1 résultat pour « {q} »."},
    "count_n": {"en": "{n} results for “{q}”.", "fr": "{n} résultats pour « {q} »."},
    "empty": {"en": "Type a few words about what you need, then press Search.", "fr": "Écrivez quelques mots sur ce dont vous avez besoin, puis appuyez sur Rechercher."},
    "corrected": {"en": "Showing results for “{q}”.", "fr": "Résultats affichés pour « {q} »."},
    "results_label": {"en": "Results", "fr": "Résultats"},
    "other_lang_fr": {"en": "These pages are in French, the language of the words you typed.", "fr": "Ces pages sont en français."},
    "other_lang_en": {"en": "These pages are in English.", "fr": "Ces pages sont en anglais, la langue des mots que vous avez tapés."},
    "none_title": {"en": "Other ways to find a service", "fr": "Autres façons de trouver un service"},
    "none_spelling": {"en": "Check the spelling, or try fewer or other words.", "fr": "Vérifiez l'orthographe, ou essayez moins de mots ou d'autres mots."},
    "none_a_z": {"en": "Browse all services from A to Z", "fr": "Parcourir tous les services de A à Z"},
    "none_call": {"en": "Call {phone} and we will help you.", "fr": "Composez le {phone} et nous vous aiderons."},
    "none_tty": {"en": "TTY: {tty}.", "fr": "ATS : {tty}."},
}


def t(key: str, lang: str, **values) -> str:
    return pick(STRINGS, key, lang, **values)


def count_text(n: int, query: str, lang: str) -> str:
    key = "count_0" if n == 0 else "count_1" if n == 1 else "count_n"
    return t(key, lang, n=n, q=query)


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
        "strings": {key: t(key, lang) for key in ("form_label", "label", "hint", "button", "results_label", "none_title", "none_spelling", "none_a_z")},
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
        "a_z_url": a_z_url(lang, root or "/"),
        "call_text": t("none_call", lang, phone=help_phone),
        "help_phone": help_phone,
        "tty_text": t("none_tty", lang, tty=help_tty) if help_tty else "",
        "help_hours": help_hours,
    }
