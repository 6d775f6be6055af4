"""WTForms classes built from the editors' ``*.form.yml`` at start-up.

No Python per form: one class per (service, language) is made from its
``FormSpec``. Every field keeps what the resident typed (``raw``) so a
page with errors shows their answers again, and after validation holds
the answer as staff read it (``answer``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from werkzeug.datastructures import FileStorage
from wtforms import Form
from wtforms.fields import Field
from wtforms.utils import unset_value
from wtforms.validators import StopValidation

from guichet.model.form import FieldType, FormField, FormSpec

from ..config_error import ConfigError
from . import checks, uploads
from .messages import text as message_text

RESERVED_NAMES = {"csrf_token"}


class SpecError(ConfigError):
    """A form spec the app cannot serve (found at start-up)."""


class AnswerField(Field):
    """One spec'd question; subclasses read their own kind of input."""

    def __init__(self, *args, spec: FormField, lang: str, check: Callable, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = spec
        self.lang = lang
        self.check = check
        self.raw = self.empty()
        self.answer = ""
        self.error_parts: tuple[str, ...] = ()

    def empty(self):
        return ""

    def process(self, formdata, data=unset_value, extra_filters=None):
        self.process_errors = []
        self.raw = self.read(formdata) if formdata is not None else self.empty()
        self.data = self.raw

    def read(self, formdata):
        values = [v for v in formdata.getlist(self.name) if isinstance(v, str)]
        return values[0] if values else ""

    def pre_validate(self, form):
        try:
            self.answer = self.check(self.raw, self.spec, self.lang)
        except checks.Invalid as exc:
            self.error_parts = exc.parts
            raise StopValidation(exc.message) from None

    def _value(self):
        return self.raw


class ManyField(AnswerField):
    def empty(self):
        return []

    def read(self, formdata):
        return [v for v in formdata.getlist(self.name) if isinstance(v, str)]


class DateField(AnswerField):
    def empty(self):
        return {p: "" for p in checks.DATE_PARTS}

    def read(self, formdata):
        found = {}
        for part in checks.DATE_PARTS:
            values = [v for v in formdata.getlist(f"{self.name}-{part}") if isinstance(v, str)]
            found[part] = values[0] if values else ""
        return found


class UploadField(AnswerField):
    """``raw`` is the FileStorage; ``checked`` the file to attach (its real kind, size and names).

    A file kept from an earlier page (``pending.py``) comes back as the hidden
    ``<name>-kept`` token, which the view resolves into ``kept`` (or sets
    ``kept_lost``) before validation; ``<name>-remove`` asks to drop it. A new
    file replaces a kept one.
    """

    def empty(self):
        return None

    def process(self, formdata, data=unset_value, extra_filters=None):
        super().process(formdata, data, extra_filters)
        self.kept_token = self.text_value(formdata, f"{self.name}-kept")
        self.remove = self.text_value(formdata, f"{self.name}-remove") == "1"
        self.kept = None  # a pending.Kept, set by the view
        self.kept_lost = False
        self.checked = None

    @staticmethod
    def text_value(formdata, name: str) -> str:
        values = [v for v in formdata.getlist(name) if isinstance(v, str)] if formdata is not None else []
        return values[0] if values else ""

    def read(self, formdata):
        values = [v for v in formdata.getlist(self.name) if isinstance(v, FileStorage)]
        return values[0] if values else None

    def pre_validate(self, form):
        self.checked = None
        earlier = not self.given and not self.remove  # the file of the page before is still wanted
        try:
            if earlier and self.kept_lost:
                raise checks.Invalid(message_text("file_lost", self.lang))
            self.checked = self.kept.file if earlier and self.kept else uploads.check_file(self.raw, self.spec, self.lang)
        except checks.Invalid as exc:
            raise StopValidation(exc.message) from None
        self.answer = self.checked.shown if self.checked else ""

    @property
    def given(self) -> bool:
        return uploads.given(self.raw)

    @property
    def had_file(self) -> bool:
        """A file was chosen, now or on an earlier page."""
        return self.given or bool(self.kept_token)


CHECKS: dict[FieldType, tuple[type[AnswerField], Callable]] = {
    FieldType.text: (AnswerField, checks.check_text),
    FieldType.long_text: (AnswerField, checks.check_text),
    FieldType.address: (AnswerField, checks.check_text),
    FieldType.email: (AnswerField, checks.check_email),
    FieldType.phone: (AnswerField, checks.check_phone),
    FieldType.postal_code: (AnswerField, checks.check_postal_code),
    FieldType.number: (AnswerField, checks.check_number),
    FieldType.date: (DateField, checks.check_date),
    FieldType.single_choice: (AnswerField, checks.check_choice),
    FieldType.yes_no: (AnswerField, checks.check_choice),
    FieldType.multiple_choice: (ManyField, checks.check_choices),
    FieldType.file: (UploadField, uploads.check_file),
}


class SpecForm(Form):
    """Base of every built form; ``spec`` and ``lang`` are set on each class."""

    spec: FormSpec
    lang: str

    @property
    def answer_fields(self) -> list[AnswerField]:
        return [f for f in self if isinstance(f, AnswerField)]

    @property
    def uploads(self) -> list[UploadField]:
        return [f for f in self.answer_fields if isinstance(f, UploadField)]


def check_spec(slug: str, spec: FormSpec) -> None:
    for field in spec.fields:
        if field.name in RESERVED_NAMES or field.name.endswith("csrf_token"):
            raise SpecError(f"services/{slug}.form.yml: field '{field.name}': this name is reserved; choose another")
        if field.pattern:
            try:
                re.compile(field.pattern)
            except re.error as exc:
                raise SpecError(f"services/{slug}.form.yml: field '{field.name}': pattern is not a valid regular expression ({exc})") from None


def build_form_class(slug: str, spec: FormSpec, lang: str) -> type[SpecForm]:
    check_spec(slug, spec)
    attrs: dict = {"spec": spec, "lang": lang}
    for field in spec.fields:
        cls, check = CHECKS[field.type]
        # The attribute is prefixed so a field called "data" or "errors" cannot shadow the form's own.
        attrs[f"f_{field.name}"] = cls(label=field.label.get(lang), name=field.name, id=field.name, spec=field, lang=lang, check=check)
    return type(f"Form_{slug.replace('-', '_')}_{lang}", (SpecForm,), attrs)


def build_all(catalogue, languages) -> dict[tuple[str, str], type[SpecForm]]:
    """Every service's form class in every language, keyed by (slug, lang)."""
    return {
        (slug, lang): build_form_class(slug, service.form, lang)
        for slug, service in sorted(catalogue.services.items())
        if service.form is not None
        for lang in languages
    }
