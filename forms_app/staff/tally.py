"""The contact tally: phone and counter staff count a contact in one click (``/staff/tally/``, #15).

One page: how the resident reached us (phone, in person, mail: kept in the page's address, so an
agent on the phone line chooses it once), then a row per service with two big buttons, "Resolved"
(answered there and then) and "Became a request" (then entered at ``/staff/new/``). A click POSTs
one count (CSRF as everywhere) and comes back (303) to the page with "Counted: …" and the day's
totals, and a button to take a mistaken count back. Nothing about the caller is asked or kept, nor who counted: a row is a city day, a service,
a channel, an outcome and a count (``store/insights.py``: ``ContactTally``).

A member sees their departments' services; a member of no department (the front desk, 311) and
an administrator see every service. The report (``forms_app/insights``) puts these counts beside
the requests by channel, so the city sees whether online forms reduce calls over time.
"""

from __future__ import annotations

from collections import Counter

from flask import Blueprint, abort, redirect, render_template, request, url_for

from guichet.formats import format_number
from guichet.words import N_, gettext, word

from ..catalogue import get_catalogue
from ..routing import localized
from ..store import get_store
from ..store.current import city_today
from ..store.insights import insights_of
from ..store.schema import TALLY_CHANNELS, TALLY_OUTCOMES
from .nav import staff_nav
from .session import current_staff, no_store, staff_required
from .text import channel_label

bp = Blueprint("staff_tally", __name__)
bp.after_request(no_store)

OUTCOME_LABELS = {"resolved": N_("Resolved"), "request": N_("Became a request")}
WORDS = {
    "title": N_("Count a contact"),
    "intro": N_("Count each call, visit or letter about a service in one click. Nothing about the resident is kept: only the service, how they reached us, the outcome and the day."),
    "channel": N_("How did the resident contact us?"), "service": N_("Service"), "outcome": N_("Count it as"),
    "today": N_("Counted today"), "caption": N_("Services: choose the outcome to count one contact"),
    "none": N_("No service to count for your departments."), "undo": N_("Undo this count"),
}


def departments_of(member):
    """The departments whose services a member counts for; None (every one) for the front desk and admins."""
    return None if member.is_admin or not member.departments else member.departments


def services_for(member) -> list[tuple[str, str, str]]:
    """(slug, department, service) the member counts for: their departments', or all for the front desk and admins."""
    departments = departments_of(member)
    found = []
    for slug, service in get_catalogue().services.items():
        department = service.page("en").meta.department
        if departments is None or department in departments:
            found.append((slug, department, service))
    return found


def counts_for(member, slug: str) -> str | None:
    """The department of the service ``slug`` when the member counts for it, else None."""
    service = get_catalogue().services.get(slug)
    if service is None:
        return None
    department = service.page("en").meta.department
    departments = departments_of(member)
    return department if departments is None or department in departments else None


def _channel(value: str | None) -> str:
    return value if value in TALLY_CHANNELS else TALLY_CHANNELS[0]


@localized(bp, "/staff/tally/", methods=["GET"])
@staff_required
def tally(lang: str):
    member = current_staff()
    channel = _channel(request.args.get("channel"))  # the agent's line, kept in the address between counts
    services = services_for(member)
    today = Counter()  # per service: the day's counts summed over channels and outcomes, in one pass
    counts = insights_of(get_store()).tally.day_counts(city_today(), departments_of(member))
    for (slug, _how, _outcome), n in counts.items():
        today[slug] += n
    rows = sorted((
        {"slug": slug, "title": service.page(lang).meta.title, "today": format_number(today[slug], lang),
         "buttons": [{"value": f"{slug}:{outcome}", "label": word(lang, OUTCOME_LABELS[outcome]),
                      "secondary": outcome != "resolved"} for outcome in TALLY_OUTCOMES]}
        for slug, _, service in services), key=lambda r: r["title"].casefold())
    titles = {r["slug"]: r["title"] for r in rows}
    counted, undone = None, None
    slug, _, outcome = (request.args.get("counted") or request.args.get("undone") or "").partition(":")
    if slug in titles and outcome in OUTCOME_LABELS:
        said = {"service": titles[slug], "channel": channel_label(channel, lang), "outcome": word(lang, OUTCOME_LABELS[outcome])}
        if request.args.get("counted"):
            counted = {"text": gettext(lang, "Counted: {service} – {channel} – {outcome}.", **said), "value": f"{slug}:{outcome}"}
        else:
            undone = gettext(lang, "Count taken back: {service} – {channel} – {outcome}.", **said)
    t = {key: gettext(lang, text) for key, text in WORDS.items()}
    return render_template(
        "staff/tally.html", lang=lang, staff_nav=staff_nav(lang), t=t, rows=rows, counted=counted, undone=undone,
        channel=channel,
        channels=[{"value": c, "label": channel_label(c, lang), "checked": c == channel, "id": f"channel-{c}"}
                  for c in TALLY_CHANNELS],
        action=url_for(".count", lang=lang),
    )


@localized(bp, "/staff/tally/", methods=["POST"], endpoint="count")
@staff_required
def count(lang: str):
    """One count (``count`` = ``<slug>:<outcome>``, ``channel``), or one taken back (``undo``: a mistaken
    click, that day only), then back to the page."""
    member = current_staff()
    channel = request.form.get("channel")
    undo = "undo" in request.form
    slug, _, outcome = (request.form.get("undo" if undo else "count") or "").partition(":")
    department = counts_for(member, slug)  # one service looked up, not every service listed
    if channel not in TALLY_CHANNELS or outcome not in TALLY_OUTCOMES or department is None:
        abort(400)
    tally = insights_of(get_store()).tally
    if undo:
        done = tally.take_back(city_today(), slug, channel, outcome)
        return redirect(url_for(".tally", lang=lang, channel=channel, **({"undone": f"{slug}:{outcome}"} if done else {})), 303)
    tally.add(city_today(), slug, department, channel, outcome)
    return redirect(url_for(".tally", lang=lang, channel=channel, counted=f"{slug}:{outcome}"), 303)
