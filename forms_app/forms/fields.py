"""The view-model of a form page: every id, attribute and message, computed here.

Templates only print what this module returns (the macros have no logic
beyond "is there a hint?"), so ids, ``aria-describedby`` and the error
summary are tested in Python and stay the same across field types.
Attributes set to None are left out by Jinja's ``xmlattr``.
"""

from __future__ import annotations

from guichet.model.form import FieldType

from . import checks, uploads
from .builder import AnswerField, DateField, SpecForm, UploadField
from .messages import default_hint
from .messages import text as message_text
from .text import t

INPUT_TYPES = {FieldType.email: "email", FieldType.phone: "tel"}
WIDTHS = {FieldType.postal_code: "gx-input--width-10", FieldType.phone: "gx-input--width-20", FieldType.number: "gx-input--width-10"}
NO_SPELLCHECK = {FieldType.email, FieldType.phone, FieldType.postal_code, FieldType.number}
TEXTAREA_ROWS = {FieldType.long_text: 6, FieldType.address: 3}
DATE_WIDTHS = {"day": "gx-input--width-2", "month": "gx-input--width-2", "year": "gx-input--width-4"}
BDAY = {"day": "bday-day", "month": "bday-month", "year": "bday-year"}


def described_by(*ids: str | None) -> str | None:
    joined = " ".join(i for i in ids if i)
    return joined or None


def classes(*names: str | None) -> str:
    return " ".join(n for n in names if n)


def first_input_id(field: AnswerField) -> str:
    """Where the error summary's link goes: the first box to fix."""
    if isinstance(field, DateField):
        return f"{field.id}-{(field.error_parts or checks.DATE_PARTS)[0]}"
    return field.id


def base(field: AnswerField, lang: str, extra_error: str | None) -> dict:
    spec = field.spec
    error = field.errors[0] if field.errors else extra_error
    hint = spec.hint.get(lang) if spec.hint else default_hint(spec.type.value, lang)  # the error's own example
    hint_id = f"{field.id}-hint" if hint else None
    error_id = f"{field.id}-error" if error else None
    return {
        "name": field.name,
        "id": field.id,
        "type": spec.type.value,
        "label": spec.label.get(lang),
        "optional": None if spec.required else t("optional", lang),
        "hint": hint,
        "hint_id": hint_id,
        "error": error,
        "error_id": error_id,
        "error_prefix": t("error_hidden", lang),
        "described_by": described_by(hint_id, error_id),
        "group_class": classes("gx-form-group", error and "gx-form-group--error"),
    }


def number_inputmode(spec) -> str:
    """A phone's number pad has a decimal point but no minus sign: use it only when negatives are impossible."""
    return "decimal" if spec.minimum is not None and spec.minimum >= 0 else "text"


def text_input(field: AnswerField, view: dict) -> None:
    spec = field.spec
    textarea = spec.type in TEXTAREA_ROWS
    view["template"] = "textarea" if textarea else "input"
    view["value"] = field.raw
    view["attrs"] = {
        "class": classes("gx-textarea" if textarea else "gx-input", WIDTHS.get(spec.type), view["error"] and ("gx-textarea--error" if textarea else "gx-input--error")),
        "id": field.id,
        "name": field.name,
        "type": None if textarea else INPUT_TYPES.get(spec.type, "text"),
        "rows": TEXTAREA_ROWS.get(spec.type),
        "value": None if textarea else field.raw,
        "aria-describedby": view["described_by"],
        "aria-invalid": "true" if view["error"] else None,
        "autocomplete": spec.autocomplete,
        "inputmode": number_inputmode(spec) if spec.type is FieldType.number else None,
        "spellcheck": "false" if spec.type in NO_SPELLCHECK else None,
        "autocapitalize": {FieldType.postal_code: "characters", FieldType.email: "none"}.get(spec.type),
    }


def choice_items(field: AnswerField, lang: str, kind: str) -> list[dict]:
    """Radios or checkboxes: the first one's id is the field's, so the error summary can link to it."""
    chosen = set(field.raw) if isinstance(field.raw, list) else {field.raw}
    items = []
    for i, (value, text) in enumerate(checks.choice_labels(field.spec, lang).items()):
        item_id = field.id if i == 0 else f"{field.id}-{i + 1}"
        attrs = {
            "class": f"gx-{kind}__input",
            "id": item_id,
            "name": field.name,
            "type": "radio" if kind == "radios" else "checkbox",
            "value": value,
            "checked": "checked" if value in chosen else None,
        }
        items.append({"id": item_id, "label": text, "attrs": attrs})
    return items


def date_parts(field: DateField, lang: str, has_error: bool) -> list[dict]:
    bday = field.spec.autocomplete == "bday"
    parts = []
    for part in checks.DATE_PARTS:
        wrong = has_error and (not field.error_parts or part in field.error_parts)
        attrs = {
            "class": classes("gx-input gx-date-input__input", DATE_WIDTHS[part], wrong and "gx-input--error"),
            "id": f"{field.id}-{part}",
            "name": f"{field.name}-{part}",
            "type": "text",
            "inputmode": "numeric",
            "value": field.raw.get(part, ""),
            "autocomplete": BDAY[part] if bday else None,
            "aria-invalid": "true" if wrong else None,
        }
        parts.append({"id": attrs["id"], "label": t(part, lang), "attrs": attrs})
    return parts


def file_input(field: UploadField, view: dict, lang: str, lost: bool) -> None:
    """The file input; with a file kept from the page before, its name, a "Remove" checkbox and how
    to replace it; with a file that could not be kept (``lost``), a notice (an error if it is required)."""
    view["template"] = "file"
    kept = field.kept if not lost else None
    view["notice"] = t("file_not_kept", lang) if lost and not view["error"] else None
    view["notice_id"] = f"{field.id}-notice" if view["notice"] else None
    view["kept"] = {
        "id": f"{field.id}-kept",
        "text": t("file_kept", lang).format(name=kept.file.shown),
        "replace_id": f"{field.id}-replace",
        "replace": t("file_replace", lang),
        "token_attrs": {"type": "hidden", "name": f"{field.name}-kept", "value": kept.token},
        "remove_id": f"{field.id}-remove",
        "remove_label": t("file_remove", lang),
        "remove_attrs": {"class": "gx-checkboxes__input", "id": f"{field.id}-remove", "name": f"{field.name}-remove",
                         "type": "checkbox", "value": "1"},
    } if kept else None
    view["described_by"] = described_by(view["hint_id"], view["error_id"], view["notice_id"],
                                        kept and f"{field.id}-kept", kept and f"{field.id}-replace")
    view["attrs"] = {
        "class": classes("gx-file-upload", view["error"] and "gx-file-upload--error"),
        "id": field.id,
        "name": field.name,
        "type": "file",
        "accept": uploads.accept_attribute(field.spec),
        "aria-describedby": view["described_by"],
        "aria-invalid": "true" if view["error"] else None,
    }


def field_view(field: AnswerField, lang: str, extra_error: str | None = None, lost: bool = False) -> dict:
    view = base(field, lang, extra_error)
    kind = field.spec.type
    if kind in (FieldType.single_choice, FieldType.yes_no):
        inline = kind is FieldType.yes_no
        view.update(template="radios", choices=choice_items(field, lang, "radios"), choices_class=classes("gx-radios", inline and "gx-radios--inline"))
    elif kind is FieldType.multiple_choice:
        view.update(template="checkboxes", choices=choice_items(field, lang, "checkboxes"), choices_class="gx-checkboxes")
    elif isinstance(field, DateField):
        view.update(template="date", parts=date_parts(field, lang, bool(view["error"])))
    elif isinstance(field, UploadField):
        file_input(field, view, lang, lost)
    else:
        text_input(field, view)
    return view


def form_view(form: SpecForm, lang: str, files_lost: bool = False) -> dict:
    """The fields and the error summary of a form.

    ``files_lost``: the form could not be checked (its session expired), so
    the files chosen were not kept: a required one says to choose it again
    (an error), an optional one says so in a notice. A form shown again with
    errors keeps its valid files instead (``pending.py``).
    """
    fields, summary = [], []
    for field in form.answer_fields:
        lost = files_lost and isinstance(field, UploadField) and field.had_file and not field.errors
        view = field_view(field, lang, message_text("file_again", lang) if lost and field.spec.required else None, lost)
        fields.append(view)
        if view["error"]:
            summary.append({"text": view["error"], "href": "#" + first_input_id(field)})
    return {"fields": fields, "errors": summary, "multipart": bool(form.uploads)}
