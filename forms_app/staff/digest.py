"""``flask --app forms_app digest``: each department's daily digest, for cron.

One ``digest`` outbox row per department that has requests, to its mailbox from
``catalogue/taxonomy.yml``; ``flask deliver`` sends it with the open, overdue and
waiting-for-resident counts, each linking to the queue filtered so. The counts
are made when the email is built (``store/digest.py``), so a digest that waited
for the mail server still tells the truth. Idempotent per department per day
(the city's ``TIMEZONE``): running it twice sends one digest. Audited
(``digest_sent``, by ``system``). Prints department ids only.
"""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import click
from flask import current_app
from flask.cli import with_appcontext

from guichet.business_days import local_date

from ..catalogue import get_catalogue
from ..config import settings_of
from ..store import get_store


def start_of_day(now: datetime, timezone: str) -> datetime:
    """Midnight of ``now``'s day in the city's time zone (aware)."""
    zone = ZoneInfo(timezone)
    return datetime.combine(local_date(now, timezone), time(0), tzinfo=zone)


def queue_digests() -> list[str]:
    """Queue today's digests; the departments queued (none twice a day)."""
    store = get_store()
    mailboxes = {slug: d.email for slug, d in get_catalogue().taxonomy.departments.items()}
    return store.digests.enqueue(mailboxes, start_of_day(store.clock(), settings_of(current_app).TIMEZONE))


@click.command("digest")
@with_appcontext
def digest_command() -> None:
    """Queue each department's daily digest of its requests (flask deliver sends them)."""
    queued = queue_digests()
    if queued:
        click.echo(f"digest: queued for {len(queued)} department(s): {', '.join(queued)}")
    else:
        click.echo("digest: nothing to queue (no requests, or today's digests are already queued)")
