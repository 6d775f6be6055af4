"""``POST requests``: Open311 parameters → the form's own fields → the web form's checks and save.

``attribute[code]`` (``attribute[code][]`` for a multivaluelist) answers the question ``code``; a
date is ``YYYY-MM-DD``. The specification's own fields fill the form's questions when the form
has one of that kind and no attribute answered it: ``address_string`` (or ``lat``/``long`` as
"lat, long") the first address question, ``description`` the first long-text one, ``email`` the
reply-to email, ``phone`` the first phone, ``first_name``/``last_name`` the name question.
Then the form class built from the declaration validates exactly as on the web, and
``forms.views.save`` stores it with channel ``api``: the same transaction, outbox, emails and reference.
"""

from __future__ import annotations

import re

from werkzeug.datastructures import MultiDict

from guichet.model.form import FieldType, FormField

from ..forms.views import pending_files, save
from .formats import Open311Error

ATTRIBUTE = re.compile(r"^attribute\[([a-z][a-z0-9_]{0,39})\](\[\])?$")
DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")


def attributes(params: MultiDict) -> MultiDict:
    found = MultiDict()
    for key, value in params.items(multi=True):
        match = ATTRIBUTE.match(key)
        if match:
            found.add(match.group(1), value)
    return found


def _first(fields: list[FormField], wanted) -> FormField | None:
    return next((f for f in fields if wanted(f)), None)


def standard_fields(params: MultiDict, fields: list[FormField]) -> dict[str, str]:
    """Values for form questions from the specification's own parameters."""
    location = params.get("address_string", "").strip()
    if not location and params.get("lat", "").strip() and params.get("long", "").strip():
        location = f"{params['lat'].strip()}, {params['long'].strip()}"
    name = " ".join(p for p in (params.get("first_name", "").strip(), params.get("last_name", "").strip()) if p)
    pairs = [
        (lambda f: f.type is FieldType.address, location),
        (lambda f: f.type is FieldType.long_text, params.get("description", "").strip()),
        (lambda f: f.type is FieldType.email and f.reply_to, params.get("email", "").strip()),
        (lambda f: f.type is FieldType.phone, params.get("phone", "").strip()),
        (lambda f: f.autocomplete == "name", name),
    ]
    found = {}
    for wanted, value in pairs:
        field = _first(fields, wanted)
        if field is not None and value:
            found[field.name] = value
    return found


def formdata(params: MultiDict, fields: list[FormField]) -> MultiDict:
    """What the web form would have posted for these parameters."""
    answers = attributes(params)
    for name, value in standard_fields(params, fields).items():
        if name not in answers:
            answers.add(name, value)
    data = MultiDict()
    for field in fields:
        values = answers.getlist(field.name)
        if field.type is FieldType.date:
            match = DATE.match(values[0].strip()) if values else None
            if values and values[0].strip() and match is None:
                raise Open311Error(400, f"attribute[{field.name}]: a date as YYYY-MM-DD")
            if match:
                data.add(f"{field.name}-year", match.group(1))
                data.add(f"{field.name}-month", match.group(2))
                data.add(f"{field.name}-day", match.group(3))
        else:
            for value in values:
                data.add(field.name, value)
    return data


def create(service, form_cls, params: MultiDict) -> str:
    """Validate like the web form and store with channel ``api``; the reference."""
    form = form_cls(formdata=formdata(params, form_cls.spec.fields))
    if not form.validate():
        wrong = [f for f in form.answer_fields if f.errors]
        raise Open311Error(400, *(f"attribute[{f.name}]: {f.errors[0]}" for f in wrong))
    return save(service, form, form_cls.lang, pending_files(service.slug), channel="api")  # no files: none kept
