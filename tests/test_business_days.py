"""Business days (guichet/business_days.py): a service's promise in working days, as a due date."""

from __future__ import annotations

import datetime as dt
from datetime import UTC

import pytest

from guichet.business_days import business_days_between, due_date, due_on, is_business_day

MONDAY = dt.date(2026, 11, 30)


@pytest.mark.parametrize(("start", "days", "due"), [
    (MONDAY, 1, dt.date(2026, 12, 1)),  # the day it arrives does not count
    (MONDAY, 4, dt.date(2026, 12, 4)),  # Friday
    (MONDAY, 5, dt.date(2026, 12, 7)),  # over the weekend: the next Monday
    (MONDAY, 10, dt.date(2026, 12, 14)),
    (dt.date(2026, 12, 4), 1, dt.date(2026, 12, 7)),  # Friday + 1 → Monday
    (dt.date(2026, 12, 5), 1, dt.date(2026, 12, 7)),  # Saturday + 1 → Monday
    (dt.date(2026, 12, 6), 2, dt.date(2026, 12, 8)),  # Sunday + 2 → Tuesday
    (MONDAY, 0, MONDAY),
])
def test_weekends_are_skipped(start, days, due):
    assert due_date(start, days) == due


def test_holidays_are_skipped():
    christmas, boxing_day = dt.date(2026, 12, 25), dt.date(2026, 12, 28)  # a Friday, and the Monday it is observed
    assert due_date(dt.date(2026, 12, 24), 1, [christmas, boxing_day]) == dt.date(2026, 12, 29)
    assert due_date(dt.date(2026, 12, 24), 1) == christmas


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        due_date(MONDAY, -1)


def test_the_day_counts_in_the_city_time_zone():
    # 02:30 UTC on Saturday is still Friday evening in Toronto: due on Monday, not Tuesday.
    late_friday = dt.datetime(2026, 12, 5, 2, 30, tzinfo=UTC)
    assert due_on(late_friday, 1, "America/Toronto") == dt.date(2026, 12, 7)
    assert due_on(late_friday, 1, "UTC") == dt.date(2026, 12, 7)  # Saturday + 1 → Monday as well
    assert due_on(dt.datetime(2026, 12, 1, 3, 0, tzinfo=UTC), 1, "America/Toronto") == dt.date(2026, 12, 1)  # Monday night
    assert due_on(late_friday, None, "America/Toronto") is None


def test_business_days_between_counts_as_walking_day_by_day():
    """The whole-weeks shortcut and the holidays (one on a Saturday, one given twice) agree with a day-by-day walk."""
    holidays = [dt.date(2026, 12, 25), dt.date(2026, 12, 28), dt.date(2026, 12, 28), dt.date(2027, 1, 2)]
    days = [MONDAY + dt.timedelta(days=k) for k in range(40)]
    for start in days[:14]:
        for end in days:
            walked = sum(1 for k in range(1, (end - start).days + 1)
                         if is_business_day(start + dt.timedelta(days=k), holidays))
            assert business_days_between(start, end, holidays) == walked, (start, end)
    assert business_days_between(dt.date(2026, 12, 24), due_date(dt.date(2026, 12, 24), 3, holidays), holidays) == 3
