"""Topics, audiences and departments: the site-wide lists a service refers to.

They live in ``catalogue/taxonomy.yml`` so editors can add a topic or a
department without touching code.
"""

from __future__ import annotations

from pydantic import Field

from .text import Email, LocalText, Phone, Slug, Strict


class Topic(Strict):
    name: LocalText
    description: LocalText


class Audience(Strict):
    name: LocalText
    description: LocalText


class Department(Strict):
    name: LocalText
    email: Email = Field(description="The staff mailbox that receives this department's form submissions.")
    phone: Phone | None = None


class PrivacyOfficer(Strict):
    """Who a resident asks to see, correct or erase what the city holds about them."""

    name: LocalText = Field(description="The title or office, like 'Privacy Officer, City Clerk's Office'.")
    email: Email
    phone: Phone
    address: LocalText = Field(description="Where to write: the mailing address, in both languages.")


class Site(Strict):
    """Facts about the municipality shown on every page (consistent help)."""

    name: LocalText
    help_phone: Phone
    help_tty: Phone | None = None
    help_hours: LocalText
    admin_email: Email = Field(description="Who is alerted when a submission cannot be delivered.")
    privacy_officer: PrivacyOfficer | None = Field(None, description="Contact for access and correction requests; required as soon as the catalogue has a form.")


class Taxonomy(Strict):
    site: Site
    topics: dict[Slug, Topic]
    audiences: dict[Slug, Audience]
    departments: dict[Slug, Department]
