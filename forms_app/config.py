"""Settings: every ``FORMS_*`` key, its default and what it does, in one place.

Every key is listed once in ``SETTINGS`` below (add a row when you add a
setting); ``docs/settings.md`` shows the same table (a test keeps the two
in step). Values come from ``create_app(test_config)``
or from the environment as ``FORMS_<KEY>`` (``app.config.from_prefixed_env``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

INSECURE_SECRET = "dev-only-insecure-secret"


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    help: str


SETTINGS: list[Setting] = [
    Setting("SECRET_KEY", INSECURE_SECRET, "Signs sessions, CSRF tokens and staff links. Required in production; the app refuses to start with the default."),
    Setting("ENV", "development", "`production` turns on the production safety checks (real secret key, Secure cookies, HSTS)."),
    Setting("SITE_DIR", "site", "The built static site (mkdocs `site_dir`), served at `/` when `SERVE_SITE` is on."),
    Setting("CATALOGUE_DIR", "catalogue", "The catalogue (mkdocs `docs_dir`): service pages, forms, taxonomy."),
    Setting("SERVE_SITE", True, "Serve the static site from `SITE_DIR` too, so one port runs everything (the demo)."),
    Setting("SEARCH_INDEX", "", "The search index the site build writes; empty means `<SITE_DIR>/search.sqlite3`. When the file is missing the app builds the index in memory from the catalogue at start-up."),
    Setting("SEARCH_LIMIT", 20, "The most results one search shows (page and `format=json`)."),
    Setting("SEARCH_COUNT_MISSES", True, "Count searches that found nothing (normalised text, language, count, last day; nothing about the person) for `flask search-report`."),
]


def defaults() -> dict[str, Any]:
    return {s.key: s.default for s in SETTINGS}
