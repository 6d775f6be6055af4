"""Form funnels (#15): per service and day, how many views, submit attempts, attempts with errors,
successes, and which field failed with which message (its key, never the answer).

Counted on the server, without cookies or anything about the person: one
upsert per request (``Store.funnel``, store/feedback.py), on the city's day
(``TIMEZONE``). Only the web form counts (not staff entries or the Open311
API). Counting never stops a form: a failure is logged and the page goes on.
"""

from __future__ import annotations

import logging



from ..store import get_store
from ..store.current import city_today

log = logging.getLogger(__name__)


def _count(slug: str, write) -> None:
    store = get_store()
    try:
        write(store.funnel, city_today())
    except Exception as exc:  # noqa: BLE001 - a count is never worth a resident's page
        log.warning("funnel not counted service=%s error=%s", slug, type(exc).__name__)


def count_view(slug: str) -> None:
    """The form page was shown (a GET)."""
    _count(slug, lambda funnel, day: funnel.view(slug, day))


def count_attempt(slug: str, form) -> None:
    """A submit attempt: a success when ``form`` has no errors, else each wrong field with its message's key."""
    errors = [(f.name, getattr(f.errors[0], "key", "other")) for f in form.answer_fields if f.errors]
    _count(slug, lambda funnel, day: funnel.attempt(slug, day, errors))
