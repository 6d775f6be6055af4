"""What the accessibility gate needs to check the staff pages: a session and a request to show.

``seed_for_gate`` is called by ``accessibility.server.staff_variables`` inside the gate's own
throw-away app (testing settings, its own database): it registers a member, starts a session
and stores one request by phone, waiting for the resident. Never wired to a route.
"""

from __future__ import annotations

from flask import current_app

from ..catalogue import get_catalogue
from ..store import Answer, NewSubmission, format_reference, get_store
from .session import cookie_name

GATE_SERVICE = "dog-licence"


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
    return {"staff_cookie": cookie_name(current_app), "staff_token": token, "staff_ref": format_reference(reference)}
