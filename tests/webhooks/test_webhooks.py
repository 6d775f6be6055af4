"""Signed webhooks to a department's system (Standard Webhooks), through the outbox: queued with the
request and each status change, verified by a real receiver with the ``standardwebhooks`` library,
retried like email, idempotent by webhook id; on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

import pytest

from forms_app.config import defaults
from forms_app.config_checks import problems
from forms_app.delivery.webhooks import WebhookTarget, headers, post
from forms_app.store import format_reference, get_store

from tests.support.apps import ENCRYPTION_KEY
from tests.support.mail import ADMIN
from tests.support.submissions import new_submission
from tests.support.webhook_receiver import SECRET

PERSONAL = ("Jo Tremblay", "jo@example.net", "Rex", "vaccination")


def webhook_rows(store, ref):
    return [r for r in store.outbox.rows_for(ref) if r.kind == "webhook"]


def test_a_request_and_its_status_change_queue_one_webhook_each_in_their_transaction(hooked):
    ref = hooked.save_submission(new_submission())
    other = hooked.save_submission(new_submission(department="roads", recipient="roads@bellerive.example.org"))
    assert hooked.set_status(ref, "in_progress", "Looking into it")
    rows = webhook_rows(hooked, ref)
    assert [(r.kind, r.recipient, r.department, r.event_id is None, r.status) for r in rows] == [
        ("webhook", "clerk", "clerk", True, "pending"), ("webhook", "clerk", "clerk", False, "pending")]
    assert webhook_rows(hooked, other) == []  # roads declares no webhook
    kinds = [r.kind for r in hooked.outbox.rows_for(ref)]
    assert kinds.count("department") == 1 and kinds.count("status_update") == 1  # email as before


def test_a_new_request_and_a_status_change_reach_the_receiver_signed(hooked, worker, receiver, smtp):
    ref = hooked.save_submission(new_submission())
    hooked.set_status(ref, "in_progress", "Jo Tremblay called")
    outcomes = worker.run_once()
    assert outcomes["sent"] == 5  # department + copy + status email, two webhooks
    rows = webhook_rows(hooked, ref)
    assert receiver.rejected == []
    assert receiver.ids() == [f"msg_{r.id}" for r in rows]
    created, changed = receiver.events()
    assert created["type"] == "request.created" and changed["type"] == "request.status_changed"
    assert created["data"] == {
        "reference": format_reference(ref), "service_code": "dog-licence", "service_name": "Dog licence",
        "department": "clerk", "channel": "web", "status": "received", "requested_datetime": "2026-03-02T14:00:00Z",
        "expected_datetime": None, "lang": "en",
        "status_url": created["data"]["status_url"],
    }
    assert created["data"]["status_url"].startswith("https://forms.bellerive.example.org/")
    assert changed["data"]["status"] == "in_progress"
    for received in receiver.accepted:
        assert received.headers["content-type"] == "application/json"
        assert received.headers["webhook-signature"].startswith("v1,")
        assert not any(word in received.body.decode() for word in PERSONAL)  # no answers, names, notes
    assert [r.status for r in rows] == ["sent", "sent"]


def test_receiver_down_then_back_is_retried_and_delivered_once(hooked, worker, receiver, clock):
    ref = hooked.save_submission(new_submission(resident_copy_to=None))
    receiver.stop()
    assert worker.run_once()["retry"] == 1
    [row] = webhook_rows(hooked, ref)
    assert (row.status, row.attempts, row.last_error) == ("pending", 1, "connection refused")
    assert worker.run_once() == {}  # not due yet
    receiver.start()  # the same port
    clock.advance(minutes=31)
    assert worker.run_once() == {"sent": 1}
    assert receiver.ids() == [f"msg_{row.id}"] and receiver.duplicates == []
    assert webhook_rows(hooked, ref)[0].status == "sent"


def test_a_retry_carries_the_same_webhook_id_so_the_receiver_processes_it_once(hooked, worker, receiver, clock):
    ref = hooked.save_submission(new_submission(resident_copy_to=None))
    receiver.answer = 503  # processed, but the answer says otherwise
    assert worker.run_once()["retry"] == 1
    receiver.answer = 204
    clock.advance(minutes=31)
    assert worker.run_once() == {"sent": 1}
    [row] = webhook_rows(hooked, ref)
    assert receiver.ids() == [f"msg_{row.id}"]
    assert receiver.duplicates == [f"msg_{row.id}"]  # the second try was recognised, not processed again


def test_a_tampered_body_is_rejected_by_the_receivers_verification(receiver):
    body = json.dumps({"type": "request.created", "data": {"reference": "ABCD-2345"}}).encode()
    signed = headers(SECRET, "msg_1", int(time.time()), body)
    tampered = body.replace(b"ABCD-2345", b"WXYZ-6789")
    request = urllib.request.Request(receiver.url, data=tampered, headers=signed, method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)
    refused.value.close()
    assert refused.value.code == 400
    assert receiver.rejected == ["No matching signature found"] and receiver.accepted == []
    # the untouched body passes, and a wrong secret does not
    assert post(WebhookTarget(receiver.url, SECRET), "msg_1", int(time.time()), body, 5) is None
    wrong = "whsec_" + "A" * 44
    failure = post(WebhookTarget(receiver.url, wrong), "msg_2", int(time.time()), body, 5)
    assert (failure.permanent, failure.error) == (True, "HTTP 400")
    assert receiver.ids() == ["msg_1"]


def test_a_4xx_fails_at_once_and_alerts_the_admin(hooked, worker, receiver, smtp):
    ref = hooked.save_submission(new_submission(resident_copy_to=None))
    receiver.answer = 410
    assert worker.run_once() == {"sent": 2, "failed": 1}  # the department email; the webhook; then the alert
    [row] = webhook_rows(hooked, ref)
    assert (row.status, row.last_error) == ("failed", "HTTP 410")
    [alert] = [r for r in hooked.outbox.rows_for(ref) if r.kind == "admin_alert"]
    assert (alert.about_id, alert.recipient, alert.status) == (row.id, ADMIN, "sent")
    [mail] = [m for m in smtp.messages() if m["To"] == ADMIN]
    text = mail.get_body(preferencelist=("plain",)).get_content()
    assert "webhook to the department's system" in text and "HTTP 410" in text


@pytest.mark.parametrize(("code", "permanent"), [(500, False), (503, False), (408, False), (429, False),
                                                 (400, True), (401, True), (404, True), (301, True)])
def test_which_answers_are_retried(receiver, code, permanent):
    receiver.answer = code
    failure = post(WebhookTarget(receiver.url, SECRET), f"msg_{code}", int(time.time()), b"{}", 5)
    assert (failure.permanent, failure.error) == (permanent, f"HTTP {code}")


def test_webhook_settings_are_checked_at_start_up():
    good = {"url": "https://crm.bellerive.example.org/hooks", "secret": SECRET}

    def check(env, **hooks):
        return problems({**defaults(), "ENV": env, "WEBHOOKS": hooks, "SECRET_KEY": "x" * 8 + "Zq3-vB7_kP2wN9sR4tY6uI8oL1aS5dF0",
                         "PUBLIC_URL": "https://forms.bellerive.example.org", "SMTP_HOST": "smtp.example.org",
                         "ENCRYPTION_KEYS": [ENCRYPTION_KEY]})

    assert check("production", clerk=good) == []
    assert check("production", clerk={**good, "url": "http://crm.example.org/h"}) == [
        "FORMS_WEBHOOKS['clerk']: \"url\" must be https in production."]
    assert check("development", clerk={**good, "url": "http://127.0.0.1:9/h"}) == []
    [bad] = check("development", clerk={**good, "secret": "not-whsec"})
    assert bad.startswith("FORMS_WEBHOOKS['clerk']: \"secret\" does not start with whsec_") and "not-whsec" not in bad
    [short] = check("development", clerk={**good, "secret": "whsec_QUJD"})
    assert "24 to 64 bytes" in short
    assert check("development", clerk={"url": good["url"]}) == [
        "FORMS_WEBHOOKS['clerk'] must be a JSON object with text \"url\" and \"secret\", nothing else."]


def test_the_test_command_sends_a_signed_test_event_and_the_app_queues_for_its_departments(make_app, receiver):
    app = make_app(WEBHOOKS={"clerk": {"url": receiver.url, "secret": SECRET}})
    result = app.test_cli_runner().invoke(args=["webhooks", "test", "clerk"])
    assert result.exit_code == 0, result.output
    [received] = receiver.accepted
    assert received.event["type"] == "webhook.test" and received.event["data"] == {"department": "clerk"}
    assert result.output == f"webhook {received.webhook_id} to clerk: delivered (2xx)\n"
    with app.app_context():
        assert get_store().webhook_departments == {"clerk"}
    unknown = app.test_cli_runner().invoke(args=["webhooks", "test", "roads"])
    assert unknown.exit_code == 1 and "no webhook for department 'roads'" in unknown.output
    receiver.stop()
    down = app.test_cli_runner().invoke(args=["webhooks", "test", "clerk"])
    assert down.exit_code == 1 and "failed (temporary): connection refused" in down.output
