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
    Setting("SECRET_KEY", INSECURE_SECRET, "Signs sessions, CSRF tokens, confirmation links and staff links. Required in production; the app refuses to start with the default."),
    Setting("ENV", "development", "`production` turns on the production safety checks (real secret key, Secure cookies, HSTS)."),
    Setting("SITE_DIR", "site", "The built static site (mkdocs `site_dir`), served at `/` when `SERVE_SITE` is on."),
    Setting("CATALOGUE_DIR", "catalogue", "The catalogue (mkdocs `docs_dir`): service pages, forms, taxonomy."),
    Setting("SERVE_SITE", True, "Serve the static site from `SITE_DIR` too, so one port runs everything (the demo)."),
    Setting("OVERRIDES_DIR", "overrides", "The site theme's `overrides/` folder: the app renders its shared header and footer partials and serves its `assets/`."),
    Setting("MAX_CONTENT_LENGTH", 25 * 1024 * 1024, "The largest request, files included, in bytes; a larger one gets the 'too large' page (413)."),
    Setting("HSTS_SECONDS", None, "`Strict-Transport-Security` max-age. Unset: a year in production, none otherwise; 0 turns it off."),
    Setting("PROXY_FIX_COUNT", 0, "How many trusted reverse proxies stand in front (X-Forwarded-For/-Proto/-Host). Rate limits count per client, so set it behind a proxy."),
    Setting("WTF_CSRF_ENABLED", True, "CSRF tokens on every POST (Flask-WTF). Production refuses to start with it off."),
    Setting("WTF_CSRF_TIME_LIMIT", None, "Seconds a form's CSRF token lasts; unset: as long as the browser session, so a slow resident is not timed out (WCAG 2.2.1)."),
    Setting("RATELIMIT_ENABLED", True, "Rate limits on form submissions (Flask-Limiter)."),
    Setting("RATELIMIT_STORAGE_URI", "worker-memory://", "Where rate-limit counters live. `worker-memory://` counts in each worker process (like Flask-Limiter's `memory://`, without its timer thread per request); with several workers or servers use `redis://host:6379`, shared by all."),
    Setting("RATELIMIT_SUBMIT", "10 per minute; 100 per day", "How often one client may submit one form (POST), Flask-Limiter syntax."),
    Setting("SEARCH_INDEX", "", "The search index the site build writes; empty means `<SITE_DIR>/search.sqlite3`. When the file is missing the app builds the index in memory from the catalogue at start-up."),
    Setting("SEARCH_LIMIT", 20, "The most results one search shows (page and `format=json`)."),
    Setting("SEARCH_COUNT_MISSES", True, "Count searches that found nothing (normalised text, language, count, last day; nothing about the person) for `flask search-report`."),
    # Storage and delivery (forms_app/store, forms_app/delivery, forms_app/status)
    Setting("DATABASE_URL", None, "SQLAlchemy URL of the submissions database, like `postgresql+psycopg://guichet@db/guichet`. Unset: the SQLite file `instance/guichet.sqlite3` (WAL, synchronous=FULL)."),
    Setting("UPLOAD_DIR", None, "Where uploaded files are kept (the web layer saves them, the mail worker attaches them). Unset: `instance/uploads`."),
    Setting("PUBLIC_URL", "http://127.0.0.1:5000", "The app's public address, for links in emails (staff status links, the resident's status page). No trailing slash needed."),
    Setting("TIMEZONE", "America/Toronto", "IANA time zone of dates shown to residents and staff (status pages, emails)."),
    Setting("MAIL_FROM", "Guichet <no-reply@guichet.invalid>", "Sender of every email (`Name <address>`); its domain also names Message-IDs. Bounces come back to it, so use a mailbox someone reads."),
    Setting("ADMIN_EMAIL", None, "Who is alerted when a message cannot be delivered. Unset: `site.admin_email` from the catalogue's taxonomy."),
    Setting("SMTP_HOST", None, "Outgoing mail server. Unset: `flask deliver` starts a local mail catcher that saves messages in `MAIL_DIR` (shown at `/dev/mail/`); production refuses to run without it."),
    Setting("SMTP_PORT", None, "Mail server port. Unset: 465 for `ssl`, 587 for `starttls`, 25 for `none`."),
    Setting("SMTP_SECURITY", "starttls", "`starttls`, `ssl` (implicit TLS) or `none` (only for a relay on the same host). Certificates are verified."),
    Setting("SMTP_USERNAME", None, "Login for the mail server, if it needs one."),
    Setting("SMTP_PASSWORD", None, "Password for `SMTP_USERNAME`."),
    Setting("SMTP_TIMEOUT", 30, "Seconds to wait for the mail server before counting the try as failed (and retrying later)."),
    Setting("DELIVERY_POLL_INTERVAL", 5, "Seconds `flask deliver` waits between looks at the outbox."),
    Setting("DELIVERY_BATCH_SIZE", 50, "Outbox rows one worker claims at a time (sent over one SMTP connection)."),
    Setting("DELIVERY_LEASE", 600, "Seconds a worker holds the rows it claimed; a row whose worker died is sent again after this. Must exceed 3 × `SMTP_TIMEOUT`."),
    Setting("RETRY_FIRST_DELAY", 1800, "Seconds before the first retry after a temporary failure (4xx, server down, timeout)."),
    Setting("RETRY_DELAY", 9000, "Seconds between later retries."),
    Setting("RETRY_GIVE_UP_AFTER", 432000, "Seconds after which an undelivered message is given up (5 days) and the admin alerted. 5xx replies fail at once."),
    Setting("PURGE_AFTER_DAYS", 90, "Days after a submission reached its department's mailbox before `flask purge` erases its answers, the resident's addresses and its files from Guichet (the department keeps its own copy). Reference and status history stay."),
    Setting("MAIL_DIR", None, "Where the local mail catcher saves `.eml` files. Unset: `instance/mail`."),
    Setting("MAIL_CATCHER_PORT", 0, "Port of the local mail catcher on 127.0.0.1; 0 picks a free one."),
    Setting("STATUS_LINK_MAX_AGE", 7776000, "Seconds the staff status links in department emails keep working (90 days)."),
]


def defaults() -> dict[str, Any]:
    return {s.key: s.default for s in SETTINGS}
