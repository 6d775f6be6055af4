"""The data inventory for a privacy impact assessment: ``guichet privacy-inventory``.

From the form declarations alone, every personal-data field of every form
with its type, purpose, legal authority, retention, recipients, storage and
encryption, as Markdown (to read) or CSV (one row per field, to sort and
share).

Which fields are personal: every field a resident fills, except yes/no and
choice fields (``yes_no``, ``single_choice``, ``multiple_choice``), whose
fixed answers say little about a person on their own. A field's
``personal: true`` or ``personal: false`` in the form file overrides the
rule (an age bracket asked as yes/no is personal; "how many items" is not).
All answers of one request are stored and sealed together either way.

Storage is what the forms app does with an answer (``forms_app/store/schema.py``;
this module does not import the app, ``tests/privacy/test_inventory.py`` checks
the two agree): every answer in ``submissions.answers``; a file's name in
``attachments.filename`` and its content under ``UPLOAD_DIR``; the reply-to
email also in ``submissions.reply_to`` and ``resident_copy_to`` and as the
recipient of the resident's emails (``outbox.recipient``); the first name
field and the first phone field in ``submissions.contact_name`` and
``contact_phone`` (the staff queue's search). Each of these is sealed with
Fernet; the staff search keeps only keyed digests (``contact_index``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass

from ..model.catalogue import Catalogue
from ..model.form import CHOICE_TYPES, FieldType, FormField, FormSpec

NOT_PERSONAL_BY_DEFAULT = CHOICE_TYPES | {FieldType.yes_no}
FERNET = "Fernet (AES-128-CBC + HMAC-SHA256), key outside the database"
DIGEST = "HMAC-SHA256 keyed digest (not reversible), key outside the database"
UPLOADS = "UPLOAD_DIR (default instance/uploads)"

# The columns a field's answer reaches besides submissions.answers, and the sealed tables (schema.py).
ANSWERS = "submissions.answers"
FILE_NAME = "attachments.filename"
REPLY_TO = ("submissions.reply_to", "outbox.recipient")
COPY_TO = "submissions.resident_copy_to"
CONTACT_NAME = "submissions.contact_name"
CONTACT_PHONE = "submissions.contact_phone"
CONTACT_INDEX = "contact_index.digest"


def is_personal(field: FormField) -> bool:
    if field.personal is not None:
        return field.personal
    return field.type not in NOT_PERSONAL_BY_DEFAULT


@dataclass(frozen=True)
class Row:
    service: str
    form: str
    field: str
    label: str
    type: str
    required: str
    personal_rule: str  # "default" or "declared" (personal: true in the form)
    purpose: str
    authority: str
    keep_days: int
    keep_after: str
    retention: str
    department: str
    department_email: str
    who_sees: str
    storage: str
    encryption: str


COLUMNS = list(Row.__dataclass_fields__)


def storage(spec: FormSpec, field: FormField) -> tuple[list[str], list[str]]:
    """(where the answer is kept, how each is protected), as the forms app stores it."""
    places = [f"database: {ANSWERS}"]
    if field.type is FieldType.file:
        places += [f"database: {FILE_NAME}", f"disk: {UPLOADS}"]
    contact = []  # the contact columns it also reaches; the staff search keeps digests of them
    if field is spec.reply_to_field:
        contact += [*REPLY_TO, *([COPY_TO] if spec.confirmation_email else [])]
    if field is spec.name_field:
        contact.append(CONTACT_NAME)
    if field is spec.phone_field:
        contact.append(CONTACT_PHONE)
    if not contact:
        return places, [FERNET]
    return places + [f"database: {c}" for c in (*contact, CONTACT_INDEX)], [FERNET, f"{CONTACT_INDEX}: {DIGEST}"]


def rows(catalogue: Catalogue, lang: str = "en") -> list[Row]:
    """One row per personal-data field, forms in slug order, fields in form order."""
    out = []
    tax = catalogue.taxonomy
    for slug in sorted(catalogue.services):
        service = catalogue.services[slug]
        spec = service.form
        if spec is None:
            continue
        page = service.page(lang)
        dept_id = page.meta.department
        dept = tax.departments.get(dept_id) if tax else None
        notice = spec.privacy
        for field in spec.fields:
            if not is_personal(field):
                continue
            places, protection = storage(spec, field)
            out.append(Row(
                service=slug, form=spec.title.get(lang) if spec.title else page.meta.title, field=field.name,
                label=field.label.get(lang), type=field.type.value, required="yes" if field.required else "no",
                personal_rule="declared" if field.personal is not None else "default",
                purpose=notice.purpose.get(lang), authority=notice.authority.get(lang),
                keep_days=notice.keep_days, keep_after=notice.keep_after, retention=notice.retention.get(lang),
                department=dept.name.get(lang) if dept else dept_id, department_email=dept.email if dept else "",
                who_sees=notice.who_sees.get(lang), storage="; ".join(places), encryption="; ".join(protection),
            ))
    return out


def others(catalogue: Catalogue) -> dict[str, list[str]]:
    """{service: [field names]} of the fields left out as not personal on their own."""
    return {slug: [f.name for f in s.form.fields if not is_personal(f)]
            for slug, s in sorted(catalogue.services.items()) if s.form}


def as_csv(found: list[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in found:
        writer.writerow(asdict(row))
    return buffer.getvalue()


AFTER = {"closed": "after the request is closed (completed or closed)",
         "delivered": "after the answers reached the department's mailbox"}


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def as_markdown(catalogue: Catalogue, found: list[Row]) -> str:
    lines = ["# Personal data inventory", "",
             f"From the form declarations (the `*.form.yml` files of `{catalogue.root.name}`; `guichet privacy-inventory`). "
             f"{len(found)} personal-data fields in {len({r.service for r in found})} forms. A field is personal unless it is "
             "a yes/no or choice question; `personal: true|false` on a field overrides the rule. Every answer is encrypted "
             f"at rest: {FERNET}. Answers also leave Guichet by email to the department's mailbox.", ""]
    left_out = others(catalogue)
    for slug in dict.fromkeys(r.service for r in found):
        mine = [r for r in found if r.service == slug]
        first = mine[0]
        lines += [f"## {first.form} (`{slug}`)", "",
                  f"- Purpose: {first.purpose}",
                  f"- Legal authority: {first.authority}",
                  f"- Retention: {first.keep_days} days {AFTER[first.keep_after]} (`keep_after: {first.keep_after}`); the notice says: {first.retention}",
                  f"- Recipients: {first.department} ({first.department_email}); {first.who_sees}",
                  "", "| field | label | type | required | storage | encryption |", "|---|---|---|---|---|---|"]
        lines += [f"| `{r.field}` | {_cell(r.label)} | {r.type} | {r.required} | {_cell(r.storage)} | {_cell(r.encryption)} |"
                  for r in mine]
        if left_out.get(slug):
            lines += ["", "Not personal on their own: " + ", ".join(f"`{n}`" for n in left_out[slug]) + "."]
        lines.append("")
    return "\n".join(lines)
