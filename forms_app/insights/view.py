"""One language's report: the model's numbers as sections of tables, each table with its chart, if any.

``layout.sections(report, catalogue, lang)`` (these sections and ``view_feedback.py``'s) is what both
outputs print (``report.py``'s static pages and ``views.py``'s staff page); ``Table.csv_rows()`` is
what the CSV files hold. Every word goes
through gettext; every number through ``guichet.formats``.

Small counts (``stats.small``: 1 to 4) read "fewer than 5", on the page, in the chart and in the
CSV ("<5"), in the cells that count a service's requests (the channel mix, per service and week,
and the promise table's counts): with the service, the week and the channel, one request can
point at a person. Durations are shown only from ``model.MIN_COMPLETED`` requests for the same
reason. Feedback, funnels, searches that found nothing, the contact tally and delivery outcomes
count no one's request, and are shown exactly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from guichet.formats import format_date, format_number
from guichet.words import N_, gettext, word

from ..staff.text import EMAIL_LABELS, channel_label
from ..store.schema import CHANNELS, TALLY_CHANNELS
from .charts import Chart, Series
from .model import MIN_COMPLETED
from .stats import small


@dataclass
class Cell:
    text: str  # as printed
    value: str  # in the CSV: the number, "<5", or the text
    numeric: bool = False


@dataclass
class Table:
    id: str  # the CSV's name too: <id>.csv
    caption: str
    head: list[str]
    rows: list[list[Cell]]  # the first cell of a row is its header
    csv_head: list[str]  # machine column names
    chart: Chart | None = None
    note: str | None = None

    def csv_rows(self) -> list[list[str]]:
        return [self.csv_head] + [[c.value for c in row] for row in self.rows]


@dataclass
class Section:
    id: str
    title: str
    notes: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    empty: str | None = None  # said when there is nothing to show


SMALL_TEXT = N_("fewer than 5")
NONE_TEXT = N_("not enough data")


def count(n: int, lang: str, mask: bool = False) -> Cell:
    """A count; with ``mask``, 1 to 4 is "fewer than 5"."""
    if mask and small(n):
        return Cell(gettext(lang, SMALL_TEXT), "<5", True)
    return Cell(format_number(n, lang), str(n), True)


def days(n: int | None, lang: str) -> Cell:
    if n is None:
        return Cell(gettext(lang, NONE_TEXT), "", True)
    return Cell(format_number(n, lang), str(n), True)


def text(value: str) -> Cell:
    return Cell(value, value)


def chart_value(n: int, mask: bool) -> int | None:
    """What a chart draws: nothing (None) for a masked count."""
    return None if mask and small(n) else n


def service_title(catalogue, slug: str, lang: str) -> str:
    service = catalogue.services.get(slug)
    return service.page(lang).meta.title if service else slug


def promises_section(report, catalogue, lang: str) -> Section:
    section = Section("promises", gettext(lang, "Promises kept"), [
        gettext(lang, "For the requests received in the period: business days from the day a request arrived to its first status change and to its completion, against the number of business days the service page promises. The median is the time half the requests took at most; 9 in 10 took at most the 90th percentile."),
        gettext(lang, "Times are shown from {n} requests. Requests still open are not in the times, so a recent period looks faster than it will be.", n=format_number(MIN_COMPLETED, lang)),
    ])
    rows, labels, promised, medians, p90s = [], [], [], [], []
    for p in report.promises:
        title = service_title(catalogue, p.service, lang)
        rows.append([Cell(title, p.service), days(p.promised, lang) if p.promised else Cell("—", "", True),
                     count(p.received, lang, True), count(p.changed, lang, True), days(p.first_median, lang),
                     days(p.first_p90, lang), count(p.completed, lang, True), days(p.done_median, lang),
                     days(p.done_p90, lang),
                     count(p.within, lang, True) if p.within is not None else Cell(gettext(lang, NONE_TEXT), "", True)])
        if p.done_median is not None:
            labels.append(title)
            promised.append(p.promised)
            medians.append(p.done_median)
            p90s.append(p.done_p90)
    if not rows:
        section.empty = gettext(lang, "No requests in this period.")
        return section
    table = Table("promises", gettext(lang, "Promise and actual time to complete, in business days, by service"), [
        gettext(lang, "Service"), gettext(lang, "Promised"), gettext(lang, "Requests received"), gettext(lang, "Status changed"),
        gettext(lang, "First change, median"), gettext(lang, "First change, 90th percentile"), gettext(lang, "Requests completed"),
        gettext(lang, "Completion, median"), gettext(lang, "Completion, 90th percentile"),
        gettext(lang, "Completed within the promise")], rows,
        ["service", "promised_days", "received", "changed", "first_change_median_days", "first_change_p90_days",
         "completed", "completed_median_days", "completed_p90_days", "completed_within_promise"])
    if labels:
        table.chart = Chart("bars", gettext(lang, "Business days to complete, by service: promised, median and 90th percentile"),
                            labels, [Series(gettext(lang, "Promised"), promised), Series(gettext(lang, "Median"), medians),
                                     Series(gettext(lang, "90th percentile"), p90s)], lang)
    section.tables.append(table)
    return section


def channel_head(lang: str, first: str) -> tuple[list[str], list[str]]:
    head = [first] + [channel_label(c, lang) for c in CHANNELS]
    head += [gettext(lang, "Counted: {channel}", channel=channel_label(c, lang)) for c in TALLY_CHANNELS]
    head.append(gettext(lang, "Counted: became a request"))
    csv = list(CHANNELS) + [f"counted_{c}" for c in TALLY_CHANNELS] + ["counted_became_request"]
    return head, csv


def channel_cells(row, lang: str) -> list[Cell]:
    cells = [count(row.requests[c], lang, True) for c in CHANNELS]
    cells += [count(sum(n for k, n in row.tally.items() if k.startswith(c + ":")), lang) for c in TALLY_CHANNELS]
    cells.append(count(sum(n for k, n in row.tally.items() if k.endswith(":request")), lang))
    return cells


def channels_section(report, catalogue, lang: str) -> Section:
    section = Section("channels", gettext(lang, "Channel mix"), [
        gettext(lang, "Requests by the channel they came through, and beside them the calls, visits and letters that phone and counter staff counted (the contact tally). A counted contact that became a request is also a phone, in-person or mail request."),
        gettext(lang, "Request counts from 1 to 4 read “fewer than 5”: with the service, the week and the channel, one request could point at a person."),
    ])
    head, csv = channel_head(lang, gettext(lang, "Service"))
    rows = [[service_cell(catalogue, r.key, lang)] + channel_cells(r, lang) for r in report.by_service]
    if not rows:
        section.empty = gettext(lang, "No requests or counted contacts in this period.")
        return section
    section.tables.append(Table("channels-by-service", gettext(lang, "Requests by channel and contacts counted, by service"),
                                head, rows, ["service"] + csv))
    head, csv = channel_head(lang, gettext(lang, "Week of"))
    weeks = report.by_week
    rows = [[week_cell(r.key, lang)] + channel_cells(r, lang) for r in weeks]
    online = [chart_value(r.requests["web"], True) for r in weeks]
    assisted = [chart_value(sum(r.requests[c] for c in TALLY_CHANNELS), True) for r in weeks]
    counted = [sum(r.tally.values()) for r in weeks]
    chart = Chart("lines", gettext(lang, "Requests and counted contacts per week: online requests, requests by phone, in person or mail, and contacts counted"),
                  [format_date(_day(r.key), lang) for r in weeks],
                  [Series(gettext(lang, "Online requests"), online),
                   Series(gettext(lang, "Requests by phone, in person or mail"), assisted),
                   Series(gettext(lang, "Contacts counted"), counted)], lang)
    section.tables.append(Table("channels-by-week", gettext(lang, "Requests by channel and contacts counted, week by week"),
                                head, rows, ["week"] + csv, chart))
    rows = [[service_cell(catalogue, s, lang), week_cell(r.key, lang)] + channel_cells(r, lang)
            for s, r in report.by_service_week]
    section.tables.append(Table("channels-by-service-and-week", gettext(lang, "Requests by channel and contacts counted, by service and week"),
                                [gettext(lang, "Service")] + head, rows, ["service", "week"] + csv))
    return section


def _day(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def service_cell(catalogue, slug: str, lang: str) -> Cell:
    """A service by its title on the page, by its slug in the CSV."""
    return Cell(service_title(catalogue, slug, lang), slug)


def week_cell(iso: str, lang: str) -> Cell:
    """A week by its Monday: the long date on the page, ISO in the CSV."""
    return Cell(format_date(_day(iso), lang), iso)


KINDS = {**EMAIL_LABELS,  # the request's own emails, named as the staff request page names them
         "sign_in": N_("Staff sign-in link"), "digest": N_("Daily summary"),
         "webhook": N_("Webhook to a department's system"), "page_problem": N_("Page problem to the department"),
         "retention_warning": N_("Erasure notice to the web administrator")}
STATES = (("sent", N_("Sent successfully")), ("pending", N_("Waiting")), ("failed", N_("Retrying")), ("given_up", N_("Gave up")))


def delivery_section(report, lang: str) -> Section:
    section = Section("delivery", gettext(lang, "Delivery outcomes"), [
        gettext(lang, "Emails and webhooks made in the period, by what they carry and where they stand now.")])
    by_kind: dict[str, dict[str, int]] = {}
    for kind, status, n in report.delivery:
        by_kind.setdefault(kind, {})[status] = n
    if not by_kind:
        section.empty = gettext(lang, "Nothing was sent in this period.")
        return section
    rows = [[Cell(word(lang, KINDS[k]) if k in KINDS else k, k)] + [count(states.get(s, 0), lang) for s, _ in STATES]
            + [count(sum(states.values()), lang)] for k, states in sorted(by_kind.items())]
    section.tables.append(Table("delivery", gettext(lang, "Emails and webhooks by kind and outcome"),
                                [gettext(lang, "Kind")] + [word(lang, label) for _, label in STATES] + [gettext(lang, "Total")],
                                rows, ["kind"] + [s for s, _ in STATES] + ["total"]))
    return section
