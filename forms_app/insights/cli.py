"""``flask --app forms_app insights``: the static report, and the promise records for the site build.

    flask --app forms_app insights --out DIR [--from 2026-01-01 --to 2026-03-31] [--department D]
    flask --app forms_app insights --records catalogue/promise-records.json

Both may be given at once. The period defaults to the last 91 days to today (the city's day).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from guichet.business_days import local_date

from ..catalogue import get_catalogue
from ..config import settings_of
from ..store import get_store
from .model import Scope, build
from .records import promise_records, write_records
from .report import write_report
from .views import DEFAULT_DAYS

SITE_CSS = ("assets", "stylesheets", "guichet.css")


@click.command("insights")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), help="Folder to write the report into.")
@click.option("--from", "first", type=click.DateTime(["%Y-%m-%d"]), help="First day (YYYY-MM-DD); 91 days before --to by default.")
@click.option("--to", "last", type=click.DateTime(["%Y-%m-%d"]), help="Last day, included (YYYY-MM-DD); today by default.")
@click.option("--department", "department", help="Only this department's services (a taxonomy id); every department by default.")
@click.option("--records", "records", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the promise records the site build reads (e.g. catalogue/promise-records.json).")
@with_appcontext
def insights_command(out, first, last, department, records):
    """Write the insights report (HTML in English and French, CSV) and/or the promise records."""
    if out is None and records is None:
        raise click.UsageError("give --out DIR, --records FILE, or both")
    settings = settings_of(current_app)
    catalogue = get_catalogue()
    store = get_store()
    today = local_date(store.clock(), settings.TIMEZONE)
    last_day = last.date() if last else today
    first_day = first.date() if first else last_day - dt.timedelta(days=DEFAULT_DAYS - 1)
    if first_day > last_day:
        raise click.BadParameter("--from must be on or before --to", param_hint="--from")
    if department is not None and (catalogue.taxonomy is None or department not in catalogue.taxonomy.departments):
        raise click.BadParameter(f"no department {department!r} in catalogue/taxonomy.yml", param_hint="--department")
    if out is not None:
        scope = Scope(first_day, last_day, frozenset([department]) if department else None, settings.TIMEZONE)
        written = write_report(out, build(store, catalogue, scope), catalogue,
                               Path(current_app.config["OVERRIDES_DIR"], *SITE_CSS))
        click.echo(f"insights: {len(written)} files in {out} ({first_day} to {last_day}"
                   f"{', ' + department if department else ''}); open {os.path.join(out, 'index.html')}")
    if records is not None:
        found = promise_records(store, catalogue, today, settings.TIMEZONE)
        write_records(records, found)
        click.echo(f"insights: promise records of {len(found['services'])} services in {records}")
