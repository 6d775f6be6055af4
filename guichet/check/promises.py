"""Promises a page makes that its form must keep.

- A page whose online channel says residents pay online ("Apply and pay
  online", "payez par carte") needs a form that declares its payment step
  (``payment:`` in ``<slug>.form.yml``); otherwise the resident is promised
  a payment the form never asks for.
- A choice question labelled with one word ("Licence") gives an error
  message that says nothing ("Choose one option for “Licence”"): ask the
  question (warning).
"""

from __future__ import annotations

import re

from ..model.catalogue import Catalogue, Service, rel
from ..model.form import CHOICE_TYPES, FormSpec
from ..model.payment import PaymentMethod
from ..model.problems import Problem

# Words that promise a payment, in either language (matched on whole words, any case).
PAY_WORDS = re.compile(
    r"\b(?:pay|pays|paying|paid|payment|payments|card|cards|credit|debit"
    r"|payer|payez|paye|payé|payée|paie|paiement|paiements|payement|carte|cartes|crédit|débit)\b",
    re.IGNORECASE,
)


def promises_payment(text: str | None) -> str | None:
    """The first word of ``text`` that promises a payment, if any."""
    found = PAY_WORDS.search(text or "")
    return found.group(0) if found else None


def takes_payment(service: Service) -> bool:
    payment = service.form.payment if service.form else None
    return payment is not None and payment.method is not PaymentMethod.none


def payment_promises(service: Service, catalogue: Catalogue) -> list[Problem]:
    out = []
    for page in service.pages.values():
        online = page.meta.channels.online
        word = promises_payment(online.description if online and online.form else None)
        if word and service.form is not None and not takes_payment(service):
            out.append(Problem(
                rel(page.path, catalogue.root), page.line_of("channels", "online", "description"),
                "channels.online.description",
                f"says residents can pay online (“{word}”), but services/{service.slug}.form.yml takes no payment; "
                "add 'payment:' to the form (online, invoice or on_pickup; see the editors' guide) "
                "or say how they pay instead"))
    return out


def one_word_choice_labels(service: Service, catalogue: Catalogue) -> list[Problem]:
    spec: FormSpec | None = service.form
    if spec is None:
        return []
    short = [(i, f) for i, f in enumerate(spec.fields)
             if f.type in CHOICE_TYPES and any(len(f.label.get(lang).split()) < 2 for lang in ("en", "fr"))]
    if not short:
        return []
    path = catalogue.root / "services" / f"{service.slug}.form.yml"
    return [
        Problem(rel(path, catalogue.root), service.form_line_of("fields", i, "label"), f"{field.name}.label",
                f"“{field.label.en}” / “{field.label.fr}” is a single word, so a resident who skips it reads: "
                f"Choose one option for “{field.label.en}”; ask the whole question, "
                "like “Is this a new licence or a renewal?”", "warning")
        for i, field in short
    ]


def check(catalogue: Catalogue) -> list[Problem]:
    out: list[Problem] = []
    for service in catalogue.services.values():
        out.extend(payment_promises(service, catalogue))
        out.extend(one_word_choice_labels(service, catalogue))
    return out
