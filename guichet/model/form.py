"""An editor-declared form: ``services/<slug>.form.yml`` beside the service page.

One file holds both languages (every label is ``{en: …, fr: …}``), so a
field can never exist in one language only.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Literal

from pydantic import Field, model_validator

from .payment import Payment
from .text import LocalText, Slug, Strict


class FieldType(str, Enum):
    text = "text"
    long_text = "long_text"
    email = "email"
    phone = "phone"
    postal_code = "postal_code"
    date = "date"
    number = "number"
    single_choice = "single_choice"
    multiple_choice = "multiple_choice"
    yes_no = "yes_no"
    address = "address"
    file = "file"


CHOICE_TYPES = {FieldType.single_choice, FieldType.multiple_choice}
FILE_KINDS = ("pdf", "png", "jpeg", "gif", "webp", "heic")


class Choice(Strict):
    value: Slug
    label: LocalText


class FormField(Strict):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$", description="Stable id of the answer (a-z, 0-9, _).")
    type: FieldType
    label: LocalText
    hint: LocalText | None = None
    required: bool = True
    min_length: int | None = Field(None, ge=0)
    max_length: int | None = Field(None, ge=1, le=10000)
    pattern: str | None = Field(None, description="A regular expression the answer must match.")
    pattern_message: LocalText | None = Field(None, description="What to tell the resident when the pattern does not match.")
    minimum: float | None = None
    maximum: float | None = None
    choices: list[Choice] = Field(default_factory=list)
    autocomplete: str | None = Field(None, description="An HTML autocomplete token, for example name or email.")
    reply_to: bool = Field(False, description="On an email field: staff replies and the resident's copy go here.")
    accept: list[str] = Field(default_factory=lambda: ["pdf", "png", "jpeg"], description="File kinds allowed.")
    max_size_mb: float = Field(10, gt=0, le=50)
    personal: bool | None = Field(None, description="Whether the answer is personal information, for the data inventory (guichet privacy-inventory). By default every field is, except yes/no and choice fields.")

    @model_validator(mode="after")
    def _coherent(self) -> "FormField":
        if self.type in CHOICE_TYPES and len(self.choices) < 2:
            raise ValueError(f"field '{self.name}': a {self.type.value} field needs at least 2 choices")
        if self.type not in CHOICE_TYPES and self.choices:
            raise ValueError(f"field '{self.name}': only choice fields take 'choices'")
        if self.reply_to and self.type is not FieldType.email:
            raise ValueError(f"field '{self.name}': reply_to only goes on an email field")
        if self.pattern and not self.pattern_message:
            raise ValueError(f"field '{self.name}': a pattern needs a pattern_message in both languages")
        if self.pattern:
            try:
                re.compile(self.pattern)
            except re.error as exc:
                raise ValueError(f"field '{self.name}': the pattern is not a valid regular expression ({exc.msg}); check its brackets and backslashes") from None
        unknown = set(self.accept) - set(FILE_KINDS)
        if unknown:
            raise ValueError(f"field '{self.name}': unknown file kinds {sorted(unknown)}; use {list(FILE_KINDS)}")
        return self


class PrivacyNotice(Strict):
    """The notice of collection shown above the form (and on the site's privacy page)."""

    purpose: LocalText = Field(description="Why the city collects these answers.")
    authority: LocalText = Field(description="The legal authority for the collection: the Act, section or by-law.")
    who_sees: LocalText = Field(description="Who can read them.")
    retention: LocalText = Field(description="How long they are kept, in words that agree with keep_days.")
    keep_days: int = Field(gt=0, description="Days Guichet keeps the answers after keep_after; then `flask purge` erases them.")
    keep_after: Literal["closed", "delivered"] = Field("closed", description="What the days count from: the request is closed (completed or closed), or its answers reached the department's mailbox.")


class FormSpec(Strict):
    title: LocalText | None = Field(None, description="The form's heading; the service title by default.")
    intro: LocalText | None = None
    privacy: PrivacyNotice
    confirmation_email: bool = Field(True, description="Send the resident a copy when they give an email address.")
    payment: Payment | None = Field(None, description="How the service is paid for: online, invoice, on_pickup or none (see Payment).")
    fields: list[FormField] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> "FormSpec":
        names = [f.name for f in self.fields]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"field names must be unique; repeated: {', '.join(dupes)}")
        if sum(f.reply_to for f in self.fields) > 1:
            raise ValueError("only one field may have reply_to: true")
        return self

    @property
    def reply_to_field(self) -> FormField | None:
        return next((f for f in self.fields if f.reply_to), None)

    @property
    def name_field(self) -> FormField | None:
        """The resident's name: the first ``autocomplete: name`` field (the staff queue's contact name)."""
        return next((f for f in self.fields if f.autocomplete == "name"), None)

    @property
    def phone_field(self) -> FormField | None:
        """The resident's phone: the first phone field (the staff queue's contact phone)."""
        return next((f for f in self.fields if f.type is FieldType.phone), None)
