"""``flask --app forms_app status revoke|link|reopen REF``: an administrator's hold on staff links.

* ``revoke REF``: every staff link of the request made until now stops
  working (a forwarded email, a link seen in a log).
* ``link REF [--lang fr]``: print a fresh staff link (after a revocation, or
  for a link that expired), to send to the department.
* ``reopen REF``: set a completed or closed request back to "in progress",
  so its links work again (the resident is emailed, as for any change).
"""

from __future__ import annotations

import time

import click
from flask import current_app
from flask.cli import with_appcontext

from guichet import LANGUAGES
from guichet.urls import staff_status_url

from ..store import format_reference, get_store
from .links import FINAL_STATUSES, make_staff_token

MAX_CLOCK_WAIT = 2.0  # seconds `link` waits so its token is younger than a revocation


@click.group("status")
def status_command() -> None:
    """Staff status links: revoke them, make a new one, reopen a closed request."""


def _view(reference: str):
    view = get_store().status_of(reference)
    if view is None:
        raise click.ClickException("No request has this reference (8 letters and numbers, like ABCD-2345).")
    return view


@status_command.command("revoke")
@click.argument("reference")
@with_appcontext
def revoke_command(reference: str) -> None:
    """Make every staff link of REFERENCE made until now stop working."""
    view = _view(reference)
    when = get_store().revoke_links(view.reference)
    shown = format_reference(view.reference)
    click.echo(f"status: the staff links of {shown} made until {when:%Y-%m-%d %H:%M:%S} UTC no longer work. "
               f"A new one: flask --app forms_app status link {shown}")


@status_command.command("link")
@click.argument("reference")
@click.option("--lang", type=click.Choice(LANGUAGES), default=LANGUAGES[0], show_default=True, help="The page's language.")
@with_appcontext
def link_command(reference: str, lang: str) -> None:
    """Print a fresh staff link for REFERENCE."""
    view = _view(reference)
    shown = format_reference(view.reference)
    if view.current.status in FINAL_STATUSES:
        raise click.ClickException(f"{shown} is {view.current.status}: its links do not work. "
                                   f"To change it again: flask --app forms_app status reopen {shown}")
    if view.links_revoked_at is not None:
        wait = int(view.links_revoked_at.timestamp()) + 1 - time.time()  # tokens carry whole seconds
        if wait > MAX_CLOCK_WAIT:
            raise click.ClickException("The revocation is dated in the future: check this machine's clock.")
        if wait > 0:
            time.sleep(wait)
    token = make_staff_token(current_app.config["SECRET_KEY"], view.reference)
    from ..delivery.settings import mail_settings  # here: delivery imports status

    # Where the emails' links point: PUBLIC_URL, or in development (unset) the address the app is served at.
    click.echo(staff_status_url(lang, token, mail_settings(current_app).link_base()))


@status_command.command("reopen")
@click.argument("reference")
@with_appcontext
def reopen_command(reference: str) -> None:
    """Set a completed or closed REFERENCE back to in progress, so its links work again."""
    view = _view(reference)
    shown = format_reference(view.reference)
    if view.current.status not in FINAL_STATUSES:
        click.echo(f"status: {shown} is already open ({view.current.status}); nothing changed.")
        return
    get_store().set_status(view.reference, "in_progress", by="admin")
    click.echo(f"status: {shown} is in progress again; its links that were not revoked work again.")
