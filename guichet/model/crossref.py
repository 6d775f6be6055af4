"""Checks that need the whole catalogue: references, language parity, forms."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import DEFAULT_LANGUAGE, LANGUAGES
from .payment import fee_problems
from .problems import Problem
from .service import SHARED_FIELDS, channel_numbers

if TYPE_CHECKING:
    from .catalogue import Catalogue, Service, ServicePage


def _shown(page: "ServicePage", catalogue: "Catalogue") -> str:
    from .catalogue import rel

    return rel(page.path, catalogue.root)


def _references(page: "ServicePage", catalogue: "Catalogue") -> list[Problem]:
    tax = catalogue.taxonomy
    out: list[Problem] = []
    shown = _shown(page, catalogue)
    meta = page.meta
    if tax is not None:
        if meta.topic not in tax.topics:
            out.append(Problem(shown, page.line_of("topic"), "topic", f"unknown topic '{meta.topic}'; use one of: {', '.join(sorted(tax.topics))}"))
        for i, aud in enumerate(meta.audiences):
            if aud not in tax.audiences:
                out.append(Problem(shown, page.line_of("audiences", i), "audiences", f"unknown audience '{aud}'; use one of: {', '.join(sorted(tax.audiences))}"))
        if meta.department not in tax.departments:
            out.append(Problem(shown, page.line_of("department"), "department", f"unknown department '{meta.department}'; use one of: {', '.join(sorted(tax.departments))} or add it to taxonomy.yml"))
    for i, other in enumerate(meta.related):
        if other == page.slug:
            out.append(Problem(shown, page.line_of("related", i), "related", "a service cannot be related to itself; remove it"))
        elif other not in catalogue.services:
            if page.path.with_name(f"{other}.md").exists():
                continue  # its page failed to load: its own problems say why
            out.append(Problem(shown, page.line_of("related", i), "related", f"no service '{other}'; check the slug (file name without .md)"))
        elif page.slug not in catalogue.services[other].page(page.lang).meta.related:
            out.append(Problem(shown, page.line_of("related", i), "related", f"'{other}' does not link back; add '{page.slug}' to its related list", "warning"))
    return out


def _parity(service: "Service", catalogue: "Catalogue") -> list[Problem]:
    out: list[Problem] = []
    present = [lang for lang in LANGUAGES if lang in service.pages]
    any_page = service.pages[present[0]]
    for lang in LANGUAGES:
        suffix = "" if lang == DEFAULT_LANGUAGE else f".{lang}"
        if lang not in service.pages and not any_page.path.with_name(f"{service.slug}{suffix}.md").exists():
            out.append(Problem(_shown(any_page, catalogue), 1, "(translation)", f"no {lang} page; create services/{service.slug}{suffix}.md (guichet new-service writes both)"))
    if len(present) < 2:
        return out
    base = service.pages[present[0]]
    for lang in present[1:]:
        page = service.pages[lang]
        for name in SHARED_FIELDS:
            if getattr(page.meta, name) != getattr(base.meta, name):
                out.append(Problem(_shown(page, catalogue), page.line_of(name), name, f"differs from {_shown(base, catalogue)}; both languages must give the same value"))
        if channel_numbers(page.meta) != channel_numbers(base.meta):
            out.append(Problem(_shown(page, catalogue), page.line_of("channels"), "channels", f"the channels, phone numbers or form differ from {_shown(base, catalogue)}; make them match"))
    return out


def _form(service: "Service", catalogue: "Catalogue") -> list[Problem]:
    page = service.page("en")
    online = page.meta.channels.online
    wants_form = bool(online and online.form)
    form_file = page.path.with_name(f"{service.slug}.form.yml")
    if wants_form and not form_file.exists():
        return [Problem(_shown(page, catalogue), page.line_of("channels", "online", "form"), "channels.online.form", f"says there is a form but services/{service.slug}.form.yml does not exist; create it or set form: false")]
    if form_file.exists() and not wants_form:
        return [Problem(_shown(page, catalogue), page.line_of("channels"), "channels.online", f"services/{service.slug}.form.yml exists but the page does not offer it; add 'online: {{form: true}}' under channels")]
    return []


def cross_check(catalogue: "Catalogue") -> list[Problem]:
    problems: list[Problem] = []
    for service in catalogue.services.values():
        problems.extend(_parity(service, catalogue))
        problems.extend(_form(service, catalogue))
        problems.extend(fee_problems(service, catalogue, f"services/{service.slug}.form.yml"))
        for page in service.pages.values():
            problems.extend(_references(page, catalogue))
    return problems
