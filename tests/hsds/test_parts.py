"""The small readings the export makes of editors' text: a fee's amount, a Canadian address."""

from __future__ import annotations

from decimal import Decimal

import pytest

from guichet.hsds.places import address
from guichet.hsds.records import cost_option, fee_amount


@pytest.mark.parametrize("text, amount", [
    ("$25", Decimal("25")), ("$25 a year", Decimal("25")), ("10 $ par année", Decimal("10")),
    ("7,50 $ par tranche de 15 minutes", Decimal("7.50")), ("$3.50, the same as a regular bus fare", Decimal("3.50")),
    ("$1,250 each", Decimal("1250")), ("0,20 $ la page", Decimal("0.20")),
    ("$30 to $100, as shown on your ticket", None), ("De 40 $ à 150 $", None), ("$8 per square metre, $150 minimum", None),
    ("1.75% of the payment", None), ("20 cents a page", None), ("Half price", None), ("Free", None),
])
def test_a_fee_has_a_number_only_when_it_names_one_amount_first(text, amount):
    assert fee_amount(text) == amount


def test_a_free_fee_costs_zero_and_words_keep_no_currency():
    free = cost_option("https://x.example/", "s", "00000000-0000-0000-0000-000000000000", 0, "Licence", "Gratuit")
    assert (free["amount"], free["currency"], free["amount_description"]) == (0, "CAD", "Gratuit")
    half = cost_option("https://x.example/", "s", "00000000-0000-0000-0000-000000000000", 1, "Seniors", "Half price")
    assert "amount" not in half and "currency" not in half


def test_an_address_needs_its_province_and_postal_code():
    full = address("https://x.example/", ("k",), "Finances et revenus, Ville de Bellerive, 100, rue Main, Bellerive ON K0A 1A0", "postal")
    assert {k: v for k, v in full.items() if k != "id"} == {
        "attention": "Finances et revenus, Ville de Bellerive", "address_1": "100, rue Main", "city": "Bellerive",
        "state_province": "ON", "postal_code": "K0A 1A0", "country": "CA", "address_type": "postal"}
    assert address("https://x.example/", ("k",), "100 Main Street, Bellerive", "physical") is None
