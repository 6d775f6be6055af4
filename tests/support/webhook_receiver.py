"""A department's webhook receiver for the tests: a real HTTP server on a free port, in a thread.

It verifies every POST with the ``standardwebhooks`` library (the reference
implementation of the specification), answers 400 to a bad signature, keeps
what it accepted and, like a careful receiver, processes each ``webhook-id``
once: a repeat is answered 2xx and counted as a duplicate. ``answer`` sets
the status it replies with (``503`` after recording: a receiver that
processed the event but failed to say so), ``stop``/``start`` take it down
and bring it back on the same port.
"""

from __future__ import annotations

import base64
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

SECRET = "whsec_" + base64.b64encode(bytes(range(32))).decode()  # 32 bytes, as the specification suggests


@dataclass
class Received:
    webhook_id: str
    headers: dict[str, str]
    body: bytes
    event: dict


@dataclass
class Receiver:
    secret: str
    accepted: list[Received] = field(default_factory=list)  # verified, processed once each
    duplicates: list[str] = field(default_factory=list)  # webhook ids seen again
    rejected: list[str] = field(default_factory=list)  # why a POST failed verification
    answer: int = 204
    port: int = 0
    _server: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/guichet"

    def ids(self) -> list[str]:
        return [r.webhook_id for r in self.accepted]

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers.get("content-length", "0")))
                headers = {k.lower(): v for k, v in self.headers.items()}
                try:
                    event = Webhook(receiver.secret).verify(body, headers)
                except WebhookVerificationError as exc:
                    receiver.rejected.append(str(exc))
                    self._reply(400)
                    return
                with receiver._lock:
                    seen = headers["webhook-id"] in receiver.ids()
                    if seen:
                        receiver.duplicates.append(headers["webhook-id"])
                    else:
                        receiver.accepted.append(Received(headers["webhook-id"], headers, body, event))
                self._reply(204 if seen else receiver.answer)

            def _reply(self, code: int) -> None:
                self.send_response(code)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args):  # quiet
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join()
            self._server = None

    def events(self) -> list[dict]:
        return [json.loads(r.body) for r in self.accepted]
