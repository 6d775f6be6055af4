"""One form's notice of collection, and what the website itself collects, in words.

The form page (forms_app) and the site's privacy page (guichet.build) show
the same notice: the form's ``privacy:`` block plus the privacy officer of
``catalogue/taxonomy.yml`` (MFIPPA s. 29(2): purpose, legal authority, and
whom to ask; Quebec's Law 25: retention). Everything is computed here; the
templates only print it.
"""

from __future__ import annotations

from ..i18n import Table, in_language, pick
from ..model.form import FormSpec
from ..model.taxonomy import PrivacyOfficer, Taxonomy
from ..urls import privacy_url
from ..words import N_

# The forms app's session cookie: Flask's default name, no Expires (it ends with the browser session),
# holding only the CSRF token (tests/privacy/test_privacy_page.py checks the app against these).
SESSION_COOKIE = "session"

NOTICE: Table = {
    "title": N_("How we use your information"),
    "purpose": N_("Why we ask"),
    "authority": N_("Legal authority"),
    "who_sees": N_("Who sees your answers"),
    "retention": N_("How long we keep them"),
    "access": N_("To see or correct your information"),
    "email": N_("Email"),
    "phone": N_("Phone"),
    "write": N_("Write to"),
    "privacy_page": N_("How this website protects your information"),
}


def officer_view(officer: PrivacyOfficer, lang: str) -> dict:
    """The privacy officer's contact, ready to print: name, mailto and tel links, address."""
    return {
        "name": officer.name.get(lang),
        "email": officer.email,
        "email_url": f"mailto:{officer.email}",
        "phone": officer.phone,
        "phone_url": "tel:" + "".join(c for c in officer.phone if c.isdigit() or c == "+"),
        "address": officer.address.get(lang),
    }


def notice_view(spec: FormSpec, taxonomy: Taxonomy | None, lang: str, root: str = "/") -> dict:
    """Everything a form's notice shows, in ``lang``: its parts as (label, text) and the contact."""
    notice = spec.privacy
    words = in_language(NOTICE, lang)
    officer = taxonomy.site.privacy_officer if taxonomy else None
    return {
        "title": words["title"],
        "parts": [
            {"id": "purpose", "label": words["purpose"], "text": notice.purpose.get(lang)},
            {"id": "authority", "label": words["authority"], "text": notice.authority.get(lang)},
            {"id": "who_sees", "label": words["who_sees"], "text": notice.who_sees.get(lang)},
            {"id": "retention", "label": words["retention"], "text": notice.retention.get(lang)},
        ],
        "officer": officer_view(officer, lang) if officer else None,
        "words": words,
        "privacy_url": privacy_url(lang, root),
    }


# What the website itself collects, whatever the form: the privacy page's second section.
SITE: Table = {
    "static": N_("The service pages, the lists of services and the search do not use cookies."),
    "cookie": N_("Online forms, and the page where you answer a question about your request, use one cookie, "
                 "named “{name}”. It protects your form from forgery and holds no information about you. "
                 "Your browser deletes it when you close it."),
    "no_ip": N_("We do not keep your IP address with anything you send us: forms, feedback or searches. "
                "To stop abuse, we count for a short time how often one connection sends something; "
                "these counts are deleted after a day at most."),
    "answers": N_("We keep the answers, files and contact details you send with a form encrypted, "
                  "for the time given for that form below, then we erase them. "
                  "After that, we keep only counts: which service, when, and how the request ended."),
    "feedback": N_("When you answer “Did you find what you needed?”, we keep the page, your answer (yes or no), "
                   "the reason you choose and your comment, with email addresses, phone numbers and other details "
                   "that could identify you removed. We keep the day, not the time, and no cookie."),
    "search": N_("When a search finds no City service, we count the words searched, with names, numbers and "
                 "addresses removed, their language, the kind of result and the month, for 13 months. "
                 "We do not keep who searched."),
}


def site_facts(lang: str) -> list[str]:
    """What the website itself collects, one sentence each, in ``lang``."""
    return [pick(SITE, key, lang, name=SESSION_COOKIE) for key in SITE]  # only "cookie" has a {name}
