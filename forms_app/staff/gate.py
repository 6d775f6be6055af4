"""What the accessibility gate needs to check the staff pages: sessions, a request, signed links.

``seed_for_gate`` is called by ``accessibility.server.staff_variables`` inside the gate's own
throw-away app (testing settings, its own database): it registers a member (an administrator,
by default) and a front-desk member of no department (whose queue is empty), starts a session
for each, stores one request by phone waiting for the resident, and signs the links the gate
opens: that request's reply link (``{reply_token}``) and an unused sign-in link
(``{sign_in_token}``); and it stores what the insights report draws (``seed_insights_for_gate``).
Never wired to a route; refused in production.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app

from guichet.urls import service_url

from ..catalogue import get_catalogue
from ..status.links import make_reply_token
from ..store import Answer, NewSubmission, format_reference, get_store
from ..store.current import city_today
from ..store.insights import insights_of
from .links import make_sign_in_token
from .session import cookie_name

GATE_SERVICE = "dog-licence"
DESK = "gate-desk@bellerive.example.org"  # a front-desk member: no department, an empty queue


def seed_insights_for_gate(store, department: str) -> None:
    """What the insights report (#15) draws: counted contacts, 30 page answers (one "no" with its reason and a
    comment) and a form attempt with an error, so each kind of chart and table is on the gate's pages."""
    day = city_today()
    tally = insights_of(store).tally
    tally.add(day, GATE_SERVICE, department, "phone", "resolved", 7)
    tally.add(day, GATE_SERVICE, department, "in_person", "request", 2)
    path = service_url("en", GATE_SERVICE)
    for i in range(30):
        store.feedback.add("en", path, i % 4 != 0, day, service=GATE_SERVICE, department=department)
    answer = store.feedback.add("en", path, False, day, service=GATE_SERVICE, department=department)
    store.feedback.explain(answer, "cant_find", "Where do I pay?")
    store.funnel.view(GATE_SERVICE, day)
    store.funnel.attempt(GATE_SERVICE, day, [("owner_name", "required")])


def seed_for_gate(email: str, departments: list[str], admin: bool) -> dict[str, str]:
    if current_app.config["ENV"] == "production":
        raise RuntimeError("the accessibility gate's seeding never runs in production")
    store = get_store()
    member = store.staff.add(email, departments, is_admin=admin, by="accessibility gate")
    token = store.staff.start_session(member)
    service = get_catalogue().services[GATE_SERVICE]
    meta = service.page("en").meta
    department = get_catalogue().taxonomy.departments[meta.department]
    reference = store.save(NewSubmission(
        service=GATE_SERVICE, lang="en", service_title=meta.title, department=meta.department,
        recipient=department.email,
        answers=[Answer("owner_name", "Your name", "Alex Tremblay"), Answer("dog_name", "Your dog's name", "Biscuit")],
        reply_to=None, resident_copy_to=None, attachments=[], channel="phone", contact_name="Alex Tremblay",
        contact_phone="613-555-0123", entered_by=email,
    )).reference
    store.set_status(reference, "waiting_for_you", "Please send the proof of rabies vaccination.", by="staff", actor=email)
    seed_insights_for_gate(store, meta.department)
    desk = store.staff.add(DESK, [], by="accessibility gate")
    secret = current_app.config["SECRET_KEY"]
    link_id = store.staff.new_sign_in(email, timedelta(days=1))
    return {
        "staff_cookie": cookie_name(current_app), "staff_token": token, "staff_token_desk": store.staff.start_session(desk),
        "staff_ref": format_reference(reference), "reply_token": make_reply_token(secret, reference),
        "sign_in_token": make_sign_in_token(secret, link_id, email),
    }
