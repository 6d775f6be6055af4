"""Staff sign-in links: ``/staff/sign-in/<token>``, a signed token naming one sign-in row and its address.

No Flask: the delivery worker signs the link when it sends the email, the
sign-in page reads it. The token is the row's id and a digest of its address
(``{"i": id, "a": sha256(address)[:32]}``: the address itself never travels in a
URL, where logs and browser histories would keep it) signed with ``SECRET_KEY``
(itsdangerous, salt ``SALT``, compared in constant time) with the second it was
made; it works for ``STAFF_SIGN_IN_MAX_AGE`` seconds. The signature only says the
link is ours and whom it was sent to: the row (``store/staff.py``: ``use_sign_in``)
makes it work once, before its own expiry, and only while the address is registered.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer

from ..store.staff import normalize_email

SALT = "guichet.staff.sign-in"
TOKEN_MAX = 400  # characters: a longer token is refused unread


@dataclass(frozen=True)
class SignInToken:
    link_id: int
    address: str  # ``address_digest`` of the address it was sent to

    def sent_to(self, email: str) -> bool:
        """This token was made for ``email`` (compared in constant time)."""
        return hmac.compare_digest(self.address, address_digest(email))


def address_digest(email: str) -> str:
    return hashlib.sha256(normalize_email(email).encode()).hexdigest()[:32]


class BadLink(Exception):
    """The token is not one of ours, was altered, or is too old."""


def _serializer(secret_key: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt=SALT)


def make_sign_in_token(secret_key: str, link_id: int, email: str) -> str:
    return _serializer(secret_key).dumps({"i": int(link_id), "a": address_digest(email)})


def read_sign_in_token(secret_key: str, token: str, max_age: int) -> SignInToken:
    """The link id and address digest a token names; raises ``BadLink`` (tampered, foreign, expired)."""
    if not token or len(token) > TOKEN_MAX:
        raise BadLink("no token or too long")
    try:
        data = _serializer(secret_key).loads(token, max_age=max_age)
    except BadSignature as exc:  # SignatureExpired is a BadSignature
        raise BadLink(type(exc).__name__) from None
    if not isinstance(data, dict) or not isinstance(data.get("i"), int) or not isinstance(data.get("a"), str):
        raise BadLink("malformed")
    return SignInToken(data["i"], data["a"])
