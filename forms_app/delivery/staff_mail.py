"""The department's emails from the staff workspace: a resident's reply, and the daily digest.

Without Flask, like the rest of the worker. A reply goes to the department in
the request's language (like the request itself), with the resident's message,
their files attached under the app's own names (``messages.read_files``), and
links to the request in the workspace and to the signed status page. The
digest is in both languages, English first (a mailbox has no language), and
its counts are made as it is built (``store.digest``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage

from guichet.formats import format_date, format_number
from guichet.typography import french_html, typeset
from guichet.urls import staff_queue_url, staff_request_url
from guichet.words import gettext

from ..status.text import format_when
from ..store.addresses import single_address
from ..store.digest import DigestCounts
from ..store.messages import Message
from ..store.records import Submission
from ..store.references import format_reference
from .messages import LANGUAGE_BREAK, new_message, read_files, staff_url, with_bodies, with_language
from .settings import MailSettings
from .templating import render
from .text import reading_order


def resident_reply_message(sub: Submission, message: Message, to: str, settings: MailSettings) -> EmailMessage:
    """The resident's answer to "waiting for you", to the department's mailbox, files attached."""
    lang, ref = sub.lang, format_reference(sub.reference)
    msg = new_message(gettext(lang, "Reply from the resident: {service} – {ref}", service=sub.service_title, ref=ref),
                      Address(addr_spec=to), settings, f"<sub-{sub.reference}.reply{message.id}@{settings.domain}>",
                      message.at)
    msg["X-Guichet-Reference"] = ref
    msg["References"] = f"<sub-{sub.reference}@{settings.domain}>"  # the thread of the request's own email
    reply_to = single_address(sub.reply_to)
    if reply_to is not None:
        msg["Reply-To"] = reply_to
    files = read_files(replace(sub, attachments=message.attachments), settings.upload_dir, settings.keyring)
    base = settings.link_base()
    context = dict(
        w={"intro": gettext(lang, "The resident replied about request {ref} ({service}), which was waiting for them.",
                            ref=ref, service=sub.service_title),
           "sent_on": gettext(lang, "Sent on"), "message": gettext(lang, "Their reply"), "files": gettext(lang, "Attached files"),
           "file_missing": gettext(lang, "could not be read on the server; ask the web administrator"),
           "workspace": gettext(lang, "Open the request in the staff workspace"),
           "status": gettext(lang, "Or update its status with the link from the department email")},
        body=message.body, when=format_when(message.at, lang, settings.timezone),
        request_link=staff_request_url(lang, ref, base), status_link=staff_url(settings, sub.reference, lang),
    )
    return with_bodies(msg, "resident_reply", lang, context, files)


def digest_message(department: str, counts: DigestCounts, today, to: str, settings: MailSettings, outbox_id: int,
                   now: datetime) -> EmailMessage:
    """Open, overdue and waiting-for-resident counts, each with a link to the queue filtered so."""
    langs = reading_order("en")
    base = settings.link_base()
    subject = " / ".join(gettext(lang, "Daily requests: {department}", department=settings.department_name(department, lang))
                         for lang in langs)
    msg = new_message(subject, Address(addr_spec=to), settings, f"<digest-{department}.{outbox_id}@{settings.domain}>", now)
    sections = []
    for lang in langs:
        rows = [
            (gettext(lang, "Open requests"), counts.open, staff_queue_url(lang, base, status="open")),
            (gettext(lang, "Overdue"), counts.overdue, staff_queue_url(lang, base, status="open", overdue="1")),
            (gettext(lang, "Waiting for the resident"), counts.waiting, staff_queue_url(lang, base, status="waiting_for_you")),
        ]
        sections.append({
            "lang": lang,
            "intro": gettext(lang, "{department}: your requests on {day}.", department=settings.department_name(department, lang),
                             day=format_date(today, lang)),
            "rows": [{"label": label, "count": format_number(n, lang), "url": url} for label, n, url in rows],
            "all": gettext(lang, "See every request:"), "all_url": staff_queue_url(lang, base),
        })
    text = LANGUAGE_BREAK.join(typeset(render("digest.txt", s=s), s["lang"]) for s in sections)
    msg.set_content(text)
    msg.add_alternative(french_html(render("digest.html", page_lang=langs[0], sections=sections)), subtype="html")
    return with_language(msg, langs)
