"""Every POST of the staff workspace and of the resident's reply refuses a request without its CSRF token,
and changes nothing: found by walking the app's routes, so a new POST route is covered the day it is added."""

from __future__ import annotations

from sqlalchemy import func, select

from forms_app.status.links import make_reply_token
from forms_app.store import get_store
from forms_app.store.schema import (audit_log, contact_tally, outbox, request_messages, staff_sessions, status_events,
                                    submissions)

from tests.support.apps import SECRET
from tests.support.requests import seed, shown
from tests.support.staff import sign_in

TABLES = (submissions, status_events, request_messages, outbox, audit_log, staff_sessions, contact_tally)


def counts(app) -> dict[str, int]:
    with app.app_context(), get_store().engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar() for t in TABLES}


def post_routes(app) -> list[tuple[str, str]]:
    """(endpoint, rule) of every POST route of the workspace and the reply, English and French."""
    return sorted((r.endpoint, r.rule) for r in app.url_map.iter_rules()
                  if "POST" in r.methods and (r.endpoint.startswith("staff_") or r.endpoint == "status_reply.reply"
                                              or r.rule.startswith(("/staff", "/<any(fr):lang>/staff"))))


def test_every_staff_and_reply_post_needs_its_csrf_token(app, client):
    ref = seed(app, service="dog-licence", department="animal-services", recipient="animals@bellerive.example.org")
    with app.app_context():
        get_store().set_status(ref, "waiting_for_you", "Please send the receipt.")
    sign_in(client, "boss@bellerive.example.org", admin=True)
    routes = post_routes(app)
    endpoints = {endpoint for endpoint, _ in routes}
    assert {"staff_auth.sign_in", "staff_auth.sign_out", "staff_auth.use_link", "staff_queue.queue", "staff_request.status",
            "staff_request.note", "staff_assisted.form", "staff_tally.count"} <= endpoints, endpoints
    assert any("reply" in endpoint for endpoint in endpoints), endpoints
    values = {"ref": shown(ref), "token": "not-a-link", "slug": "dog-licence", "lang": "fr"}
    before = counts(app)
    for endpoint, rule in routes:
        url = rule.replace("<any(fr):lang>", "fr")
        for name, value in values.items():
            url = url.replace(f"<{name}>", value)
        if "reply" in endpoint:
            url += f"?ref={shown(ref)}&reply={make_reply_token(SECRET, ref)}"
        data = {"status": "completed", "note": "x", "body": "x", "message": "x", "email": "boss@bellerive.example.org",
                "gx-channel": "phone", "owner_name": "Jo", "q": "jo", "in": "name",
                "channel": "phone", "count": "dog-licence:resolved"}  # a contact counted (staff/tally.py)
        response = client.post(url, data=data, headers={"Origin": "http://localhost", "Referer": "http://localhost" + url})
        assert response.status_code in (400, 403), (endpoint, url, response.status_code)
        assert counts(app) == before, (endpoint, url)
    assert client.get("/staff/requests/").status_code == 200  # still signed in: sign-out without a token did nothing
