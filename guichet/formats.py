"""Numbers, money, dates and times in each language, from Babel's CLDR data (``en_CA``, ``fr_CA``).

Nothing in Guichet formats a number, an amount, a date or a time by hand:
the site build, the forms app and the emails all call these functions, so
the Canadian conventions (``$25`` / ``25 $``, ``1,500`` / ``1 500``,
``December 1, 2026`` / ``1 décembre 2026``) come from one place, CLDR.
The forms chosen once (docs/design.md, "Dates, numbers and money"):

- a date is CLDR's ``long`` date: ``December 1, 2026``, ``1 décembre 2026``;
- a date and time is CLDR's ``long`` date and ``short`` time joined by CLDR's
  ``long`` date-time pattern: ``December 1, 2026, 8:52 a.m.``,
  ``1 décembre 2026, 08 h 52``, in the city's time zone;
- money is CLDR's standard currency pattern for Canadian dollars, without
  the cents when the amount is whole: ``$25``, ``$7.50``, ``25 $``, ``7,50 $``.

No Flask, no mkdocs: the worker and the build import it as the app does.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_time as _babel_time
from babel.dates import get_datetime_format
from babel.numbers import NumberPattern, format_decimal, parse_pattern
from babel.numbers import format_percent as format_percent_babel
from babel.units import format_unit

from . import DEFAULT_LANGUAGE

LOCALES = {"en": "en_CA", "fr": "fr_CA"}  # a third language: one line here, one .po file for its words
CURRENCY = "CAD"


def locale(lang: str) -> Locale:
    return _locale(LOCALES.get(lang, LOCALES[DEFAULT_LANGUAGE]))


@lru_cache(maxsize=None)
def _locale(name: str) -> Locale:
    return Locale.parse(name)


def format_number(value: int | float | Decimal, lang: str) -> str:
    """1234567.5 → ``1,234,567.5`` (en) or ``1 234 567,5`` (fr, CLDR's no-break space)."""
    return format_decimal(Decimal(str(value)), locale=locale(lang), decimal_quantization=False)


def format_percent(share: float, lang: str) -> str:
    """A share from 0 to 1 as CLDR's percent, whole: 0.84 → ``84%`` (en) or ``84 %`` (fr)."""
    return format_percent_babel(share, locale=locale(lang))


@lru_cache(maxsize=None)
def _money_patterns(name: str) -> tuple[NumberPattern, NumberPattern]:
    """The locale's standard currency pattern, and the same pattern with no cents (for whole amounts)."""
    pattern = parse_pattern(_locale(name).currency_formats["standard"].pattern)
    whole = copy.copy(pattern)
    whole.frac_prec = (0, 0)
    return pattern, whole


def format_money(amount: int | float | Decimal, lang: str) -> str:
    """25 → ``$25`` / ``25 $``; 7.5 → ``$7.50`` / ``7,50 $`` (Canadian dollars)."""
    value = Decimal(str(amount))
    loc = locale(lang)
    cents, whole = _money_patterns(str(loc))
    pattern = whole if value == value.to_integral_value() else cents
    return pattern.apply(value, loc, currency=CURRENCY, currency_digits=False)


def format_date(day: dt.date, lang: str) -> str:
    """CLDR's long date: ``October 1, 2026`` / ``1 octobre 2026``."""
    return _babel_date(day, "long", locale=locale(lang))


def format_datetime(when: dt.datetime, lang: str, tz: str) -> str:
    """``December 1, 2026, 8:52 a.m.`` / ``1 décembre 2026, 08 h 52`` in the time zone ``tz``."""
    zone = ZoneInfo(tz)
    local = when.astimezone(zone)
    loc = locale(lang)
    time = _babel_time(local, "short", tzinfo=zone, locale=loc)
    return get_datetime_format("long", locale=loc).replace("'", "").format(time, format_date(local.date(), lang))


# An amount as editors write it in a fee: "$25", "25 $", "$7.50", "7,50 $" (and nothing else).
_AMOUNT = re.compile(r"^(?:\$\s*(?P<a>[0-9][0-9,\s\u00a0\u202f]*(?:\.[0-9]{2})?)"
                     r"|(?P<b>[0-9][0-9\s\u00a0\u202f]*(?:,[0-9]{2})?)\s*\$)$")


def money_text(text: str, lang: str) -> str:
    """A fee's amount as written by an editor: a bare amount is re-formatted by CLDR, other text is kept.

    ``$25`` and ``25 $`` become ``format_money(25, lang)``; ``Free``, ``$60 a year`` stay as written
    (the French typography pass still glues ``60 $``).
    """
    amount = money_amount(text)
    return text if amount is None else format_money(amount, lang)


def money_amount(text: str) -> Decimal | None:
    """The number in a fee written as a bare amount (``$25``, ``25 $``, ``3,50 $``), else None
    (``Free``, ``$60 a year`` and ``$30 to $100`` are words, not one amount)."""
    match = _AMOUNT.match(text.strip())
    if match is None:
        return None
    if match["a"] is not None:
        digits = re.sub(r"[,\s\u00a0\u202f]", "", match["a"])
    else:
        digits = re.sub(r"[\s\u00a0\u202f]", "", match["b"]).replace(",", ".")
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def format_size(size: int, lang: str) -> str:
    """A file's size with CLDR's unit words: ``300 bytes``, ``12 kB``, ``1.5 MB`` / ``300 o``, ``12 ko``, ``1,5 Mo``."""
    if size < 1024:
        value, unit = Decimal(size), "digital-byte"
    elif size < 1024 * 1024:
        value, unit = round(Decimal(size) / 1024), "digital-kilobyte"
    else:
        value, unit = round(Decimal(size) / 1048576, 1), "digital-megabyte"
    return format_unit(value, unit, length="short", locale=locale(lang))


# Canada Post's province and territory symbols; a French address names the province in brackets.
PROVINCES_FR = {
    "AB": "Alberta", "BC": "Colombie-Britannique", "MB": "Manitoba", "NB": "Nouveau-Brunswick",
    "NL": "Terre-Neuve-et-Labrador", "NS": "Nouvelle-Écosse", "NT": "Territoires du Nord-Ouest", "NU": "Nunavut",
    "ON": "Ontario", "PE": "Île-du-Prince-Édouard", "QC": "Québec", "SK": "Saskatchewan", "YT": "Yukon",
}
_ADDRESS_END = re.compile(r"(?P<city>[^,]*?[^\s,])\s*,?\s+(?P<province>" + "|".join(PROVINCES_FR) + r")\.?"
                          r"\s+(?P<fsa>[A-Z][0-9][A-Z])\s?(?P<ldu>[0-9][A-Z][0-9])\s*$")


def address_text(text: str, lang: str) -> str:
    """A one-line address in the language's form: ``Bellerive ON K0A 1A0`` (en) is
    ``Bellerive (Ontario) K0A 1A0`` in French (Canada Post, Office québécois de la langue française)."""
    match = _ADDRESS_END.search(text)
    if match is None or lang != "fr":
        return text
    return (f"{text[:match.start()]}{match['city']} ({PROVINCES_FR[match['province']]}) "
            f"{match['fsa']} {match['ldu']}")


_DOUBLE_STOP = re.compile(r"(?<=[a-z]\.[a-z])\.\.(?!\.)")


def address_parts(text: str) -> tuple[str, str, str, str] | None:
    """A one-line Canadian address cut at its end: (what comes before the city, city, province symbol,
    postal code ``K0A 1A0``), or None when it does not end with a province and a postal code."""
    match = _ADDRESS_END.search(text)
    if match is None:
        return None
    return (text[:match.start()].strip().rstrip(",").strip(), match["city"].strip(), match["province"],
            f"{match['fsa']} {match['ldu']}")


def one_stop(sentence: str) -> str:
    """A sentence that ends on an abbreviation's period takes no second one:
    "Updated on December 1, 2026, 7:00 p.m.." → "… 7:00 p.m."."""
    return _DOUBLE_STOP.sub(".", sentence)
