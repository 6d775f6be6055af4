"""One email-address rule for the catalogue, the forms and the store (issue #11 item 15).

The catalogue used to accept department mailboxes the store refuses, so
every submission to that department was a 500.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from forms_app import ConfigError, create_app
from forms_app.forms.checks import Invalid, check_email
from forms_app.store.addresses import is_single_address, single_address
from guichet.model import load_catalogue
from guichet.model.form import FormField
from guichet.model.taxonomy import Department

from tests.support.apps import app_config
from .copies import PROJECT

from .test_checks import problems_of

CLERK = "clerk@bellerive.example.org"
EMAIL = FormField(name="email", type="email", label={"en": "Email", "fr": "Courriel"}, required=False)

REFUSED = [
    ("a..b@example.org", "two dots in a row"),
    ("clerk@-bad-.example.org", "'-bad-' after @ starts or ends with a hyphen"),
    ("clerk@bellerive", "needs a dot"),
    ("clerk@bellerive.example.123", "must end with letters"),
    ("clérk@bellerive.example.org", "a character addresses cannot use"),
    ("Clerk <clerk@bellerive.example.org>", "one address alone"),
]
ACCEPTED = ["clerk@bellerive.example.org", "o'brien+dogs@mail.example.org", "a.b-c_d@xn--bcher-kva.example",
            "311@bellerive.example.org"]


def break_mailbox(catalogue, value: str) -> int:
    """Give the clerk's office ``value`` as its mailbox; return that line's number."""
    path = catalogue / "taxonomy.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    [index] = [i for i, line in enumerate(lines) if line.strip() == f"email: {CLERK}"]
    lines[index] = lines[index].replace(CLERK, value)
    path.write_text("\n".join(lines), encoding="utf-8")
    return index + 1


@pytest.mark.parametrize("value, why", REFUSED[:2])
def test_the_check_names_file_line_and_field_of_a_bad_mailbox(catalogue_copy, value, why):
    line = break_mailbox(catalogue_copy, value)
    problems = problems_of(catalogue_copy)
    assert [p for p in problems if "taxonomy.yml" in p] == [p for p in problems if p.startswith(
        f"catalogue/taxonomy.yml:{line}: departments.clerk.email: '{value}' is not an email address")], problems
    [problem] = [p for p in problems if "taxonomy.yml" in p]
    assert why in problem and "name@example.org" in problem


@pytest.mark.parametrize("value", [v for v, _ in REFUSED[:2]])
def test_the_app_refuses_to_start_on_a_bad_mailbox(catalogue_copy, tmp_path, value):
    line = break_mailbox(catalogue_copy, value)
    with pytest.raises(ConfigError) as refused:
        create_app(app_config(tmp_path, CATALOGUE_DIR=str(catalogue_copy)))
    message = str(refused.value)
    assert f"taxonomy.yml:{line}: departments.clerk.email: '{value}'" in message, message


def test_the_demo_mailboxes_all_follow_the_rule():
    taxonomy = load_catalogue(PROJECT / "catalogue").taxonomy
    mailboxes = [d.email for d in taxonomy.departments.values()] + [taxonomy.site.admin_email]
    assert len(mailboxes) > 10 and all(single_address(m) is not None for m in mailboxes)


def catalogue_accepts(value: str) -> bool:
    try:
        Department(name={"en": "Clerk", "fr": "Greffe"}, email=value)
    except ValidationError:
        return False
    return True


def form_accepts(value: str) -> bool:
    try:
        return check_email(value, EMAIL, "en") == value
    except Invalid:
        return False


@pytest.mark.parametrize("value, why", REFUSED)
def test_catalogue_forms_and_store_refuse_the_same_addresses(value, why):
    assert (catalogue_accepts(value), form_accepts(value), is_single_address(value)) == (False, False, False)
    with pytest.raises(ValidationError, match=why):
        Department(name={"en": "Clerk", "fr": "Greffe"}, email=value)


@pytest.mark.parametrize("value", ACCEPTED)
def test_catalogue_forms_and_store_accept_the_same_addresses(value):
    assert (catalogue_accepts(value), form_accepts(value), is_single_address(value)) == (True, True, True)
