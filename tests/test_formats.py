"""Numbers, money, dates and times come from Babel's CLDR data for en_CA and fr_CA (issue #12)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from guichet.formats import (address_text, format_date, format_datetime, format_money, format_number, format_size,
                             money_text, one_stop)

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(("amount", "en", "fr"), [
    (25, "$25", f"25{NBSP}$"),
    (Decimal("7.5"), "$7.50", f"7,50{NBSP}$"),
    (1500, "$1,500", f"1{NBSP}500{NBSP}$"),
    (Decimal("0.20"), "$0.20", f"0,20{NBSP}$"),
])
def test_money_is_cldr_canadian_dollars_without_cents_when_whole(amount, en, fr):
    assert (format_money(amount, "en"), format_money(amount, "fr")) == (en, fr)


@pytest.mark.parametrize(("value", "en", "fr"), [
    (1234567.5, "1,234,567.5", f"1{NBSP}234{NBSP}567,5"),
    (2, "2", "2"),
    (Decimal("0.25"), "0.25", "0,25"),
    (-1500, "-1,500", f"-1{NBSP}500"),
])
def test_numbers_group_and_mark_decimals_by_locale(value, en, fr):
    assert (format_number(value, "en"), format_number(value, "fr")) == (en, fr)


def test_dates_are_cldr_long_dates_in_words():
    day = dt.date(2026, 10, 1)
    assert format_date(day, "en") == "October 1, 2026"
    assert format_date(day, "fr") == "1 octobre 2026"


def test_date_and_time_in_the_city_time_zone():
    when = dt.datetime(2026, 12, 1, 13, 52, tzinfo=dt.UTC)  # 8:52 in Toronto (EST)
    assert format_datetime(when, "en", "America/Toronto") == f"December 1, 2026, 8:52{NNBSP}a.m."
    assert format_datetime(when, "fr", "America/Toronto") == "1 décembre 2026, 08 h 52"
    assert format_datetime(when, "fr", "America/Vancouver") == "1 décembre 2026, 05 h 52"
    summer = dt.datetime(2026, 7, 1, 18, 5, tzinfo=dt.UTC)  # EDT: 14:05
    assert format_datetime(summer, "en", "America/Toronto") == f"July 1, 2026, 2:05{NNBSP}p.m."


def test_file_sizes_use_cldr_unit_words():
    assert [format_size(n, "en") for n in (300, 12 * 1024, 1572864)] == ["300 bytes", "12 kB", "1.5 MB"]
    assert [format_size(n, "fr") for n in (300, 12 * 1024, 1572864)] == [f"300{NBSP}o", f"12{NBSP}ko", f"1,5{NBSP}Mo"]


@pytest.mark.parametrize(("written", "lang", "shown"), [
    ("$25", "en", "$25"), ("25 $", "fr", f"25{NBSP}$"), ("$7.5", "en", "$7.5"),  # not an amount CLDR reads: kept
    ("$7.50", "en", "$7.50"), ("7,50 $", "fr", f"7,50{NBSP}$"), ("$1,500", "en", "$1,500"),
    ("1 500 $", "fr", f"1{NBSP}500{NBSP}$"), ("Free", "en", "Free"), ("$60 a year", "en", "$60 a year"),
    ("De 30 $ à 100 $", "fr", "De 30 $ à 100 $"),  # words around: kept (the typography glues the $)
])
def test_a_bare_fee_amount_is_reformatted_other_text_kept(written, lang, shown):
    assert money_text(written, lang) == shown


@pytest.mark.parametrize(("written", "fr"), [
    ("100, rue Main, Bellerive ON K0A 1A0", "100, rue Main, Bellerive (Ontario) K0A 1A0"),
    ("Greffe, 100, rue Main, Bellerive, ON K0A1A0", "Greffe, 100, rue Main, Bellerive (Ontario) K0A 1A0"),
    ("1, rue Principale, Gatineau QC J8X 3Y9", "1, rue Principale, Gatineau (Québec) J8X 3Y9"),
    ("100, rue Main, Bellerive", "100, rue Main, Bellerive"),  # no province: nothing to change
])
def test_french_addresses_name_the_province_in_brackets(written, fr):
    assert address_text(written, "fr") == fr
    assert address_text(written, "en") == written  # English keeps Canada Post's symbol


def test_a_sentence_ending_on_an_abbreviation_takes_one_period():
    assert one_stop(f"Updated on December 1, 2026, 7:00{NNBSP}p.m..") == f"Updated on December 1, 2026, 7:00{NNBSP}p.m."
    assert one_stop("Mise à jour le 1 décembre 2026, 19 h 00.") == "Mise à jour le 1 décembre 2026, 19 h 00."
    assert one_stop("Wait...") == "Wait..."
