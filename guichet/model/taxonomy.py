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


class Site(Strict):
    """Facts about the municipality shown on every page (consistent help)."""

    name: LocalText
    help_phone: Phone
    help_tty: Phone | None = None
    help_hours: LocalText
    admin_email: Email = Field(description="Who is alerted when a submission cannot be delivered.")


class Taxonomy(Strict):
    site: Site
    topics: dict[Slug, Topic]
    audiences: dict[Slug, Audience]
    departments: dict[Slug, Department]
