"""When to try again, and which SMTP failures are worth trying again.

Defaults follow RFC 5321 §4.5.4.1: a retry after 30 minutes (two tries in
the first hour), then one every 2½ hours, giving up after 5 days. The last
retry happens at the 5-day mark itself.
"""

from __future__ import annotations

import re
import smtplib
import socket
import ssl
from dataclasses import dataclass
from datetime import datetime, timedelta

_ADDRESS = re.compile(r"[^\s<>@,;:\"']+@[^\s<>@,;:\"']+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class RetryPolicy:
    first_delay: timedelta = timedelta(minutes=30)
    delay: timedelta = timedelta(hours=2, minutes=30)
    give_up_after: timedelta = timedelta(days=5)

    def __post_init__(self):
        if min(self.first_delay, self.delay, self.give_up_after) <= timedelta(0):
            raise ValueError("RETRY_FIRST_DELAY, RETRY_DELAY and RETRY_GIVE_UP_AFTER must be more than 0")

    @classmethod
    def from_config(cls, config) -> RetryPolicy:
        """From a mapping of the ``RETRY_*`` settings, in seconds."""
        return cls(
            first_delay=timedelta(seconds=config["RETRY_FIRST_DELAY"]),
            delay=timedelta(seconds=config["RETRY_DELAY"]),
            give_up_after=timedelta(seconds=config["RETRY_GIVE_UP_AFTER"]),
        )

    def next_attempt(self, created_at: datetime, attempts: int, now: datetime) -> datetime | None:
        """After ``attempts`` failed tries, when to try next; None to give up."""
        deadline = created_at + self.give_up_after
        if now >= deadline:
            return None
        wait = self.first_delay if attempts <= 1 else self.delay
        return min(now + wait, deadline)


# 5xx replies about our connection, not the message (RFC 4954, RFC 3207)
CONFIG_CODES = {
    530: "authentication or TLS required (check SMTP_SECURITY, SMTP_USERNAME)",
    534: "authentication mechanism too weak (check SMTP_SECURITY)",
    535: "authentication failed (check SMTP_USERNAME/PASSWORD)",
    538: "encryption required (check SMTP_SECURITY)",
}


@dataclass(frozen=True)
class Failure:
    permanent: bool
    error: str  # "550 5.1.1 mailbox unavailable", "connection refused": no personal data


def short_text(text: str, limit: int = 160) -> str:
    """Server text made safe to keep and log: addresses blanked, one line, short."""
    text = _ADDRESS.sub("<address>", text)
    return _SPACES.sub(" ", text).strip()[:limit]


def _reply(code: int, message: bytes | str) -> str:
    if isinstance(message, bytes):
        message = message.decode("utf-8", "replace")
    return short_text(f"{code} {message}")


def classify(exc: BaseException) -> Failure:
    """An SMTP/network exception → temporary (4xx, network) or permanent (5xx)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code, message = next(iter(exc.recipients.values()), (451, b"recipient refused"))
        return Failure(permanent=500 <= code < 600, error=_reply(code, message))
    if isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code in CONFIG_CODES:
        # Our settings are wrong (TLS or login required, bad password), not this message:
        # keep it and retry until someone fixes the settings.
        return Failure(permanent=False, error=_reply(exc.smtp_code, CONFIG_CODES[exc.smtp_code]))
    if isinstance(exc, (smtplib.SMTPConnectError, smtplib.SMTPHeloError)):
        # The server refuses service to us, not this message: try again later.
        return Failure(permanent=False, error=_reply(exc.smtp_code, exc.smtp_error))
    if isinstance(exc, smtplib.SMTPResponseException):
        return Failure(permanent=500 <= exc.smtp_code < 600, error=_reply(exc.smtp_code, exc.smtp_error))
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return Failure(permanent=False, error="server does not support STARTTLS/AUTH (check SMTP_SECURITY)")
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        # smtplib reports a read timeout as a disconnection "…: timed out"
        return Failure(permanent=False, error="timeout" if "timed out" in str(exc) else "server disconnected")
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return Failure(permanent=False, error="timeout")
    if isinstance(exc, ssl.SSLError):
        return Failure(permanent=False, error=short_text(f"TLS error {exc.reason or type(exc).__name__}"))
    if isinstance(exc, ConnectionRefusedError):
        return Failure(permanent=False, error="connection refused")
    if isinstance(exc, (OSError, smtplib.SMTPException)):
        return Failure(permanent=False, error=short_text(f"{type(exc).__name__} {getattr(exc, 'strerror', '') or ''}"))
    raise TypeError(f"not an SMTP or network error: {type(exc).__name__}")
