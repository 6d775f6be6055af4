"""The front matter of one service page, in one language.

Each service has two files, ``services/<slug>.md`` (English) and
``services/<slug>.fr.md`` (French). Both carry the same structured
fields in their own language; the fields that are not words (topic,
audiences, department, related, dates, phone numbers) must agree.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field, HttpUrl, field_validator, model_validator

from .text import Phone, Slug, Strict, Text


class Online(Strict):
    form: bool = Field(False, description="true when the service has a Guichet form (services/<slug>.form.yml).")
    url: HttpUrl | None = Field(None, description="An outside page to apply on, when the service has no Guichet form.")
    description: Text | None = Field(None, description="One sentence on what you can do online.")

    @model_validator(mode="after")
    def _one_way(self) -> "Online":
        if self.form == bool(self.url):
            raise ValueError("give either 'form: true' or 'url: https://…', not both and not neither")
        return self


class PhoneChannel(Strict):
    number: Phone = Field(description="The number residents call, for example 311.")
    outside_number: Phone | None = Field(None, description="The full number for callers outside the city.")
    tty: Phone | None = Field(None, description="The TTY number for deaf, hard of hearing or speech-impaired callers.")
    hours: Text = Field(description="When the line is answered.")


class InPerson(Strict):
    location: Text = Field(description="The building and counter, for example City Hall, Service Counter.")
    address: Text = Field(description="The street address.")
    hours: Text = Field(description="Opening hours.")
    accessibility: Text = Field(description="How to get in without stairs, parking, other access details.")


class Mail(Strict):
    address: Text = Field(description="The full postal address, one line.")
    instructions: Text | None = Field(None, description="What to send and how to pay by mail.")


class Channels(Strict):
    online: Online | None = None
    phone: PhoneChannel | None = None
    in_person: InPerson | None = None
    mail: Mail | None = None

    @model_validator(mode="after")
    def _at_least_one(self) -> "Channels":
        if not any((self.online, self.phone, self.in_person, self.mail)):
            raise ValueError("list at least one way to get the service: online, phone, in_person or mail")
        return self


class Fee(Strict):
    label: Text = Field(description="What the fee is for.")
    amount: Text = Field(description="How much, as residents read it: $25, Free, 25 $.")


MAX_PROCESSING_DAYS = 260  # a year of business days


class ServiceMeta(Strict):
    """Every field an editor may write in a service page's front matter."""

    title: Text = Field(description="The task in the residents' words, 70 characters at most.", max_length=70)
    summary: Text = Field(description="One plain sentence saying what the service is and who it is for.", max_length=200)
    topic: Slug = Field(description="One topic id from catalogue/taxonomy.yml.")
    audiences: list[Slug] = Field(description="Audience ids from catalogue/taxonomy.yml.", min_length=1)
    keywords: list[Text] = Field(description="Words residents use for this service, misspellings included.", min_length=1)
    department: Slug = Field(description="The owning department's id from catalogue/taxonomy.yml; its mailbox gets the form submissions.")
    last_reviewed: dt.date = Field(description="When an editor last checked the page, as YYYY-MM-DD.")
    channels: Channels = Field(description="Every way to get the service: online, phone, in_person, mail.")
    eligibility: list[Text] = Field(default_factory=list, description="Who can use the service, one point each.")
    what_you_need: list[Text] = Field(default_factory=list, description="What to have ready before you start.")
    fees: list[Fee] = Field(default_factory=list, description="Each fee with a label and an amount; leave empty when free.")
    processing_time: Text = Field(description="How long it takes after you apply.")
    processing_days: int | None = Field(None, description="The same promise as a number of business days (Monday to Friday), like 10; staff see each request's due date from it. Leave it out when the time is not counted in days.")
    show_processing_record: bool = Field(False, description="true shows, under the processing time, how long most requests really took (9 in 10, over the last 12 months), once 20 or more were completed; the forms app writes the numbers (docs/insights.md).")
    next_steps: Text | None = Field(None, description="What happens after you apply.")
    related: list[Slug] = Field(default_factory=list, description="Slugs of related services; link them both ways.")
    popular: bool = Field(False, description="true puts the service in 'Most requested' on the home page.")

    @field_validator("processing_days", mode="before")
    @classmethod
    def _whole_days(cls, value):
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_PROCESSING_DAYS:
            raise ValueError(f"must be a whole number of business days from 1 to {MAX_PROCESSING_DAYS}, like 10, "
                             "without words (write the words in processing_time), or leave the line out")
        return value

    @model_validator(mode="after")
    def _dedupe(self) -> "ServiceMeta":
        for name in ("audiences", "related"):
            values = getattr(self, name)
            if len(set(values)) != len(values):
                raise ValueError(f"{name} lists the same id twice")
        return self

    @classmethod
    def field_names(cls) -> list[str]:
        return list(cls.model_fields)


# Fields that are not words: both languages must give the same value.
SHARED_FIELDS = ("topic", "audiences", "department", "related", "popular", "processing_days", "show_processing_record")


def channel_numbers(meta: ServiceMeta) -> tuple:
    """The language-independent facts of the channels, compared across languages."""
    ch = meta.channels
    return (
        bool(ch.online),
        ch.online.form if ch.online else None,
        str(ch.online.url) if ch.online and ch.online.url else None,
        (ch.phone.number, ch.phone.tty) if ch.phone else None,
        bool(ch.in_person),
        bool(ch.mail),
    )
