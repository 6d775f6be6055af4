from __future__ import annotations

from pathlib import Path

import pytest

from forms_app.delivery import MailSettings, Worker, WorkerSettings
from forms_app.delivery.settings import parse_mail_from
from forms_app.store import Answer, Attachment

from ..store.conftest import new_submission
from ..store.dbs import clock, db_url, store  # noqa: F401  (shared fixtures)
from .smtp_server import SmtpServer

SECRET = "delivery-tests-secret"
ADMIN = "web-admin@bellerive.example.org"
PDF = b"%PDF-1.4 a tiny vaccination certificate\n%%EOF\n"


@pytest.fixture
def smtp():
    server = SmtpServer()
    server.start()
    yield server
    server.close()




@pytest.fixture
def uploads(tmp_path) -> Path:
    folder = tmp_path / "uploads"
    folder.mkdir()
    (folder / "f3a9c2").write_bytes(PDF)
    return folder


@pytest.fixture
def mail(uploads) -> MailSettings:
    return MailSettings(
        mail_from=parse_mail_from("City of Bellerive <no-reply@bellerive.example.org>"),
        public_url="https://forms.bellerive.example.org",
        secret_key=SECRET,
        upload_dir=uploads,
        timezone="America/Toronto",
        link_max_age=90 * 86400,
        site_name={"en": "City of Bellerive", "fr": "Ville de Bellerive"},
        admin_email=ADMIN,
    )


@pytest.fixture
def make_worker(store, mail, smtp, clock):
    def make(**changes) -> Worker:
        settings = WorkerSettings(batch_size=changes.pop("batch_size", 50))
        return Worker(store, changes.pop("mail", mail), changes.pop("smtp_settings", smtp.settings), settings,
                      clock=clock, **changes)
    return make


def full_submission(**changes):
    values = dict(
        answers=[
            Answer("name", "Your name", "Jo Tremblay"),
            Answer("dog", "Dog's name", "Rex <the good boy> & co"),
            Answer("vaccinated", "Is the dog vaccinated?", "Yes"),
            Answer("notes", "Anything else?", "Line one\nLine two"),
            Answer("phone", "Phone", ""),
        ],
        attachments=[Attachment("f3a9c2", "vaccination.pdf", "application/pdf", len(PDF))],
    )
    values.update(changes)
    return new_submission(**values)
