"""The ``page_problem`` email: a resident said something is wrong on a page (forms_app/feedback).

To the page's department (the web team for a page that is no service's),
in the page's language: which page (its address on the site), what went
wrong, and the resident's comment as stored, already masked for personal
data (``guichet.comments``). Nothing else about the resident: no address to
reply to, no IP address, no time of day. Without Flask, like the rest of
the worker.
"""

from __future__ import annotations

from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage

from guichet.formats import format_date
from guichet.ui import FEEDBACK_REASON_TEXT as REASONS
from guichet.words import gettext

from ..store.feedback import Feedback
from .messages import new_message, with_bodies
from .settings import MailSettings
from .text import reading_order

def page_problem_message(feedback: Feedback, to: str, settings: MailSettings, outbox_id: int, now: datetime) -> EmailMessage:
    lang = reading_order(feedback.lang)[0]  # the page's language; the default one if the row's is unknown
    page_url = settings.link_base().rstrip("/") + feedback.path
    subject = gettext(lang, "A problem was reported on a web page: {page}", page=feedback.path)
    msg = new_message(subject, Address(addr_spec=to), settings, f"<page-problem.{outbox_id}@{settings.domain}>", now)
    reason = REASONS.get(feedback.reason or "", REASONS["other"])
    context = dict(
        w={"intro": gettext(lang, "A resident answered “No” to “Did you find what you needed?” on this page of the website, "
                                  "and said what went wrong. Check the page and correct it if needed."),
           "page": gettext(lang, "Web page"), "reason": gettext(lang, "What went wrong"),
           "comment": gettext(lang, "Their comment"), "day": gettext(lang, "Sent on"),
           "no_comment": gettext(lang, "(no comment)"),
           "privacy": gettext(lang, "Comments are masked for personal data before they are stored; we do not know who sent "
                                    "this and cannot reply to them.")},
        page_url=page_url, reason=gettext(lang, reason), comment=feedback.comment,
        day=format_date(feedback.day, lang),
    )
    return with_bodies(msg, "page_problem", lang, context, [])
