"""A local mail catcher for development: a real SMTP server (aiosmtpd) in a
thread that saves each message it receives as ``.eml`` in a folder.

The worker sends to it through real SMTP, exactly as it would to a relay,
and ``/dev/mail/`` shows what arrived.
"""

from __future__ import annotations

import logging
import socket
import time
import uuid
from pathlib import Path

from aiosmtpd.controller import Controller

log = logging.getLogger(__name__)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class SaveToFolder:
    """aiosmtpd handler: one ``.eml`` file per message, written atomically."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    async def handle_DATA(self, server, session, envelope):
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}.eml"
        tmp = self.folder / f".{name}.tmp"
        tmp.write_bytes(envelope.original_content or envelope.content)
        tmp.replace(self.folder / name)
        return "250 2.0.0 Saved"


class MailCatcher:
    """``with MailCatcher(folder) as catcher: ... catcher.port``"""

    def __init__(self, folder: Path | str, host: str = "127.0.0.1", port: int = 0):
        self.folder = Path(folder)
        self.host = host
        self.port = port or free_port(host)
        self.controller = Controller(SaveToFolder(self.folder), hostname=host, port=self.port)

    def start(self) -> MailCatcher:
        self.folder.mkdir(parents=True, exist_ok=True)
        server_log = logging.getLogger("mail.log")  # aiosmtpd logs every address at INFO
        if server_log.level == logging.NOTSET:
            server_log.setLevel(logging.WARNING)
        self.controller.start()
        log.info("mail catcher on %s:%d saving to %s", self.host, self.port, self.folder)
        return self

    def stop(self) -> None:
        self.controller.stop()

    def __enter__(self) -> MailCatcher:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
