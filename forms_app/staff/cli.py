"""``flask --app forms_app staff add|list|remove`` and ``flask --app forms_app audit``.

* ``staff add EMAIL --department D [--department D2] [--admin]``: register a staff member
  (or bring one back), for departments of ``catalogue/taxonomy.yml``; ``--front-desk``
  registers one of no department (a 311 agent, a counter clerk), who finds any request
  by its reference (``lookup.py``) and enters requests for residents;
* ``staff list``: every registered member, their departments, administrator or not;
* ``staff remove EMAIL``: end their access and every session they have;
* ``audit [--reference REF] [--limit N]``: the audit log, newest first, times in ``TIMEZONE``.

Adding and removing are audited (``StaffDirectory``: ``staff_added``, ``staff_removed``,
by ``admin (cli)``). These print for an administrator at a terminal, in English.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from ..catalogue import get_catalogue
from ..config import settings_of
from ..store import get_store
from ..store.addresses import is_single_address
from ..store.references import format_reference
from .digest import digest_command


@click.group("staff")
def staff_command() -> None:
    """Who may use the staff workspace: add, list, remove."""


@staff_command.command("add")
@click.argument("email")
@click.option("--department", "departments", multiple=True, metavar="ID",
              help="A department id of catalogue/taxonomy.yml (repeat for several).")
@click.option("--admin", is_flag=True, help="An administrator: sees every department and the audit log.")
@click.option("--front-desk", is_flag=True,
              help="No department: finds any request by its reference and enters requests for residents (311, counter).")
@with_appcontext
def add_command(email: str, departments: tuple[str, ...], admin: bool, front_desk: bool) -> None:
    """Register EMAIL for the workspace (its departments are added to those it has)."""
    if not is_single_address(email.strip()):
        raise click.ClickException(f"{email!r} is not one email address (like name@city.example).")
    known = sorted(get_catalogue().taxonomy.departments)
    unknown = [d for d in departments if d not in known]
    if unknown:
        raise click.ClickException(f"unknown department {', '.join(unknown)}; one of: {', '.join(known)}")
    if not departments and not admin and not front_desk:
        raise click.ClickException(f"give at least one --department (one of: {', '.join(known)}), --front-desk or --admin")
    member = get_store().staff.add(email, list(departments), is_admin=admin)
    click.echo(f"staff: {member.email} added ({_describe(member)})")


@staff_command.command("list")
@with_appcontext
def list_command() -> None:
    """Every registered staff member: address, departments, administrator."""
    members = get_store().staff.members()
    if not members:
        click.echo("staff: nobody is registered yet (flask --app forms_app staff add EMAIL --department ID)")
    for member in members:
        click.echo(f"{member.email}\t{','.join(member.departments) or '-'}\t{'admin' if member.is_admin else ''}".rstrip())


@staff_command.command("remove")
@click.argument("email")
@with_appcontext
def remove_command(email: str) -> None:
    """End EMAIL's access to the workspace, and every session it has now."""
    if not get_store().staff.remove(email):
        raise click.ClickException(f"{email.strip().lower()} is not a registered staff member")
    click.echo(f"staff: {email.strip().lower()} removed; its sessions ended")


def _describe(member) -> str:
    parts = [f"departments: {', '.join(member.departments)}"] if member.departments else []
    if member.is_admin:
        parts.append("administrator")
    return "; ".join(parts) or "front desk: finds any request by its reference, enters requests for residents"


@click.command("audit")
@click.option("--reference", default=None, help="Only the entries about this request (like ABCD-2345).")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 100000), help="How many entries, newest first.")
@with_appcontext
def audit_command(reference: str | None, limit: int) -> None:
    """Print the audit log, newest first: time, who, what, which request, detail."""
    zone = ZoneInfo(settings_of(current_app).TIMEZONE)
    entries = get_store().audit.entries(reference=reference, limit=limit)
    if not entries:
        click.echo("audit: no entries" + (f" about {reference}" if reference else ""))
    for e in entries:
        ref = format_reference(e.reference) if e.reference else "-"
        click.echo(f"{e.at.astimezone(zone):%Y-%m-%d %H:%M:%S %Z}\t{e.actor}\t{e.action}\t{ref}\t{e.detail}".rstrip())


def register_commands(app: Flask) -> None:
    app.cli.add_command(staff_command)
    app.cli.add_command(audit_command)
    app.cli.add_command(digest_command)
