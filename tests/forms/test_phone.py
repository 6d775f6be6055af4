"""Issue #11 item 18: phone numbers are real North American numbers (with an
extension if any), and the postal code's hint and error give the same example."""

from __future__ import annotations

import pytest

from forms_app.forms.checks import phone_number

from tests.support.forms import FORM, FORM_FR, post, rows, text, valid_answers
from tests.support.html_tree import field_errors, parse

NBSP = "\u00a0"


def stored(app) -> dict[str, str]:
    (row,) = rows(app, "submissions")
    return {a["name"]: a["value"] for a in row["answers"]}


def hint(page: str, field: str) -> str | None:
    found = parse(page).find_all("div", id=f"{field}-hint", class_="gx-hint")
    return found[0].text() if found else None


@pytest.mark.parametrize("typed", ["123", "555-0100", "911", "613-555-010", "613-555-01000", "113-555-0100",
                                   "613-111-0100", "613-911-0100", "+44 12", "call me", "613-555-0100 ext.",
                                   "613-555-0100 ext. 1234567", "011 44 20 7946 0958"])
@pytest.mark.parametrize("url, lang", [(FORM, "en"), (FORM_FR, "fr")])
def test_a_number_that_cannot_be_called_is_refused_with_an_example(client, app, url, lang, typed):
    response = post(client, url, valid_answers(phone=typed))
    assert response.status_code == 422
    expected = ("Phone number must be like 613-555-0100 or 613-555-0100 ext. 12" if lang == "en" else
                f"Le champ «{NBSP}Numéro de téléphone{NBSP}» doit ressembler à 613-555-0100 ou à 613-555-0100 poste 12")
    assert field_errors(text(response)) == {"phone": expected}
    assert rows(app, "submissions") == []


@pytest.mark.parametrize("url, typed, kept", [
    (FORM, "613-555-0100", "613-555-0100"),
    (FORM, "(613) 555-0100", "613-555-0100"),
    (FORM, "+1 613 555 0100", "613-555-0100"),
    (FORM, "1-613-555-0100", "613-555-0100"),
    (FORM, "6135550100", "613-555-0100"),
    (FORM, "613-555-0100 ext. 12", "613-555-0100 ext. 12"),
    (FORM, "613.555.0100 x12", "613-555-0100 ext. 12"),
    (FORM, "613-555-0100, extension 12", "613-555-0100 ext. 12"),
    (FORM_FR, "613 555-0100 poste 12", "613-555-0100 poste 12"),
    (FORM_FR, "613-555-0100 p. 12", "613-555-0100 poste 12"),
    (FORM, "+44 20 7946 0958", "+44 20 7946 0958"),  # a caller abroad, kept as typed
])
def test_a_real_number_is_stored_written_one_way(client, app, url, typed, kept):
    response = post(client, url, valid_answers(phone=typed))
    assert response.status_code == 303, field_errors(text(response))
    assert stored(app)["phone"] == kept


def test_the_check_itself():
    assert phone_number("123", "en") is None
    assert phone_number("613-555-0100 poste 7", "en") == "613-555-0100 ext. 7"


@pytest.mark.parametrize("url, word", [(FORM, "For example, "), (FORM_FR, "Par exemple, ")])
def test_the_postal_code_hint_and_error_give_the_same_example(client, url, word):
    page = text(post(client, url, valid_answers(postal_code="12345")))
    shown, error = hint(page, "postal_code"), field_errors(page)["postal_code"]
    example = "K0A\u00a01A0" if url == FORM_FR else "K0A 1A0"  # French keeps a postal code on one line
    assert shown == word + example
    assert error.endswith(" " + example)  # the same example, from one place
    assert hint(text(client.get(url)), "phone") == word + "613-555-0100"


def test_demo_forms_leave_the_postal_code_example_to_the_app():
    from pathlib import Path

    from guichet.model import load_catalogue

    catalogue = load_catalogue(Path(__file__).resolve().parents[2] / "catalogue")
    postal = [(slug, f.hint) for slug, s in catalogue.services.items() if s.form
              for f in s.form.fields if f.type.value == "postal_code"]
    assert postal and all(h is None for _, h in postal), postal
