from __future__ import annotations

import smtplib
import socket
from datetime import UTC, datetime, timedelta

import pytest

from forms_app.delivery import RetryPolicy, classify

T0 = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)


def test_schedule_follows_rfc_5321():
    policy = RetryPolicy()
    assert policy.next_attempt(T0, 1, T0) == T0 + timedelta(minutes=30)
    now = T0 + timedelta(minutes=30)
    assert policy.next_attempt(T0, 2, now) == now + timedelta(hours=2, minutes=30)
    late = T0 + timedelta(days=4, hours=23)
    assert policy.next_attempt(T0, 40, late) == T0 + timedelta(days=5)  # the last try is at the 5-day mark
    assert policy.next_attempt(T0, 41, T0 + timedelta(days=5)) is None


def test_policy_from_config():
    policy = RetryPolicy.from_config({"RETRY_FIRST_DELAY": 60, "RETRY_DELAY": 120, "RETRY_GIVE_UP_AFTER": 600})
    assert policy.next_attempt(T0, 1, T0) == T0 + timedelta(minutes=1)
    assert policy.next_attempt(T0, 2, T0) == T0 + timedelta(minutes=2)


@pytest.mark.parametrize("exc, permanent, error", [
    (smtplib.SMTPDataError(451, b"4.3.0 try later"), False, "451 4.3.0 try later"),
    (smtplib.SMTPDataError(421, b"4.3.2 closing"), False, "421 4.3.2 closing"),
    (smtplib.SMTPDataError(550, b"5.7.1 rejected"), True, "550 5.7.1 rejected"),
    (smtplib.SMTPSenderRefused(553, b"5.7.1 sender <a@b.example> denied", "a@b.example"), True,
     "553 5.7.1 sender <<address>> denied"),
    (smtplib.SMTPRecipientsRefused({"jo@example.net": (550, b"5.1.1 <jo@example.net> unknown")}), True,
     "550 5.1.1 <<address>> unknown"),
    (smtplib.SMTPRecipientsRefused({"jo@example.net": (452, b"4.2.2 mailbox full")}), False, "452 4.2.2 mailbox full"),
    (smtplib.SMTPConnectError(554, b"5.7.1 no service for you"), False, "554 5.7.1 no service for you"),
    (smtplib.SMTPAuthenticationError(535, b"5.7.8 bad credentials"), False,
     "535 authentication failed (check SMTP_USERNAME/PASSWORD)"),
    (smtplib.SMTPSenderRefused(530, b"5.7.0 Must issue a STARTTLS command first", "a@b.example"), False,
     "530 authentication or TLS required (check SMTP_SECURITY, SMTP_USERNAME)"),
    (ConnectionRefusedError(111, "Connection refused"), False, "connection refused"),
    (socket.timeout("timed out"), False, "timeout"),
    (smtplib.SMTPServerDisconnected("Connection unexpectedly closed: timed out"), False, "timeout"),
    (smtplib.SMTPServerDisconnected("Connection unexpectedly closed"), False, "server disconnected"),
    (socket.gaierror(-2, "Name or service not known"), False, "gaierror Name or service not known"),
])
def test_classify(exc, permanent, error):
    failure = classify(exc)
    assert (failure.permanent, failure.error) == (permanent, error)


def test_classify_refuses_other_exceptions():
    with pytest.raises(TypeError):
        classify(KeyError("x"))


def test_a_zero_delay_is_refused():  # it would make deliver --once spin on a down server
    with pytest.raises(ValueError):
        RetryPolicy(first_delay=timedelta(0))
