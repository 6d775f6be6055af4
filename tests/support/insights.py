"""A known data set for the insights report (#15), stored through the Store as the app would store it.

Every number the report should show follows from the constants here (``EXPECTED``), written out by
hand, not computed by the code under test. The period is March 2026 (Monday March 2 to Tuesday
March 31, in Bellerive's time zone); requests arrive on Monday March 2 at 9:00 and Monday March 9.
"""

from __future__ import annotations

import datetime as dt
from datetime import UTC, timedelta

from forms_app.store import Answer, NewSubmission
from forms_app.store.insights import insights_of
from guichet.business_days import due_date

TZ = "America/Toronto"
FIRST, LAST = dt.date(2026, 3, 2), dt.date(2026, 3, 31)
MONDAY = dt.datetime(2026, 3, 2, 14, 0, tzinfo=UTC)  # 9:00 in Bellerive
NEXT_MONDAY = MONDAY + timedelta(days=7)

# dog-licence (animal-services, promises 10 business days): six requests on March 2, each changed then completed
# after these many business days; four online, one by phone, one by mail.
DOG_FIRST = [1, 1, 1, 2, 2, 3]  # median (3rd of 6) 1, 90th percentile (6th) 3
DOG_DONE = [2, 3, 5, 7, 10, 12]  # median 5, 90th percentile 12, five within the promise
DOG_CHANNELS = ["web", "web", "web", "web", "phone", "mail"]
DOG_WEEK_TWO = 5  # online requests on March 9, still open
NOISE = 3  # noise-complaint (bylaw, promises 3 days): three online requests on March 2, two completed in 1 day

# The contact tally: building-permit (building) on Tuesday March 3.
TALLY = [("building-permit", "building", "phone", "resolved", 7), ("building-permit", "building", "phone", "request", 2),
         ("building-permit", "building", "in_person", "resolved", 3)]

# Page feedback in March: (path, service, department, yes, no)
PAGES = [("/services/dog-licence/", "dog-licence", "animal-services", 30, 10),
         ("/fr/services/dog-licence/", "dog-licence", "animal-services", 20, 20),
         ("/a-z/", None, None, 3, 1),
         ("/services/noise-complaint/", "noise-complaint", "bylaw", 0, 2)]
REASONS = [("cant_find", "It does not say where to pay"), ("cant_find", None), ("hard_to_understand", "Too long [email]")]

# Form funnel of dog-licence on March 2: views, attempts with an error on owner_name (required), successes.
VIEWS, ERROR_ATTEMPTS, SUCCESSES = 10, 3, 4

MISSES = [("permis de peche", "fr", 2), ("boat ramp", "en", 1)]


def submission(service: str, department: str, channel: str) -> NewSubmission:
    return NewSubmission(service=service, lang="en", service_title=service, department=department,
                         recipient=f"{department}@bellerive.example.org", answers=[Answer("x", "X", "y")],
                         reply_to=None, resident_copy_to=None, attachments=[], channel=channel)


def at_business_day(days: int) -> dt.datetime:
    """15:00 UTC (10:00 in Bellerive) on the day ``days`` business days after March 2."""
    return dt.datetime.combine(due_date(FIRST, days), dt.time(15), UTC)


def seed_insights(store) -> None:
    """Store the whole data set through ``store`` (its clock is moved as it goes)."""
    clock = store.clock
    refs = []
    for i, channel in enumerate(DOG_CHANNELS):
        clock.now = MONDAY + timedelta(minutes=i)
        refs.append(store.save(submission("dog-licence", "animal-services", channel)).reference)
    for ref, first, done in zip(refs, DOG_FIRST, DOG_DONE):
        clock.now = at_business_day(first)
        store.set_status(ref, "in_progress")
        clock.now = at_business_day(done)
        store.set_status(ref, "completed")
    for i in range(NOISE):
        clock.now = MONDAY + timedelta(minutes=30 + i)
        ref = store.save(submission("noise-complaint", "bylaw", "web")).reference
        if i < 2:
            clock.now = at_business_day(1)
            store.set_status(ref, "completed")
    for i in range(DOG_WEEK_TWO):
        clock.now = NEXT_MONDAY + timedelta(minutes=i)
        store.save(submission("dog-licence", "animal-services", "web"))
    # delivery: the first three department emails sent, the rest still waiting
    clock.now = NEXT_MONDAY + timedelta(hours=1)
    for item in store.outbox.claim_due("seed", 3, timedelta(minutes=5)):
        store.outbox.mark_sent(item)
    tally = insights_of(store).tally
    for service, department, channel, outcome, n in TALLY:
        tally.add(FIRST + timedelta(days=1), service, department, channel, outcome, n)
    for path, service, department, yes, no in PAGES:
        for i in range(yes + no):
            store.feedback.add("fr" if path.startswith("/fr/") else "en", path, i < yes, FIRST + timedelta(days=i % 20),
                               service=service, department=department)
    for reason, comment in REASONS:
        found = store.feedback.add("en", "/services/dog-licence/", False, LAST, service="dog-licence",
                                   department="animal-services")
        store.feedback.explain(found, reason, comment)
    for _ in range(VIEWS):
        store.funnel.view("dog-licence", FIRST)
    for _ in range(ERROR_ATTEMPTS):
        store.funnel.attempt("dog-licence", FIRST, [("owner_name", "required")])
    for _ in range(SUCCESSES):
        store.funnel.attempt("dog-licence", FIRST)
    for text, lang, n in MISSES:
        for _ in range(n):
            store.misses.count(text, lang, today=FIRST + timedelta(days=3))


def seed_app(app):
    """The seeded data set in ``app``'s store, every part of it on one test clock (returned)."""
    from forms_app.store import get_store
    from tests.support.databases import Clock
    from tests.support.sign_in import use_clock

    clock = Clock()
    use_clock(app, clock)
    with app.app_context():
        store = get_store()
        store.feedback.clock = store.funnel.clock = clock
        seed_insights(store)
    return clock
