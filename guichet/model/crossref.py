"""Checks that need the whole catalogue: references, language parity, forms."""

from __future__ import annotations

from .. import DEFAULT_LANGUAGE, LANGUAGES
from .entries import Catalogue, Service, ServicePage, rel
from .problems import Problem, yaml_line
from .service import SHARED_FIELDS, channel_numbers


def _shown(page: ServicePage, catalogue: Catalogue) -> str:
    return rel(page.path, catalogue.root)


def _references(page: ServicePage, catalogue: Catalogue) -> list[Problem]:
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


def _parity(service: Service, catalogue: Catalogue) -> list[Problem]:
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


def _form(service: Service, catalogue: Catalogue) -> list[Problem]:
    page = service.page("en")
    online = page.meta.channels.online
    wants_form = bool(online and online.form)
    form_file = page.path.with_name(f"{service.slug}.form.yml")
    if wants_form and not form_file.exists():
        return [Problem(_shown(page, catalogue), page.line_of("channels", "online", "form"), "channels.online.form", f"says there is a form but services/{service.slug}.form.yml does not exist; create it or set form: false")]
    if form_file.exists() and not wants_form:
        return [Problem(_shown(page, catalogue), page.line_of("channels"), "channels.online", f"services/{service.slug}.form.yml exists but the page does not offer it; add 'online: {{form: true}}' under channels")]
    return []


def _privacy_officer(catalogue: Catalogue) -> list[Problem]:
    """Every form's notice says whom to ask for access or correction: the taxonomy's privacy officer."""
    tax = catalogue.taxonomy
    if tax is None or tax.site.privacy_officer is not None or not any(s.form for s in catalogue.services.values()):
        return []
    forms = sorted(s.slug for s in catalogue.services.values() if s.form)
    return [Problem(rel(catalogue.root / "taxonomy.yml", catalogue.root), yaml_line(catalogue.taxonomy_node, ("site",)),
                    "site.privacy_officer",
                    f"required: the forms ({', '.join(forms[:3])}{'…' if len(forms) > 3 else ''}) must say whom residents ask to see or correct "
                    "their information; add privacy_officer: under site: with name {en, fr}, email, phone and address {en, fr}")]


def cross_check(catalogue: Catalogue) -> list[Problem]:
    problems: list[Problem] = list(_privacy_officer(catalogue))
    for service in catalogue.services.values():
        problems.extend(_parity(service, catalogue))
        problems.extend(_form(service, catalogue))
        problems.extend(fee_problems(service, catalogue, f"services/{service.slug}.form.yml"))
        for page in service.pages.values():
            problems.extend(_references(page, catalogue))
    return problems


def fee_problems(service: Service, catalogue: Catalogue, form_path: str) -> list[Problem]:
    """A payment that takes its amounts from the page's fees needs those fees, in both languages."""
    payment = service.form.payment if service.form else None
    if payment is None or not payment.amount_from_fees:
        return []
    out = []
    counts = {lang: len(page.meta.fees) for lang, page in service.pages.items()}
    for lang, page in sorted(service.pages.items()):
        fees = page.meta.fees
        shown = rel(page.path, catalogue.root)
        if not fees:
            out.append(Problem(shown, page.line_of("fees"), "fees",
                               f"{form_path} takes its payment amounts from the fees, but this page lists none; "
                               "add the fees or write 'amounts' in the form's payment"))
            continue
        missing = [n for n in payment.fee_numbers(fees) if n > len(fees)]
        if missing:
            out.append(Problem(shown, page.line_of("fees"), "fees",
                               f"{form_path} pays fee number {', '.join(map(str, missing))}, but this page lists "
                               f"{len(fees)}; fix amount_from_fees or add the fee"))
    if len(set(counts.values())) > 1:
        page = service.page("fr") if "fr" in service.pages else service.page("en")
        out.append(Problem(rel(page.path, catalogue.root), page.line_of("fees"), "fees",
                           f"the languages list different numbers of fees ({', '.join(f'{k}: {v}' for k, v in sorted(counts.items()))}); "
                           f"{form_path} takes its amounts from them, so list the same fees in the same order"))
    return out
