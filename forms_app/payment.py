"""How the resident pays, in words: one source for the confirmation page and the emails.

The form's ``payment:`` (``guichet.model.payment``) and the page's fees give
the terms; this module turns them into what the resident reads (how, how
much, where) and the one line staff read in the department's email.
"""

from __future__ import annotations

from markupsafe import Markup

from guichet.i18n import pick
from guichet.model.payment import Payment, PaymentMethod, PaymentTerms, payment_terms

STRINGS: dict[str, dict[str, str]] = {
    "title": {"en": "Payment", "fr": "Paiement"},
    "online": {
        "en": "Pay online on the City's payment page. Your reference number is already filled in there.",
        "fr": "Payez en ligne sur la page de paiement de la Ville. Votre numéro de référence y est déjà inscrit.",
    },
    "invoice": {
        "en": "Do not pay now. If a fee applies, we send you a bill that says how to pay.",
        "fr": "Ne payez rien maintenant. S'il y a des frais, nous vous enverrons une facture qui explique comment payer.",
    },
    "on_pickup": {
        "en": "You pay in person, when you come to pick it up.",
        "fr": "Vous payez sur place, quand vous venez le chercher.",
    },
    "amount_one": {"en": "How much:", "fr": "Montant :"},
    "amount_many": {"en": "How much: the fee that applies to you, from this list:",
                    "fr": "Montant : les frais qui s'appliquent à vous, dans cette liste :"},
    "pay_link": {"en": "Go to the payment page", "fr": "Aller à la page de paiement"},
    "amount_item": {"en": "{label}: {amount}", "fr": "{label} : {amount}"},
    # in the department's email
    "staff_online": {"en": "Payment: the resident was sent to the City's payment page with reference {ref}; check it is paid.",
                     "fr": "Paiement : le résident a été dirigé vers la page de paiement de la Ville avec la référence {ref}; vérifiez qu'il a payé."},
    "staff_invoice": {"en": "Payment: the resident was told not to pay now; send them a bill for the fee that applies.",
                      "fr": "Paiement : on a dit au résident de ne rien payer maintenant; envoyez-lui une facture pour les frais applicables."},
    "staff_on_pickup": {"en": "Payment: the resident was told to pay in person when they pick it up.",
                        "fr": "Paiement : on a dit au résident de payer sur place quand il viendra le chercher."},
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


def text_lines(view: dict) -> list[str]:
    """The plain-text part of an email."""
    lines = [f"== {view['title']} ==", view["how"]]
    if view["url"]:
        lines.append(view["url"])
    if view["amounts"]:
        lines += [view["amounts_intro"]] + [f"- {a}" for a in view["amounts"]]
    return lines + [""]


def html(view: dict) -> Markup:
    """The HTML part of an email (every value escaped)."""
    link = Markup('<p><a href="{}">{}</a></p>').format(view["url"], view["link_text"]) if view["url"] else Markup("")
    amounts = Markup("")
    if view["amounts"]:
        items = Markup("").join(Markup("<li>{}</li>").format(a) for a in view["amounts"])
        amounts = Markup("<p>{}</p><ul>{}</ul>").format(view["amounts_intro"], items)
    return Markup("<h2>{}</h2><p>{}</p>{}{}").format(view["title"], view["how"], link, amounts)


def staff_line(payment: Payment | None, lang: str, reference: str) -> str | None:
    """The line of the department's email saying what the resident was told about paying."""
    if payment is None or payment.method is PaymentMethod.none:
        return None
    return w(f"staff_{payment.method.value}", lang, ref=reference)
