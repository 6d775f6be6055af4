"""The retention warning to the administrator: open requests ``flask purge`` will erase in a week.

Without Flask, like the rest of the worker (``delivery/worker.py`` builds it when it sends the
``retention_warning`` row; ``store/retention.warn_open`` queued it). References, services, statuses,
dates and counts only: never an answer, a name or an address. In English then French.
"""

from __future__ import annotations

from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage

from guichet.formats import format_number
from guichet.urls import staff_request_url
from guichet.words import N_, gettext

from ..delivery.messages import LANGUAGE_BREAK, new_message, typeset_text, with_language
from ..delivery.settings import MailSettings
from ..delivery.text import reading_order
from ..status.text import format_when, status_label
from ..store.references import format_reference

SUBJECT = N_("Personal data of {n} open request(s) will be erased in a week")
WORDS = {
    "intro": N_("These requests are still open long past their form's retention period. Unless they are completed "
                "or closed first, flask purge will erase their answers, contact details and files from the date shown. "
                "The reference, service, dates and statuses stay."),
    "count": N_("Requests to be erased: {count}"),
    "row": N_("{ref} – {service} – {status} – erased from {when}"),
    "act": N_("To keep a request's answers for its form's retention period, complete or close it. Guichet sends "
              "this list once."),
}


def retention_warning_message(rows: list[tuple[str, str, str, datetime]], to: str, settings: MailSettings,
                              outbox_id: int, when: datetime) -> EmailMessage:
    """``rows``: (reference, service, status, erased from), from ``store.retention.warning_list``."""
    langs = reading_order("en")
    subject = " / ".join(gettext(lang, SUBJECT, n=format_number(len(rows), lang)) for lang in langs)
    msg = new_message(subject, Address(addr_spec=to), settings, f"<retention-{outbox_id}@{settings.domain}>", when)
    halves = []
    for lang in langs:
        lines = [gettext(lang, WORDS["intro"]), "",
                 gettext(lang, WORDS["count"], count=format_number(len(rows), lang))]
        for ref, service, status, erase_from in rows:
            shown = format_reference(ref)
            lines.append("- " + gettext(lang, WORDS["row"], ref=shown, service=service, status=status_label(status, lang, staff=True),
                                        when=format_when(erase_from, lang, settings.timezone)))
            lines.append("  " + staff_request_url(lang, shown, settings.link_base()))
        lines += ["", gettext(lang, WORDS["act"])]
        halves.append("\n".join(lines))
    msg.set_content(typeset_text(LANGUAGE_BREAK.join(halves), langs) + "\n")
    return with_language(msg, langs)
