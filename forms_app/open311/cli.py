"""``flask --app forms_app apikey create NAME`` (prints the new key once), ``apikey revoke NAME``, ``apikey list``."""

from __future__ import annotations

import logging

import click
from flask.cli import with_appcontext

from ..store import get_store
from ..store.api_keys import DuplicateKeyName

log = logging.getLogger(__name__)


@click.group("apikey")
def apikey_command() -> None:
    """Open311 API keys: the systems that may post requests (docs/api.md)."""


@apikey_command.command("create")
@click.argument("name")
@with_appcontext
def create(name: str) -> None:
    """Make a key for NAME (a system or partner) and print it once: only its hash is kept."""
    try:
        key = get_store().api_keys.create(name)
    except (DuplicateKeyName, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    log.info("apikey created name=%s", name)
    click.echo(f"apikey: key for {name} (shown once; keep it secret):")
    click.echo(key)


@apikey_command.command("revoke")
@click.argument("name")
@with_appcontext
def revoke(name: str) -> None:
    """Stop NAME's key at once."""
    if not get_store().api_keys.revoke(name):
        raise click.ClickException(f"no key in use is named {name!r}")
    log.info("apikey revoked name=%s", name)
    click.echo(f"apikey: {name}'s key is revoked")


@apikey_command.command("list")
@with_appcontext
def list_keys() -> None:
    """Every key's name, when it was made, and whether it is revoked (never the key)."""
    for key in get_store().api_keys.all():
        state = f"revoked {key.revoked_at:%Y-%m-%d}" if key.revoked_at else "in use"
        click.echo(f"{key.name}\tcreated {key.created_at:%Y-%m-%d}\t{state}")
