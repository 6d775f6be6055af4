"""The delivery worker's mail settings for the tests (``tests/delivery/conftest.py``: ``mail``)."""

from __future__ import annotations

from pathlib import Path

from forms_app.delivery import MailSettings
from forms_app.delivery.settings import parse_mail_from

from .apps import SECRET

ADMIN = "web-admin@bellerive.example.org"


def mail_settings(uploads: Path) -> MailSettings:
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
