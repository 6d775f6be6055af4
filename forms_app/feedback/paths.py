"""Which page a feedback answer is about: a same-site path, checked, and what it may keep.

The footer form posts the page's own path (``chrome.feedback.page``). It is
the resident's browser that sends it, so it is checked like any input: a
path on this site (``/…``, never ``//host`` or ``scheme:``), no query or
fragment, printable characters only, at most ``PATH_MAX`` long. Only such
a path is ever linked back to from the thank-you page (no open redirect).

What is stored is the page, not the person: a confirmation page's address
ends with the request's reference (``/forms/x/done/ABCD2345``), so it is
stored as ``/forms/x/done/``; paths of the staff workspace and the feedback
pages themselves are refused (they have no feedback form).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guichet.ui import asks_feedback, bare_path
from guichet.urls import lang_prefix, service_url

PATH_MAX = 300
_SAFE = re.compile(r"^/(?!/)[A-Za-z0-9._~%!$&'()*+,;=:@/-]*$")
_DOUBLE_DOT = re.compile(r"(^|/)\.\.?(/|$)")
_DONE = re.compile(r"^(/forms/[^/]+/done/)[^/]*$")
_SERVICE = re.compile(r"^/(?:services|forms)/([a-z0-9][a-z0-9-]*)/")


@dataclass(frozen=True)
class Page:
    stored: str  # what is stored: the path without anything that could identify a request
    slug: str | None  # the service the page is about (its page, form or confirmation)


def checked_page(raw: str | None, root: str = "/") -> Page | None:
    """The page a feedback form says it is on, or None when it is not a plain path of this site."""
    path = (raw or "").strip()
    if not path or len(path) > PATH_MAX or not _SAFE.match(path) or _DOUBLE_DOT.search(path):
        return None
    if not asks_feedback(path, root):
        return None
    inner = bare_path(path, root)
    done = _DONE.match(inner)
    stored = path[: len(path) - len(inner)] + done.group(1) if done else path
    service = _SERVICE.match(inner)
    return Page(stored=stored, slug=service.group(1) if service else None)


def back_path(stored: str, service: str | None, lang: str, root: str = "/") -> str:
    """Where the thank-you page's "go back" goes: the stored page in ``lang`` (the resident may have
    switched language on the way); a confirmation page, stored without its reference, goes to its
    service's page."""
    inner = bare_path(stored, root)
    if service is not None and _DONE.match(inner + "x"):
        return service_url(lang, service, root)
    return root.rstrip("/") + lang_prefix(lang) + inner
