"""Settings: every ``FORMS_*`` key, its type, its default and what it does, in one place.

``Settings`` below is the one list (add a field when you add a setting):
a pydantic model, strict, so ``12345`` is not text and ``true`` is not a
number. ``docs/settings.md`` is generated from it (``settings_doc``; a test
keeps the two in step). Values come from ``create_app(test_config)`` or
from the environment as ``FORMS_<KEY>`` (``app.config.from_prefixed_env``:
JSON when a value parses as JSON). ``create_app`` validates them once
(``config_checks.problems``: one line per wrong setting, no traceback) and
keeps the typed result; code reads it with ``settings_of(app)``, never
casting a raw ``app.config`` value.
"""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

INSECURE_SECRET = "dev-only-insecure-secret"

Environment = Literal["development", "production", "testing"]  # testing: as development, for test servers
EXTENSION = "guichet.settings"


def setting(default: Any, help: str, kind: str | None = None) -> Any:  # noqa: A002 - the docs' word
    """One setting's default and help; ``kind`` names its type in errors when the type's own name would not do."""
    return Field(default, description=help, json_schema_extra={"kind": kind} if kind else None)


class Settings(BaseModel):
    """Every setting, typed. Other Flask and extension keys pass through untouched."""

    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)

    SECRET_KEY: str = setting(INSECURE_SECRET, "Signs sessions, CSRF tokens, confirmation links and staff links. Required in production: at least 32 random-looking characters (`python -c 'import secrets; print(secrets.token_urlsafe(32))'`); the app refuses to start with the default, a short or repetitive value, or one that is not text.")
    ENV: Environment = setting("development", "`development` or `production` (lower case; `testing` behaves as development). `production` turns on the safety checks: the app refuses to start with a weak `SECRET_KEY`, CSRF checks off or `PUBLIC_URL` unset or not https; and Secure cookies, HSTS.", kind="development or production")
    SITE_DIR: str = setting("site", "The built static site (mkdocs `site_dir`), served at `/` when `SERVE_SITE` is on.")
    CATALOGUE_DIR: str = setting("catalogue", "The catalogue (mkdocs `docs_dir`): service pages, forms, taxonomy.")
    SERVE_SITE: bool = setting(True, "Serve the static site from `SITE_DIR` too, so one port runs everything (the demo).")
    OVERRIDES_DIR: str = setting("overrides", "The site theme's `overrides/` folder: the app renders its shared header and footer partials and serves its `assets/`.")
    MAX_CONTENT_LENGTH: int = setting(25 * 1024 * 1024, "The largest request, files included, in bytes; a larger one gets the 'too large' page (413).")
    HSTS_SECONDS: int | None = setting(None, "`Strict-Transport-Security` max-age. Unset: a year in production, none otherwise; 0 turns it off.")
    PROXY_FIX_COUNT: int = setting(0, "How many trusted reverse proxies stand in front (X-Forwarded-For/-Proto/-Host). Rate limits count per client, so set it behind a proxy.")
    WTF_CSRF_ENABLED: bool = setting(True, "CSRF tokens on every POST (Flask-WTF). Production refuses to start with it off.")
    WTF_CSRF_CHECK_DEFAULT: bool = setting(True, "Check the CSRF token of every POST (Flask-WTF). Production refuses to start with it off.")
    WTF_CSRF_TIME_LIMIT: int | None = setting(None, "Seconds a form's CSRF token lasts; unset: as long as the browser session, so a slow resident is not timed out (WCAG 2.2.1).")
    RATELIMIT_ENABLED: bool = setting(True, "Rate limits on form submissions (Flask-Limiter).")
    RATELIMIT_STORAGE_URI: str = setting("worker-memory://", "Where rate-limit counters live. `worker-memory://` counts in each worker process (like Flask-Limiter's `memory://`, without its timer thread per request); with several workers or servers use `redis://host:6379`, shared by all.")
    RATELIMIT_SUBMIT: str = setting("10 per minute; 100 per day", "How often one client may submit one form (POST), Flask-Limiter syntax.")
    STATUS_RATE_LIMIT: str = setting("30 per minute; 300 per day", "How many status lookups (`/status/?ref=…`, both languages together) one client may make, Flask-Limiter syntax, counted in `RATELIMIT_STORAGE_URI` like the form limits. More get the 'too many' page (429).")
    FEEDBACK_RATE_LIMIT: str = setting("10 per hour; 30 per day", "How many page-feedback answers (`POST /feedback/`, both steps and languages together) one client may send, Flask-Limiter syntax, in `RATELIMIT_STORAGE_URI`. More get the 'too many' page (429) and are not stored. See docs/feedback.md.")
    FEEDBACK_ORIGINS: list[str] = setting([], "Other origins (`https://www.city.example`) whose pages may post page feedback to `/feedback/`, when the static site is not served from the app's own origin. Unset: only the app's origin (the nginx set-up of docs/serving.md and the demo). Cross-site posts from anywhere else are refused. See docs/feedback.md.", kind="a JSON list of origins")
    SEARCH_INDEX: str = setting("", "The search index the site build writes; empty means `<SITE_DIR>/search.sqlite3`. When the file is missing the app builds the index in memory from the catalogue at start-up.")
    SEARCH_LIMIT: int = setting(20, "The most results one search shows (page and `format=json`).")
    SEARCH_COUNT_MISSES: bool = setting(True, "Count searches that found no City service (no result, only an elsewhere answer, only related pages; normalised text with names and identifiers masked, language, month, count, last day; nothing about the person) for `flask search-report`.")
    SEARCH_MISS_RATE_LIMIT: str = setting("20 per hour; 60 per day", "How many missed searches one client may add to the `search-report` counts, Flask-Limiter syntax, in `RATELIMIT_STORAGE_URI`. Beyond it the search still answers; it is only not counted.")
    DATABASE_URL: str | None = setting(None, "SQLAlchemy URL of the submissions database, like `postgresql+psycopg://guichet@db/guichet`. Unset: the SQLite file `instance/guichet.sqlite3` (WAL, synchronous=FULL).")
    MIGRATE_AT_START: bool = setting(True, "Bring the database to the newest schema revision when the app starts (under a lock, so workers starting together migrate once): right for the embedded SQLite default. With several servers or PostgreSQL turn it off and run `flask --app forms_app db upgrade` as a deploy step; the app then only logs an error at start-up when the database is behind.")
    ENCRYPTION_KEYS: list[str] = setting([], "Fernet keys that seal what residents typed (answers, contact details, replies, file names) in the database and the uploaded files, newest first: the newest seals, every one opens. Make one with `flask --app forms_app keys new`; to change keys, put the new one first, run `flask --app forms_app keys rotate`, then remove the old one once `keys check` says nothing needs it. Never stored in the database. Required in production (or `ENCRYPTION_KEY_FILE`); unset in development: `instance/encryption.keys`, made on first start.", kind="a JSON list of Fernet keys")
    ENCRYPTION_KEY_FILE: str | None = setting(None, "A file of Fernet keys, one a line, newest first (`#` comments allowed), read at start-up after `ENCRYPTION_KEYS`: for keys kept in a secrets mount rather than the environment. See docs/privacy.md.")
    UPLOAD_DIR: str | None = setting(None, "Where uploaded files are kept (the web layer saves them, the mail worker attaches them). Unset: `instance/uploads`.")
    PUBLIC_URL: str | None = setting(None, "The app's public address, for links in emails (staff status links, the resident's status page), like `https://services.city.example`. Required in production, and https. Unset in development: the address the form was sent to (`scripts/demo` sets it to the port it serves).")
    TIMEZONE: str = setting("America/Toronto", "IANA time zone of dates shown to residents and staff (status pages, emails).")
    MAIL_FROM: str = setting("Guichet <no-reply@guichet.invalid>", "Sender of every email (`Name <address>`); its domain also names Message-IDs. Bounces come back to it, so use a mailbox someone reads.")
    ADMIN_EMAIL: str | None = setting(None, "Who is alerted when a message cannot be delivered. Unset: `site.admin_email` from the catalogue's taxonomy.")
    SMTP_HOST: str | None = setting(None, "Outgoing mail server. Unset: `flask deliver` starts a local mail catcher that saves messages in `MAIL_DIR` (shown at `/dev/mail/`); production refuses to run without it.")
    SMTP_PORT: int | None = setting(None, "Mail server port. Unset: 465 for `ssl`, 587 for `starttls`, 25 for `none`.")
    SMTP_SECURITY: Literal["starttls", "ssl", "none"] = setting("starttls", "`starttls`, `ssl` (implicit TLS) or `none` (only for a relay on the same host). Certificates are verified.", kind="starttls, ssl or none")
    SMTP_USERNAME: str | None = setting(None, "Login for the mail server, if it needs one.")
    SMTP_PASSWORD: str | None = setting(None, "Password for `SMTP_USERNAME`.")
    SMTP_TIMEOUT: float = setting(30, "Seconds to wait for the mail server before counting the try as failed (and retrying later).")
    DELIVERY_POLL_INTERVAL: float = setting(5, "Seconds `flask deliver` waits between looks at the outbox.")
    DELIVERY_BATCH_SIZE: int = setting(50, "Outbox rows one worker claims at a time (sent over one SMTP connection).")
    DELIVERY_LEASE: float = setting(600, "Seconds a worker holds the rows it claimed; a row whose worker died is sent again after this. Must exceed 3 × `SMTP_TIMEOUT`.")
    RETRY_FIRST_DELAY: float = setting(1800, "Seconds before the first retry after a temporary failure (4xx, server down, timeout).")
    RETRY_DELAY: float = setting(9000, "Seconds between later retries.")
    RETRY_GIVE_UP_AFTER: float = setting(432000, "Seconds after which an undelivered message is given up (5 days) and the admin alerted. 5xx replies fail at once.")
    PURGE_AFTER_DAYS: int = setting(90, "Days after a submission reached its department's mailbox before `flask purge` erases its answers, the resident's addresses and its files from Guichet, for a service whose form declares no `privacy.keep_days` (a form since removed from the catalogue); a form's own `keep_days` after `keep_after` (closed or delivered) wins. Also how long a resident's reply sent after its request was erased is kept. Reference and status history stay.")
    FEEDBACK_COMMENT_KEEP_DAYS: int = setting(395, "Days `flask purge` keeps the (masked) comments of page feedback; then the comment is erased and the yes/no answer, its reason, page and day stay for the counts (docs/feedback.md).")
    PRIVACY_OPEN_LIMIT_DAYS: int = setting(365, "How long past its form's `keep_days` a request may stay open (not completed or closed) before `flask purge` erases its personal data anyway, counted from the day it was received, for forms with `keep_after: closed`. The admin (`ADMIN_EMAIL`) is emailed the references a week before, once; a request is erased no sooner than a week after that email. 0: an open request is kept until it is closed.")
    MAIL_DIR: str | None = setting(None, "Where the local mail catcher saves `.eml` files, and, in development without `PUBLIC_URL`, where the app records the address it is served at for the links `flask deliver` writes. Unset: `instance/mail`.")
    MAIL_CATCHER_PORT: int = setting(0, "Port of the local mail catcher on 127.0.0.1; 0 picks a free one.")
    STATUS_LINK_MAX_AGE: int = setting(7776000, "Seconds the staff status links in department emails keep working (90 days).")
    OPEN311_RATE_LIMIT: str = setting("60 per minute; 5000 per day", "How many requests one Open311 API key may post (`POST /open311/v2/requests`), Flask-Limiter syntax, in `RATELIMIT_STORAGE_URI`. See docs/api.md.")
    STAFF_SIGN_IN_MAX_AGE: int = setting(900, "Seconds a staff sign-in link works (15 minutes); each link works once, for the address it was sent to.")
    STAFF_SIGN_IN_RATE_LIMIT: str = setting("5 per 15 minutes; 20 per day", "How many sign-in links one client may ask for (`/staff/`, both languages together), Flask-Limiter syntax, in `RATELIMIT_STORAGE_URI`; also the limit per address asked for.")
    STAFF_SESSION_IDLE: int = setting(1800, "Seconds without a request after which a staff session ends (30 minutes).")
    STAFF_SESSION_LIFETIME: int = setting(36000, "Seconds after sign-in when a staff session ends however active (10 hours: a working day).")
    STAFF_PAGE_SIZE: int = setting(50, "Requests per page of the staff queue (`/staff/requests/`).")
    WEBHOOKS: dict[str, dict[str, str]] = setting({}, "Departments whose own system (a CRM) gets a signed webhook for each new request and each status change, besides their email: a JSON object of department id → `{\"url\": \"https://…\", \"secret\": \"whsec_…\"}` (Standard Webhooks; the secret is `whsec_` and 24 to 64 random bytes in base64, shared with the receiver). Kept out of the catalogue, which is public. The url must be https in production. See docs/api.md, Webhooks.", kind="a JSON object of department id → {\"url\", \"secret\"}")
    WEBHOOK_TIMEOUT: float = setting(10, "Seconds to wait for a department's webhook receiver before counting the try as failed (and retrying later, like email).")


class Row(NamedTuple):
    key: str
    default: Any
    help: str


SETTINGS: list[Row] = [Row(key, field.default, field.description or "") for key, field in Settings.model_fields.items()]


def defaults() -> dict[str, Any]:
    return {row.key: row.default for row in SETTINGS}


def validate(config) -> Settings:
    """The typed settings from a config mapping (missing keys take their defaults); pydantic's
    ValidationError when a value has the wrong type (``config_checks`` words it)."""
    return Settings.model_validate({key: config[key] for key in Settings.model_fields if key in config})


def settings_of(app) -> Settings:
    """The app's typed settings: the ones ``create_app`` validated at start-up; for an app made
    without it (a test's bare Flask app), its config validated now, Flask's own unset (None) keys
    taking our defaults."""
    found = app.extensions.get(EXTENSION)
    return found if found is not None else validate({k: v for k, v in app.config.items() if v is not None})


def read_key_file(path: str) -> list[str]:
    """The keys of an ``ENCRYPTION_KEY_FILE``: one a line, newest first; blank lines and ``#`` comments
    skipped. Here, below both, so that ``config_checks`` and the store (``store/sealing.py``) read it alike."""
    with open(path, encoding="ascii") as f:
        return [line.strip() for line in f if line.strip() and not line.lstrip().startswith("#")]
