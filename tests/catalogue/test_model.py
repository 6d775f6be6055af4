"""The one schema: what it accepts, what it refuses, and how it says so."""

from __future__ import annotations

import pytest

from guichet.model import load_catalogue
from guichet.model.service import ServiceMeta

from .copies import PROJECT, edit


def test_demo_catalogue_loads_without_problems():
    catalogue = load_catalogue(PROJECT / "catalogue")
    assert catalogue.errors == []
    assert len(catalogue.services) >= 30
    for slug, service in catalogue.services.items():
        assert set(service.pages) == {"en", "fr"}, slug


def test_forms_are_validated_with_the_service():
    catalogue = load_catalogue(PROJECT / "catalogue")
    for slug in ("dog-licence", "report-pothole", "noise-complaint", "tree-removal-permit",
                 "street-event-permit", "complaint-compliment", "building-permit"):
        form = catalogue.services[slug].form
        assert form is not None, slug
        assert form.fields and form.privacy.retention.fr
    plans = [f for f in catalogue.services["building-permit"].form.fields if f.type.value == "file"]
    assert plans, "building-permit takes plans as a file upload"


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("title: Dog licence\n", "", "catalogue/services/dog-licence.md:2: title: required; add it to the front matter"),
        ("popular: true", "popular: true\ncolour: brown", "catalogue/services/dog-licence.md:18: colour: unknown field"),
        ("last_reviewed: 2026-10-01", "last_reviewed: 1 October", "catalogue/services/dog-licence.md:16: last_reviewed: not a date; write it as YYYY-MM-DD"),
        ("topic: pets", "topic: animals", "catalogue/services/dog-licence.md:4: topic: unknown topic 'animals'; use one of:"),
        ("department: animal-services", "department: dogs", "catalogue/services/dog-licence.md:15: department: unknown department 'dogs'"),
        ("related: [animal-shelter-adoption, noise-complaint]", "related: [cat-licence]", "catalogue/services/dog-licence.md:18: related: no service 'cat-licence'"),
        ("    tty: 555-0199\n    hours: Monday", "    tty: call us\n    hours: Monday", "catalogue/services/dog-licence.md:42: channels.phone.tty: 'call us' is not a phone number"),
    ],
)
def test_schema_errors_name_file_line_field_and_fix(catalogue_copy, old, new, expected):
    edit(catalogue_copy / "services" / "dog-licence.md", old, new)
    problems = [str(p) for p in load_catalogue(catalogue_copy).errors]
    assert any(p.startswith(expected) for p in problems), problems


def test_bad_department_email_in_taxonomy(catalogue_copy):
    edit(catalogue_copy / "taxonomy.yml", "email: animals@bellerive.example.org", "email: animals at bellerive")
    problems = [str(p) for p in load_catalogue(catalogue_copy).errors]
    assert any("taxonomy.yml" in p and "departments.animal-services.email" in p and "not an email address" in p for p in problems), problems


def test_missing_translation_is_named(catalogue_copy):
    (catalogue_copy / "services" / "dog-licence.fr.md").unlink()
    problems = [str(p) for p in load_catalogue(catalogue_copy).errors]
    assert "catalogue/services/dog-licence.md:1: (translation): no fr page; create services/dog-licence.fr.md (guichet new-service writes both)" in problems


def test_languages_must_agree_on_shared_fields(catalogue_copy):
    edit(catalogue_copy / "services" / "dog-licence.fr.md", "topic: pets", "topic: safety")
    problems = [str(p) for p in load_catalogue(catalogue_copy).errors]
    assert any(p.startswith("catalogue/services/dog-licence.fr.md:4: topic: differs from catalogue/services/dog-licence.md") for p in problems), problems


def test_form_declared_but_missing(catalogue_copy):
    (catalogue_copy / "services" / "dog-licence.form.yml").unlink()
    problems = [str(p) for p in load_catalogue(catalogue_copy).errors]
    assert any("channels.online.form: says there is a form but services/dog-licence.form.yml does not exist" in p for p in problems), problems


def test_form_errors_point_into_the_form_file(catalogue_copy):
    edit(catalogue_copy / "services" / "dog-licence.form.yml", "    type: yes_no", "    type: yes_or_no")
    problems = [str(p) for p in load_catalogue(catalogue_copy).errors]
    assert any(p.startswith("catalogue/services/dog-licence.form.yml:") and "fields.sterilized.type" in p for p in problems), problems


def test_every_front_matter_field_is_in_the_editors_guide():
    from guichet.model.form import Choice, FormField, FormSpec, PrivacyNotice
    from guichet.model.payment import Amount, Payment
    from guichet.model.service import Fee, InPerson, Mail, Online, PhoneChannel

    guide = (PROJECT / "docs" / "editors-guide.md").read_text(encoding="utf-8")
    documented = {
        "": ServiceMeta, "channels.online.": Online, "channels.phone.": PhoneChannel,
        "channels.in_person.": InPerson, "channels.mail.": Mail, "fees[].": Fee,
        "privacy.": PrivacyNotice, "fields[].": FormField, "fields[].choices[].": Choice,
        "payment.": Payment, "payment.amounts[].": Amount,
    }
    missing = [f"{prefix}{name}" for prefix, model in documented.items() for name in model.model_fields
               if f"`{prefix}{name}`" not in guide]
    missing += [name for name in FormSpec.model_fields if f"`{name}`" not in guide]
    assert not missing, f"document these fields in docs/editors-guide.md: {missing}"
