"""Counts of searches that found nothing, so editors can add the missing words.

Privacy: a row holds only the normalised query text, its language, how
many times it was asked and the last day it was (no time of day, no IP
address, no user agent, no session). Before it is stored, the text is
case-folded and anything that looks like an email address, a phone
number, a postal code or another run of 3+ digits is replaced by a
placeholder, since residents sometimes type their own details in a search
box. Searches made while typing (the JSON endpoint) are not counted.

Counting and storing is the forms app's store (``Store.misses``, its
``search_misses`` table under its migrations): this module only decides
what may be kept (``normalise``) and how the report reads (``report``).
"""

from __future__ import annotations

import datetime as dt
import re

from .query import clean

MAX_STORED_CHARS = 100  # the store's search_misses.query column holds this many

REDACTIONS = (
    (re.compile(r"\S+@\S+"), "[email]"),
    (re.compile(r"\b[a-z]\d[a-z]\s?\d[a-z]\d\b"), "[postal code]"),  # Canadian, case-folded
    (re.compile(r"\+?\d[\d\s().\-]{6,}\d"), "[phone]"),
    (re.compile(r"\d{3,}"), "[number]"),
)


def normalise(query: str) -> str:
    """The form a missed query is stored in (see the privacy note above)."""
    text = clean(query).casefold()
    for pattern, placeholder in REDACTIONS:
        text = pattern.sub(placeholder, text)
    return text[:MAX_STORED_CHARS].strip()


def report(rows: list[tuple[str, str, int, dt.date]]) -> str:
    """The rows as a plain-text table for the ``search-report`` command."""
    if not rows:
        return "No searches without results recorded."
    width = max(len("query"), *(len(r[0]) for r in rows))
    lines = [f"{'count':>6}  lang  {'last seen':10}  query", f"{'-' * 6}  ----  {'-' * 10}  {'-' * width}"]
    lines += [f"{count:>6}  {lang:4}  {last.isoformat():10}  {query}" for query, lang, count, last in rows]
    return "\n".join(lines)
