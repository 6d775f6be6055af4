"""Issue #11 items 14 and 18: ``guichet check`` holds a page to what its form does.

A page whose online channel promises paying needs a form with a payment step;
a payment taking its amounts from the page's fees needs those fees; a choice
question labelled with one word gets a warning. Each is reported as
``file:line: field: message`` at the exact line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from guichet.check import run_checks
from guichet.cli import main
from guichet.model import load_catalogue
from guichet.model.payment import Payment

from .copies import PROJECT, edit

PAYMENT = """payment:
  # After sending the form, the resident pays on the City's payment page (a demo address).
  method: online
  url: "https://pay.bellerive.example.org/dog-licence?ref={reference}"
  amount_from_fees: true
"""


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    (number,) = [i for i, line in enumerate(lines, start=1) if text in line]
    return number


def reported(root: Path) -> list[str]:
    return [str(p) for p in run_checks(load_catalogue(root), readability_check=False)]


def test_the_demo_keeps_its_promises():
    problems = reported(PROJECT / "catalogue")
    assert not [p for p in problems if "payment" in p or "one word" in p], problems
    catalogue = load_catalogue(PROJECT / "catalogue")
    for slug in ("dog-licence", "access-to-information"):
        assert catalogue.services[slug].form.payment.method.value == "online", slug


def test_the_dog_licence_form_asks_what_the_page_says_you_need():
    """'What you need': name, breed, colour, age, last rabies shot; the fees: 65 or over; a renewal: the tag."""
    form = load_catalogue(PROJECT / "catalogue").services["dog-licence"].form
    fields = {f.name: f for f in form.fields}
    assert {"dog_name", "breed", "colour", "birth_date", "rabies_shot", "sterilized", "owner_senior", "current_tag"} <= set(fields)
    assert fields["rabies_shot"].type.value == "date" and fields["owner_senior"].type.value == "yes_no"
    assert not fields["current_tag"].required  # only for a renewal
    assert fields["tag_type"].label.en == "Is this a new licence or a renewal?"
    for spec in (f for f in form.fields if f.choices):
        assert all(len(spec.label.get(lang).split()) > 1 for lang in ("en", "fr")), spec.name


def test_a_page_that_promises_paying_online_needs_a_payment_step(catalogue_copy):
    services = catalogue_copy / "services"
    edit(services / "dog-licence.form.yml", PAYMENT, "")
    problems = reported(catalogue_copy)
    en, fr = services / "dog-licence.md", services / "dog-licence.fr.md"
    expected = {
        f"catalogue/services/dog-licence.md:{line_of(en, 'description: Apply online')}: channels.online.description: "
        "says residents can pay online (“pay”)",
        f"catalogue/services/dog-licence.fr.md:{line_of(fr, 'description: Faites la demande')}: channels.online.description: "
        "says residents can pay online (“payez”)",
    }
    found = {p.split(", but")[0] for p in problems if "channels.online.description" in p}
    assert found == expected, problems
    assert all("add 'payment:' to the form" in p for p in problems if "channels.online.description" in p)


@pytest.mark.parametrize("words", ["Pay by credit card when you apply.", "Apply here. Payment is due at once."])
def test_the_promise_is_found_in_other_words(catalogue_copy, words):
    page = catalogue_copy / "services" / "report-pothole.md"
    edit(page, "description: Report a pothole online", f"description: {words} Report a pothole online")
    problems = [p for p in reported(catalogue_copy) if "report-pothole.md" in p]
    assert [p.split(": says")[0] for p in problems] == [
        f"catalogue/services/report-pothole.md:{line_of(page, 'description:')}: channels.online.description"], problems


def test_a_payment_method_none_does_not_keep_the_promise(catalogue_copy):
    edit(catalogue_copy / "services" / "dog-licence.form.yml", PAYMENT, "payment: {method: none}\n")
    assert sum("says residents can pay online" in p for p in reported(catalogue_copy)) == 2


def test_fee_numbers_must_exist_on_both_pages(catalogue_copy):
    services = catalogue_copy / "services"
    edit(services / "access-to-information.form.yml", "amount_from_fees: [1]", "amount_from_fees: [1, 4]")
    errors = [str(p) for p in load_catalogue(catalogue_copy).errors]
    for name in ("access-to-information.md", "access-to-information.fr.md"):
        line = line_of(services / name, "fees:")
        assert (f"catalogue/services/{name}:{line}: fees: services/access-to-information.form.yml pays fee number 4, "
                "but this page lists 3; fix amount_from_fees or add the fee") in errors, errors


def test_fees_from_a_page_without_fees_is_an_error(catalogue_copy):
    services = catalogue_copy / "services"
    text = (services / "report-pothole.form.yml").read_text(encoding="utf-8")
    (services / "report-pothole.form.yml").write_text(
        text.replace("fields:\n", "payment: {method: invoice, amount_from_fees: true}\nfields:\n", 1), encoding="utf-8")
    errors = [str(p) for p in load_catalogue(catalogue_copy).errors]
    assert any(e.startswith("catalogue/services/report-pothole.md:") and ": fees: " in e and "lists none" in e
               for e in errors), errors


@pytest.mark.parametrize("payment, message", [
    ({"method": "online", "amount_from_fees": True}, "needs 'url: https://…?ref={reference}'"),
    ({"method": "online", "url": "https://pay.example.org/x", "amount_from_fees": True}, "must contain {reference}"),
    ({"method": "online", "url": "http://pay.example.org/?ref={reference}", "amount_from_fees": True}, "https://"),
    ({"method": "invoice", "url": "https://pay.example.org/?ref={reference}", "amount_from_fees": True}, "only for method: online"),
    ({"method": "invoice"}, "say how much"),
    ({"method": "none", "amount_from_fees": True}, "takes no amounts"),
])
def test_a_payment_that_cannot_work_is_refused_in_plain_words(payment, message):
    with pytest.raises(ValidationError) as caught:
        Payment.model_validate(payment)
    assert message in str(caught.value)


def test_the_reference_is_put_in_the_payment_address_encoded():
    payment = Payment.model_validate({"method": "online", "url": "https://pay.example.org/p/{reference}?s=dog",
                                      "amounts": [{"label": {"en": "Fee", "fr": "Frais"}, "amount": {"en": "$5", "fr": "5 $"}}]})
    assert payment.payment_url("ABCD-2345") == "https://pay.example.org/p/ABCD-2345?s=dog"
    assert payment.payment_url("a&b c") == "https://pay.example.org/p/a%26b%20c?s=dog"


def test_a_one_word_choice_label_is_a_warning_at_its_line(catalogue_copy):
    form = catalogue_copy / "services" / "dog-licence.form.yml"
    edit(form, 'label: {en: "Is this a new licence or a renewal?", fr: "S\'agit-il d\'une nouvelle licence ou d\'un renouvellement?"}',
         "label: {en: Licence, fr: Licence}")
    result = CliRunner().invoke(main, ["check", "--catalogue", str(catalogue_copy), "--no-readability", "--strict"])
    line = line_of(form, "label: {en: Licence, fr: Licence}")
    assert result.exit_code == 1
    assert re.search(rf"^catalogue/services/dog-licence.form.yml:{line}: tag_type.label: warning: .*"
                     r"Choose one option for “Licence”; ask the whole question", result.output, re.M), result.output
