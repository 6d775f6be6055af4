"""One service, and the city as the organization, as HSDS 3 records in one language."""

from __future__ import annotations

import re

from babel import Locale

from .. import LANGUAGES
from ..formats import money_amount
from ..i18n import Table, pick
from ..model.entries import Service
from ..model.service import PhoneChannel
from ..model.taxonomy import Site
from ..urls import home_url, service_url
from ..words import N_
from .ids import stable_id
from .places import channel_locations, phones, schedule

WORDS: Table = {  # the home page's own words (guichet/build/labels.py), already translated
    "about": N_("Find a city service, learn how to get it, and apply online, by phone, in person or by mail."),
}
FREE = {"free", "gratuit"}  # a fee written as no fee at all: amount 0
# One amount at the start ("$25 a year", "7,50 $ par tranche de 15 minutes"); the words after it stay in amount_description.
LEADING_AMOUNT = re.compile(r"^\s*(\$\s*[0-9][0-9,]*(?:\.[0-9]{2})?|[0-9][0-9\s\u00a0\u202f]*(?:,[0-9]{2})?\s*\$)(?=$|[\s,.])")
CURRENCY = "CAD"


def organization(site: Site, lang: str, site_url: str) -> dict:
    """The city: its name, what the site is for, its website and its public help line (never the staff mailboxes)."""
    base = site_url.rstrip("/")
    help_line = PhoneChannel(number=site.help_phone, tty=site.help_tty, hours=site.help_hours.get(lang))
    return {
        "id": stable_id(site_url, "organization"),
        "name": site.name.get(lang),
        "description": pick(WORDS, "about", lang),
        "website": base + home_url(lang),
        "phones": phones(site_url, ("organization",), help_line, lang),
    }


def service(entry: Service, lang: str, site_url: str, org_id: str) -> dict:
    """One service in ``lang``: the page's words, its fees, documents, languages and channels."""
    base = site_url.rstrip("/")
    slug = entry.slug
    meta = entry.page(lang).meta
    sid = stable_id(site_url, "service", slug)
    record = {
        "id": sid,
        "organization_id": org_id,
        "name": meta.title,
        "description": meta.summary,
        "url": base + service_url(lang, slug),
        "status": "active",
        "wait_time": meta.processing_time,
        "assured_date": meta.last_reviewed.isoformat(),
    }
    if meta.eligibility:
        record["eligibility_description"] = "\n".join(meta.eligibility)
    if meta.next_steps:
        record["application_process"] = meta.next_steps
    if meta.channels.phone:
        record["phones"] = phones(site_url, ("service", slug, "phone"), meta.channels.phone, lang)
        record["schedules"] = [schedule(site_url, ("service", slug, "phone"), meta.channels.phone.hours, "phone")]
    record["cost_options"] = [cost_option(site_url, slug, sid, i, fee.label, fee.amount) for i, fee in enumerate(meta.fees)]
    record["required_documents"] = [{"id": stable_id(site_url, "service", slug, "document", i), "service_id": sid, "document": text}
                                    for i, text in enumerate(meta.what_you_need)]
    record["languages"] = [{"id": stable_id(site_url, "service", slug, "language", code), "service_id": sid,
                            "name": Locale.parse(code).get_language_name(lang), "code": code}
                           for code in LANGUAGES if code in entry.pages]
    same_place = entry.page(LANGUAGES[0]).meta.channels
    record["service_at_locations"] = []
    for location, at in channel_locations(site_url, slug, meta.channels, same_place, lang, base):
        location["organization_id"] = org_id
        record["service_at_locations"].append({"id": stable_id(site_url, "service", slug, "at", location["id"]),
                                               "service_id": sid, "location_id": location["id"], **at, "location": location})
    return record


def cost_option(site_url: str, slug: str, sid: str, i: int, label: str, amount_text: str) -> dict:
    """A fee: its label as the option, the amount as written, and the number when it is one bare amount."""
    option = {"id": stable_id(site_url, "service", slug, "fee", i), "service_id": sid, "option": label,
              "amount_description": amount_text}
    amount = 0 if amount_text.strip().lower() in FREE else fee_amount(amount_text)
    if amount is not None:
        option["amount"] = int(amount) if amount == int(amount) else float(amount)
        option["currency"] = CURRENCY
    return option


def fee_amount(text: str):
    """The number of a fee that names one amount, first ("$25", "$25 a year", "3,50 $, comme un billet"), else None:
    ranges and several amounts ("$30 to $100", "$8 per square metre, $150 minimum"), percentages and words have none."""
    match = LEADING_AMOUNT.match(text)
    if match is None or text.count("$") != 1:
        return None
    return money_amount(match.group(1))
