"""Form funnels: a view, an attempt with an error on a named field (with its message's key) and a
success are counted per service and day, read back from the form_funnel rows; nothing of the answers."""

from __future__ import annotations

import datetime as dt

from forms_app.store import get_store
from forms_app.store.insights import insights_of

from tests.support.feedback import stored
from tests.support.forms import FORM, FORM_FR, post, valid_answers


def counts(app) -> dict[tuple[str, str, str], int]:
    with app.app_context():
        store = get_store()
        rows = insights_of(store).reads.funnel(dt.date(2000, 1, 1), dt.date(2100, 1, 1))  # what the report reads
    assert {r.service for r in rows} <= {"every-field"}
    assert len({r.day for r in rows}) <= 1
    return {(r.event, r.field, r.message): r.count for r in rows}


def test_a_view_an_error_and_a_success_are_counted(app, client):
    assert client.get(FORM).status_code == 200
    assert counts(app) == {("view", "", ""): 1}

    wrong = post(client, FORM, valid_answers(full_name="", phone="12"))
    assert wrong.status_code == 422
    assert counts(app) == {
        ("view", "", ""): 1, ("attempt", "", ""): 1, ("attempt_error", "", ""): 1,
        ("field_error", "full_name", "required"): 1, ("field_error", "phone", "phone"): 1,
    }

    done = post(client, FORM_FR, valid_answers())
    assert done.status_code == 303
    assert counts(app) == {
        ("view", "", ""): 1, ("attempt", "", ""): 2, ("attempt_error", "", ""): 1, ("success", "", ""): 1,
        ("field_error", "full_name", "required"): 1, ("field_error", "phone", "phone"): 1,
    }
    rows = stored(app, "form_funnel")
    assert {r["service"] for r in rows} == {"every-field"}
    assert not any("12" == r["message"] or "Tremblay" in repr(r) for r in rows)  # keys, never answers


def test_the_same_error_again_adds_to_its_row(app, client):
    for _ in range(3):
        post(client, FORM, valid_answers(guests="many"))
    assert counts(app) == {("attempt", "", ""): 3, ("attempt_error", "", ""): 3,
                           ("field_error", "guests", "not_number"): 3}


def test_the_day_is_the_citys_day(make_app):
    app = make_app()
    with app.app_context():
        get_store().clock = lambda: dt.datetime(2026, 12, 2, 3, 0, tzinfo=dt.UTC)  # 22:00 on Dec 1 in Toronto
    app.test_client().get(FORM)
    [row] = stored(app, "form_funnel")
    assert row["day"] == dt.date(2026, 12, 1)
