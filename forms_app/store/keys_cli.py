"""``flask --app forms_app keys``: the encryption keys of what residents typed (``sealing.py``).

- ``keys new`` prints a new Fernet key (nothing is stored);
- ``keys rotate`` seals every value and file again with the newest key (``rotation.py``), in
  batches, while the app runs; audited (``keys_rotated``: counts only);
- ``keys check`` counts what still needs an older key (or is clear, from before revision 0007):
  when it prints ``nothing``, the old keys can be removed from the settings. Exit status 1 otherwise.

Changing keys: put the new key first in ``ENCRYPTION_KEYS`` (or the key file), restart the app and
the worker, run ``keys rotate``, then ``keys check``; once it says nothing, remove the old key
and restart again.
"""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from ..config import settings_of
from . import rotation
from .current import get_store
from .sealing import new_key

ACTOR = "admin (cli)"


@click.group("keys")
def keys_command() -> None:
    """Encryption keys of residents' answers, contacts, replies and files."""


@keys_command.command("new")
def new_command() -> None:
    """Print a new encryption key (put it first in FORMS_ENCRYPTION_KEYS, then run keys rotate)."""
    click.echo(new_key())


@keys_command.command("rotate")
@with_appcontext
def rotate_command() -> None:
    """Seal every stored value and file with the newest key (safe while the app runs)."""
    store = get_store()
    tally = rotation.rotate(store, settings_of(current_app).UPLOAD_DIR)
    for line in tally.lines("sealed again with the newest key") or ["keys: everything was already under the newest key"]:
        click.echo(line)
    if tally.skipped:
        click.echo(f"keys: {tally.skipped} row(s) changed while rotating: run keys rotate again")
    store.audit.record(ACTOR, "keys_rotated", None,
                       f"values={tally.total_values} indexed={tally.indexed} files={tally.files} skipped={tally.skipped}")


@keys_command.command("check")
@with_appcontext
def check_command() -> None:
    """Count the values and files that still need a key other than the newest (exit status 1 if any)."""
    tally = rotation.check(get_store(), settings_of(current_app).UPLOAD_DIR)
    lines = tally.lines("need a key other than the newest (run keys rotate)")
    if not lines:
        click.echo("keys: nothing needs a key other than the newest: the older keys can be removed")
        return
    for line in lines:
        click.echo(line)
    raise SystemExit(1)
