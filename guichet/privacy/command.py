"""``guichet privacy-inventory``: the data inventory, as Markdown or CSV (see ``inventory.py``)."""

from __future__ import annotations

from pathlib import Path

import click

from .. import LANGUAGES
from ..model.catalogue import load_catalogue
from . import inventory


@click.command("privacy-inventory")
@click.option("--catalogue", "root", default="catalogue", show_default=True, type=click.Path(file_okay=False, path_type=Path), help="The catalogue folder.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "csv"]), default="markdown", show_default=True)
@click.option("--lang", type=click.Choice(list(LANGUAGES)), default="en", show_default=True, help="The language of labels, purposes and notices.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write here instead of the standard output.")
def privacy_inventory(root: Path, fmt: str, lang: str, out: Path | None) -> None:
    """Every personal-data field of every form: type, purpose, authority, retention, recipients, storage, encryption."""
    if not root.is_dir():
        raise click.UsageError(f"no catalogue folder at {root}")
    catalogue = load_catalogue(root)
    if catalogue.errors:
        for problem in catalogue.errors:
            click.echo(str(problem), err=True)
        raise click.ClickException("the catalogue has errors (above); fix them first (guichet check)")
    found = inventory.rows(catalogue, lang)
    text = inventory.as_csv(found) if fmt == "csv" else inventory.as_markdown(catalogue, found)
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8", newline="")
        click.echo(f"{len(found)} personal-data fields in {len({r.service for r in found})} forms written to {out}", err=True)
