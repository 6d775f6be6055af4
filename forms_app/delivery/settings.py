"""Delivery settings made once from the app's typed settings (``config.settings_of``) into plain values.

The worker and message building take these values (not the app), so tests
and the benchmark can run them without a request or app context.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from dataclasses import dataclass, field, replace
from datetime import timedelta
from email.headerregistry import Address
from email.utils import getaddresses
from pathlib import Path

import yaml

from ..config import settings_of
from ..payment import view_for
from ..store.addresses import single_address
from ..store.sealing import EXTENSION as KEYRING, Keyring
from .retry import RetryPolicy
from .smtp import DEFAULT_PORTS, SmtpSettings

log = logging.getLogger(__name__)

# Development without PUBLIC_URL: links point where the app is served (``link_base``).
SERVED_URL_FILE = "served-url"  # in MAIL_DIR (development's mail folder), shared by the web app and ``flask deliver``
SERVED_URL_KEY = "guichet.served_url"
DEVELOPMENT_URL = "http://127.0.0.1:5000"  # ``flask run``'s address, until the app has been served once
_SERVED_URL = re.compile(r"^https?://[A-Za-z0-9.\-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~\-/]*)?$")


@dataclass(frozen=True)
class MailSettings:
    mail_from: Address
    public_url: str
    secret_key: str
    upload_dir: Path
    timezone: str
    link_max_age: int  # seconds
    site_name: dict[str, str]
    admin_email: str | None
    department_names: dict[str, dict[str, str]] = field(default_factory=dict)  # slug → {"en": …, "fr": …}
    served_url_file: Path | None = None  # PUBLIC_URL unset: where the web app records the address it is served at
    payments: dict[str, tuple] = field(default_factory=dict)  # service slug → (its form's Payment, {lang: page fees})
    service_titles: dict[str, dict[str, str]] = field(default_factory=dict)  # service slug → {lang: its page's title}
    sign_in_max_age: int = 900  # seconds a staff sign-in link works (STAFF_SIGN_IN_MAX_AGE)
    keyring: Keyring | None = None  # opens the sealed uploads it attaches (store/sealing.py); the app's store's

    def link_base(self) -> str:
        """Where email links point: ``PUBLIC_URL``; without it (development), the address the web app
        was last served at, read each time (the worker may start before the web app)."""
        if self.served_url_file is not None:
            try:
                served = self.served_url_file.read_text(encoding="ascii").strip()
            except FileNotFoundError:  # not served yet: flask run's address
                served = ""
            if _SERVED_URL.match(served):
                return served
        return self.public_url

    def with_link_base(self) -> MailSettings:
        """These settings with ``link_base()`` read once, now: the worker calls it per batch, so the
        served-url file is read once for the batch, not for every link of every message."""
        if self.served_url_file is None:
            return self
        return replace(self, public_url=self.link_base(), served_url_file=None)

    def department_name(self, slug: str, lang: str) -> str:
        return self.department_names.get(slug, {}).get(lang) or slug

    def payment_view(self, service: str, lang: str, reference: str) -> dict | None:
        """What the resident is told about paying for ``service`` (None when the form takes no payment)."""
        payment, fees = self.payments.get(service, (None, {}))
        return view_for(payment, fees.get(lang) or [], lang, reference)

    def service_title(self, sub, lang: str) -> str:
        """The service's name in ``lang`` (its page's title); the title stored with the request if unknown."""
        return self.service_titles.get(sub.service, {}).get(lang) or sub.service_title

    def payment(self, service: str):
        return self.payments.get(service, (None, {}))[0]

    @property
    def domain(self) -> str:
        return self.mail_from.domain


@dataclass(frozen=True)
class WorkerSettings:
    batch_size: int = 50
    lease: timedelta = timedelta(minutes=10)
    poll_interval: float = 5.0
    retry: RetryPolicy = RetryPolicy()


def parse_mail_from(value: str) -> Address:
    """``Guichet <no-reply@city.example>`` or ``no-reply@city.example`` → Address; ValueError if not one address."""
    if not value or any(ch in value for ch in "\r\n\0"):
        raise ValueError("MAIL_FROM must be one address, like 'City <no-reply@city.example>'")
    found = getaddresses([value])
    name, addr = found[0] if len(found) == 1 else ("", "")
    address = single_address(addr)
    if address is None:
        raise ValueError(f"MAIL_FROM {value!r} is not one email address")
    return Address(display_name=name.strip(), username=address.username, domain=address.domain)


def taxonomy_of(app):
    """The taxonomy (site name, admin_email, departments): the loaded catalogue's if there is
    one, otherwise read from ``CATALOGUE_DIR/taxonomy.yml``; None if neither works."""
    from guichet.model import Taxonomy

    catalogue = app.extensions.get("guichet.catalogue")
    if isinstance(getattr(catalogue, "taxonomy", None), Taxonomy):
        return catalogue.taxonomy
    path = Path(settings_of(app).CATALOGUE_DIR) / "taxonomy.yml"
    try:
        return Taxonomy.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, yaml.YAMLError) as exc:
        log.warning("could not read the taxonomy from %s (%s); set FORMS_ADMIN_EMAIL", path, type(exc).__name__)
        return None


def mail_settings(app) -> MailSettings:
    settings = settings_of(app)
    taxonomy = taxonomy_of(app)
    site = taxonomy.site if taxonomy else None
    admin = settings.ADMIN_EMAIL or (site.admin_email if site else None)
    if admin and single_address(admin) is None:
        raise ValueError("ADMIN_EMAIL is not one email address")
    return MailSettings(
        mail_from=parse_mail_from(settings.MAIL_FROM),
        public_url=(settings.PUBLIC_URL or DEVELOPMENT_URL).rstrip("/"),
        served_url_file=None if settings.PUBLIC_URL else served_url_path(app),
        secret_key=settings.SECRET_KEY,
        upload_dir=Path(settings.UPLOAD_DIR),
        timezone=settings.TIMEZONE,
        link_max_age=settings.STATUS_LINK_MAX_AGE,
        site_name={"en": site.name.en, "fr": site.name.fr} if site else {"en": "Guichet", "fr": "Guichet"},
        admin_email=admin,
        department_names={slug: {"en": d.name.en, "fr": d.name.fr} for slug, d in taxonomy.departments.items()}
        if taxonomy else {},
        payments=payments_of(app),
        service_titles=service_titles_of(app),
        sign_in_max_age=settings.STAFF_SIGN_IN_MAX_AGE,
        keyring=app.extensions.get(KEYRING),
    )


def payments_of(app) -> dict[str, tuple]:
    """Each form's payment and its page's fees per language, from the loaded catalogue (if any)."""
    catalogue = app.extensions.get("guichet.catalogue")
    services = getattr(catalogue, "services", None) or {}
    return {slug: (s.form.payment, {lang: list(page.meta.fees) for lang, page in s.pages.items()})
            for slug, s in services.items() if s.form is not None and s.form.payment is not None}


def service_titles_of(app) -> dict[str, dict[str, str]]:
    """Each service's title per language, from the loaded catalogue (if any): each half of an email names it."""
    catalogue = app.extensions.get("guichet.catalogue")
    services = getattr(catalogue, "services", None) or {}
    return {slug: {lang: page.meta.title for lang, page in s.pages.items()} for slug, s in services.items()}


def served_url_path(app) -> Path:
    return Path(settings_of(app).MAIL_DIR) / SERVED_URL_FILE


def remember_served_url(app, url_root: str) -> None:
    """Development without ``PUBLIC_URL``: record the address a request came to (scheme, host, port,
    script root) for the links ``flask deliver`` builds later. Written only when it changes."""
    url = url_root.rstrip("/")
    if app.extensions.get(SERVED_URL_KEY) == url or not _SERVED_URL.match(url):
        return
    path = served_url_path(app)
    path.parent.mkdir(parents=True, exist_ok=True)
    # One temporary name per process and thread: two first requests served at once each write their own.
    temporary = path.with_name(f".{SERVED_URL_FILE}.{os.getpid()}.{threading.get_ident()}")
    temporary.write_text(url + "\n", encoding="ascii")
    os.replace(temporary, path)  # the worker never reads half a file
    app.extensions[SERVED_URL_KEY] = url


def worker_settings(app) -> WorkerSettings:
    settings = settings_of(app)
    return WorkerSettings(
        batch_size=settings.DELIVERY_BATCH_SIZE,
        lease=timedelta(seconds=settings.DELIVERY_LEASE),
        poll_interval=settings.DELIVERY_POLL_INTERVAL,
        retry=RetryPolicy(first_delay=timedelta(seconds=settings.RETRY_FIRST_DELAY), delay=timedelta(seconds=settings.RETRY_DELAY),
                          give_up_after=timedelta(seconds=settings.RETRY_GIVE_UP_AFTER)),
    )


def smtp_settings(app) -> SmtpSettings | None:
    """None when ``SMTP_HOST`` is unset (the local mail catcher is used)."""
    settings = settings_of(app)
    if not settings.SMTP_HOST:
        return None
    security = settings.SMTP_SECURITY
    return SmtpSettings(
        host=settings.SMTP_HOST,
        port=settings.SMTP_PORT or DEFAULT_PORTS.get(security, 25),
        security=security,
        username=settings.SMTP_USERNAME or None,
        password=settings.SMTP_PASSWORD or None,
        timeout=settings.SMTP_TIMEOUT,
    )
