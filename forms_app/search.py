"""Search: ``GET /search?q=…&lang=en|fr[&format=json]`` (also ``/fr/search``).

The header's plain GET form lands here, so search works without
JavaScript. The index is the file the site build wrote
(``SEARCH_INDEX``, default ``<SITE_DIR>/search.sqlite3``); when it is not
there (tests, a fresh clone) it is built in memory from the catalogue at
start-up. The JSON answer is the contract of docs/search.md.

Searches that found no City service (no result, only an ``elsewhere``
answer, only related pages) are counted through the store
(``Store.misses``; the text normalised first, names and identifiers masked,
see ``guichet.search.misses``), at most ``SEARCH_MISS_RATE_LIMIT`` per
client in Flask-Limiter's storage (beyond it the search still answers, it
is only not counted); ``flask --app forms_app search-report`` lists them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
from flask import Blueprint, Flask, current_app, jsonify, render_template, request
from flask.cli import with_appcontext
from flask_limiter.util import get_remote_address
from limits import parse_many

from guichet.search import IndexProblem, SearchIndex, SearchResponse, build_bytes, misses
from guichet.search.page import results_json, results_page
from guichet.urls import search_url

from .catalogue import get_catalogue
from .config import settings_of
from .config_error import ConfigError
from .protection import LIMITER
from .pages import own_search
from .routing import localized
from .store import get_store

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
    try:
        limits = parse_many(settings_of(app).SEARCH_MISS_RATE_LIMIT)  # parsed once, not per request
    except ValueError as exc:
        raise ConfigError(f"SEARCH_MISS_RATE_LIMIT: {exc}; write it like '20 per hour; 60 per day'") from exc
    app.extensions[EXTENSION] = {"index": open_index(app), "miss_limits": limits}
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


def may_count_miss() -> bool:
    """One more miss from this client fits ``SEARCH_MISS_RATE_LIMIT`` (and is taken from it)."""
    limiter = current_app.extensions[LIMITER]
    if not limiter.enabled:
        return True
    key = get_remote_address()
    return all([limiter.limiter.hit(item, "search-miss", key) for item in current_app.extensions[EXTENSION]["miss_limits"]])


def count_miss(response: SearchResponse) -> None:
    """Count a search that found no City service, when counting is on and the client may add one."""
    if response.query and response.kind != "results" and settings_of(current_app).SEARCH_COUNT_MISSES and may_count_miss():
        get_store().misses.count(misses.normalise(response.query), response.lang, response.kind)  # nothing identifying


@localized(bp, "/search", lang_in_query=True, methods=["GET"])  # the header's form sends lang=
@own_search
def search(lang: str):
    state, settings = current_app.extensions[EXTENSION], settings_of(current_app)
    as_json = request.args.get("format") == "json"
    response = state["index"].search(request.args.get("q", ""), lang, settings.SEARCH_LIMIT)
    root = request.script_root
    if as_json:  # results as the resident types: not counted
        reply = jsonify(results_json(response, root, **site_facts(response.lang)))
        reply.headers["Cache-Control"] = "public, max-age=300"
        return reply
    count_miss(response)
    page = results_page(response, search_url=search_url(root or "/"), root=root, **site_facts(response.lang))
    return render_template("search/results.html", page=page, lang=response.lang)


@click.command("search-report")
@with_appcontext
@click.option("--limit", default=20, show_default=True, help="How many queries to list.")
@click.option("--months", default=1, show_default=True, help="How many months to count, this one included.")
@click.option("--kind", type=click.Choice(misses.KINDS), help="Only one kind of miss.")
def search_report(limit: int, months: int, kind: str | None) -> None:
    """List what residents searched for and no City service answered: no result, only an answer
    from elsewhere (another government), only related pages."""
    if not settings_of(current_app).SEARCH_COUNT_MISSES:
        raise click.ClickException("SEARCH_COUNT_MISSES is off: no searches are counted.")
    from .store.misses import months_before

    since = months_before(dt.date.today(), max(months, 1) - 1)
    store = get_store()
    click.echo(misses.report(store.misses.top(limit, since, kind), store.misses.totals(since)))
