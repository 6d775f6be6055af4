"""Delivering submissions by email, reliably.

* ``messages``: the department email, the resident's confirmation, the admin alert;
* ``smtp``: the SMTP sender; ``retry``: which failures to retry and when;
* ``worker``: claims due outbox rows and sends them; ``cli``: ``flask deliver``;
* ``webhooks`` + ``webhook_send``: signed POSTs to a department's system; ``webhook_cli``: ``flask webhooks test``;
* ``catcher`` + ``devmail``: a local mail catcher and ``/dev/mail/``, registered in development only;
* ``templating`` + ``templates/mail/``: the email bodies (Jinja, without Flask).
"""

from __future__ import annotations

import os

from flask import Flask

from ..config import settings_of
from . import devmail
from .catcher import MailCatcher
from .cli import deliver_command
from .webhook_cli import webhooks_command
from .retry import Failure, RetryPolicy, classify
from .settings import MailSettings, WorkerSettings, mail_settings, smtp_settings, worker_settings
from .smtp import SmtpSender, SmtpSettings
from .worker import Worker

__all__ = [
    "init_app", "Worker", "WorkerSettings", "MailSettings", "SmtpSettings", "SmtpSender", "RetryPolicy",
    "Failure", "classify", "MailCatcher", "mail_settings", "smtp_settings", "worker_settings",
]


def init_app(app: Flask) -> None:
    if not app.config.get("MAIL_DIR"):
        app.config["MAIL_DIR"] = os.path.join(app.instance_path, "mail")
    app.cli.add_command(deliver_command)
    app.cli.add_command(webhooks_command)
    if settings_of(app).ENV == "development":  # the caught mail holds residents' answers: never served elsewhere
        app.register_blueprint(devmail.bp)
