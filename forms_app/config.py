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


ENVIRONMENTS = ("development", "production", "testing")  # testing: as development, for test servers


@dataclass(frozen=True)
class Setting:
    """One setting. ``kind`` is what its value must be (checked at start-up,
    see ``config_checks``): a ``Kind`` below, or None to go by the default's type."""

    key: str
    default: Any
    help: str
    kind: Kind | None = None


@dataclass(frozen=True)
class Kind:
    name: str  # for the error message: "a whole number", "text", …
    types: tuple[type, ...]
    optional: bool = False  # None (unset) is allowed
    choices: tuple[str, ...] = ()


TEXT = Kind("text", (str,))
OPTIONAL_TEXT = Kind("text", (str,), optional=True)
WHOLE = Kind("a whole number", (int,))
OPTIONAL_WHOLE = Kind("a whole number", (int,), optional=True)
SECONDS = Kind("a number of seconds", (int, float))
FLAG = Kind("true or false", (bool,))


def kind_of(setting: Setting) -> Kind:
    if setting.kind is not None:
        return setting.kind
    default = setting.default
    if isinstance(default, bool):
        return FLAG
    if isinstance(default, int):
        return WHOLE
    if isinstance(default, float):
        return SECONDS
    return TEXT if isinstance(default, str) else OPTIONAL_TEXT


SETTINGS: list[Setting] = [
    Setting("SECRET_KEY", INSECURE_SECRET, "Signs sessions, CSRF tokens, confirmation links and staff links. Required in production: at least 32 random-looking characters (`python -c 'import secrets; print(secrets.token_urlsafe(32))'`); the app refuses to start with the default, a short or repetitive value, or one that is not text."),
    Setting("ENV", "development", "`development` or `production` (lower case; `testing` behaves as development). `production` turns on the safety checks: the app refuses to start with a weak `SECRET_KEY`, CSRF checks off or `PUBLIC_URL` unset or not https; and Secure cookies, HSTS.", Kind("development or production", (str,), choices=ENVIRONMENTS)),
    Setting("SITE_DIR", "site", "The built static site (mkdocs `site_dir`), served at `/` when `SERVE_SITE` is on."),
    Setting("CATALOGUE_DIR", "catalogue", "The catalogue (mkdocs `docs_dir`): service pages, forms, taxonomy."),
    Setting("SERVE_SITE", True, "Serve the static site from `SITE_DIR` too, so one port runs everything (the demo)."),
    Setting("OVERRIDES_DIR", "overrides", "The site theme's `overrides/` folder: the app renders its shared header and footer partials and serves its `assets/`."),
    Setting("MAX_CONTENT_LENGTH", 25 * 1024 * 1024, "The largest request, files included, in bytes; a larger one gets the 'too large' page (413)."),
    Setting("HSTS_SECONDS", None, "`Strict-Transport-Security` max-age. Unset: a year in production, none otherwise; 0 turns it off.", OPTIONAL_WHOLE),
    Setting("PROXY_FIX_COUNT", 0, "How many trusted reverse proxies stand in front (X-Forwarded-For/-Proto/-Host). Rate limits count per client, so set it behind a proxy."),
    Setting("WTF_CSRF_ENABLED", True, "CSRF tokens on every POST (Flask-WTF). Production refuses to start with it off."),
    Setting("WTF_CSRF_CHECK_DEFAULT", True, "Check the CSRF token of every POST (Flask-WTF). Production refuses to start with it off."),
    Setting("WTF_CSRF_TIME_LIMIT", None, "Seconds a form's CSRF token lasts; unset: as long as the browser session, so a slow resident is not timed out (WCAG 2.2.1).", OPTIONAL_WHOLE),
    Setting("RATELIMIT_ENABLED", True, "Rate limits on form submissions (Flask-Limiter)."),
    Setting("RATELIMIT_STORAGE_URI", "worker-memory://", "Where rate-limit counters live. `worker-memory://` counts in each worker process (like Flask-Limiter's `memory://`, without its timer thread per request); with several workers or servers use `redis://host:6379`, shared by all."),
    Setting("RATELIMIT_SUBMIT", "10 per minute; 100 per day", "How often one client may submit one form (POST), Flask-Limiter syntax."),
    Setting("STATUS_RATE_LIMIT", "30 per minute; 300 per day", "How many status lookups (`/status/?ref=…`, both languages together) one client may make, Flask-Limiter syntax, counted in `RATELIMIT_STORAGE_URI` like the form limits. More get the 'too many' page (429)."),
    Setting("SEARCH_INDEX", "", "The search index the site build writes; empty means `<SITE_DIR>/search.sqlite3`. When the file is missing the app builds the index in memory from the catalogue at start-up."),
    Setting("SEARCH_LIMIT", 20, "The most results one search shows (page and `format=json`)."),
    Setting("SEARCH_COUNT_MISSES", True, "Count searches that found nothing (normalised text, language, count, last day; nothing about the person) for `flask search-report`."),
    # Storage and delivery (forms_app/store, forms_app/delivery, forms_app/status)
    Setting("DATABASE_URL", None, "SQLAlchemy URL of the submissions database, like `postgresql+psycopg://guichet@db/guichet`. Unset: the SQLite file `instance/guichet.sqlite3` (WAL, synchronous=FULL)."),
    Setting("UPLOAD_DIR", None, "Where uploaded files are kept (the web layer saves them, the mail worker attaches them). Unset: `instance/uploads`."),
    Setting("PUBLIC_URL", None, "The app's public address, for links in emails (staff status links, the resident's status page), like `https://services.city.example`. Required in production, and https. Unset in development: the address the form was sent to (`scripts/demo` sets it to the port it serves)."),
    Setting("TIMEZONE", "America/Toronto", "IANA time zone of dates shown to residents and staff (status pages, emails)."),
    Setting("MAIL_FROM", "Guichet <no-reply@guichet.invalid>", "Sender of every email (`Name <address>`); its domain also names Message-IDs. Bounces come back to it, so use a mailbox someone reads."),
    Setting("ADMIN_EMAIL", None, "Who is alerted when a message cannot be delivered. Unset: `site.admin_email` from the catalogue's taxonomy."),
    Setting("SMTP_HOST", None, "Outgoing mail server. Unset: `flask deliver` starts a local mail catcher that saves messages in `MAIL_DIR` (shown at `/dev/mail/`); production refuses to run without it."),
    Setting("SMTP_PORT", None, "Mail server port. Unset: 465 for `ssl`, 587 for `starttls`, 25 for `none`.", OPTIONAL_WHOLE),
    Setting("SMTP_SECURITY", "starttls", "`starttls`, `ssl` (implicit TLS) or `none` (only for a relay on the same host). Certificates are verified.", Kind("starttls, ssl or none", (str,), choices=("starttls", "ssl", "none"))),
    Setting("SMTP_USERNAME", None, "Login for the mail server, if it needs one."),
    Setting("SMTP_PASSWORD", None, "Password for `SMTP_USERNAME`."),
    Setting("SMTP_TIMEOUT", 30, "Seconds to wait for the mail server before counting the try as failed (and retrying later).", SECONDS),
    Setting("DELIVERY_POLL_INTERVAL", 5, "Seconds `flask deliver` waits between looks at the outbox.", SECONDS),
    Setting("DELIVERY_BATCH_SIZE", 50, "Outbox rows one worker claims at a time (sent over one SMTP connection)."),
    Setting("DELIVERY_LEASE", 600, "Seconds a worker holds the rows it claimed; a row whose worker died is sent again after this. Must exceed 3 × `SMTP_TIMEOUT`.", SECONDS),
    Setting("RETRY_FIRST_DELAY", 1800, "Seconds before the first retry after a temporary failure (4xx, server down, timeout).", SECONDS),
    Setting("RETRY_DELAY", 9000, "Seconds between later retries.", SECONDS),
    Setting("RETRY_GIVE_UP_AFTER", 432000, "Seconds after which an undelivered message is given up (5 days) and the admin alerted. 5xx replies fail at once.", SECONDS),
    Setting("PURGE_AFTER_DAYS", 90, "Days after a submission reached its department's mailbox before `flask purge` erases its answers, the resident's addresses and its files from Guichet (the department keeps its own copy). Reference and status history stay."),
    Setting("MAIL_DIR", None, "Where the local mail catcher saves `.eml` files, and, in development without `PUBLIC_URL`, where the app records the address it is served at for the links `flask deliver` writes. Unset: `instance/mail`."),
    Setting("MAIL_CATCHER_PORT", 0, "Port of the local mail catcher on 127.0.0.1; 0 picks a free one."),
    Setting("STATUS_LINK_MAX_AGE", 7776000, "Seconds the staff status links in department emails keep working (90 days)."),
]


def defaults() -> dict[str, Any]:
    return {s.key: s.default for s in SETTINGS}
