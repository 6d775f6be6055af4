"""The seam for another way to prove who a staff member is (OpenID Connect), beside the email link.

Whatever proves identity, the rest is the same: the address must be a
registered staff member (``StaffDirectory.member``), ``session.start`` gives a
new session (never a token from before sign-in), and the sign-in is audited.
An ``IdentityProvider`` only answers "who is this?":

* ``start(lang)`` answers the request that begins sign-in (``/staff/``): the
  email link flow shows its address form; an OIDC provider redirects to the
  city's identity provider.
* ``finish(lang)`` reads the request that ends it (the link's POST, or the
  provider's callback) and returns the verified email address, or None.

``EmailLinkProvider`` is the flow ``auth.py`` serves today, described in these
terms; ``auth.use_link`` and ``EmailLinkProvider.finish`` share ``spend_link``. Plugging in OpenID Connect with Authlib (not a dependency; not wired):

1. ``pip install Authlib``; register the client at start-up::

       from authlib.integrations.flask_client import OAuth
       oauth = OAuth(app)
       oauth.register("city", server_metadata_url=ISSUER + "/.well-known/openid-configuration",
                      client_id=..., client_secret=..., client_kwargs={"scope": "openid email"})

   (new typed settings ``STAFF_OIDC_ISSUER``, ``STAFF_OIDC_CLIENT_ID``,
   ``STAFF_OIDC_CLIENT_SECRET`` in ``config.py``; the secret never logged).
2. ``start(lang)``: ``oauth.city.authorize_redirect(url_for("staff_auth.oidc_callback", lang=lang, _external=True))``
   (Authlib keeps ``state`` and ``nonce`` in the signed session: CSRF and replay).
3. ``finish(lang)``: ``token = oauth.city.authorize_access_token()``; take
   ``token["userinfo"]["email"]`` only when ``email_verified`` is true, and
   return it; the view then does exactly what ``auth.use_link`` does after
   ``use_sign_in``: look the member up, ``session.start``, audit ``sign_in``
   (detail ``via=oidc``), or show the refused page and audit ``sign_in_refused``.
4. A callback route ``localized(bp, "/staff/oidc/callback", methods=["GET"])``;
   keep the email link for staff the provider does not know, or turn it off.
"""

from __future__ import annotations

from typing import Protocol

from flask import Response, current_app, redirect, url_for

from ..config import settings_of
from ..store import get_store
from ..store.staff import StaffMember
from .links import BadLink, read_sign_in_token


class IdentityProvider(Protocol):
    """Proves a staff member's address; the caller signs them in (``session.start``) and audits."""

    def start(self, lang: str) -> Response:
        """The answer to "I want to sign in" (a page to fill, or a redirect to the provider)."""
        ...

    def finish(self, lang: str, token: str) -> str | None:
        """The verified, registered address this request proves, or None (then nothing is signed in)."""
        ...


def spend_link(token: str) -> StaffMember | None:
    """Spend the sign-in link ``token`` once: the member it signs in, or None (then refused and audited).

    The signature is checked first (``links.py``: tampered, foreign or too old), then the
    row (``StaffDirectory.use_sign_in``: unused, not expired, this address, still registered)."""
    settings = settings_of(current_app)
    try:
        link = read_sign_in_token(settings.SECRET_KEY, token, settings.STAFF_SIGN_IN_MAX_AGE)
    except BadLink:
        get_store().audit.record("anonymous", "sign_in_refused", None, "link=unreadable")
        return None
    staff = get_store().staff
    row = staff.sign_in_link(link.link_id)
    email = row.email if row is not None and link.sent_to(row.email) else ""  # "": refused, audited
    return staff.use_sign_in(link.link_id, email)  # audits sign_in or sign_in_refused


class EmailLinkProvider:
    """The one-time email link (``auth.py``): ``start`` is the address form, ``finish`` spends a link."""

    def start(self, lang: str) -> Response:
        return redirect(url_for("staff_auth.sign_in", lang=lang), 303)

    def finish(self, lang: str, token: str) -> str | None:
        member = spend_link(token)
        return member.email if member is not None else None
