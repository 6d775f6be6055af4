"""Counts of searches that found no City service, so editors see what residents look for and do not find.

Three kinds are counted (``KINDS``): ``no_result`` (nothing matched),
``elsewhere_only`` (only an ``elsewhere.yml`` answer: another government
handles it) and ``related_only`` (only "You may also be looking for").

Privacy: a row holds only the normalised query text, its language, its kind,
the month (``period``), how many times it was asked and the last day it was
(no time of day, no IP address, no user agent, no session). Before it is
stored, the text is case-folded and whatever could say who typed it is
masked (``normalise``): email addresses, phone numbers, postal codes,
request references (``ABCD-2345``, ``abcd-efgh``), codes mixing letters and
digits, runs of 3+ digits, and people's names: the words after "my name is"
or "je m'appelle", and given names and surnames common in Canada in both
languages (``names.py``). A query that is only masks is kept as such
("[name]": editors learn that residents type names, never which).

The table stays small: at most ``CAP_PER_PERIOD`` rows per language and
month (the least asked go first), rows older than ``KEEP_MONTHS`` months are
deleted when a new one is written, and the forms app counts at most a few
misses per client (``SEARCH_MISS_RATE_LIMIT``; the search still answers).
Searches made while typing (the JSON endpoint) are not counted.

Counting and storing is the forms app's store (``Store.misses``, its
``search_misses`` table under its migrations): this module only decides
what may be kept (``normalise``) and how the report reads (``report``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from .names import INTRODUCERS, mask_listed_names, mask_reference
from .query import clean

MAX_STORED_CHARS = 100  # the store's search_misses.query column holds this many
KINDS = ("no_result", "elsewhere_only", "related_only")
CAP_PER_PERIOD = 500  # rows kept per language and month
KEEP_MONTHS = 13  # a year of months to compare, and the current one

EMAIL = re.compile(r"\S+@\S+")
POSTAL_CODE = re.compile(r"\b[a-z]\d[a-z]\s?\d[a-z]\d\b")  # Canadian, case-folded
PHONE = re.compile(r"\+?\d[\d\s().\-]{6,}\d")
REFERENCE = re.compile(r"\b([a-z0-9]{4})(-?)([a-z0-9]{4})\b")  # ABCD-2345, abcd-efgh, a1b2c3d4
CODE = re.compile(r"\b(?=[a-z]*\d)(?=\d*[a-z])[a-z0-9]{5,}\b")  # letters and digits: a licence or account number
DIGITS = re.compile(r"\d{3,}")


def month(day: dt.date) -> dt.date:
    """The period a day counts in: the first day of its month."""
    return day.replace(day=1)


def _surname_in_a_query(text: str, found: list[re.Match], i: int) -> bool:
    """In a search a surname is capitalised, or the query is just the two names ("jean dupuis")."""
    return found[i + 1].group(0)[:1].isupper() or len(found) == 2


def mask_names(text: str) -> str:
    """Replace people's names with ``[name]`` (``text`` as typed: a capital letter is a hint)."""
    folded = text.casefold()
    for introducer in INTRODUCERS:  # "my name is jean", "je m'appelle marie-claude gagnon": what follows is a name
        at = folded.find(introducer)
        if at >= 0 and (at == 0 or not folded[at - 1].isalnum()):
            end = at + len(introducer)
            text, folded = text[:end] + " [name]", folded[:end] + " [name]"
    return mask_listed_names(text, _surname_in_a_query)


def normalise(query: str) -> str:
    """The form a missed query is stored in (see the privacy note above)."""
    text = mask_names(clean(query)).casefold()
    text = EMAIL.sub("[email]", text)
    text = POSTAL_CODE.sub("[postal code]", text)
    text = PHONE.sub("[phone]", text)
    text = REFERENCE.sub(mask_reference, text)
    text = CODE.sub("[code]", text)
    text = DIGITS.sub("[number]", text)
    text = re.sub(r"\[name\](?:\s+\[name\])+", "[name]", text)  # "[name] [name]" says no more than "[name]"
    return text[:MAX_STORED_CHARS].strip()


def report(rows: list[tuple[str, str, str, int, dt.date]], totals: list[tuple[str, str, int]] | None = None) -> str:
    """The rows (query, lang, kind, count, last seen) as a plain-text table for ``search-report``,
    after the totals per language and kind when given."""
    if not rows:
        return "No searches without results recorded."
    lines: list[str] = []
    if totals:
        by = Counter({(lang, kind): n for lang, kind, n in totals})
        lines.append("searches that found no City service: " + "; ".join(
            f"{lang}: " + ", ".join(f"{by[lang, kind]} {kind.replace('_', ' ')}" for kind in KINDS)
            for lang in sorted({lang for lang, _ in by})))
        lines.append("")
    width = max(len("query"), *(len(r[0]) for r in rows))
    lines += [f"{'count':>6}  lang  {'kind':14}  {'last seen':10}  query", f"{'-' * 6}  ----  {'-' * 14}  {'-' * 10}  {'-' * width}"]
    lines += [f"{count:>6}  {lang:4}  {kind:14}  {last.isoformat():10}  {query}" for query, lang, kind, count, last in rows]
    return "\n".join(lines)
