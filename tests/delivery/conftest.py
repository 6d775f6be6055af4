"""Fixtures of the delivery suite: the upload folder, the mail settings and a worker factory
(``store``, ``smtp`` and ``clock`` come from ``tests/fixtures.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from forms_app.delivery import MailSettings, Worker, WorkerSettings

from tests.support.mail import mail_settings
from tests.support.submissions import PDF


@pytest.fixture
def uploads(tmp_path) -> Path:
    folder = tmp_path / "uploads"
    folder.mkdir()
    (folder / "f3a9c2").write_bytes(PDF)
    return folder


@pytest.fixture
def mail(uploads) -> MailSettings:
    return mail_settings(uploads)


@pytest.fixture
def make_worker(store, mail, smtp, clock):
    def make(**changes) -> Worker:
        settings = WorkerSettings(batch_size=changes.pop("batch_size", 50))
        return Worker(store, changes.pop("mail", mail), changes.pop("smtp_settings", smtp.settings), settings,
                      clock=clock, **changes)
    return make
