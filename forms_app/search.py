"""Search: ``GET /search?q=…&lang=en|fr[&format=json]`` (also ``/fr/search``).

The header's plain GET form lands here, so search works without
JavaScript. The index is the file the site build wrote
(``SEARCH_INDEX``, default ``<SITE_DIR>/search.sqlite3``); when it is not
there (tests, a fresh clone) it is built in memory from the catalogue at
start-up. Searches that find nothing are counted through the store
(``Store.misses``; the text normalised first, no personal data, see
``guichet.search.misses``); ``flask --app forms_app search-report`` lists them.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask import Blueprint, Flask, current_app, jsonify, render_template, request
from flask.cli import with_appcontext

from guichet.search import IndexProblem, SearchIndex, build_bytes, misses
from guichet.search.page import results_page
from guichet.urls import search_url

from .catalogue import get_catalogue
from .config import settings_of
from .store import get_store
from .config_error import ConfigError
from .routing import localized

bp = Blueprint("search", __name__)

EXTENSION = "guichet_search"


def index_path(app: Flask) -> Path:
    settings = settings_of(app)
    return Path(settings.SEARCH_INDEX) if settings.SEARCH_INDEX else Path(settings.SITE_DIR) / "search.sqlite3"


def open_index(app: Flask) -> SearchIndex:
    path = index_path(app)
    if path.is_file():
        app.logger.info("search: reading the index %s", path)
        try:
            return SearchIndex.open(path)
        except IndexProblem as exc:
            raise ConfigError(f"SEARCH_INDEX: {exc}") from exc
    app.logger.info("search: no index at %s; building one in memory from the catalogue", path)
    with app.app_context():
        catalogue = get_catalogue()
    return SearchIndex.from_bytes(build_bytes(catalogue), "search index built at start-up")


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = {"index": open_index(app)}
    app.register_blueprint(bp)
    app.cli.add_command(search_report)


def site_facts(lang: str) -> dict:
    """The help line from the taxonomy, for the no-results help."""
    site = get_catalogue().taxonomy.site  # the catalogue room refuses to start without a taxonomy
    return {
        "help_phone": site.help_phone,
        "help_tty": site.help_tty,
        "help_hours": site.help_hours.get(lang),
    }


@localized(bp, "/search", lang_in_query=True, methods=["GET"])  # the header's form sends lang=
def search(lang: str):
    state, settings = current_app.extensions[EXTENSION], settings_of(current_app)
    as_json = request.args.get("format") == "json"
    response = state["index"].search(request.args.get("q", ""), lang, settings.SEARCH_LIMIT)
    if response.query and not response.results and not as_json and settings.SEARCH_COUNT_MISSES:
        get_store().misses.count(misses.normalise(response.query), response.lang)  # normalised: nothing identifying
    root = request.script_root
    if as_json:
        reply = jsonify(response.as_json(root))
        reply.headers["Cache-Control"] = "public, max-age=300"
        return reply
    page = results_page(response, search_url=search_url(root or "/"), root=root, **site_facts(response.lang))
    return render_template("search/results.html", page=page, lang=response.lang)


@click.command("search-report")
@with_appcontext
@click.option("--limit", default=20, show_default=True, help="How many queries to list.")
def search_report(limit: int) -> None:
    """List the most frequent searches that found nothing."""
    if not settings_of(current_app).SEARCH_COUNT_MISSES:
        raise click.ClickException("SEARCH_COUNT_MISSES is off: no searches are counted.")
    click.echo(misses.report(get_store().misses.top(limit)))
