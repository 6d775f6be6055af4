"""The worker's HTTP branch: one ``webhook`` outbox row → one signed POST (``webhooks.py``).

Same lease check, same outcome names and the same retry / give-up / admin
alert path (``Worker._failed``) as an email; only the transport differs.
The webhook id is ``msg_<outbox id>``: every retry of a row carries the same
one, so a receiver that saw it already can answer 2xx and drop it.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from ..store.records import OutboxItem, Submission
from ..store.references import format_reference
from .messages import status_url
from .retry import Failure
from .settings import MailSettings
from .webhooks import iso, payload, post

Worker = Any  # the delivery worker (worker.py imports this module; no import back)

log = logging.getLogger(__name__)


def webhook_id(item: OutboxItem) -> str:
    return f"msg_{item.id}"


def build(worker: Worker, item: OutboxItem, sub: Submission, mail: MailSettings) -> bytes:
    """The row's JSON body: ``request.created``, or ``request.status_changed`` for a row with a status event."""
    facts = worker.store.request_facts(sub.id)
    if facts is None:
        raise LookupError("webhook about a missing request")
    if item.event_id is not None:
        event = worker.store.status_event(item.event_id)
        if event is None:
            raise LookupError("webhook about a missing status event")
        kind, at, status = "request.status_changed", event.at, event.status
    else:
        kind, at, status = "request.created", sub.created_at, "received"
    return payload(kind, at, {
        "reference": format_reference(sub.reference),
        "service_code": sub.service,
        "service_name": sub.service_title,
        "department": sub.department,
        "channel": facts["channel"],
        "status": status,
        "requested_datetime": iso(sub.created_at),
        "expected_datetime": iso(facts["due_on"]),
        "lang": sub.lang,
        "status_url": status_url(mail, sub.reference, sub.lang),
    })


def send_webhook(worker: Worker, item: OutboxItem, sub: Submission | None, mail: MailSettings) -> str:
    """POST one claimed row; its outcome as the worker counts it (sent, retry, failed, given_up, skipped)."""
    about = worker._about(item, sub)
    if worker.clock() + worker.margin >= item.lease_until:
        log.warning("lease too short to send %s: left for later", about)
        return "skipped"
    target = worker.webhooks.get(item.department or "")
    if target is None:  # the setting lost this department since the row was queued
        return worker._failed(item, sub, Failure(permanent=True, error="no webhook set for this department (WEBHOOKS)"))
    if sub is None:
        return worker._failed(item, sub, Failure(permanent=True, error="webhook about no request"))
    try:
        body = build(worker, item, sub, mail)
    except Exception as exc:  # a bug or bad stored data, not the receiver: retry later, loudly
        log.error("building failed %s error=%s", about, type(exc).__name__)
        return worker._failed(item, sub, Failure(permanent=False, error=f"building the webhook failed: {type(exc).__name__}"))
    sent_at = int(time.time())  # the receiver checks it against its own clock, not the worker's (injectable) one
    failure = post(target, webhook_id(item), sent_at, body, worker.webhook_timeout)
    if failure is not None:
        return worker._failed(item, sub, failure)
    if not worker.store.outbox.mark_sent(item):
        log.warning("sent but lease lost %s (another worker may resend)", about)
    log.info("sent %s attempt=%d", about, item.attempts)
    return "sent"
