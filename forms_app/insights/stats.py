"""The report's arithmetic, without Flask or the database: percentiles, Wilson intervals, weeks, small counts.

* ``percentile(values, p)``: the nearest-rank percentile (the smallest value that at least ``p`` % of
  the values do not exceed): always one of the values, so "6 business days" is a duration a request took.
* ``wilson(yes, n)``: the Wilson score interval at 95 % for a share of "yes" answers: honest on small
  samples (it never runs below 0 or above 1, and is wide when ``n`` is small).
* ``week_of(day)``: the Monday that starts the day's week (weeks run Monday to Sunday).
* ``SMALL``: counts from 1 to ``SMALL - 1`` are shown as "fewer than 5" where they could point at a
  person (``view.py`` says which cells).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

SMALL = 5  # counts 1 to 4 are shown as "fewer than 5"
Z95 = 1.959963984540054  # the normal quantile for a two-sided 95 % interval


def percentile(values: Sequence[int], p: float) -> int | None:
    """The nearest-rank ``p``-th percentile of ``values`` (None when there are none)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def wilson(yes: int, n: int, z: float = Z95) -> tuple[float, float] | None:
    """The Wilson score interval (low, high) of the share ``yes / n``; None when ``n`` is 0."""
    if n <= 0:
        return None
    share = yes / n
    denominator = 1 + z * z / n
    centre = (share + z * z / (2 * n)) / denominator
    half = z * math.sqrt(share * (1 - share) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, round(centre - half, 12)), min(1.0, round(centre + half, 12))


def week_of(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


def weeks(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every week's Monday from ``first``'s week to ``last``'s."""
    found, monday = [], week_of(first)
    while monday <= last:
        found.append(monday)
        monday += dt.timedelta(days=7)
    return found


def small(n: int | None) -> bool:
    """A count that could point at a person: 1 to 4."""
    return n is not None and 0 < n < SMALL
