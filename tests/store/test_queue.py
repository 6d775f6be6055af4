"""The staff queue's queries on SQLite and PostgreSQL: isolation in the query, filters, search, sort, pages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select, update

from forms_app.store.queue import QueueFilters, reference_start
from forms_app.store.schema import audit_log, request_messages, submissions
from forms_app.store.staff import StaffMember

from tests.support.submissions import new_submission

ADMIN = StaffMember(1, "admin@city.example", True, ())
CLERK = StaffMember(2, "clerk@city.example", False, ("clerk",))
NOBODY = StaffMember(3, "new@city.example", False, ())


def _seed(store, clock):
    """Four requests: three of the clerk's office (one overdue, one completed), one of animal services."""
    refs = {}
    refs["dog"] = store.save_submission(new_submission(contact_name="Jo Tremblay", contact_phone="(555) 010-2030",
                                                       due_on=date(2026, 3, 1)))
    clock.advance(hours=1)
    refs["phone"] = store.save_submission(new_submission(service="council-delegation", service_title="Council delegation",
                                                         channel="phone", reply_to=None, resident_copy_to=None,
                                                         contact_name="Marie Côté", due_on=date(2026, 3, 20)))
    clock.advance(hours=1)
    refs["done"] = store.save_submission(new_submission(contact_name="Sam Lee", due_on=date(2026, 2, 1),
                                                        reply_to="SAM@Example.org", resident_copy_to=None))
    store.set_status(refs["done"], "completed", by="staff", actor="clerk@city.example")
    clock.advance(hours=1)
    refs["cat"] = store.save_submission(new_submission(service="pet-licence", department="animal-services",
                                                       contact_name="Jo Other"))
    return refs


def test_department_staff_see_only_their_departments(store, clock):
    refs = _seed(store, clock)
    mine = store.queue.queue(CLERK)
    assert mine.total == 3 and {r.reference for r in mine.rows} == {refs["dog"], refs["phone"], refs["done"]}
    assert store.queue.queue(ADMIN).total == 4
    nothing = store.queue.queue(NOBODY)
    assert nothing.total == 0 and nothing.rows == []
    assert store.queue.request_detail(CLERK, refs["cat"]) is None
    assert store.queue.request_detail(NOBODY, refs["dog"]) is None
    assert store.queue.request_detail(ADMIN, refs["cat"]).department == "animal-services"
    cat_file = store.queue.request_detail(ADMIN, refs["cat"]).files[0].id
    assert store.queue.visible_file(CLERK, refs["cat"], cat_file) is None
    assert store.queue.visible_file(ADMIN, refs["cat"], cat_file).filename == "vaccination.pdf"
    assert store.queue.visible_file(CLERK, refs["dog"], cat_file) is None  # another request's file id


def test_rows_carry_the_queue_columns(store, clock):
    refs = _seed(store, clock)
    rows = {r.reference: r for r in store.queue.queue(CLERK, tz="America/Toronto").rows}
    dog = rows[refs["dog"]]
    assert (dog.service, dog.channel, dog.lang, dog.status, dog.due_on) == ("dog-licence", "web", "en", "received",
                                                                            date(2026, 3, 1))
    assert dog.overdue is True and dog.days_open == 0
    assert rows[refs["phone"]].overdue is False and rows[refs["phone"]].channel == "phone"
    assert rows[refs["done"]].overdue is False  # due long ago, but completed
    clock.advance(days=3)
    later = {r.reference: r for r in store.queue.queue(CLERK, tz="America/Toronto").rows}
    assert later[refs["dog"]].days_open == 3 and later[refs["done"]].days_open == 0  # counted to its completion


@pytest.mark.parametrize("filters, expected", [
    (QueueFilters(status="open"), {"dog", "phone"}),
    (QueueFilters(status="completed"), {"done"}),
    (QueueFilters(service="council-delegation"), {"phone"}),
    (QueueFilters(channel="phone"), {"phone"}),
    (QueueFilters(overdue=True), {"dog"}),
    (QueueFilters(status="open", channel="web"), {"dog"}),
])
def test_filters(store, clock, filters, expected):
    refs = _seed(store, clock)
    found = {r.reference for r in store.queue.queue(CLERK, filters).rows}
    assert found == {refs[k] for k in expected}


def test_reference_search_whole_or_start_as_typed(store, clock):
    refs = _seed(store, clock)
    ref = refs["dog"]
    typed = f"{ref[:4].lower()}-{ref[4:]}"
    assert [r.reference for r in store.queue.queue(CLERK, QueueFilters(reference=typed)).rows] == [ref]
    assert ref in {r.reference for r in store.queue.queue(CLERK, QueueFilters(reference=ref[:3].lower())).rows}
    assert store.queue.queue(CLERK, QueueFilters(reference="0O1I")).total == 0  # cannot start a reference
    assert store.queue.queue(CLERK, QueueFilters(reference=refs["cat"])).total == 0  # another department's
    assert reference_start("ab-c") == "ABC" and reference_start("toolongreference") is None


@pytest.mark.parametrize("filters, expected, kind", [
    (QueueFilters(name="TREMBLAY"), {"dog"}, "name"),
    (QueueFilters(name="côté"), {"phone"}, "name"),
    (QueueFilters(email="sam@example"), set(), "email"),  # sealed contacts: a whole address only (blind_index.py)
    (QueueFilters(email="jo@EXAMPLE.net"), {"dog"}, "email"),
    (QueueFilters(phone="555-010 2030"), {"dog"}, "phone"),
    (QueueFilters(phone="0102030"), set(), "phone"),  # the whole number only
    (QueueFilters(name="100%_"), set(), "name"),  # wildcards are text
    (QueueFilters(name="– !"), set(), "name"),  # nothing to look for: nothing found, not everything
    (QueueFilters(email="  "), set(), "email"),
    (QueueFilters(phone="( ) -"), set(), "phone"),
])
def test_personal_search_is_audited_without_the_text(store, clock, filters, expected, kind):
    refs = _seed(store, clock)
    found = {r.reference for r in store.queue.queue(CLERK, filters).rows}
    assert found == {refs[k] for k in expected}
    with store.engine.connect() as conn:
        rows = conn.execute(select(audit_log).where(audit_log.c.action == "search_personal")).all()
    assert [(r.actor, r.detail, r.reference) for r in rows] == [("clerk@city.example", f"field={kind}", None)]


def test_search_by_name_does_not_cross_departments(store, clock):
    _seed(store, clock)
    assert store.queue.queue(CLERK, QueueFilters(name="jo")).total == 1  # "Jo Other" is animal services'
    assert store.queue.queue(ADMIN, QueueFilters(name="jo")).total == 2


def test_sorts_and_pages(store, clock):
    refs = _seed(store, clock)
    newest = [r.reference for r in store.queue.queue(ADMIN).rows]
    assert newest == [refs["cat"], refs["done"], refs["phone"], refs["dog"]]
    assert [r.reference for r in store.queue.queue(ADMIN, sort="oldest").rows] == newest[::-1]
    due = [r.reference for r in store.queue.queue(ADMIN, sort="due").rows]
    assert due == [refs["done"], refs["dog"], refs["phone"], refs["cat"]]  # no due date last
    by_status = [r.status for r in store.queue.queue(ADMIN, sort="status").rows]
    assert by_status == ["received", "received", "received", "completed"]
    first = store.queue.queue(ADMIN, page=1, page_size=3)
    second = store.queue.queue(ADMIN, page=2, page_size=3)
    assert (first.total, first.pages, len(first.rows), len(second.rows)) == (4, 2, 3, 1)
    assert second.rows[0].reference == refs["dog"]
    assert store.queue.queue(ADMIN, page=99, page_size=3).page == 2  # past the end: the last page
    assert len(store.queue.queue(ADMIN, page_size=None).rows) == 4


def test_request_detail_merges_the_history(store, clock):
    refs = _seed(store, clock)
    ref = refs["dog"]
    clock.advance(minutes=5)
    store.set_status(ref, "waiting_for_you", "Send the vaccination date", by="staff", actor="clerk@city.example")
    clock.advance(minutes=5)
    assert store.queue.add_note(CLERK, ref, "Called back, no answer") is True
    assert store.queue.add_note(CLERK, refs["cat"], "Not mine") is False
    detail = store.queue.request_detail(CLERK, ref)
    assert (detail.channel, detail.lang, detail.contact, detail.status) == ("web", "en", "email", "waiting_for_you")
    assert [a.value for a in detail.answers] == ["Jo Tremblay", "Rex"]
    assert [f.filename for f in detail.files] == ["vaccination.pdf"]
    kinds = [(h.kind, h.who, h.status) for h in detail.history]
    assert ("status", "system", "received") in kinds
    assert ("status", "clerk@city.example", "waiting_for_you") in kinds
    assert ("staff_note", "clerk@city.example", None) in kinds
    assert ("email", "department", "pending") in kinds and ("email", "resident", "pending") in kinds
    assert [h.at for h in detail.history] == sorted(h.at for h in detail.history)
    assert store.queue.request_detail(CLERK, refs["phone"]).contact == "status_page"
    with store.engine.connect() as conn:
        notes = conn.execute(select(request_messages.c.kind, request_messages.c.author)).all()
        audit = conn.execute(select(audit_log.c.action, audit_log.c.reference).where(audit_log.c.action == "note_added")).all()
    assert [tuple(n) for n in notes] == [("staff_note", "clerk@city.example")]
    assert [tuple(a) for a in audit] == [("note_added", ref)]


def test_purged_request_shows_no_answers(store, clock):
    refs = _seed(store, clock)
    with store.engine.begin() as conn:
        conn.execute(update(submissions).where(submissions.c.reference == refs["dog"])
                     .values(answers=[], purged_at=clock() + timedelta(days=1)))
    detail = store.queue.request_detail(CLERK, refs["dog"])
    assert detail.purged_at is not None and detail.answers == []
