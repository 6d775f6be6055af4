"""Services and service definitions, made from the catalogue and each form's declaration.

Every service with a form is a ``realtime`` service (``service_code`` = its slug, ``group`` = its
topic's name). Each form question becomes an attribute; file questions are left out (the API
takes no files; a POST to a service whose form *requires* a file fails validation, naming it).
Dates are ``datetime`` attributes answered as ``YYYY-MM-DD``.
"""

from __future__ import annotations

from flask import current_app

from guichet.model.form import FieldType, FormField
from guichet.words import gettext

from ..catalogue import get_catalogue
from ..forms.checks import choice_labels
from ..forms.views import FORM_CLASSES

DATATYPES = {
    FieldType.text: "string", FieldType.email: "string", FieldType.phone: "string",
    FieldType.postal_code: "string", FieldType.address: "string",
    FieldType.long_text: "text", FieldType.number: "number", FieldType.date: "datetime",
    FieldType.single_choice: "singlevaluelist", FieldType.yes_no: "singlevaluelist",
    FieldType.multiple_choice: "multivaluelist",
}


def form_class(code: str, lang: str):
    return current_app.extensions[FORM_CLASSES].get((code, lang))


def codes() -> list[str]:
    """Every service with a form, by slug."""
    return sorted({slug for slug, _ in current_app.extensions[FORM_CLASSES]})


def service(code: str, lang: str) -> dict:
    catalogue = get_catalogue()
    meta = catalogue.services[code].page(lang).meta
    topic = catalogue.taxonomy.topics.get(meta.topic)
    return {
        "service_code": code,
        "service_name": meta.title,
        "description": meta.summary,
        "metadata": True,
        "type": "realtime",
        "keywords": ", ".join(meta.keywords),
        "group": topic.name.get(lang) if topic else meta.topic,
    }


def datatype_description(field: FormField, lang: str) -> str | None:
    if field.type is FieldType.date:
        return gettext(lang, "A date as YYYY-MM-DD.")
    if field.type is FieldType.email:
        return gettext(lang, "An email address.")
    if field.type is FieldType.phone:
        return gettext(lang, "A phone number.")
    if field.type is FieldType.postal_code:
        return gettext(lang, "A Canadian postal code, like K1A 0B1.")
    if field.hint:
        return field.hint.get(lang)
    return None


def attribute(field: FormField, order: int, lang: str) -> dict:
    found = {
        "variable": True,
        "code": field.name,
        "datatype": DATATYPES[field.type],
        "required": field.required,
        "datatype_description": datatype_description(field, lang),
        "order": order,
        "description": field.label.get(lang),
    }
    if field.type in (FieldType.single_choice, FieldType.yes_no, FieldType.multiple_choice):
        found["values"] = [{"key": key, "name": name} for key, name in choice_labels(field, lang).items()]
    return found


def answerable(field: FormField) -> bool:
    return field.type is not FieldType.file


def definition(code: str, lang: str) -> dict:
    spec = form_class(code, lang).spec
    fields = [f for f in spec.fields if answerable(f)]
    return {"service_code": code, "attributes": [attribute(f, i, lang) for i, f in enumerate(fields, start=1)]}
