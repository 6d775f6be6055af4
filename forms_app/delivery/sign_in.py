"""The staff sign-in email, and the admin alert about an email that belongs to no request.

Without Flask, like the rest of the worker. The sign-in email carries a
one-time link (``forms_app/staff/links.py``: the link row's id and address,
signed now with ``SECRET_KEY``) in both languages, the one it was asked in
first; each half links to the sign-in page of its own language.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage

from guichet.i18n import Table, pick
from guichet.typography import french_html
from guichet.urls import staff_sign_in_url
from guichet.words import N_

from ..staff.links import make_sign_in_token  # Flask-free: the worker never loads the staff pages
from ..store.records import OutboxItem
from ..store.staff import SignInLink
from .messages import alert_sections, new_message, typeset_text, with_language
from .settings import MailSettings
from .templating import render
from .text import et, reading_order

SIGN_IN_WORDS: Table = {
    "subject": N_("Your link to sign in to the staff workspace"),
    "intro": N_("Someone, probably you, asked to sign in to the {site} staff workspace with this address."),
    "button": N_("Sign in with this link:"),
    "once": N_("This link works once, for {minutes} minutes, and only for this address."),
    "ignore": N_("If you did not ask for it, ignore this email: nobody can sign in without the link. "
                 "Do not forward it."),
    # the administrator's alert about an email that belongs to no request
    "alert_subject": N_("Undeliverable: message {id} ({kind})"),
    "not_shown": N_("(not shown; see the outbox row)"),
}


def sw(key: str, lang: str, **values) -> str:
    return pick(SIGN_IN_WORDS, key, lang, **values)


def sign_in_message(link: SignInLink, to: str, settings: MailSettings) -> EmailMessage:
    """The one-time sign-in link, in both languages (the one asked in first); no Reply-To: nobody reads replies."""
    langs = reading_order(link.lang)
    token = make_sign_in_token(settings.secret_key, link.id, link.email)
    minutes = max(1, settings.sign_in_max_age // 60)
    msg = new_message(" / ".join(sw("subject", lang) for lang in langs), Address(addr_spec=to), settings,
                      f"<sign-in-{link.id}@{settings.domain}>", link.created_at)
    sections = [{"lang": lang, "intro": sw("intro", lang, site=settings.site_name[lang]), "button": sw("button", lang),
                 "url": staff_sign_in_url(lang, token, settings.link_base()), "once": sw("once", lang, minutes=minutes),
                 "ignore": sw("ignore", lang), "city": settings.site_name[lang]} for lang in langs]
    text = render("sign_in.txt", sections=sections)
    msg.set_content(typeset_text(text, langs))
    msg.add_alternative(french_html(render("sign_in.html", page_lang=link.lang, sections=sections)), subtype="html")
    return with_language(msg, langs)


def row_alert_message(failed: OutboxItem, to: str, settings: MailSettings) -> EmailMessage:
    """The admin alert about an undeliverable row that belongs to no request (a sign-in link, a digest):
    its id, kind, outcome and error; never the address it was for."""
    msg = new_message(sw("alert_subject", "en", id=failed.id, kind=failed.kind), Address(addr_spec=to), settings,
                      f"<alert-row{failed.id}@{settings.domain}>", datetime.now(UTC))
    sections = alert_sections(failed, lambda lang: [(et("alert_kind", lang), failed.kind),
                                                    (et("alert_to", lang), sw("not_shown", lang))])
    msg.set_content(render("admin_alert.txt", sections=sections, outbox_id=failed.id).rstrip() + "\n")
    return with_language(msg, reading_order("en"))
