"""The workspace's shared words: channels, statuses as staff read them, contact preferences, history kinds.

Statuses come from ``forms_app/status/text.py`` (``status_label(…, staff=True)``), so the
signed email link, the queue and the request page name a status the same way.
"""

from __future__ import annotations

from datetime import date

from guichet import LANGUAGES
from guichet.formats import format_date
from guichet.words import N_, gettext, word

from ..status.text import status_label

CHANNEL_LABELS = {
    "web": N_("Online"),
    "phone": N_("Phone"),
    "in_person": N_("In person"),
    "mail": N_("Mail"),
    "api": N_("Another system"),
}

CONTACT_LABELS = {
    "email": N_("Email"),
    "phone": N_("Phone"),
    "status_page": N_("Status page only"),
}

LANGUAGE_NAMES = {"en": N_("English"), "fr": N_("French")}

EMAIL_LABELS = {
    "department": N_("Request sent to the department"),
    "resident_copy": N_("Confirmation sent to the resident"),
    "status_update": N_("Status update sent to the resident"),
    "resident_reply": N_("Resident's reply sent to the department"),
    "admin_alert": N_("Delivery problem reported to the web administrator"),
}

EMAIL_STATES = {"pending": N_("waiting to be sent"), "sent": N_("delivered"), "failed": N_("not sent yet, retrying"),
                "given_up": N_("could not be sent")}


def channel_label(channel: str, lang: str) -> str:
    return word(lang, CHANNEL_LABELS[channel]) if channel in CHANNEL_LABELS else channel


def staff_status(status: str, lang: str) -> str:
    return status_label(status, lang, staff=True)


def contact_label(contact: str, lang: str) -> str:
    return word(lang, CONTACT_LABELS[contact])


def language_name(code: str, lang: str) -> str:
    return word(lang, LANGUAGE_NAMES[code]) if code in LANGUAGE_NAMES and code in LANGUAGES else code


def email_label(kind: str, state: str, lang: str) -> str:
    what = word(lang, EMAIL_LABELS[kind]) if kind in EMAIL_LABELS else kind
    how = word(lang, EMAIL_STATES[state]) if state in EMAIL_STATES else state
    return gettext(lang, "{what} ({how})", what=what, how=how)


def day_text(day: date | None, lang: str) -> str:
    return format_date(day, lang) if day else ""
