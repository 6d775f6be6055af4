"""The staff sign-in flow for tests: ask for a link, deliver it (real SMTP server), read it from the email."""

from __future__ import annotations

import re
import secrets

from forms_app.delivery import Worker, WorkerSettings
from forms_app.delivery.settings import mail_settings
from forms_app.staff.session import cookie_name
from forms_app.store import get_store

from .apps import buffered_client
from .forms import post
from .html_tree import csrf_token

LINK = re.compile(r"https?://\S+/staff/sign-in/(\S+)")  # in the email's plain text part


def sign_in_settings(**changes) -> dict:
    """An app whose sign-in limit counts in its own keys (the limiter's storage is per process)."""
    return {"RATELIMIT_KEY_PREFIX": f"test-{secrets.token_hex(6)}", **changes}


def use_clock(app, clock) -> None:
    """The app's store (and its parts) tell time by ``clock``."""
    store = app.extensions["guichet_store"]
    for part in (store, store.staff, store.audit, store.outbox):
        part.clock = clock


def ask(client, email: str, lang: str = "en"):
    """Ask for a sign-in link at ``/staff/`` (or ``/fr/staff/``) as a browser does: the POST's response."""
    url = "/fr/staff/" if lang == "fr" else "/staff/"
    page = client.get(url)
    return post(client, url, {"email": email, "csrf_token": csrf_token(page)})


def deliver(app, smtp) -> dict:
    with app.app_context():
        return dict(Worker(get_store(), mail_settings(app), smtp.settings, WorkerSettings()).run_once())


def link_path(message) -> str:
    """The sign-in link's path (``/staff/sign-in/<token>`` in the first language) in a delivered email."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    found = LINK.search(text)
    assert found, "no sign-in link in the email"
    url = found.group(0)
    return url[url.index("/", url.index("//") + 2):]


def press(client, path: str):
    """POST a sign-in link with a valid CSRF token, without opening it first (a link the GET refuses)."""
    return post(client, path, {"csrf_token": csrf_token(client.get("/staff/"))})


def follow(client, path: str):
    """Open the link (GET: a page with one button) and press the button (POST with its CSRF token)."""
    page = client.get(path)
    assert page.status_code == 200, page.status_code
    return post(client, path, {"csrf_token": csrf_token(page)})


def audit(app) -> list[tuple]:
    with app.app_context():
        return [(e.actor, e.action, e.detail) for e in get_store().audit.entries()]


def session_cookie(client):
    return client.get_cookie(cookie_name(client.application))


def signed_in(client) -> bool:
    """The staff session works: the queue answers (200), not a redirect to the sign-in page."""
    return client.get("/staff/requests/").status_code == 200


def emailed_link(app, client, smtp, email: str, lang: str = "en") -> str:
    """Ask for a link (from a fresh browser if ``client`` is signed in already) and read it from the email."""
    asker = buffered_client(app) if session_cookie(client) is not None else client
    assert ask(asker, email, lang).status_code == 303
    assert deliver(app, smtp) == {"sent": 1}
    return link_path(smtp.received[-1].message)
