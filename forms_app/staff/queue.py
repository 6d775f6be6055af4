"""The department queue: ``/staff/requests/`` (and ``/fr/…``) and its CSV export ``/staff/requests.csv``.

Every filter is a GET parameter, so a filtered list is a link and works without
JavaScript: ``status`` (a status or ``open``), ``service``, ``channel``,
``overdue=1``, ``q`` (a reference or its start), ``sort`` and ``page``. The
filter form itself is posted (with its CSRF token) and answered by a redirect to
that address, because a search by the resident's name, email or phone must never
be in an address (browsers keep it in their history, servers in their logs): it is
kept in the session and the address names it by a random id (``search``). The
store applies the signed-in member's departments and records personal searches
(``store/queue.py``); the export is recorded here (rows and the kinds of filters,
never a search's text).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, current_app, redirect, render_template, request, session, url_for

from guichet.formats import format_number
from guichet.words import gettext, ngettext

from ..catalogue import get_catalogue
from ..config import settings_of
from ..routing import localized
from ..store import STATUSES, format_reference, get_store
from ..store.queue import OPEN, PERSONAL, SORTS, QueueFilters, QueuePage
from ..store.schema import CHANNELS
from .csv_export import csv_text
from .nav import staff_nav
from .session import current_staff, no_store, staff_required
from .text import channel_label, day_text, language_name, staff_status

bp = Blueprint("staff_queue", __name__)
bp.after_request(no_store)

FILTER_KEYS = ("status", "service", "channel", "overdue", "q", "search")
SEARCHES = "staff_searches"  # flask.session key: personal searches by id
KEPT_SEARCHES = 5


@dataclass(frozen=True)
class Asked:
    filters: QueueFilters
    sort: str
    page: int
    q: str
    search_in: str
    args: dict  # the valid parameters, to build links that keep them

    @property
    def filtered(self) -> bool:
        return any(k in self.args for k in FILTER_KEYS)


def read_args(args, searches: dict | None = None) -> Asked:
    """The page's parameters, each kept only when valid (anything else is as if absent).

    A search by reference travels in the address (``q``); a search by the resident's
    name, email or phone never does: it was posted (``search_posted``) and is found by
    its id (``search``) among the searches this browser's session holds.
    """
    kept: dict[str, str] = {}
    status = args.get("status", "")
    if status in STATUSES or status == OPEN:
        kept["status"] = status
    service = args.get("service", "")
    if service in get_catalogue().services:
        kept["service"] = service
    channel = args.get("channel", "")
    if channel in CHANNELS:
        kept["channel"] = channel
    if args.get("overdue") == "1":
        kept["overdue"] = "1"
    q, search_in = " ".join(args.get("q", "").split())[:100], "reference"
    saved = (searches or {}).get(args.get("search", ""))
    if saved is not None:
        search_in, q = saved
        kept["search"] = args["search"]
    elif q:
        kept["q"] = q
    sort = args.get("sort", "newest")
    if sort in SORTS and sort != "newest":
        kept["sort"] = sort
    page = args.get("page", "1")
    page_number = int(page) if page.isdigit() and 0 < len(page) < 7 else 1
    filters = QueueFilters(status=kept.get("status"), service=kept.get("service"), channel=kept.get("channel"),
                           overdue="overdue" in kept, **({search_in: q} if q else {}))
    return Asked(filters, sort if sort in SORTS else "newest", page_number, q, search_in, kept)


def saved_searches() -> dict[str, tuple[str, str]]:
    """This browser's personal searches, by id: (kind, text). In the signed session cookie, never in a URL."""
    return {sid: (kind, q) for sid, (kind, q) in session.get(SEARCHES, {}).items() if kind in PERSONAL}


def search_posted(form) -> dict[str, str]:
    """The filter form, posted: the address to show its results at. A personal search is kept in the
    session (the last ``KEPT_SEARCHES``) and named in the address by a random id."""
    args = {k: form.get(k, "") for k in ("status", "service", "channel", "overdue", "sort") if form.get(k)}
    q = " ".join(form.get("q", "").split())[:100]
    kind = form.get("in", "reference")
    if q and kind in PERSONAL:
        sid = secrets.token_urlsafe(9)
        kept = list(session.get(SEARCHES, {}).items())[-(KEPT_SEARCHES - 1):]
        session[SEARCHES] = dict(kept + [(sid, [kind, q])])
        args["search"] = sid
    elif q:
        args["q"] = q
    return args


def service_titles(lang: str) -> dict[str, str]:
    """Every service's name in ``lang``, by slug (the queue shows the catalogue's name, not the one stored)."""
    return {slug: service.page(lang).meta.title for slug, service in get_catalogue().services.items()}


def service_title(slug: str, lang: str, stored: str) -> str:
    """One service's name in ``lang`` (the catalogue's), else the one stored with the request (a service since removed)."""
    service = get_catalogue().services.get(slug)
    return (service.page(lang).meta.title if service is not None else None) or stored


def _service_options(member, lang: str, titles: dict[str, str]) -> list[tuple[str, str]]:
    """The services with a form in the member's departments (all for an administrator), by name."""
    services = get_catalogue().services
    slugs = [s for s, service in services.items()
             if service.form is not None and member.sees(service.page(lang).meta.department)]
    return sorted(((s, titles[s]) for s in slugs), key=lambda pair: pair[1].casefold())


def _select(name: str, label: str, options: list[tuple[str, str]], chosen: str, any_label: str | None) -> dict:
    choices = ([("", any_label)] if any_label else []) + options
    return {"id": f"filter-{name}", "name": name, "label": label,
            "options": [{"value": v, "label": text, "selected": v == chosen} for v, text in choices]}


def _filters(asked: Asked, member, lang: str, titles: dict[str, str]) -> dict:
    everything = gettext(lang, "All")
    statuses = [(OPEN, gettext(lang, "Open (not completed or closed)"))] + [(s, staff_status(s, lang)) for s in STATUSES]
    sorts = {"newest": gettext(lang, "Received, newest first"), "oldest": gettext(lang, "Received, oldest first"),
             "due": gettext(lang, "Due date, soonest first"), "status": gettext(lang, "Status"),
             "service": gettext(lang, "Service")}
    searches = {"reference": gettext(lang, "Reference"), "name": gettext(lang, "Resident's name"),
                "email": gettext(lang, "Resident's email"), "phone": gettext(lang, "Resident's phone")}
    return {
        "selects": [
            _select("status", gettext(lang, "Status"), statuses, asked.args.get("status", ""), everything),
            _select("service", gettext(lang, "Service"), _service_options(member, lang, titles),
                    asked.args.get("service", ""), everything),
            _select("channel", gettext(lang, "Channel"), [(c, channel_label(c, lang)) for c in CHANNELS],
                    asked.args.get("channel", ""), everything),
        ],
        "overdue": "overdue" in asked.args,
        "search_in": _select("in", gettext(lang, "Search in"), list(searches.items()), asked.search_in, None),
        "q": asked.q,
        "sort": _select("sort", gettext(lang, "Sort by"), list(sorts.items()), asked.sort, None),
        "sort_label": sorts[asked.sort],
    }


def _rows(result: QueuePage, lang: str, titles: dict[str, str], tz: str) -> list[dict]:
    zone = ZoneInfo(tz)
    return [{
        "href": url_for("staff_request.request", ref=format_reference(r.reference), lang=lang),
        "reference": format_reference(r.reference),
        "service": titles.get(r.service) or r.service_title,
        "received": day_text(r.created_at.astimezone(zone).date(), lang),
        "received_iso": r.created_at.astimezone(zone).date().isoformat(),
        "channel": channel_label(r.channel, lang),
        "language": language_name(r.lang, lang),
        "status": staff_status(r.status, lang),
        "days_open": format_number(r.days_open, lang),
        "due": day_text(r.due_on, lang),
        "due_iso": r.due_on.isoformat() if r.due_on else "",
        "overdue": r.overdue,
    } for r in result.rows]


def _pagination(result: QueuePage, asked: Asked, lang: str) -> dict | None:
    """GOV.UK's pagination: previous, the first, the last, the current and its neighbours, ellipses between."""
    if result.pages <= 1:
        return None

    def href(n: int) -> str:
        return url_for("staff_queue.queue", lang=lang, **asked.args, **({"page": n} if n > 1 else {}))

    shown = sorted({1, result.pages, result.page - 1, result.page, result.page + 1} & set(range(1, result.pages + 1)))
    items, last = [], 0
    for n in shown:
        if n > last + 1:
            items.append({"ellipsis": True})
        items.append({"number": format_number(n, lang), "href": href(n), "current": n == result.page,
                      "label": gettext(lang, "Page {n}", n=format_number(n, lang))})
        last = n
    return {
        "label": gettext(lang, "Pages of requests"),
        "previous": href(result.page - 1) if result.page > 1 else None,
        "next": href(result.page + 1) if result.page < result.pages else None,
        "items": items,
    }


@localized(bp, "/staff/requests/", methods=["GET", "POST"])
@staff_required
def queue(lang: str):
    if request.method == "POST":  # the filter form (CSRF-checked): its results, at an address without personal data
        return redirect(url_for("staff_queue.queue", lang=lang, **search_posted(request.form)), 303)
    member = current_staff()
    settings = settings_of(current_app)
    asked = read_args(request.args, saved_searches())
    tz = current_app.config["TIMEZONE"]
    result = get_store().queue.queue(member, asked.filters, asked.sort, asked.page, settings.STAFF_PAGE_SIZE, tz=tz)
    titles = service_titles(lang)
    count = ngettext(lang, "{count} request", "{count} requests", result.total, count=format_number(result.total, lang))
    csv_args = {k: v for k, v in asked.args.items() if k != "page"}
    filters = _filters(asked, member, lang, titles)
    return render_template(
        "staff/queue.html", lang=lang, staff_nav=staff_nav(lang),
        title=gettext(lang, "Requests"),
        count=count,
        caption=gettext(lang, "{count}, page {page} of {pages}, sorted by {sort}", count=count,
                        page=format_number(result.page, lang), pages=format_number(result.pages, lang),
                        sort=filters["sort_label"].lower()),
        rows=_rows(result, lang, titles, tz),
        filters=filters,
        filtered=asked.filtered,
        clear_href=url_for("staff_queue.queue", lang=lang),
        action=url_for("staff_queue.queue", lang=lang),
        csv_href=url_for("staff_queue.export", lang=lang, **csv_args),
        pagination=_pagination(result, asked, lang),
    )


@localized(bp, "/staff/requests.csv", methods=["GET"])
@staff_required
def export(lang: str):
    member = current_staff()
    asked = read_args(request.args, saved_searches())
    tz = current_app.config["TIMEZONE"]
    store = get_store()
    result = store.queue.queue(member, asked.filters, asked.sort, 1, None, tz=tz)
    kinds = ",".join(asked.filters.kinds()) or "none"
    store.audit.record(member.email, "export_csv", None, f"rows={result.total} filters={kinds}")
    today = store.queue.today(tz).isoformat()
    body = csv_text(result.rows, service_titles(lang), lang, tz)
    response = Response(body.encode("utf-8"), mimetype="text/csv")
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = f"attachment; filename=requests-{today}.csv"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
