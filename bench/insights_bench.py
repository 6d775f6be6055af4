"""The insights report at scale: seed requests with status histories, then time the model and the files.

    python bench/insights_bench.py                      # SQLite, 10,000 requests over 13 weeks
    python bench/insights_bench.py --requests 2000

Seeds N requests (every service with a form, every channel, over the 91 days to the report's end),
three quarters of them changed and half completed after 1 to 15 business days, written in bulk with
SQLAlchemy Core into the store's own tables, plus a year of daily contact-tally rows, 20,000 page
answers and a funnel per form and day. Then times, three rounds each: ``model.build`` for every
department and for one, and ``report.write_report`` (both languages, every CSV). Prints the
milliseconds (best of three) and the pages' sizes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402

from forms_app.insights.model import Scope, build  # noqa: E402
from forms_app.insights.report import write_report  # noqa: E402
from forms_app.store import Store, make_engine  # noqa: E402
from forms_app.store.engine import sqlite_url, write_transaction  # noqa: E402
from forms_app.store.schema import CHANNELS, contact_tally, form_funnel, page_feedback, status_events, submissions  # noqa: E402
from guichet.business_days import due_date  # noqa: E402
from guichet.model.catalogue import load_catalogue  # noqa: E402

TZ = "America/Toronto"
LAST = dt.date(2026, 3, 31)
FIRST = LAST - dt.timedelta(days=90)


def seed(store: Store, catalogue, n: int) -> None:
    rng = random.Random(15)
    services = [(slug, s.page("en").meta.department) for slug, s in sorted(catalogue.services.items()) if s.form]
    rows, events = [], []
    for i in range(n):
        slug, department = rng.choice(services)
        day = FIRST + dt.timedelta(days=rng.randrange(91))
        at = dt.datetime.combine(day, dt.time(14, rng.randrange(60)), dt.UTC)
        rows.append(dict(id=i + 1, reference=f"B{i:07d}", service=slug, lang="en", service_title=slug, department=department,
                         recipient="x@bellerive.example.org", answers=[], created_at=at, channel=rng.choice(CHANNELS),
                         status="received", status_at=at))
        events.append(dict(submission_id=i + 1, reference=f"B{i:07d}", status="received", note="", at=at, by="system"))
        if rng.random() < 0.75:
            first = rng.randrange(1, 6)
            events.append(dict(submission_id=i + 1, reference=f"B{i:07d}", status="in_progress", note="",
                               at=dt.datetime.combine(due_date(day, first), dt.time(15), dt.UTC), by="staff"))
            if rng.random() < 0.66:
                events.append(dict(submission_id=i + 1, reference=f"B{i:07d}", status="completed", note="",
                                   at=dt.datetime.combine(due_date(day, first + rng.randrange(0, 10)), dt.time(16), dt.UTC),
                                   by="staff"))
    tally, answers, funnel = [], [], []
    for d in range(365):
        day = LAST - dt.timedelta(days=d)
        for slug, department in services:
            tally.append(dict(day=day, service=slug, channel="phone", outcome="resolved", department=department,
                              count=rng.randrange(0, 20)))
            funnel += [dict(service=slug, day=day, event=e, field="", message="", count=rng.randrange(1, 50))
                       for e in ("view", "attempt", "attempt_error", "success")]
    for i in range(20000):
        slug, department = rng.choice(services)
        answers.append(dict(day=LAST - dt.timedelta(days=rng.randrange(91)), lang="en", path=f"/services/{slug}/",
                            service=slug, department=department, helpful=rng.random() < 0.6))
    with write_transaction(store.engine) as conn:
        for table, batch in ((submissions, rows), (status_events, events), (contact_tally, tally),
                             (page_feedback, answers), (form_funnel, funnel)):
            conn.execute(insert(table), batch)


def best(fn, rounds: int = 3) -> tuple[float, object]:
    times, result = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10000)
    args = parser.parse_args()
    catalogue = load_catalogue(ROOT / "catalogue")
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(make_engine(sqlite_url(str(Path(tmp) / "bench.sqlite3"))))
        store.create_tables()
        seed(store, catalogue, args.requests)
        every = Scope(FIRST, LAST, None, TZ)
        one = Scope(FIRST, LAST, frozenset(["public-works"]), TZ)
        ms_all, report = best(lambda: build(store, catalogue, every))
        ms_one, _ = best(lambda: build(store, catalogue, one))
        out = Path(tmp) / "report"
        css = ROOT / "overrides" / "assets" / "stylesheets" / "guichet.css"
        ms_files, _ = best(lambda: write_report(out, report, catalogue, css))
        print(f"{args.requests} requests, 91 days: model every department {ms_all:.0f} ms, one department {ms_one:.0f} ms; "
              f"files (2 pages, {len(list((out / 'csv').iterdir()))} CSV) {ms_files:.0f} ms; "
              f"index.html {(out / 'index.html').stat().st_size / 1024:.0f} KB, fr {(out / 'fr' / 'index.html').stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
