"""Service channels as HSDS locations (virtual, physical, postal), their addresses, phones and hours."""

from __future__ import annotations

from ..formats import address_parts
from ..i18n import Table, pick
from ..model.service import Channels, PhoneChannel
from ..urls import form_url
from ..words import N_
from .ids import stable_id

# The same words as the service pages (guichet/build/labels.py), so the catalogue already translates them.
WORDS: Table = {
    "online": N_("Online"),
    "phone": N_("By phone"),
    "in_person": N_("In person"),
    "mail": N_("By mail"),
    "outside": N_("From outside the city"),
    "tty": N_("TTY"),
}

COUNTRY = "CA"


def address(site_url: str, key: tuple, text: str, kind: str) -> dict | None:
    """An HSDS address from a one-line Canadian address, or None when the line lacks a province and postal code
    (HSDS requires both; the line then stays in the location's description)."""
    parts = address_parts(text)
    if parts is None:
        return None
    before, city, province, postal = parts
    pieces = [p.strip() for p in before.split(",") if p.strip()]
    if len(pieces) >= 2 and pieces[-2].isdigit():  # French "100, rue Main": the number and the street are one line
        pieces[-2:] = [f"{pieces[-2]}, {pieces[-1]}"]
    if not pieces:
        return None
    record = {"id": stable_id(site_url, *key, "address"), "address_1": pieces[-1], "city": city,
              "state_province": province, "postal_code": postal, "country": COUNTRY, "address_type": kind}
    if len(pieces) > 1:
        record["attention"] = ", ".join(pieces[:-1])
    return record


def phones(site_url: str, key: tuple, channel: PhoneChannel, lang: str) -> list[dict]:
    """The line residents call, its number from outside the city, and its TTY (HSDS phone type ``textphone``)."""
    found = [("number", channel.number, "voice", None), ("outside", channel.outside_number, "voice", pick(WORDS, "outside", lang)),
             ("tty", channel.tty, "textphone", pick(WORDS, "tty", lang))]
    records = []
    for name, number, kind, description in found:
        if not number:
            continue
        record = {"id": stable_id(site_url, *key, "phone", name), "number": number, "type": kind}
        if description:
            record["description"] = description
        records.append(record)
    return records


def schedule(site_url: str, key: tuple, hours: str, attending: str) -> dict:
    """Hours as editors write them ("Monday to Friday, 8 am to 6 pm"): HSDS keeps free text in ``description``."""
    return {"id": stable_id(site_url, *key, "schedule"), "description": hours, "attending_type": attending}


def channel_locations(site_url: str, slug: str, channels: Channels, same_place: Channels, lang: str, base: str) -> list[tuple[dict, dict]]:
    """Each way to get the service as (an HSDS location, what this service adds there: hours, instructions).

    ``same_place`` is the default language's channels: a building's or a mailbox's id comes from its
    English address, so every service at City Hall names one location, in both languages."""
    pairs: list[tuple[dict, dict]] = []
    online = channels.online
    if online:
        key = ("service", slug, "online")
        url = base + form_url(lang, slug) if online.form else str(online.url)
        at = {"description": online.description} if online.description else {}
        pairs.append(({"id": stable_id(site_url, *key), "location_type": "virtual", "name": pick(WORDS, "online", lang),
                       "url": url}, at))
    phone = channels.phone
    if phone:
        key = ("service", slug, "phone")
        pairs.append(({"id": stable_id(site_url, *key), "location_type": "virtual", "name": pick(WORDS, "phone", lang),
                       "phones": phones(site_url, key, phone, lang)},
                      {"schedules": [schedule(site_url, key, phone.hours, "phone")]}))
    counter = channels.in_person
    if counter:
        where = same_place.in_person or counter
        key = ("location", where.location, where.address)
        loc = {"id": stable_id(site_url, *key), "location_type": "physical", "name": counter.location,
               "accessibility": [{"id": stable_id(site_url, *key, "accessibility"), "description": counter.accessibility}]}
        _place(loc, address(site_url, key, counter.address, "physical"), counter.address)
        pairs.append((loc, {"schedules": [schedule(site_url, ("service", slug, "in_person"), counter.hours, "in_person")]}))
    mail = channels.mail
    if mail:
        key = ("postal", (same_place.mail or mail).address)
        loc = {"id": stable_id(site_url, *key), "location_type": "postal", "name": pick(WORDS, "mail", lang)}
        _place(loc, address(site_url, key, mail.address, "postal"), mail.address)
        pairs.append((loc, {"description": mail.instructions} if mail.instructions else {}))
    return pairs


def _place(location: dict, found: dict | None, text: str) -> None:
    if found:
        location["addresses"] = [found]
    else:
        location["description"] = text  # no province or postal code: the line as the editor wrote it
