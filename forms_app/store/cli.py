"""The store's commands: ``flask --app forms_app purge [--dry-run]`` erases what is past each form's
``privacy.keep_days`` (``PURGE_AFTER_DAYS`` for a service with no form), and files of no submission
(store/retention.py); ``flask --app forms_app
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
from .references import format_reference

log = logging.getLogger(__name__)
STAFF_KEEP = timedelta(days=1)  # sign-in links and staff sessions outlive their use by a day (the audit log keeps the rest)


@click.command("purge")
@click.option("--dry-run", is_flag=True, help="Count what would be erased; change nothing.")
@with_appcontext
def purge_command(dry_run: bool) -> None:
    """Erase the personal data of requests past their form's privacy.keep_days (after closing or delivery; PURGE_AFTER_DAYS
    after delivery for a service with no form), of open requests past PRIVACY_OPEN_LIMIT_DAYS a week after warning the
    admin, files of no submission, and staff sign-in links and ended sessions older than a day."""
    settings = settings_of(current_app)
    days = settings.PURGE_AFTER_DAYS
    if days < 1:
        raise click.ClickException("FORMS_PURGE_AFTER_DAYS must be at least 1.")
    store = get_store()
    inputs = current_app.extensions.get(retention.PLAN_EXTENSION)
    rules, admin_email = inputs() if inputs is not None else ({}, None)
    plan = retention.Plan(rules, days, max(0, settings.PRIVACY_OPEN_LIMIT_DAYS))
    now = store.clock()
    upload_dir = settings.UPLOAD_DIR
    orphans = retention.find_orphans(store.engine, upload_dir, now)
    if dry_run:
        due = retention.count_plan(store.engine, plan, now)
        click.echo(f"purge: {due['default']} submission(s) delivered more than {days} days ago would be erased")
        click.echo(f"purge: {due['closed'] + due['delivered']} submission(s) past their form's keep_days would be erased "
                   f"({due['closed']} after closing, {due['delivered']} after delivery)")
        click.echo(f"purge: {due['open_limit']} open request(s) past the open limit would be erased (warned a week before)")
        click.echo(f"purge: {len(orphans)} file(s) of no submission would be deleted")
        return
    warned = retention.warn_open(store.engine, plan, now, admin_email)
    done = retention.purge_plan(store.engine, plan, store.clock)
    removed = {cause: retention.delete_files(upload_dir, names) for cause, names in done.files.items()}
    late = retention.delete_files(upload_dir, done.late_replies)
    swept = retention.delete_orphans(upload_dir, orphans)
    staff_rows = store.staff.sweep(store.clock() - STAFF_KEEP)
    comments = store.feedback.forget_comments((now - timedelta(days=settings.FEEDBACK_COMMENT_KEEP_DAYS)).date())
    total, erased, events = retention.kept_counts(store.engine)
    log.info("purge submissions=%d files=%d orphans=%d staff_rows=%d warned=%d", sum(done.erased.values()),
             sum(removed.values()) + late, swept, staff_rows, len(warned.references))
    n = done.erased
    click.echo(f"purge: {n['default']} submission(s) erased, {removed['default'] + late} file(s) deleted "
               f"(delivered more than {days} days ago)")
    click.echo(f"purge: {n['closed']} submission(s) erased, {removed['closed']} file(s) deleted "
               "(closed longer ago than their form's keep_days)")
    click.echo(f"purge: {n['delivered']} submission(s) erased, {removed['delivered']} file(s) deleted "
               "(delivered longer ago than their form's keep_days)")
    click.echo(f"purge: {n['open_limit']} submission(s) erased, {removed['open_limit']} file(s) deleted "
               f"(still open {plan.open_limit_days} days past their form's keep_days, a week after the warning)")
    listed = ", ".join(format_reference(r) for r in warned.references)
    if warned.outbox_id is not None:
        click.echo(f"purge: {len(warned.references)} open request(s) will be erased from "
                   f"{warned.erase_after:%Y-%m-%d}: the admin is emailed ({listed})")
    elif warned.references:
        click.echo(f"purge: {len(warned.references)} open request(s) past the open limit are kept: set FORMS_ADMIN_EMAIL "
                   f"so the admin is warned a week before they are erased ({listed})")
    click.echo(f"purge: {total} request(s) kept for counts, {erased} of them erased; {events} status event(s) kept")
    click.echo(f"purge: {comments} page feedback comment(s) erased (older than {settings.FEEDBACK_COMMENT_KEEP_DAYS} days; the answers stay for the counts)")
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
