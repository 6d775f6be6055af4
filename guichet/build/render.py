"""View-models for the service page, JSON-LD, and the Jinja environment.

Every service page is rendered by one template (``templates/service.html``)
from the structured front matter; the editor's prose comes after the
structured sections. Logic lives here, not in the template.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..formats import address_text, format_date, format_number, money_text
from ..model.catalogue import Catalogue, ServicePage
from ..urls import form_url, service_url
from ..words import install as install_words
from ..words import ngettext
from .labels import labels


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    install_words(env)  # {{ _("…") }} in the view's language
    return env


def _channels(page: ServicePage, root: str, lab: dict) -> list[dict]:
    ch = page.meta.channels
    out = []
    if ch.online:
        url = form_url(page.lang, page.slug, root) if ch.online.form else str(ch.online.url)
        label = lab["apply_online"] if ch.online.form else lab["go_online"]
        out.append({"id": "online", "heading": lab["online"], "lines": [ch.online.description] if ch.online.description else [], "action": {"url": url, "label": label}})
    if ch.phone:
        phones = [{"label": lab["call"], "number": ch.phone.number}]
        if ch.phone.outside_number:
            phones.append({"label": lab["outside"], "number": ch.phone.outside_number})
        if ch.phone.tty:
            phones.append({"label": lab["tty"], "number": ch.phone.tty})
        out.append({"id": "phone", "heading": lab["phone"], "phones": phones, "lines": [f"{lab['hours']}{lab['colon']}{ch.phone.hours}"]})
    if ch.in_person:
        p = ch.in_person
        out.append({"id": "in-person", "heading": lab["in_person"], "lines": [p.location, address_text(p.address, page.lang), f"{lab['hours']}{lab['colon']}{p.hours}", f"{lab['accessibility']}{lab['colon']}{p.accessibility}"]})
    if ch.mail:
        out.append({"id": "mail", "heading": lab["mail"], "lines": [address_text(ch.mail.address, page.lang)] + ([ch.mail.instructions] if ch.mail.instructions else [])})
    return out


def service_view(page: ServicePage, catalogue: Catalogue, root: str) -> dict:
    lab = labels(page.lang)
    meta = page.meta
    tax = catalogue.taxonomy
    dept = tax.departments.get(meta.department) if tax else None
    related = []
    for slug in meta.related:
        other = catalogue.services.get(slug)
        if other:
            related.append({"title": other.page(page.lang).meta.title, "url": service_url(page.lang, slug, root)})
    return {
        "lang": page.lang,
        "labels": lab,
        "title": meta.title,
        "summary": meta.summary,
        "channels": _channels(page, root, lab),
        "eligibility": meta.eligibility,
        "what_you_need": meta.what_you_need,
        "fees": [{"label": f.label, "amount": money_text(f.amount, page.lang)} for f in meta.fees],
        "processing_time": meta.processing_time,
        "processing_record": processing_record(page, catalogue),  # #15: how long most requests took, or None
        "next_steps": meta.next_steps,
        "related": related,
        "department": {"name": dept.name.get(page.lang), "phone": dept.phone} if dept else None,
        "last_reviewed": meta.last_reviewed.isoformat(),  # <time datetime>
        "last_reviewed_words": format_date(meta.last_reviewed, page.lang),
    }


def processing_record(page: ServicePage, catalogue: Catalogue) -> list[str] | None:
    """What the page says of its promise record (``guichet.model.records``), when its editor turned it on
    (``show_processing_record``) and the forms app recorded enough requests: two sentences, or None."""
    record = catalogue.promise_records.get(page.slug)
    if not page.meta.show_processing_record or record is None:
        return None
    lang = page.lang
    return [ngettext(lang, "Most requests are completed within {days} business day.",
                     "Most requests are completed within {days} business days.", record.p90_days,
                     days=format_number(record.p90_days, lang)),
            ngettext(lang, "Based on {count} request completed in the 12 months to {day}.",
                     "Based on {count} requests completed in the 12 months to {day}.", record.completed,
                     count=format_number(record.completed, lang), day=format_date(record.until, lang))]


def render_service(page: ServicePage, catalogue: Catalogue, root: str, prose_html: str) -> str:
    view = service_view(page, catalogue, root)
    return environment().get_template("service.html").render(view=view, prose=prose_html)


def json_ld(page: ServicePage, catalogue: Catalogue, site_url: str) -> str:
    """schema.org GovernmentService for one service page."""
    meta = page.meta
    tax = catalogue.taxonomy
    base = site_url.rstrip("/")
    url = base + service_url(page.lang, page.slug)
    city = tax.site.name.get(page.lang) if tax else None
    dept = tax.departments.get(meta.department) if tax else None
    channels = []
    ch = meta.channels
    if ch.online:
        target = base + form_url(page.lang, page.slug) if ch.online.form else str(ch.online.url)
        channels.append({"@type": "ServiceChannel", "serviceUrl": target, "availableLanguage": page.lang})
    if ch.phone:
        channels.append({"@type": "ServiceChannel", "servicePhone": {"@type": "ContactPoint", "telephone": ch.phone.number, "hoursAvailable": ch.phone.hours}})
    if ch.in_person:
        channels.append({"@type": "ServiceChannel", "serviceLocation": {"@type": "Place", "name": ch.in_person.location, "address": ch.in_person.address}})
    if ch.mail:
        channels.append({"@type": "ServiceChannel", "servicePostalAddress": {"@type": "PostalAddress", "streetAddress": ch.mail.address}})
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": meta.title,
        "description": meta.summary,
        "url": url,
        "inLanguage": page.lang,
        "serviceType": tax.topics[meta.topic].name.get(page.lang) if tax and meta.topic in tax.topics else meta.topic,
        "areaServed": {"@type": "City", "name": city},
        "provider": {"@type": "GovernmentOrganization", "name": f"{city} – {dept.name.get(page.lang)}" if dept else city},
        "audience": [{"@type": "Audience", "audienceType": a} for a in meta.audiences],
        "availableChannel": channels,
        "dateModified": meta.last_reviewed.isoformat(),
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # A JSON string may not close the script element it lives in.
    return text.replace("</", "<\\/")
