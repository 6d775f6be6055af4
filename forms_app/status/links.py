"""Staff status links: ``/status/staff/<token>``, a signed token naming one reference.

The token is signed with ``SECRET_KEY`` (itsdangerous, compared in constant
time) and carries the second it was made. It works for
``STATUS_LINK_MAX_AGE`` seconds, unless:

* an administrator revoked the request's links (``flask status revoke REF``
  records the time in ``submissions.links_revoked_at``): every link made up
  to that second stops working; a link made later (``flask status link REF``,
  or a department email sent again) works;
* the request is completed or closed: its links stop working until an
  administrator reopens it (``flask status reopen REF``).
"""

from __future__ import annotations

from datetime import datetime

from itsdangerous import BadSignature, URLSafeTimedSerializer

from ..store.references import normalize_reference

STAFF_SALT = "guichet.status.staff"
REPLY_SALT = "guichet.status.reply"  # the resident's reply link (status/reply.py)
REPLY_MAX_AGE = 30 * 86400  # seconds a reply link works: 30 days after the "waiting for you" email
FINAL_STATUSES = ("completed", "closed")  # a request in one of these takes no more changes through links


class LinkRevoked(Exception):
    """A well-signed link made before its request's links were revoked."""


def _serializer(secret_key: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt=STAFF_SALT)


def make_staff_token(secret_key: str, reference: str) -> str:
    return _serializer(secret_key).dumps({"ref": reference})


def read_staff_link(secret_key: str, token: str, max_age: int) -> tuple[str, datetime]:
    """(reference, when the link was made); raises ``SignatureExpired`` or ``BadSignature``."""
    data, made = _serializer(secret_key).loads(token, max_age=max_age, return_timestamp=True)
    ref = normalize_reference(data.get("ref") if isinstance(data, dict) else None)
    if ref is None:
        raise BadSignature("no reference in token")
    return ref, made


def read_staff_token(secret_key: str, token: str, max_age: int) -> str:
    """The reference a token names; raises ``SignatureExpired`` or ``BadSignature``."""
    return read_staff_link(secret_key, token, max_age)[0]


def check_not_revoked(made: datetime, revoked_at: datetime | None) -> None:
    """Raise ``LinkRevoked`` for a link made at or before the revocation's second.

    Tokens carry whole seconds, so a link made in the same second as the
    revocation counts as revoked (``flask status link`` waits for the next second).
    """
    if revoked_at is not None and int(made.timestamp()) <= int(revoked_at.timestamp()):
        raise LinkRevoked("link made before its request's links were revoked")


def make_reply_token(secret_key: str, reference: str) -> str:
    """The resident's reply link's token: the reference, signed (only their email carries it)."""
    return URLSafeTimedSerializer(secret_key, salt=REPLY_SALT).dumps({"ref": reference})


def read_reply_token(secret_key: str, token: str, max_age: int = REPLY_MAX_AGE) -> str:
    """The reference a reply token names; raises ``SignatureExpired`` or ``BadSignature``."""
    data = URLSafeTimedSerializer(secret_key, salt=REPLY_SALT).loads(token, max_age=max_age)
    ref = normalize_reference(data.get("ref") if isinstance(data, dict) else None)
    if ref is None:
        raise BadSignature("no reference in token")
    return ref
