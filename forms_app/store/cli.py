"""The store's commands: ``flask --app forms_app purge [--dry-run]`` erases what is past
``PURGE_AFTER_DAYS``, and files of no submission (store/retention.py); ``flask --app forms_app
db upgrade`` brings the schema to the newest revision (a deploy step), ``db current`` shows it."""

from __future__ import annotations

import logging
from datetime import timedelta

import click
from flask import current_app
from flask.cli import with_appcontext

from ..config import settings_of
from . import retention
from .current import get_store
from .migrate import head

log = logging.getLogger(__name__)
STAFF_KEEP = timedelta(days=1)  # sign-in links and staff sessions outlive their use by a day (the audit log keeps the rest)


@click.command("purge")
@click.option("--dry-run", is_flag=True, help="Count what would be erased; change nothing.")
@with_appcontext
def purge_command(dry_run: bool) -> None:
    """Erase answers, residents' addresses and files delivered more than PURGE_AFTER_DAYS ago, files of no submission,
    and staff sign-in links and ended sessions older than a day."""
    settings = settings_of(current_app)
    days = settings.PURGE_AFTER_DAYS
    if days < 1:
        raise click.ClickException("FORMS_PURGE_AFTER_DAYS must be at least 1.")
    store = get_store()
    cutoff = store.clock() - timedelta(days=days)
    upload_dir = settings.UPLOAD_DIR
    orphans = retention.find_orphans(store.engine, upload_dir, store.clock())
    if dry_run:
        click.echo(f"purge: {retention.count_due(store.engine, cutoff)} submission(s) delivered more than {days} days ago would be erased")
        click.echo(f"purge: {len(orphans)} file(s) of no submission would be deleted")
        return
    purged = retention.purge(store.engine, cutoff, store.clock)
    removed = retention.delete_files(upload_dir, purged.files)
    swept = retention.delete_orphans(upload_dir, orphans)
    staff_rows = store.staff.sweep(store.clock() - STAFF_KEEP)
    log.info("purge submissions=%d files=%d orphans=%d staff_rows=%d", purged.submissions, removed, swept, staff_rows)
    click.echo(f"purge: {purged.submissions} submission(s) erased, {removed} file(s) deleted "
               f"(delivered more than {days} days ago)")
    click.echo(f"purge: {swept} file(s) of no submission deleted (unsent forms, interrupted requests)")
    click.echo(f"purge: {staff_rows} staff sign-in link(s), their email(s) and ended session(s) deleted (older than a day)")


@click.group("db")
def db_command() -> None:
    """The database schema (Alembic migrations in forms_app/store/migrations)."""


@db_command.command("upgrade")
@with_appcontext
def db_upgrade() -> None:
    """Bring the database to the newest schema revision (run it on every deploy, before the new code serves)."""
    changes = get_store().create_tables()
    for change in changes:
        click.echo(f"db: {change}")
    if not changes:
        click.echo(f"db: already at the newest revision, {head()}")


@db_command.command("current")
@with_appcontext
def db_current() -> None:
    """Print the database's schema revision and the code's newest."""
    revision, newest = get_store().schema_revision()
    state = "up to date" if revision == newest else "behind: run flask --app forms_app db upgrade"
    click.echo(f"db: at {revision or '(empty)'}; the code's newest is {newest} ({state})")
