"""How a form's service is paid for: ``payment:`` in ``services/<slug>.form.yml``.

A page that says "apply and pay online" must be backed by a form that
takes the resident to a payment page; a form that sends an invoice, or
asks for payment at the counter, says so on the confirmation and in the
resident's email. The amounts are the page's own ``fees`` (in the page's
language, so they never disagree with what the page says), all of them or
the ones numbered in ``amount_from_fees``; or, rarely, ``amounts`` written here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING
from urllib.parse import quote

from pydantic import Field, HttpUrl, PositiveInt, model_validator

from ..formats import money_text
from .text import LocalText, Strict

if TYPE_CHECKING:
    from .service import Fee

REFERENCE_SLOT = "{reference}"


class PaymentMethod(str, Enum):
    online = "online"  # a payment page, reached from the confirmation with the reference
    invoice = "invoice"  # the city sends an invoice; nothing to pay now
    on_pickup = "on_pickup"  # paid at the counter when the resident picks up the permit, tag, records…
    none = "none"  # the form takes no payment (the page must not promise one)


class Amount(Strict):
    label: LocalText = Field(description="What the amount is for.")
    amount: LocalText = Field(description="How much, as residents read it: {en: $5, fr: 5 $}.")


class Payment(Strict):
    method: PaymentMethod = Field(description="online, invoice, on_pickup or none.")
    url: HttpUrl | None = Field(
        None, description="For online: the payment page; {reference} is replaced by the request's reference.")
    amount_from_fees: bool | list[PositiveInt] = Field(
        False, description="true: the amounts are the page's fees; a list like [1]: only those fees, counted from 1.")
    amounts: list[Amount] = Field(default_factory=list, description="Amounts written here instead of the page's fees.")

    @model_validator(mode="after")
    def _coherent(self) -> "Payment":
        online = self.method is PaymentMethod.online
        if online and self.url is None:
            raise ValueError("an online payment needs 'url: https://…?ref={reference}', the page where residents pay")
        if not online and self.url is not None:
            raise ValueError(f"'url' is only for method: online; remove it or change the method ({self.method.value})")
        if self.url is not None:
            if self.url.scheme != "https":
                raise ValueError("the payment page must start with https://")
            if REFERENCE_SLOT not in str(self.url).replace("%7B", "{").replace("%7D", "}"):
                raise ValueError("the payment url must contain {reference}, so the payment is matched to the request")
        from_fees = self.amount_from_fees is True or bool(self.amount_from_fees)
        if self.method is PaymentMethod.none:
            if from_fees or self.amounts:
                raise ValueError("method: none takes no amounts; remove amount_from_fees and amounts")
        elif from_fees == bool(self.amounts):
            raise ValueError("say how much: 'amount_from_fees: true' (the page's fees), a list of fee numbers, "
                             "or 'amounts', not both and not neither")
        return self

    def payment_url(self, reference: str) -> str | None:
        """The payment page for one request (its reference put in, URL-encoded)."""
        if self.url is None:
            return None
        template = str(self.url).replace("%7B", "{").replace("%7D", "}")
        return template.replace(REFERENCE_SLOT, quote(reference, safe=""))

    def fee_numbers(self, fees: list["Fee"]) -> list[int]:
        """The 1-based numbers of the page's fees this payment covers."""
        if self.amount_from_fees is True:
            return list(range(1, len(fees) + 1))
        return list(self.amount_from_fees or [])


@dataclass(frozen=True)
class PaymentTerms:
    """What the resident is told, in one language: how, how much, where."""

    method: PaymentMethod
    amounts: tuple[tuple[str, str], ...]  # (label, amount)
    url: str | None


def payment_terms(payment: Payment | None, fees: list["Fee"], lang: str, reference: str) -> PaymentTerms | None:
    """The terms for one request, or None when the form takes no payment."""
    if payment is None or payment.method is PaymentMethod.none:
        return None
    if payment.amounts:
        amounts = tuple((a.label.get(lang), money_text(a.amount.get(lang), lang)) for a in payment.amounts)
    else:
        amounts = tuple((fees[n - 1].label, money_text(fees[n - 1].amount, lang))
                        for n in payment.fee_numbers(fees) if n <= len(fees))
    return PaymentTerms(payment.method, amounts, payment.payment_url(reference))
