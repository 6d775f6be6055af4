"""The contact tally's count on SQLite and PostgreSQL: one upsert per click (store/insights.py)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from forms_app.store.insights import insights_of
from forms_app.store.schema import contact_tally

DAY = dt.date(2026, 3, 3)


def rows(store) -> list[tuple]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(contact_tally).order_by(contact_tally.c.channel))]


def test_counts_of_one_key_add_up_in_one_row_and_take_back_stops_at_zero(store):
    tally = insights_of(store).tally
    tally.add(DAY, "dog-licence", "animal-services", "phone", "resolved")
    tally.add(DAY, "dog-licence", "animal-services", "phone", "resolved", n=2)
    tally.add(DAY, "dog-licence", "animal-services", "in_person", "resolved")
    assert rows(store) == [(DAY, "dog-licence", "in_person", "resolved", "animal-services", 1),
                           (DAY, "dog-licence", "phone", "resolved", "animal-services", 3)]
    assert tally.take_back(DAY, "dog-licence", "in_person", "resolved")
    assert not tally.take_back(DAY, "dog-licence", "in_person", "resolved")
    assert tally.day_counts(DAY) == {("dog-licence", "in_person", "resolved"): 0, ("dog-licence", "phone", "resolved"): 3}
