"""Sending through SMTP, one connection reused for a batch of messages."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage

SECURITY = ("none", "starttls", "ssl")
DEFAULT_PORTS = {"none": 25, "starttls": 587, "ssl": 465}
MAX_TIMEOUT = 300.0  # seconds one connect or reply may take


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str = "starttls"
    username: str | None = None
    password: str | None = None
    timeout: float = 30.0

    def __post_init__(self):
        if self.security not in SECURITY:
            raise ValueError(f"SMTP_SECURITY must be one of {', '.join(SECURITY)}, not {self.security!r}")
        if not 0 < self.timeout <= MAX_TIMEOUT:  # 0 or None would never wait, or wait forever
            raise ValueError(f"SMTP_TIMEOUT must be more than 0 and at most {MAX_TIMEOUT:g} seconds")


class SmtpSender:
    """``with SmtpSender(settings) as sender: sender.send(msg, sender_addr, recipient)``.

    Connects lazily; after any error the connection is dropped and the next
    ``send`` reconnects, so one bad message does not poison the batch.
    Errors propagate (``retry.classify`` sorts them).
    """

    def __init__(self, settings: SmtpSettings):
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpSender:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        context = ssl.create_default_context()
        if s.security == "ssl":
            smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=context)
        else:
            smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
        try:
            smtp.ehlo()
            if s.security == "starttls":
                smtp.starttls(context=context)
                smtp.ehlo()
            if s.username:
                smtp.login(s.username, s.password or "")
        except BaseException:
            smtp.close()
            raise
        return smtp

    @property
    def connected(self) -> bool:
        return self._smtp is not None

    def connect(self) -> None:
        if self._smtp is None:
            self._smtp = self._connect()

    def send(self, message: EmailMessage, envelope_from: str, recipient: str) -> None:
        """Send to exactly ``recipient`` (never to addresses found in the headers)."""
        self.connect()
        try:
            self._smtp.send_message(message, from_addr=envelope_from, to_addrs=[recipient])
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()  # the server already went away; nothing to tell it
