"""The site's privacy page (``/privacy/``, ``/fr/privacy/``), generated from every form's notice.

Like the A–Z and topic pages (``pages.py``): a view-model computed here,
one template (``templates/privacy.html``) that only prints it. It says
whom to ask for access or correction (the taxonomy's privacy officer),
what the website itself collects, then, for every form, its purpose,
legal authority, who sees the answers and how long they are kept.
"""

from __future__ import annotations

import unicodedata

from ..i18n import Table, in_language
from ..model.catalogue import Catalogue
from ..privacy.notice import NOTICE, notice_view, officer_view, site_facts
from ..ui import COLON
from ..urls import service_url
from ..words import N_, word

SRC = "privacy.md"  # → /privacy/, /fr/privacy/ (pages.py places it per language)

WORDS: Table = {
    "title": N_("Privacy and your information"),
    "intro": N_("This page explains what we collect through this website, why, under which law, "
                "who sees it and how long we keep it. It is written from the notices shown on each online form."),
    "officer_title": N_("To see or correct your information"),
    "officer_intro": N_("You can ask to see the information we hold about you, to correct it or to have it erased. "
                        "Contact our privacy officer. Give your request's reference number if you have one."),
    "site_title": N_("What this website collects"),
    "forms_title": N_("What each online form collects"),
}


def _sort_key(title: str) -> str:
    return unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().casefold()


def privacy_view(catalogue: Catalogue, lang: str, root: str = "/") -> dict:
    words = in_language(WORDS, lang)
    tax = catalogue.taxonomy
    forms = []
    for slug, service in catalogue.services.items():
        if service.form is None or lang not in service.pages:
            continue
        title = service.pages[lang].meta.title
        notice = notice_view(service.form, tax, lang, root)
        forms.append({"id": f"form-{slug}", "title": title, "url": service_url(lang, slug, root), "parts": notice["parts"]})
    forms.sort(key=lambda f: _sort_key(f["title"]))
    officer = tax.site.privacy_officer if tax else None
    return {
        "title": words["title"],
        "intro": words["intro"],
        "words": {**words, **{f"notice_{k}": v for k, v in in_language(NOTICE, lang).items()}},
        "colon": word(lang, COLON),
        "officer": officer_view(officer, lang) if officer else None,
        "site_facts": site_facts(lang),
        "forms": forms,
    }
