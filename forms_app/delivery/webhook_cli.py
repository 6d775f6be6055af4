"""``flask --app forms_app webhooks test DEPARTMENT``: send a signed ``webhook.test`` event now."""

from __future__ import annotations

import secrets
import time
from datetime import UTC, datetime

import click
from flask import current_app
from flask.cli import with_appcontext

from ..config import settings_of
from .webhooks import payload, post, targets


@click.group("webhooks")
def webhooks_command() -> None:
    """Signed webhooks to departments' systems (the WEBHOOKS setting)."""


@webhooks_command.command("test")
@click.argument("department")
@with_appcontext
def test_command(department: str) -> None:
    """POST a signed test event to DEPARTMENT's webhook now (not through the outbox) and print the outcome."""
    settings = settings_of(current_app)
    target = targets(settings.WEBHOOKS).get(department)
    if target is None:
        raise click.ClickException(f"no webhook for department {department!r} in FORMS_WEBHOOKS")
    webhook_id = f"msg_test_{secrets.token_hex(8)}"
    now = time.time()
    body = payload("webhook.test", datetime.fromtimestamp(now, UTC), {"department": department})
    failure = post(target, webhook_id, int(now), body, settings.WEBHOOK_TIMEOUT)
    if failure is not None:
        kind = "permanent" if failure.permanent else "temporary"
        raise click.ClickException(f"webhook {webhook_id} to {department}: failed ({kind}): {failure.error}")
    click.echo(f"webhook {webhook_id} to {department}: delivered (2xx)")
