"""How the resident pays, in words: one source for the confirmation page and the emails.

The form's ``payment:`` (``guichet.model.payment``) and the page's fees give
the terms; this module turns them into what the resident reads (how, how
much, where) and the one line staff read in the department's email.
"""

from __future__ import annotations

from guichet.i18n import Table, pick
from guichet.words import N_
from guichet.model.payment import Payment, PaymentMethod, PaymentTerms, payment_terms

STRINGS: Table = {
    "title": N_("Payment"),
    "online": N_("Pay online on the City's payment page. Your reference number is already filled in there."),
    "invoice": N_("Do not pay now. If a fee applies, we send you a bill that says how to pay."),
    "on_pickup": N_("You pay in person, when you come to pick it up."),
    "amount_one": N_("How much:"),
    "amount_many": N_("How much: the fee that applies to you, from this list:"),
    "pay_link": N_("Go to the payment page"),
    "amount_item": N_("{label}: {amount}"),
    # in the department's email
    "staff_online": N_("Payment: the resident was sent to the City's payment page with reference {ref}; check it is paid."),
    "staff_invoice": N_("Payment: the resident was told not to pay now; send them a bill for the fee that applies."),
    "staff_on_pickup": N_("Payment: the resident was told to pay in person when they pick it up."),
}


def w(key: str, lang: str, **values) -> str:
    return pick(STRINGS, key, lang, **values)


def payment_view(terms: PaymentTerms | None, lang: str) -> dict | None:
    """What the confirmation and the resident's email say about paying; None when nothing is paid."""
    if terms is None:
        return None
    amounts = [w("amount_item", lang, label=label, amount=amount) for label, amount in terms.amounts]
    return {
        "title": w("title", lang),
        "how": w(terms.method.value, lang),
        "amounts_intro": (w("amount_one", lang) if len(amounts) == 1 else w("amount_many", lang)) if amounts else None,
        "amounts": amounts,
        "url": terms.url if terms.method is PaymentMethod.online else None,
        "link_text": w("pay_link", lang),
    }


def view_for(payment: Payment | None, fees: list, lang: str, reference: str) -> dict | None:
    """``payment_view`` of a form's payment, with the page's ``fees`` in ``lang``, for one request."""
    return payment_view(payment_terms(payment, fees, lang, reference), lang)


def staff_line(payment: Payment | None, lang: str, reference: str) -> str | None:
    """The line of the department's email saying what the resident was told about paying."""
    if payment is None or payment.method is PaymentMethod.none:
        return None
    return w(f"staff_{payment.method.value}", lang, ref=reference)
