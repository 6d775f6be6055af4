"""The store's feedback and funnel tables on SQLite and PostgreSQL: the funnel's upsert adds up, a "no"
is explained once, a page problem's outbox row is linked and found again."""

from __future__ import annotations

import datetime as dt

import pytest

from forms_app.store.insights import insights_of

DAY = dt.date(2026, 12, 1)


def totals(store, first: dt.date, last: dt.date) -> dict[tuple[str, str, str, str], int]:
    """(service, event, field, message) → count summed over the days, from the report's read."""
    summed: dict[tuple[str, str, str, str], int] = {}
    for r in insights_of(store).reads.funnel(first, last):
        key = (r.service, r.event, r.field, r.message)
        summed[key] = summed.get(key, 0) + r.count
    return summed


def test_the_funnel_upsert_adds_to_existing_rows(store):
    store.funnel.view("dog-licence", DAY)
    store.funnel.view("dog-licence", DAY)
    store.funnel.attempt("dog-licence", DAY, [("name", "required"), ("email", "email")])
    store.funnel.attempt("dog-licence", DAY, [("name", "required")])
    store.funnel.attempt("dog-licence", DAY)
    store.funnel.view("dog-licence", DAY + dt.timedelta(days=1))
    assert totals(store, DAY, DAY) == {
        ("dog-licence", "view", "", ""): 2, ("dog-licence", "attempt", "", ""): 3,
        ("dog-licence", "attempt_error", "", ""): 2, ("dog-licence", "success", "", ""): 1,
        ("dog-licence", "field_error", "name", "required"): 2, ("dog-licence", "field_error", "email", "email"): 1,
    }
    assert [(r.day, r.event, r.count) for r in insights_of(store).reads.funnel(DAY + dt.timedelta(days=1), DAY + dt.timedelta(days=9))] \
        == [(DAY + dt.timedelta(days=1), "view", 1)]


def test_an_unknown_funnel_event_is_refused(store):
    with pytest.raises(ValueError):
        store.funnel.count("dog-licence", DAY, [("clicked", "", "")])


def test_a_no_is_explained_once_and_a_problem_is_queued_with_it(store):
    yes = store.feedback.add("en", "/a-z/", True, DAY)
    no = store.feedback.add("fr", "/fr/services/dog-licence/", False, DAY, service="dog-licence", department="animal-services")
    assert not store.feedback.explain(yes, "other", "x")  # a "yes" has nothing to explain
    assert store.feedback.explain(no, "something_wrong", "Le tarif est faux", problem_to="animals@bellerive.example.org")
    assert not store.feedback.explain(no, "other", "again")
    row = store.feedback.get(no)
    assert (row.reason, row.comment) == ("something_wrong", "Le tarif est faux")
    item = store.outbox.get(row.outbox_id)
    assert (item.kind, item.recipient, item.department, item.submission_id) == (
        "page_problem", "animals@bellerive.example.org", "animal-services", None)
    assert store.feedback.for_outbox(item.id) == row
    reads = insights_of(store).reads  # what the report reads
    assert [(c.path, c.helpful, c.reason, c.count) for c in reads.feedback(DAY, DAY)] == [
        ("/a-z/", True, None, 1), ("/fr/services/dog-licence/", False, "something_wrong", 1)]
    assert [c.id for c in reads.comments(DAY, DAY)] == [no]
    with pytest.raises(ValueError):
        store.feedback.explain(no, "bored", None)


def test_purge_erases_old_feedback_comments_and_keeps_the_answers(app, runner):
    """``flask purge`` erases comments older than FEEDBACK_COMMENT_KEEP_DAYS; the yes/no and reason stay for the counts."""
    from forms_app.store import get_store

    with app.app_context():
        store = get_store()
        today = store.clock().date()
        old = store.feedback.add("en", "/a-z/", False, today - dt.timedelta(days=400))
        recent = store.feedback.add("fr", "/fr/a-z/", False, today - dt.timedelta(days=10))
        assert store.feedback.explain(old, "hard_to_understand", "Too many words here")
        assert store.feedback.explain(recent, "other", "Trop long")
    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert "purge: 1 page feedback comment(s) erased (older than 395 days" in result.output
    with app.app_context():
        store = get_store()
        gone, kept = store.feedback.get(old), store.feedback.get(recent)
    assert (gone.helpful, gone.reason, gone.comment) == (False, "hard_to_understand", None)
    assert (kept.reason, kept.comment) == ("other", "Trop long")
