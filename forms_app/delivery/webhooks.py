"""Signed webhooks to a department's own system (its CRM), per the Standard Webhooks specification.

A department listed in the ``WEBHOOKS`` setting gets, besides its email, one
``webhook`` outbox row per new request (``request.created``) and per status
change (``request.status_changed``: the row's ``event_id``), queued in the
same transaction (``store.Store``). The worker POSTs it here, with the same
retry and give-up policy as email.

Headers (https://www.standardwebhooks.com/): ``webhook-id`` is ``msg_<outbox
id>``, the same on every retry, so the receiver can drop a repeat;
``webhook-timestamp`` is the try's time in Unix seconds; ``webhook-signature``
is ``v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`` keyed with the
base64 bytes of the ``whsec_…`` secret.

The payload names the request, never the resident: no answers, no names,
addresses or phones (the CRM reads those in the staff workspace).
No Flask here.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date, datetime

from ..config_checks import secret_bytes  # the WEBHOOKS setting itself is checked at start-up there
from .retry import Failure, short_text

USER_AGENT = "Guichet-Webhooks/1"


@dataclass(frozen=True)
class WebhookTarget:
    url: str
    secret: str  # whsec_<base64>


def targets(config: dict) -> dict[str, WebhookTarget]:
    """The validated ``WEBHOOKS`` setting as department id → target."""
    return {dept: WebhookTarget(v["url"], v["secret"]) for dept, v in config.items()}


def iso(when: datetime | date | None) -> str | None:
    if when is None:
        return None
    if isinstance(when, datetime):
        return when.isoformat(timespec="seconds").replace("+00:00", "Z")
    return when.isoformat()


def payload(event_type: str, timestamp: datetime, data: dict) -> bytes:
    """The JSON body: ``type``, ``timestamp`` (the event's time), ``data``."""
    return json.dumps({"type": event_type, "timestamp": iso(timestamp), "data": data},
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def sign(secret: str, webhook_id: str, timestamp: int, body: bytes) -> str:
    """The ``webhook-signature`` value: ``v1,<base64 HMAC-SHA256>``."""
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_bytes(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def headers(secret: str, webhook_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "webhook-id": webhook_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, webhook_id, timestamp, body),
    }


def classify_status(code: int) -> Failure:
    """An HTTP answer that is not 2xx: 5xx, 408 and 429 are worth retrying; the rest are not."""
    temporary = code >= 500 or code in (408, 429)
    return Failure(permanent=not temporary, error=f"HTTP {code}")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not followed: a POST must not turn into a GET elsewhere."""

    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def post(target: WebhookTarget, webhook_id: str, timestamp: int, body: bytes, timeout: float) -> Failure | None:
    """POST one signed webhook; None when the receiver answered 2xx, else the failure."""
    request = urllib.request.Request(target.url, data=body, method="POST",
                                     headers=headers(target.secret, webhook_id, timestamp, body))
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            response.read(65536)
            code = response.status
    except urllib.error.HTTPError as exc:
        exc.close()
        return classify_status(exc.code)
    except (TimeoutError, socket.timeout):
        return Failure(permanent=False, error="timeout")
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            return Failure(permanent=False, error="timeout")
        if isinstance(reason, ConnectionRefusedError):
            return Failure(permanent=False, error="connection refused")
        return Failure(permanent=False, error=short_text(f"connection failed {type(reason).__name__}"))
    except OSError as exc:  # reset, TLS error mid-way, …
        return Failure(permanent=False, error=short_text(f"connection failed {type(exc).__name__}"))
    return None if 200 <= code < 300 else classify_status(code)
