"""Business days: when a promise made in working days falls due.

A service may declare ``processing_days`` (``guichet/model/service.py``): how
many business days the city takes. A request's due date is that many business
days after the day it arrived, in the city's time zone: Saturdays, Sundays and
any holidays given are skipped. The day a request arrives does not count
(a request sent on Monday with 1 business day is due on Tuesday). No Flask:
the app, the store's callers and the tests use it alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

WEEKEND = (5, 6)  # Saturday, Sunday (date.weekday())


def is_business_day(day: dt.date, holidays: Iterable[dt.date] = ()) -> bool:
    return day.weekday() not in WEEKEND and day not in set(holidays)


def due_date(start: dt.date, days: int, holidays: Iterable[dt.date] = ()) -> dt.date:
    """The date ``days`` business days after ``start`` (``start`` itself not counted).

    ``due_date(Friday, 1)`` is the next Monday; ``due_date(Saturday, 1)`` is Monday too.
    """
    if days < 0:
        raise ValueError("days must be 0 or more")
    closed = set(holidays)
    day = start
    left = days
    while left:
        day += dt.timedelta(days=1)
        if is_business_day(day, closed):
            left -= 1
    return day


def local_date(when: dt.datetime, timezone: str) -> dt.date:
    """The calendar day ``when`` (aware) falls on in ``timezone`` (the city's ``TIMEZONE``)."""
    return when.astimezone(ZoneInfo(timezone)).date()


def due_on(received: dt.datetime, days: int | None, timezone: str, holidays: Iterable[dt.date] = ()) -> dt.date | None:
    """A request's due date: ``days`` business days after the local day it arrived; None without a promise."""
    if days is None:
        return None
    return due_date(local_date(received, timezone), days, holidays)


def business_days_between(start: dt.date, end: dt.date, holidays: Iterable[dt.date] = ()) -> int:
    """How many business days after ``start`` up to ``end`` (``start`` not counted, ``end`` counted), the
    inverse of ``due_date``: ``business_days_between(d, due_date(d, n)) == n``. 0 when ``end`` is not after ``start``.
    Whole weeks count five days each, so a year costs no more than a week."""
    if end <= start:
        return 0
    weeks, extra = divmod((end - start).days, 7)
    count = weeks * 5
    day = start + dt.timedelta(days=weeks * 7)
    for _ in range(extra):
        day += dt.timedelta(days=1)
        count += day.weekday() not in WEEKEND
    return count - sum(1 for h in set(holidays) if start < h <= end and h.weekday() not in WEEKEND)
