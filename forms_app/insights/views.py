"""The insights report for signed-in staff: ``/staff/insights/`` (``/fr/staff/insights/``).

The same model and view as the static report (``model.build`` → ``view.sections`` → ``report.printable``),
for the member's departments, as the queue shows requests (an administrator sees every department and
may choose one; a member of no department, the front desk, sees no department's numbers). The period is ``from`` and ``to`` (dates, GET, so a
report is a link); by default the last ``DEFAULT_DAYS`` days to today. No CSV links here (the CLI
writes them); every page is ``no-store``.
"""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, current_app, make_response, render_template, request, url_for

from guichet.ui import t as chrome_text
from guichet.words import N_, gettext

from ..catalogue import get_catalogue
from ..config import settings_of
from ..routing import localized
from ..staff.nav import staff_nav
from ..staff.session import current_staff, no_store, staff_required
from ..store import get_store
from ..store.current import city_today
from .model import Scope, build
from .report import period_text, printable, scope_text
from .layout import sections

bp = Blueprint("insights", __name__, static_folder="static", static_url_path="/staff/insights/static")
bp.after_request(no_store)

DEFAULT_DAYS = 91  # thirteen weeks
LONGEST = 731  # two years at most in one report
WORDS = {"title": N_("Insights"), "from": N_("From"), "to": N_("To"), "date_hint": N_("For example, 2026-03-31"),
         "department": N_("Department"), "all": N_("Every department"), "show": N_("Show"),
         "problem": N_("There is a problem"), "bad_date": N_("Enter a date like 2026-03-31"),
         "order": N_("The first date must be on or before the second, at most two years apart")}


def read_period(args, now: dt.date) -> tuple[dt.date, dt.date, list[dict]]:
    """(first, last, errors) from ``from`` and ``to``, each as typed, defaulting to the last ``DEFAULT_DAYS``."""
    errors, values = [], {}
    for key, default in (("from", now - dt.timedelta(days=DEFAULT_DAYS - 1)), ("to", now)):
        typed = (args.get(key) or "").strip()[:20]
        try:
            values[key] = dt.date.fromisoformat(typed) if typed else default
        except ValueError:
            values[key] = default
            errors.append({"href": f"#period-{key}", "key": key, "text": WORDS["bad_date"]})
    if not errors and not 0 <= (values["to"] - values["from"]).days <= LONGEST:
        errors.append({"href": "#period-from", "key": "from", "text": WORDS["order"]})
    return values["from"], values["to"], errors


@localized(bp, "/staff/insights/", methods=["GET"])
@staff_required
def report(lang: str):
    member = current_staff()
    catalogue = get_catalogue()
    t = {key: gettext(lang, text) for key, text in WORDS.items()}
    first, last, errors = read_period(request.args, city_today())
    errors = [dict(e, text=gettext(lang, e["text"])) for e in errors]
    # the queue's rule: an administrator sees every department, anyone else their own (none: nothing)
    departments = None if member.is_admin else frozenset(member.departments)
    chosen = request.args.get("department", "")
    choices = []
    if member.is_admin and catalogue.taxonomy:
        choices = [{"value": d, "label": getattr(dep.name, lang), "selected": d == chosen}
                   for d, dep in sorted(catalogue.taxonomy.departments.items())]
        if chosen in catalogue.taxonomy.departments:
            departments = frozenset([chosen])
    scope = Scope(first, last, departments, settings_of(current_app).TIMEZONE)
    found = [] if errors else printable(sections(build(get_store(), catalogue, scope), catalogue, lang))
    page = render_template(
        "insights/staff.html", lang=lang, staff_nav=staff_nav(lang), t=t, sections=found, errors=errors,
        error_keys={e["key"]: e["text"] for e in errors},
        page_title=(chrome_text("error_prefix", lang) if errors else "") + t["title"],
        error_prefix=chrome_text("error_prefix", lang),
        period=period_text(scope, lang), scope=scope_text(scope, catalogue, lang),
        typed={key: (request.args.get(key) or "")[:20] or day.isoformat() for key, day in (("from", first), ("to", last))},
        departments=choices, css=url_for("insights.static", filename="insights.css"),
    )
    return make_response(page, 400 if errors else 200)
