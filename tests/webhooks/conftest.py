"""Fixtures of the webhooks suite: a verifying receiver, a store that queues webhooks for the
clerk's department, mail settings and a worker that knows the receiver (``store``, ``smtp``
and ``clock`` come from ``tests/fixtures.py``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from forms_app.delivery import Worker, WorkerSettings
from forms_app.delivery.webhooks import WebhookTarget
from forms_app.store import Store

from tests.support.mail import mail_settings
from tests.support.webhook_receiver import SECRET, Receiver


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    found = Receiver(SECRET)
    found.start()
    yield found
    found.stop()


@pytest.fixture
def hooked(store) -> Store:
    """The suite's store, queueing webhooks for the ``clerk`` department (as ``init_app`` does from WEBHOOKS)."""
    return Store(store.engine, store.clock, webhook_departments={"clerk"})


@pytest.fixture
def mail(tmp_path):
    (tmp_path / "uploads").mkdir()
    return mail_settings(tmp_path / "uploads")


@pytest.fixture
def worker(hooked, mail, smtp, clock, receiver) -> Worker:
    return Worker(hooked, mail, smtp.settings, WorkerSettings(), clock=clock,
                  webhooks={"clerk": WebhookTarget(receiver.url, SECRET)}, webhook_timeout=5)
