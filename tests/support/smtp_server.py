"""A real SMTP server for the tests (aiosmtpd in a thread) that keeps what it
receives and can be told to answer 421/451/550, to be down, or to hang."""

from __future__ import annotations

import socket
import threading
from collections import deque
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from aiosmtpd.controller import Controller

from forms_app.delivery import SmtpSettings
from forms_app.delivery.catcher import free_port


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        return BytesParser(policy=policy.default).parsebytes(self.data)


class Capture:
    """aiosmtpd handler: scripted replies first, then 250 and keep the message."""

    def __init__(self):
        self.received: list[Received] = []
        self.data_replies: deque[str] = deque()
        self.rcpt_replies: deque[str] = deque()
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self.lock:
            reply = self.rcpt_replies.popleft() if self.rcpt_replies else None
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            reply = self.data_replies.popleft() if self.data_replies else None
            if reply:
                return reply
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 2.0.0 OK"


class SmtpServer:
    def __init__(self):
        self.port = free_port()
        self.handler = Capture()
        self.controller: Controller | None = None
        self._hang: socket.socket | None = None

    @property
    def settings(self) -> SmtpSettings:
        return SmtpSettings(host="127.0.0.1", port=self.port, security="none", timeout=2)

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    def messages(self) -> list[EmailMessage]:
        return [r.message for r in self.received]

    def start(self) -> None:
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        """Down: connections are refused."""
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def hang(self) -> None:
        """Down in the worst way: connections are accepted, nothing is ever said."""
        self.stop()
        self._hang = socket.socket()
        self._hang.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._hang.bind(("127.0.0.1", self.port))
        self._hang.listen(16)

    def unhang(self) -> None:
        if self._hang is not None:
            self._hang.close()
            self._hang = None

    def reply_to_data(self, *replies: str) -> None:
        self.handler.data_replies.extend(replies)

    def reply_to_rcpt(self, *replies: str) -> None:
        self.handler.rcpt_replies.extend(replies)

    def close(self) -> None:
        self.unhang()
        self.stop()
