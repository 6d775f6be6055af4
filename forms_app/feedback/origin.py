"""Where a feedback POST came from: a page of this site, or it is refused.

The feedback form is on every page, static ones included, which have no
session and so no CSRF token: ``/feedback/`` is exempt from CSRFProtect and
checks instead what the browser says about the page that sent it, which a
page cannot change. ``Sec-Fetch-Site`` must be ``same-origin``, ``Origin``
(sent by every current browser with a POST) must be this app's origin, and
``Referer`` (same-origin under our Referrer-Policy), when sent, must be on
it; at least one of them must be sent. A site served from another origin
than the app is listed in ``FEEDBACK_ORIGINS``: its posts are
``same-site`` or ``cross-site`` with that ``Origin``. See docs/feedback.md.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import request


def origin_of(url: str) -> str:
    """``https://host:port`` of a URL (lower case), or the URL itself when it has no path."""
    scheme, sep, rest = url.partition("://")
    return (scheme + sep + rest.split("/", 1)[0]).lower() if sep else url.lower()


def from_our_pages(extra_origins: Iterable[str] = ()) -> bool:
    """The browser says this POST comes from a page of this app's origin or of ``extra_origins``."""
    ours = f"{request.scheme}://{request.host}".lower()
    allowed = {ours} | {origin_of(o) for o in extra_origins}
    site = request.headers.get("Sec-Fetch-Site")
    origin = request.headers.get("Origin")
    referrer = request.headers.get("Referer")
    if site is None and origin is None and referrer is None:
        return False
    if origin is not None and origin.lower() not in allowed:
        return False  # "null" too: a sandboxed frame, a file, a redirect from elsewhere
    if referrer is not None and origin_of(referrer) not in allowed:
        return False
    if site is None or site == "same-origin":
        return True
    # same-site or cross-site: only a listed origin (the Origin header then said which)
    return site in ("same-site", "cross-site") and origin is not None and origin.lower() != ours
