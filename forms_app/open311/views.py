"""The Open311 GeoReport v2 endpoints (``/open311/v2/…``), JSON and XML.

Reading (discovery, services, service definitions, requests) needs no key, as the
specification allows; posting a request needs ``api_key``. No cookies, no CSRF (the
blueprint is exempt: a key, not a browser session, authenticates a POST). ``lang=fr`` is
Guichet's extension: names, descriptions and status notes in French.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import Blueprint, current_app, request, url_for
from werkzeug.exceptions import HTTPException

from guichet import DEFAULT_LANGUAGE, LANGUAGES
from guichet.words import word

from ..catalogue import get_catalogue
from ..config import settings_of
from ..status.text import STATUS_LABELS
from ..store import format_reference, get_store, normalize_reference
from ..store import public_requests
from . import definitions, intake
from .formats import Open311Error, error_reply, reply

log = logging.getLogger(__name__)
bp = Blueprint("open311", __name__, url_prefix="/open311/v2")

FMT = "<any(json,xml):fmt>"
CLOSED = ("completed", "closed")
OPEN = ("received", "in_progress", "waiting_for_you")
MAX_DAYS = 90
MAX_REQUESTS = 1000


def lang_of() -> str:
    lang = request.args.get("lang") or request.form.get("lang") or DEFAULT_LANGUAGE
    if lang not in LANGUAGES:
        raise Open311Error(400, f"lang: one of {', '.join(LANGUAGES)}")
    return lang


@bp.errorhandler(Open311Error)
def open311_error(error: Open311Error):
    return error_reply((request.view_args or {}).get("fmt", "json"), error.code, *error.descriptions)


@bp.errorhandler(HTTPException)
def http_error(error: HTTPException):
    return error_reply((request.view_args or {}).get("fmt", "json"), error.code or 500, error.description or error.name)


@bp.get(f"/discovery.{FMT}")
def discovery(fmt: str):
    root = (settings_of(current_app).PUBLIC_URL or request.url_root).rstrip("/")
    site = get_catalogue().taxonomy.site
    return reply(fmt, "discovery", {
        "changeset": "2026-12-01T00:00:00Z",
        "contact": site.help_phone,
        "key_service": f"Ask the city for an API key ({site.help_phone}); its administrators make one per system.",
        "endpoints": [{
            "specification": "http://wiki.open311.org/GeoReport_v2",
            "url": root + url_for(".services", fmt="json").rsplit("/", 1)[0],
            "changeset": "2026-12-01T00:00:00Z",
            "type": "production",
            "formats": ["text/xml", "application/json"],
        }],
    })


@bp.get(f"/services.{FMT}")
def services(fmt: str):
    lang = lang_of()
    return reply(fmt, "services", [definitions.service(code, lang) for code in definitions.codes()])


def known(code: str, lang: str):
    form_cls = definitions.form_class(code, lang)
    if form_cls is None:
        raise Open311Error(404, f"service_code {code!r} not found")
    return form_cls


@bp.get("/services/<code>.<any(json,xml):fmt>")  # FMT, written out
def service_definition(code: str, fmt: str):
    lang = lang_of()
    known(code, lang)
    return reply(fmt, "service_definition", definitions.definition(code, lang))


@bp.post(f"/requests.{FMT}")
def post_request(fmt: str):
    lang = lang_of()
    sent = request.form.get("api_key", "")
    if not sent:
        raise Open311Error(403, "api_key is required to post a request")
    key = get_store().api_keys.find(sent)
    if key is None:
        raise Open311Error(403, "api_key is not valid (unknown or revoked)")
    code = request.form.get("service_code", "")
    if not code:
        raise Open311Error(400, "service_code is required")
    form_cls = known(code, lang)
    service = get_catalogue().services[code]
    reference = intake.create(service, form_cls, request.form)
    log.info("open311 outcome=stored service=%s reference=%s key=%s", code, format_reference(reference), key.name)
    meta = service.page(lang).meta
    return reply(fmt, "service_requests", [{"service_request_id": format_reference(reference),
                                            "service_notice": meta.processing_time,
                                            "account_id": None}])


def when(text: str, name: str) -> datetime | None:
    if not text:
        return None
    try:
        found = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise Open311Error(400, f"{name}: a date and time in ISO 8601, like 2026-12-01T09:30:00-05:00") from None
    return found.replace(tzinfo=UTC) if found.tzinfo is None else found.astimezone(UTC)


def date_range() -> tuple[datetime, datetime]:
    start = when(request.args.get("start_date", ""), "start_date")
    end = when(request.args.get("end_date", ""), "end_date")
    if start is None and end is None:
        end = get_store().clock()
    if start is None:
        start = end - timedelta(days=MAX_DAYS)
    if end is None:
        end = start + timedelta(days=MAX_DAYS)
    if end < start:
        raise Open311Error(400, "end_date is before start_date")
    if end - start > timedelta(days=MAX_DAYS):
        raise Open311Error(400, f"start_date and end_date are at most {MAX_DAYS} days apart")
    return start, end


def statuses() -> tuple[str, ...] | None:
    wanted = {s.strip() for s in request.args.get("status", "").split(",") if s.strip()}
    if not wanted:
        return None
    if not wanted <= {"open", "closed"}:
        raise Open311Error(400, "status: open, closed or both")
    return (OPEN if "open" in wanted else ()) + (CLOSED if "closed" in wanted else ())


def shown(found: public_requests.PublicRequest, lang: str, note: str | None = None) -> dict:
    """One request as the specification lists it: nothing personal (no answers, contact or address)."""
    catalogue = get_catalogue()
    service = catalogue.services.get(found.service)
    department = catalogue.taxonomy.departments.get(found.department)
    label = word(lang, STATUS_LABELS[found.status][0])
    zone = ZoneInfo(settings_of(current_app).TIMEZONE)
    expected = datetime.combine(found.due_on, time(23, 59, 59), zone).isoformat() if found.due_on else None
    return {
        "service_request_id": format_reference(found.reference),
        "status": "closed" if found.status in CLOSED else "open",
        "status_notes": f"{label}: {note}" if note else label,
        "service_name": service.page(lang).meta.title if service else found.service,
        "service_code": found.service,
        "description": None,  # the resident's answers are never given out
        "agency_responsible": department.name.get(lang) if department else found.department,
        "service_notice": service.page(lang).meta.processing_time if service else None,
        "requested_datetime": found.created_at.isoformat(),
        "updated_datetime": (found.status_at or found.created_at).isoformat(),
        "expected_datetime": expected,
        "address": None, "address_id": None, "zipcode": None, "lat": None, "long": None,  # personal: left out
        "media_url": None,
    }


@bp.get(f"/requests.{FMT}")
def requests(fmt: str):
    lang = lang_of()
    engine = get_store().engine
    ids = request.args.get("service_request_id", "")
    if ids:  # the specification: other filters are ignored when ids are given
        refs = [normalize_reference(i) for i in ids.split(",") if i.strip()][:MAX_REQUESTS]
        found = public_requests.find(engine, references=[r for r in refs if r])
    else:
        start, end = date_range()
        code = request.args.get("service_code") or None
        found = public_requests.find(engine, service=code, start=start, end=end, statuses=statuses(), limit=MAX_REQUESTS)
    return reply(fmt, "service_requests", [shown(r, lang) for r in found])


@bp.get(f"/requests/<request_id>.{FMT}")
def one_request(request_id: str, fmt: str):
    lang = lang_of()
    ref = normalize_reference(request_id)
    found = public_requests.find(get_store().engine, references=[ref]) if ref else []
    if not found:
        raise Open311Error(404, f"service_request_id {request_id!r} not found")
    note = public_requests.newest_note(get_store().engine, ref)
    return reply(fmt, "service_requests", [shown(found[0], lang, note)])
