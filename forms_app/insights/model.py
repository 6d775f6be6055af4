"""The report's numbers, computed once from the stored rows: the one model both outputs print.

``build(store, catalogue, scope)`` reads the store (``store/insights.py``: requests with their status
times, the contact tally, the outbox, page feedback and form funnels; ``store.misses``) for the
scope's period and departments, and returns a ``Report`` of plain numbers, not words: ``view.py``
turns it into each language's tables and charts, ``report.py`` writes them as files and
``views.py`` shows them to staff. No Flask here.

Durations are business days (``guichet.business_days``): from the city day a request arrived
(not counted) to the day of its first status change, and of its first "completed" status.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from guichet.business_days import business_days_between, local_date

from ..store.insights import insights_of
from ..store.schema import CHANNELS, TALLY_CHANNELS, TALLY_OUTCOMES
from .stats import percentile, week_of, weeks, wilson

MIN_RANKED = 30  # a page (or service) is compared with others only from this many answers
COMMENTS = 20  # the most recent masked comments shown
WORST_FIELDS = 10  # the fields with the most errors shown
MISSES = 20  # the most frequent searches that found nothing
MIN_COMPLETED = 5  # a service's durations are shown from this many completed requests (stats.SMALL)


@dataclass(frozen=True)
class Scope:
    first: dt.date  # the period's first city day
    last: dt.date  # and its last, included
    departments: frozenset[str] | None  # None: every department
    timezone: str

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """The period as UTC-aware [start, end): from ``first``'s midnight to the midnight after ``last``."""
        zone = ZoneInfo(self.timezone)
        start = dt.datetime.combine(self.first, dt.time(), zone)
        end = dt.datetime.combine(self.last + dt.timedelta(days=1), dt.time(), zone)
        return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


@dataclass(frozen=True)
class Promise:
    service: str
    promised: int | None  # the service's processing_days
    received: int  # requests received in the period
    changed: int  # … whose status changed since
    first_median: int | None  # business days to the first change (None: fewer than MIN_COMPLETED changed)
    first_p90: int | None
    completed: int  # … completed since
    done_median: int | None  # business days to completion (None: fewer than MIN_COMPLETED completed)
    done_p90: int | None
    within: int | None  # completed within the promise (None: no promise, or too few completed)


@dataclass(frozen=True)
class Channels:
    key: str  # a service slug, or a week's Monday (ISO) in the trend
    requests: dict[str, int]  # channel → requests (every CHANNELS key)
    tally: dict[str, int]  # "<channel>:<outcome>" → contacts counted (every TALLY_CHANNELS × TALLY_OUTCOMES key)


@dataclass(frozen=True)
class Answers:
    key: str  # a page's path or a service slug
    yes: int
    no: int
    low: float | None  # Wilson 95 % interval of the share of "yes"
    high: float | None

    @property
    def total(self) -> int:
        return self.yes + self.no

    @property
    def ranked(self) -> bool:
        return self.total >= MIN_RANKED


@dataclass(frozen=True)
class Comment:
    day: dt.date
    path: str
    reason: str | None
    text: str


@dataclass(frozen=True)
class Funnel:
    service: str
    views: int
    attempts: int
    with_errors: int
    successes: int


@dataclass
class Report:
    scope: Scope
    services: dict[str, str] = field(default_factory=dict)  # slug → department: every service in scope
    promises: list[Promise] = field(default_factory=list)
    by_service: list[Channels] = field(default_factory=list)
    by_week: list[Channels] = field(default_factory=list)
    by_service_week: list[tuple[str, Channels]] = field(default_factory=list)  # (service, a week's Channels)
    pages: list[Answers] = field(default_factory=list)  # worst first among the ranked, then the rest by path
    feedback_services: list[Answers] = field(default_factory=list)
    reasons: dict[str, int] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)
    funnels: list[Funnel] = field(default_factory=list)
    worst_fields: list[tuple[str, str, str, int]] = field(default_factory=list)  # (service, field, message key, errors)
    misses: list[tuple[str, str, str, int]] | None = None  # (query, lang, kind, count); None: not the reader's to see
    delivery: list[tuple[str, str, int]] = field(default_factory=list)  # (kind, status, rows)


def tally_keys() -> list[str]:
    return [f"{c}:{o}" for c in TALLY_CHANNELS for o in TALLY_OUTCOMES]


def services_in(catalogue, scope: Scope) -> dict[str, str]:
    """slug → department: every service of the scope's departments, by slug."""
    found = {}
    for slug, service in sorted(catalogue.services.items()):
        department = service.page("en").meta.department
        if scope.departments is None or department in scope.departments:
            found[slug] = department
    return found


def scope_requests(reads, scope: Scope, services: dict[str, str]) -> list:
    """The requests received in the scope's period, of its services."""
    start, end = scope.bounds()
    departments = None if scope.departments is None else sorted(scope.departments)
    return [r for r in reads.requests(start, end, departments) if r.service in services]


def scope_promises(store, catalogue, scope: Scope) -> list[Promise]:
    """Only the promises part of ``build`` (the site build's promise records need no more)."""
    services = services_in(catalogue, scope)
    return promises(scope_requests(insights_of(store).reads, scope, services), catalogue, services, scope.timezone)


def build(store, catalogue, scope: Scope) -> Report:
    report = Report(scope)
    report.services = services_in(catalogue, scope)
    reads = insights_of(store).reads
    start, end = scope.bounds()
    departments = None if scope.departments is None else sorted(scope.departments)
    requests = scope_requests(reads, scope, report.services)
    report.promises = promises(requests, catalogue, report.services, scope.timezone)
    tally = [c for c in reads.tally(scope.first, scope.last, departments) if c.service in report.services]
    channels(report, requests, tally)
    feedback(report, reads.feedback(scope.first, scope.last, departments))
    report.comments = [Comment(r.day, r.path, r.reason, r.comment)
                       for r in reads.comments(scope.first, scope.last, departments, COMMENTS)]
    funnels(report, reads.funnel(scope.first, scope.last, sorted(report.services)))
    if scope.departments is None:  # searches belong to no department: every department's reader only
        report.misses = store.misses.top(limit=MISSES, since=scope.first)
    report.delivery = [(d.kind, d.status, d.count) for d in reads.delivery(start, end, departments)]
    return report


def promises(requests, catalogue, services: dict[str, str], timezone: str) -> list[Promise]:
    first_days: dict[str, list[int]] = defaultdict(list)
    done_days: dict[str, list[int]] = defaultdict(list)
    received: Counter = Counter()
    for r in requests:
        received[r.service] += 1
        arrived = local_date(r.received_at, timezone)
        if r.first_change_at is not None:
            first_days[r.service].append(business_days_between(arrived, local_date(r.first_change_at, timezone)))
        if r.completed_at is not None:
            done_days[r.service].append(business_days_between(arrived, local_date(r.completed_at, timezone)))
    found = []
    for slug in services:
        promised = catalogue.services[slug].page("en").meta.processing_days
        if not received[slug]:
            continue
        first, done = first_days[slug], done_days[slug]
        enough_first, enough_done = len(first) >= MIN_COMPLETED, len(done) >= MIN_COMPLETED
        found.append(Promise(
            slug, promised, received[slug], len(first),
            percentile(first, 50) if enough_first else None, percentile(first, 90) if enough_first else None,
            len(done), percentile(done, 50) if enough_done else None, percentile(done, 90) if enough_done else None,
            sum(d <= promised for d in done) if enough_done and promised is not None else None,
        ))
    return found


def channels(report: Report, requests, tally) -> None:
    scope = report.scope
    keys = tally_keys()
    tz = scope.timezone
    per_service = {s: (Counter(), Counter()) for s in report.services}
    per_week = {w: (Counter(), Counter()) for w in weeks(scope.first, scope.last)}
    per_both: dict[tuple[str, dt.date], tuple[Counter, Counter]] = defaultdict(lambda: (Counter(), Counter()))
    for r in requests:
        week = week_of(local_date(r.received_at, tz))
        for counts in (per_service[r.service], per_week[week], per_both[(r.service, week)]):
            counts[0][r.channel] += 1
    for c in tally:
        week = week_of(c.day)
        for counts in (per_service[c.service], per_week[week], per_both[(c.service, week)]):
            counts[1][f"{c.channel}:{c.outcome}"] += c.count

    def row(key: str, counts) -> Channels:
        return Channels(key, {ch: counts[0][ch] for ch in CHANNELS}, {k: counts[1][k] for k in keys})

    report.by_service = [row(s, counts) for s, counts in per_service.items() if sum(counts[0].values()) + sum(counts[1].values())]
    report.by_week = [row(w.isoformat(), counts) for w, counts in sorted(per_week.items())]
    report.by_service_week = [(s, row(w.isoformat(), per_both[(s, w)])) for s, w in sorted(per_both)]


def _answers(key: str, counts: Counter) -> Answers:
    yes, no = counts[True], counts[False]
    interval = wilson(yes, yes + no)
    return Answers(key, yes, no, *(interval or (None, None)))


def feedback(report: Report, rows) -> None:
    """From the answers counted per page, service, yes or no and reason (``store.insights.FeedbackCount``)."""
    by_page: dict[str, Counter] = defaultdict(Counter)
    by_service: dict[str, Counter] = defaultdict(Counter)
    reasons: Counter = Counter()
    for r in rows:
        by_page[r.path][r.helpful] += r.count
        if r.service:
            by_service[r.service][r.helpful] += r.count
        if r.reason:
            reasons[r.reason] += r.count
    report.pages = ranked([_answers(path, counts) for path, counts in by_page.items()])
    report.feedback_services = ranked([_answers(slug, counts) for slug, counts in by_service.items()])
    report.reasons = dict(sorted(reasons.items(), key=lambda item: (-item[1], item[0])))


def ranked(answers: list[Answers]) -> list[Answers]:
    """The ranked ones (enough answers) worst first, by the low end of their interval; then the others by key,
    unranked: a share from a few answers says little, and "no" answers are over-represented anyway."""
    good = sorted((a for a in answers if a.ranked), key=lambda a: (a.low, a.key))
    few = sorted((a for a in answers if not a.ranked), key=lambda a: a.key)
    return good + few


def funnels(report: Report, rows) -> None:
    totals: dict[str, Counter] = defaultdict(Counter)
    fields: Counter = Counter()
    for r in rows:
        if r.event == "field_error":
            fields[(r.service, r.field, r.message)] += r.count
        else:
            totals[r.service][r.event] += r.count
    report.funnels = [Funnel(s, c["view"], c["attempt"], c["attempt_error"], c["success"]) for s, c in sorted(totals.items())]
    worst = sorted(fields.items(), key=lambda item: (-item[1], item[0]))[:WORST_FIELDS]
    report.worst_fields = [(s, f, m, n) for (s, f, m), n in worst]
