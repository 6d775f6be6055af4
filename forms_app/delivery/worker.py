"""The delivery worker: claim due outbox rows, send them, record the outcome.

``Worker.run_once()`` drains what is due now (``deliver --once``);
``run_forever()`` polls. Several workers may run against one database:
rows are claimed under a lease (see ``store.outbox``), and a worker never
starts sending a row whose lease could run out before the send finishes.
A round tries each row at most once and ends at the first connection that
fails (the rest of the backlog waits for the next round, which comes later
and later while the server stays down); once ``stop`` is set, the worker
finishes the message in hand and gives back the rows it has not tried.
Logs name only the reference, service, kind and outcome; a row about no
request (a staff sign-in link, a digest) by its kind and id (``kind=sign_in id=7``),
never the address it goes to.
"""

from __future__ import annotations

import logging
import os
import secrets
import smtplib
import socket
import threading
import traceback
from collections import Counter
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

from guichet.business_days import local_date

from ..privacy.mail import retention_warning_message
from ..store.records import OutboxItem, Submission
from ..store.retention import warning_list
from ..store.references import format_reference
from ..store.store import Store
from ..store.addresses import single_address
from . import messages, page_problem, sign_in, staff_mail
from .retry import Failure, classify
from .settings import MailSettings, WorkerSettings
from .smtp import SmtpSender, SmtpSettings
from .webhook_send import send_webhook
from .webhooks import WebhookTarget

log = logging.getLogger(__name__)

MAX_BACKOFF = 300.0  # seconds: a mail server down for hours costs one connection try every 5 minutes


def frames(exc: BaseException) -> str:
    """Where an exception happened, without its message (which may hold personal data)."""
    return "".join(traceback.format_tb(exc.__traceback__)).rstrip()


class Worker:
    def __init__(self, store: Store, mail: MailSettings, smtp: SmtpSettings, settings: WorkerSettings = WorkerSettings(),
                 clock: Callable[[], datetime] | None = None, owner: str | None = None,
                 stop: threading.Event | None = None, webhooks: Mapping[str, WebhookTarget] | None = None,
                 webhook_timeout: float = 10.0):
        self.store = store
        self.webhooks = dict(webhooks or {})  # department id → its system's address and secret (WEBHOOKS)
        self.webhook_timeout = webhook_timeout
        self.stop = stop if stop is not None else threading.Event()
        self.unreachable = False  # the last round ended on a connection that failed
        self.mail = mail
        self.smtp = smtp
        self.settings = settings
        self.clock = clock or store.clock
        self.owner = owner or f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
        # Do not start a send that might still be running when the lease ends.
        self.margin = timedelta(seconds=3 * max(smtp.timeout, webhook_timeout if self.webhooks else 0))
        if settings.lease <= self.margin:
            raise ValueError("DELIVERY_LEASE must be more than 3 × SMTP_TIMEOUT"
                             + (" and 3 × WEBHOOK_TIMEOUT" if self.webhooks else ""))

    def run_once(self) -> Counter:
        """Send what is due now, including admin alerts raised on the way; return outcome counts.

        Each row is tried at most once (a row due again already, after a short retry delay,
        waits for the next round); the round ends early when the mail server cannot be
        reached or ``stop`` is set."""
        outcomes: Counter = Counter()
        tried: set[int] = set()
        self.unreachable = False
        while not self.stop.is_set():
            batch = self.store.outbox.claim_due(self.owner, self.settings.batch_size, self.settings.lease)
            again = [item.id for item in batch if item.id in tried]
            if again:
                self.store.outbox.release(self.owner, again)
            fresh = [item for item in batch if item.id not in tried]
            if not fresh:
                break
            tried.update(item.id for item in fresh)
            if not self._send_batch(fresh, outcomes):
                break
        return outcomes

    def _send_batch(self, batch: list[OutboxItem], outcomes: Counter) -> bool:
        """Send claimed rows over one connection; False when the round must end (unreachable, stopping)."""
        subs = self.store.submissions([item.submission_id for item in batch if item.submission_id is not None])
        mail = self.mail.with_link_base()  # development's served-url file: one read per batch
        hooks = [item for item in batch if item.kind == "webhook"]  # over HTTP, not the SMTP connection
        for i, item in enumerate(hooks):
            if self.stop.is_set():
                rest = [h.id for h in hooks[i:]] + [m.id for m in batch if m.kind != "webhook"]
                outcomes["released"] += self.store.outbox.release(self.owner, rest)
                return False
            outcomes[send_webhook(self, item, self._submission(item, subs), mail)] += 1
        batch = [item for item in batch if item.kind != "webhook"]
        if not batch:
            return True
        with SmtpSender(self.smtp) as sender:
            for i, item in enumerate(batch):
                if self.stop.is_set():
                    if released := self.store.outbox.release(self.owner, [rest.id for rest in batch[i:]]):
                        outcomes["released"] += released
                    return False
                if not sender.connected:  # at the start, or the server hung up (after a 421, …)
                    try:
                        sender.connect()
                    except (smtplib.SMTPException, OSError) as exc:
                        failure = classify(exc)  # unreachable: the rest of the batch waits too
                        for rest in batch[i:]:
                            outcomes[self._failed(rest, self._submission(rest, subs), failure)] += 1
                        self.unreachable = True
                        return False
                outcomes[self._deliver(sender, item, self._submission(item, subs), mail)] += 1
        return True

    def backoff(self, rounds: int) -> float:
        """Seconds to wait after ``rounds`` rounds in a row that could not reach the mail server."""
        poll = self.settings.poll_interval
        return min(poll * 2 ** (rounds - 1), max(poll, MAX_BACKOFF))

    def run_forever(self) -> None:
        """Round after round until ``stop`` is set; the waits end as soon as it is."""
        log.info("worker %s started", self.owner)
        down = 0  # rounds in a row that could not reach the mail server
        while not self.stop.is_set():
            wait = self.settings.poll_interval
            try:
                outcomes = self.run_once()
                if outcomes:
                    log.info("worker round %s", " ".join(f"{k}={v}" for k, v in sorted(outcomes.items())))
                down = down + 1 if self.unreachable else 0
                if down:
                    wait = self.backoff(down)
                    log.warning("mail server unreachable: next connection try in %gs", wait)
            except Exception as exc:  # the database went away, …: log, wait, try again
                log.error("worker round crashed error=%s\n%s", type(exc).__name__, frames(exc))
            self.stop.wait(wait)
        log.info("worker %s stopped", self.owner)

    @staticmethod
    def _submission(item: OutboxItem, subs: dict[int, Submission]) -> Submission | None:
        """The request a row is about; None for a row about no request (``sign_in``, ``digest``)."""
        if item.submission_id is None:
            return None
        try:
            return subs[item.submission_id]
        except KeyError:  # foreign key: cannot happen unless someone deleted the row by hand
            raise LookupError(f"outbox row {item.id} has no submission") from None

    @staticmethod
    def _about(item: OutboxItem, sub: Submission | None) -> str:
        """What a log line names: the reference and service, or for a row about no request its id."""
        if sub is None:
            return f"kind={item.kind} id={item.id}"
        return f"ref={format_reference(sub.reference)} service={sub.service} kind={item.kind}"

    def _deliver(self, sender: SmtpSender, item: OutboxItem, sub: Submission | None, mail: MailSettings) -> str:
        if self.clock() + self.margin >= item.lease_until:
            log.warning("lease too short to send %s: left for later", self._about(item, sub))
            return "skipped"
        to = single_address(item.recipient)
        if to is None:
            return self._failed(item, sub, Failure(permanent=True, error="recipient is not one valid address"))
        try:
            msg = self._build(item, sub, to.addr_spec, mail)
        except Exception as exc:  # a bug or bad stored data, not the mail server: retry later, loudly
            log.error("building failed %s error=%s\n%s", self._about(item, sub), type(exc).__name__, frames(exc))
            return self._failed(item, sub, Failure(permanent=False, error=f"building the message failed: {type(exc).__name__}"))
        try:
            sender.send(msg, self.mail.mail_from.addr_spec, to.addr_spec)
        except (smtplib.SMTPException, OSError) as exc:
            return self._failed(item, sub, classify(exc))
        if not self.store.outbox.mark_sent(item):
            log.warning("sent but lease lost %s (another worker may resend)", self._about(item, sub))
        log.info("sent %s attempt=%d", self._about(item, sub), item.attempts)
        return "sent"

    def _build(self, item: OutboxItem, sub: Submission | None, to: str, mail: MailSettings):
        if item.kind == "sign_in":
            link = self.store.staff.sign_in_link(item.sign_in_id) if item.sign_in_id is not None else None
            if link is None:
                raise LookupError("sign-in email about a missing link")
            return sign_in.sign_in_message(link, to, mail)
        if item.kind == "admin_alert" and sub is None:
            failed = self.store.outbox.get(item.about_id)
            if failed is None:
                raise LookupError("alert about a missing outbox row")
            return sign_in.row_alert_message(failed, to, mail)
        if item.kind == "digest":  # counted now, as it goes out (store/digest.py)
            if item.department is None:
                raise LookupError("digest about no department")
            now = self.clock()
            today = local_date(now, mail.timezone)
            counts = self.store.digests.counts(item.department, today)
            return staff_mail.digest_message(item.department, counts, today, to, mail, item.id, now)
        if item.kind == "retention_warning":  # open requests flask purge erases in a week (store/retention.py)
            return retention_warning_message(warning_list(self.store.engine, item.id), to, mail, item.id, item.created_at)
        if item.kind == "page_problem":  # a resident said something is wrong on a page (forms_app/feedback)
            feedback = self.store.feedback.for_outbox(item.id)
            if feedback is None:
                raise LookupError("page problem email about a missing feedback")
            return page_problem.page_problem_message(feedback, to, mail, item.id, self.clock())
        if sub is None:
            raise LookupError(f"outbox kind {item.kind!r} needs a request")
        if item.kind == "resident_reply":
            message = self.store.messages.get(item.message_id) if item.message_id is not None else None
            if message is None:
                raise LookupError("reply email about a missing message")
            return staff_mail.resident_reply_message(sub, message, to, mail)
        if item.kind == "department":
            return messages.department_message(sub, to, mail)
        if item.kind == "resident_copy":
            return messages.resident_copy_message(sub, to, mail)
        if item.kind == "status_update":
            event = self.store.status_event(item.event_id) if item.event_id is not None else None
            if event is None:
                raise LookupError("status update about a missing status event")
            return messages.status_update_message(sub, event, to, mail, item.id)
        if item.kind == "admin_alert":
            failed = self.store.outbox.get(item.about_id)
            if failed is None:
                raise LookupError("alert about a missing outbox row")
            return messages.admin_alert_message(sub, failed, to, mail)
        raise ValueError(f"unknown outbox kind {item.kind!r}")

    def _failed(self, item: OutboxItem, sub: Submission | None, failure: Failure) -> str:
        about = self._about(item, sub)
        if not failure.permanent:
            next_at = self.settings.retry.next_attempt(item.created_at, item.attempts, self.clock())
            if next_at is not None:
                self.store.outbox.reschedule(item, next_at, failure.error)
                log.warning("retry %s attempt=%d error=%s next=%s", about, item.attempts, failure.error,
                            next_at.isoformat(timespec="minutes"))
                return "retry"
        status = "failed" if failure.permanent else "given_up"
        alert_to = self.mail.admin_email if item.kind != "admin_alert" else None
        self.store.outbox.give_up(item, status, failure.error, alert_to)
        log.error("%s %s attempts=%d error=%s", status, about, item.attempts, failure.error)
        where = f"ref={format_reference(sub.reference)}" if sub is not None else f"id={item.id}"
        if item.kind == "admin_alert":
            log.critical("admin alert undeliverable %s: check the mail settings and the outbox", where)
        elif alert_to is None:
            log.critical("no ADMIN_EMAIL to alert %s: set FORMS_ADMIN_EMAIL", where)
        return status
