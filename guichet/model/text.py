"""Small shared value types: bilingual text, contact details, validators."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict

from .addresses import EXAMPLE, address_problem

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PHONE_RE = re.compile(r"^[0-9+()\-. ]{3,20}(?: (?:ext\.?|poste) [0-9]{1,6})?$")


def _email(value: str) -> str:
    value = value.strip()
    problem = address_problem(value)
    if problem:  # the one rule the forms and the store also use
        raise ValueError(f"'{value}' is not an email address: {problem}; write it like {EXAMPLE}")
    return value


def _slug(value: str) -> str:
    if not SLUG_RE.match(value):
        raise ValueError(
            f"'{value}' is not a slug; use lower-case letters, digits and hyphens, like dog-licence"
        )
    return value


def _phone(value: str) -> str:
    value = str(value).strip()
    if not PHONE_RE.match(value):
        raise ValueError(f"'{value}' is not a phone number; write it like 555-0100 or 311")
    return value


def _plain(value: str) -> str:
    value = str(value).strip()
    if not value:
        raise ValueError("must not be empty")
    return value


Email = Annotated[str, AfterValidator(_email)]
Slug = Annotated[str, AfterValidator(_slug)]
Phone = Annotated[str, AfterValidator(_phone)]
Text = Annotated[str, AfterValidator(_plain)]


class Strict(BaseModel):
    """Base for every content model: unknown fields are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class LocalText(Strict):
    """The same words in both languages (used where one file holds both)."""

    en: Text
    fr: Text

    def get(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en
