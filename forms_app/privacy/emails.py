"""The emails Guichet sent about a request, rebuilt for an export from the same builders the worker uses.

An export says what each email said: the resident's own emails (the confirmation and the status updates)
are rebuilt whole, text part, with the signed reply link cut (``reply=…``: an export travels; the link
would let its holder answer for the resident). Emails to the department's mailbox and webhooks repeat the
answers and replies the export already holds, and carry signed staff links: only their subject is rebuilt.
An erased request's emails rebuild from what is left (no answers, no address). A row the builders
cannot rebuild keeps its kind, dates and status.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from ..delivery import messages, staff_mail
from ..delivery.settings import MailSettings
from ..store.privacy import Held

log = logging.getLogger(__name__)

REPLY_TOKEN = re.compile(r"([?&]reply=)[^\s&<>\"')\]]+")
WHOLE = ("resident_copy", "status_update")  # the resident's own emails: the text they received
PLACEHOLDER = "erased@guichet.invalid"  # the To: of a rebuilt email whose address was erased (never sent)


@dataclass(frozen=True)
class Rebuilt:
    subject: str
    text: str | None  # the text part; None: subject only (see the module's note)


def rebuild(store, held: Held, mail: MailSettings) -> dict[int, Rebuilt]:
    """Each outbox row's email, by row id, when the builders can make it again."""
    sub = store.submission(held.submission_id)
    found: dict[int, Rebuilt] = {}
    if sub is None:
        return found
    for email in held.emails:
        try:
            msg = _build(store, sub, email, email.to or PLACEHOLDER, mail)
        except Exception as exc:  # noqa: BLE001 - an export never fails for one email; the kind and error class only
            log.warning("privacy export: email not rebuilt kind=%s error=%s", email.kind, type(exc).__name__)
            continue
        if msg is None:
            continue
        text = None
        if email.kind in WHOLE:
            body = msg.get_body(preferencelist=("plain",))
            text = REPLY_TOKEN.sub(r"\1…", body.get_content()) if body is not None else None
        found[email.id] = Rebuilt(str(msg["Subject"]), text)
    return found


def _build(store, sub, email, to: str, mail: MailSettings):
    if email.kind == "department":
        return messages.department_message(sub, to, mail)
    if email.kind == "resident_copy":
        return messages.resident_copy_message(sub, to, mail)
    if email.kind == "status_update" and email.event_id is not None:
        event = store.status_event(email.event_id)
        return messages.status_update_message(sub, event, to, mail, email.id) if event is not None else None
    if email.kind == "resident_reply" and email.message_id is not None:
        message = store.messages.get(email.message_id)
        return staff_mail.resident_reply_message(sub, message, to, mail) if message is not None else None
    return None  # webhooks, admin alerts: no email of the resident's
