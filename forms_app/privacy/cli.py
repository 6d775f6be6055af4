"""``flask --app forms_app privacy export REF [--out DIR]`` and ``privacy erase REF [--yes]``.

For the privacy officer answering an access or erasure request (docs/privacy.md, "Access, erasure and retention"). ``export``
writes ``DIR/privacy-<REF>/``: ``request-<REF>.json``, ``request-<REF>.txt`` (English then French) and
``files/``; ``erase`` erases the request's personal data now and deletes its files. Both are audited
(``privacy_export``, ``privacy_erase``, by ``admin (cli)``); what they print names counts, never content.
"""

from __future__ import annotations

import os

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from ..config import settings_of
from ..delivery.settings import mail_settings
from ..store import get_store
from ..store.privacy import RequestPrivacy
from ..store.references import format_reference, normalize_reference
from . import export as exporting
from .emails import rebuild
from .erase import erase_request

ACTOR = "admin (cli)"


def export_for(store, reference: str):
    """The ``Export`` of a request, or None for an unknown reference (shared with the staff page)."""
    held = RequestPrivacy(store).held(reference)
    if held is None:
        return None
    settings = settings_of(current_app)
    rebuilt = rebuild(store, held, mail_settings(current_app))
    return exporting.build(held, rebuilt, settings.UPLOAD_DIR, settings.TIMEZONE, store.clock(),
                           store.keyring.open_bytes)  # sealed files (store/sealing.py)


def _reference(typed: str) -> str:
    ref = normalize_reference(typed)
    if ref is None:
        raise click.ClickException(f"{typed!r} is not a reference (like ABCD-2345).")
    return ref


@click.group("privacy")
def privacy_command() -> None:
    """Access and erasure requests: everything held for a request, or erase its personal data."""


@privacy_command.command("export")
@click.argument("reference", metavar="REF")
@click.option("--out", "folder", default=".", show_default=True, type=click.Path(file_okay=False),
              help="Folder to write privacy-<REF>/ in.")
@with_appcontext
def export_command(reference: str, folder: str) -> None:
    """Write everything held for REF: answers, files, contact, history, emails, audit entries (JSON and text)."""
    ref = _reference(reference)
    store = get_store()
    found = export_for(store, ref)
    if found is None:
        raise click.ClickException(f"no request {format_reference(ref)}.")
    try:
        target = exporting.write(found, folder)
    except FileExistsError:
        raise click.ClickException(f"{os.path.join(folder, 'privacy-' + found.reference)} is there already: remove it or choose "
                                   "another --out.") from None
    RequestPrivacy(store).record_export(ref, ACTOR, "cli")
    data = found.data
    click.echo(f"privacy: request {found.reference} exported to {target} ({len(data['answers'])} answer(s), "
               f"{len(found.files)} file(s), {len(data['history'])} history item(s), {len(data['emails'])} email(s), "
               f"{len(data['audit'])} audit entries)")


@privacy_command.command("erase")
@click.argument("reference", metavar="REF")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def erase_command(reference: str, yes: bool) -> None:
    """Erase REF's personal data now (answers, contact, messages, notes, files); its reference, service,
    channel, dates and statuses stay. Cannot be undone: export first if the person asked for a copy."""
    ref = _reference(reference)
    store = get_store()
    if store.submission_id(ref) is None:
        raise click.ClickException(f"no request {format_reference(ref)}.")
    if not yes:
        click.confirm(f"Erase the personal data of request {format_reference(ref)}? This cannot be undone", abort=True)
    done = erase_request(store, settings_of(current_app).UPLOAD_DIR, ref, ACTOR, "cli")
    if done is None:
        raise click.ClickException(f"no request {format_reference(ref)}.")
    _, removed = done
    click.echo(f"privacy: request {format_reference(ref)} erased ({removed} file(s) deleted); "
               "its reference, service, dates and statuses stay")


def register_commands(app: Flask) -> None:
    app.cli.add_command(privacy_command)
