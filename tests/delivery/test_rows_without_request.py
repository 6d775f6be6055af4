"""Outbox rows about no request (a staff sign-in link): sent, retried, given up and alerted like the others,
logged by kind and id, never by address; on SQLite and PostgreSQL, against the real SMTP server."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

from sqlalchemy import select, update

from forms_app.staff.links import read_sign_in_token
from forms_app.store import schema

from tests.french_spacing import page_violations, violations
from tests.support.apps import SECRET
from tests.support.mail import ADMIN

AGENT = "agent@bellerive.example.org"


def body(msg, kind="plain") -> str:
    return msg.get_body(preferencelist=(kind,)).get_content().replace("\r\n", "\n")


def new_link(store, lang="en") -> int:
    store.staff.add(AGENT, ["animal-services"])
    return store.staff.new_sign_in(AGENT, timedelta(minutes=15), lang)


def sign_in_row(store):
    [row] = [r for r in _rows(store) if r.kind == "sign_in"]
    return row


def _rows(store):
    """Every outbox row, oldest first (these rows belong to no reference: ``rows_for`` cannot find them)."""
    with store.engine.connect() as conn:
        ids = conn.execute(select(schema.outbox.c.id).order_by(schema.outbox.c.id)).scalars().all()
    return [store.outbox.get(i) for i in ids]


def test_a_sign_in_link_is_sent_bilingual_with_a_signed_link(store, smtp, make_worker, caplog):
    caplog.set_level(logging.INFO, logger="forms_app")
    link_id = new_link(store, "fr")
    assert make_worker().run_once() == {"sent": 1}
    [got] = smtp.received
    assert got.rcpt_tos == [AGENT]
    msg = got.message
    assert msg["To"] == AGENT and msg["Reply-To"] is None
    assert msg["Content-Language"] == "fr, en"
    text, html = body(msg), body(msg, "html")
    urls = re.findall(r"https://forms\.bellerive\.example\.org(/fr)?/staff/sign-in/(\S+)", text)
    assert [prefix for prefix, _ in urls] == ["/fr", ""]  # the French half first, each in its language
    assert {read_sign_in_token(SECRET, token, 900) for _, token in urls} == {read_sign_in_token(SECRET, urls[0][1], 900)}
    assert read_sign_in_token(SECRET, urls[0][1], 900).link_id == link_id
    assert "15 minutes" in text and "Ville de Bellerive" in text and "City of Bellerive" in text
    assert 'lang="fr"' in html and 'lang="en"' in html
    row = sign_in_row(store)
    assert (row.status, row.submission_id, row.sign_in_id) == ("sent", None, link_id)
    assert f"sent kind=sign_in id={row.id} attempt=1" in caplog.text
    assert AGENT not in caplog.text


def test_a_refused_sign_in_email_fails_and_alerts_without_the_address(store, smtp, make_worker, caplog):
    caplog.set_level(logging.INFO, logger="forms_app")
    new_link(store)
    smtp.reply_to_data("550 5.7.1 Message rejected")
    assert make_worker().run_once() == {"failed": 1, "sent": 1}
    row = sign_in_row(store)
    assert (row.status, row.last_error) == ("failed", "550 5.7.1 Message rejected")
    [alert] = [r for r in _rows(store) if r.kind == "admin_alert"]
    assert (alert.submission_id, alert.about_id, alert.status, alert.recipient) == (None, row.id, "sent", ADMIN)
    [got] = smtp.received
    assert got.rcpt_tos == [ADMIN]
    text = body(got.message)
    assert got.message["Subject"] == f"Undeliverable: message {row.id} (sign_in)"
    assert "550 5.7.1 Message rejected" in text and f"deliver --requeue {row.id}" in text
    assert AGENT not in text and AGENT not in caplog.text
    assert f"failed kind=sign_in id={row.id} attempts=1" in caplog.text


def test_a_sign_in_email_is_retried_like_any_other(store, smtp, make_worker, caplog, clock):
    caplog.set_level(logging.INFO, logger="forms_app")
    new_link(store)
    smtp.reply_to_data("451 4.3.0 try later")
    assert make_worker().run_once() == {"retry": 1}
    row = sign_in_row(store)
    assert row.status == "pending" and row.next_attempt_at > clock()
    assert f"retry kind=sign_in id={row.id} attempt=1" in caplog.text
    clock.now = row.next_attempt_at
    assert make_worker().run_once() == {"sent": 1}
    assert AGENT not in caplog.text


def test_a_sign_in_row_whose_link_is_gone_is_a_building_failure(store, smtp, make_worker, caplog):
    new_link(store)
    with store.engine.begin() as conn:
        conn.execute(update(schema.outbox).values(sign_in_id=None))
    assert make_worker().run_once() == {"retry": 1}
    row = sign_in_row(store)
    assert row.last_error == "building the message failed: LookupError"
    assert "building failed kind=sign_in id=" in caplog.text


def test_the_french_half_keeps_french_spaces_unbreakable(store, smtp, make_worker):
    for lang in ("fr", "en"):
        new_link(store, lang)
    assert make_worker().run_once() == {"sent": 2}
    for got, first in zip(smtp.received, ("fr", "en")):
        halves = body(got.message).split("\n\n" + "-" * 40 + "\n\n")
        assert len(halves) == 2
        french = halves[0] if first == "fr" else halves[1]
        assert "courriel\u202f:" in french or "courriel\xa0:" in french  # "ignorez ce courriel : …", typeset
        assert violations(french) == []
        assert page_violations(body(got.message, "html")) == []
