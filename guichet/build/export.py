"""``catalogue.json``: the machine-readable catalogue, both languages, for open data."""

from __future__ import annotations

import json

from .. import LANGUAGES
from ..model.catalogue import Catalogue
from ..urls import form_url, service_url


def export(catalogue: Catalogue, site_url: str) -> str:
    base = site_url.rstrip("/")
    services = []
    for slug in sorted(catalogue.services):
        service = catalogue.services[slug]
        first = service.page("en").meta
        entry = {
            "slug": slug,
            "topic": first.topic,
            "audiences": first.audiences,
            "department": first.department,
            "related": first.related,
            "last_reviewed": first.last_reviewed.isoformat(),
            "form": (base + form_url("en", slug)) if service.form else None,
            "languages": {},
        }
        for lang in LANGUAGES:
            page = service.pages.get(lang)
            if page is None:
                continue
            meta = page.meta
            entry["languages"][lang] = {
                "title": meta.title,
                "summary": meta.summary,
                "url": base + service_url(lang, slug),
                "keywords": meta.keywords,
                "fees": [f.model_dump() for f in meta.fees],
                "processing_time": meta.processing_time,
                "channels": meta.channels.model_dump(mode="json", exclude_none=True),
            }
        services.append(entry)
    tax = catalogue.taxonomy
    data = {
        "municipality": tax.site.name.model_dump() if tax else None,
        "topics": {k: v.name.model_dump() for k, v in tax.topics.items()} if tax else {},
        "audiences": {k: v.name.model_dump() for k, v in tax.audiences.items()} if tax else {},
        "departments": {k: {"name": v.name.model_dump(), "phone": v.phone} for k, v in tax.departments.items()} if tax else {},
        "services": services,
    }
    return json.dumps(data, ensure_ascii=False, indent=1)
