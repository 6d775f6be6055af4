"""``guichet``: the editors' command line.

- ``guichet check``: validate the whole catalogue; one line per problem,
  ``file:line: field: what is wrong and how to fix it``; exit 1 on errors
  (and on warnings with ``--strict``).
- ``guichet new-service SLUG``: write both language files from a template.
- ``guichet privacy-inventory``: every personal-data field of every form (Markdown or CSV).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from . import LANGUAGES
from .build import DEFAULT_ENGINE, ENGINES
from .check import run_checks
from .model.catalogue import load_catalogue
from .model.text import SLUG_RE
from .privacy.command import privacy_inventory

TEMPLATES = Path(__file__).parent / "build" / "templates" / "new-service"


@click.group()
def main() -> None:
    """Guichet: the catalogue of city services."""


main.add_command(privacy_inventory)


@main.command()
@click.option("--catalogue", "root", default="catalogue", show_default=True, type=click.Path(file_okay=False, path_type=Path), help="The catalogue folder (mkdocs docs_dir).")
@click.option("--strict", is_flag=True, help="Fail on warnings too (stale pages, one-way related links).")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Check staleness as of this date.")
@click.option("--no-readability", is_flag=True, help="Skip the reading-level check.")
def check(root: Path, strict: bool, today, no_readability: bool) -> None:
    """Check every service page, form and list in the catalogue."""
    if not root.is_dir():
        raise click.UsageError(f"no catalogue folder at {root}")
    catalogue = load_catalogue(root)
    day = today.date() if today else dt.date.today()
    problems = run_checks(catalogue, today=day, readability_check=not no_readability)
    for problem in problems:
        click.echo(str(problem))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    pages = sum(len(s.pages) for s in catalogue.services.values())
    click.echo(f"{pages} pages, {len(catalogue.services)} services: {errors} error(s), {warnings} warning(s)", err=True)
    if errors or (strict and warnings):
        sys.exit(1)


@main.command("new-service")
@click.argument("slug")
@click.option("--catalogue", "root", default="catalogue", show_default=True, type=click.Path(file_okay=False, path_type=Path))
def new_service(slug: str, root: Path) -> None:
    """Write services/SLUG.md and services/SLUG.fr.md to fill in."""
    if not SLUG_RE.match(slug):
        raise click.BadParameter("use lower-case letters, digits and hyphens, like dog-licence", param_hint="SLUG")
    folder = root / "services"
    targets = {lang: folder / (f"{slug}.md" if lang == "en" else f"{slug}.{lang}.md") for lang in LANGUAGES}
    existing = [str(p) for p in targets.values() if p.exists()]
    if existing:
        raise click.ClickException(f"already exists: {', '.join(existing)}")
    folder.mkdir(parents=True, exist_ok=True)
    today = dt.date.today().isoformat()
    for lang, path in targets.items():
        template = (TEMPLATES / f"{lang}.md").read_text(encoding="utf-8")
        path.write_text(template.replace("{{slug}}", slug).replace("{{today}}", today), encoding="utf-8")
        click.echo(f"wrote {path}")
    click.echo("Fill in every field marked TODO, then run: guichet check")


@main.command()
@click.option("--engine", type=click.Choice(ENGINES), default=DEFAULT_ENGINE, show_default=True,
              help="What puts the theme around Guichet's pages (docs/build.md).")
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None, help="Where to write the site (default: site_dir of mkdocs.yml).")
@click.option("--config-file", "-f", "config_file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False, path_type=Path), help="The site's settings.")
@click.option("--catalogue", "docs_dir", default=None, type=click.Path(file_okay=False, path_type=Path), help="The catalogue folder (default: docs_dir of mkdocs.yml).")
@click.option("--strict", is_flag=True, help="Stop on warnings too.")
def build(engine: str, site_dir: Path | None, config_file: Path, docs_dir: Path | None, strict: bool) -> None:
    """Build the static site: check, render every page, run the engine, write the data files."""
    from .build.build import CatalogueErrors, build as build_site
    from .build.engines import EngineFailed, available
    from .build.site import load_site_config

    if not config_file.is_file():
        raise click.UsageError(f"no settings file at {config_file}")
    if not available(engine):
        raise click.ClickException(f"the {engine} engine is not installed: pip install {engine}")
    config = load_site_config(config_file, site_dir=site_dir, docs_dir=docs_dir)
    try:
        report = build_site(config, engine=engine, strict=strict)
    except CatalogueErrors as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        click.echo(f"guichet: {len(exc.problems)} problem(s) in the catalogue (listed above); run `guichet check` for the same list", err=True)
        sys.exit(1)
    except EngineFailed as exc:
        click.echo(f"guichet: the {engine} engine failed:\n{exc}", err=True)
        sys.exit(1)
    for problem in report.warnings:
        click.echo(str(problem), err=True)
    timings = ", ".join(f"{k} {v:.1f} s" for k, v in report.seconds.items())
    click.echo(f"built {report.pages} pages with {engine} into {report.site_dir} ({timings})", err=True)


@main.command()
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="The port to serve the preview on.")
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--config-file", "-f", "config_file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False, path_type=Path), help="The site's settings.")
@click.option("--catalogue", "docs_dir", default=None, type=click.Path(file_okay=False, path_type=Path), help="The catalogue folder (default: docs_dir of mkdocs.yml).")
def serve(port: int, host: str, config_file: Path, docs_dir: Path | None) -> None:
    """Preview the site while editing: each saved page shows in about a second; problems show in the page."""
    import threading

    from .build.site import load_site_config
    from .preview.server import PortTaken, make_server, watch
    from .preview.state import Preview

    if not config_file.is_file():
        raise click.UsageError(f"no settings file at {config_file}")
    config = load_site_config(config_file, docs_dir=docs_dir)
    holder: dict = {}
    try:
        server = make_server(lambda: holder["preview"], host, port)  # the port first: a taken one is said at once
    except PortTaken:
        click.echo(f"guichet serve: port {port} is taken; choose another with --port N", err=True)
        sys.exit(1)
    preview = holder["preview"] = Preview(config)
    stop = threading.Event()
    threading.Thread(target=watch, args=(preview, stop), daemon=True).start()
    click.echo(f"Previewing {config.docs_dir} on http://{host}:{port}/ (Ctrl+C to stop)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()


if __name__ == "__main__":
    main()
