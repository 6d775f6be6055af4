"""``flask deliver``, the local mail catcher, ``/dev/mail/``, and two worker processes."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

from forms_app.delivery import mail_settings
from forms_app.store import Store, format_reference, get_store, make_engine
from forms_app.store.sealing import Keyring

from tests.support.apps import ENCRYPTION_KEY, create_test_app, ROOT
from tests.support.submissions import full_submission
from tests.support.smtp_server import Capture, SmtpServer


@pytest.fixture(scope="module")
def dev_app(tmp_path_factory):
    app = create_test_app(tmp_path_factory.mktemp("dev-app"))
    yield app
    app.extensions["guichet_store"].engine.dispose()


def save(app, **changes) -> str:
    with app.app_context():
        return get_store().save_submission(full_submission(attachments=[], **changes))


def test_admin_email_defaults_to_the_taxonomy(dev_app):
    assert mail_settings(dev_app).admin_email == "web-admin@bellerive.example.org"
    assert mail_settings(dev_app).site_name["fr"] == "Ville de Bellerive"


def test_deliver_once_without_smtp_host_uses_the_catcher_and_dev_mail_shows_it(dev_app):
    ref = save(dev_app)
    result = dev_app.test_cli_runner().invoke(args=["deliver", "--once"])
    assert result.exit_code == 0, result.output
    assert "local catcher" in result.output and "sent 2" in result.output
    saved = sorted(Path(dev_app.config["MAIL_DIR"]).glob("*.eml"))
    assert len(saved) == 2

    client = dev_app.test_client()
    listing = client.get("/dev/mail/").get_data(as_text=True)
    shown = format_reference(ref)
    assert f"Dog licence – {shown}" in listing and "clerk@bellerive.example.org" in listing
    pages = [client.get(f"/dev/mail/{p.name}") for p in saved]
    assert all(p.status_code == 200 for p in pages)
    department_mail = next(p.get_data(as_text=True) for p in pages if "Reply to this email" in p.get_data(as_text=True))
    assert shown in department_mail
    assert "Department: City Clerk&#39;s Office" in department_mail  # the taxonomy's name, not the slug
    assert client.get("/dev/mail/../../etc/passwd").status_code == 404
    assert client.get("/dev/mail/nothing.eml").status_code == 404


def test_dev_mail_is_404_outside_development(tmp_path):
    app = create_test_app(tmp_path, ENV="production", SECRET_KEY="a-real-secret-for-this-test-only-" + "x7Qz3Kp9Lm2Wv8Rt",
                  PUBLIC_URL="https://services.bellerive.example.org", ENCRYPTION_KEYS=[ENCRYPTION_KEY])
    try:
        assert app.test_client().get("/dev/mail/").status_code == 404
        assert not [rule.rule for rule in app.url_map.iter_rules() if "/dev/mail" in rule.rule]  # not registered at all
        result = app.test_cli_runner().invoke(args=["deliver", "--once"])
        assert result.exit_code != 0 and "FORMS_SMTP_HOST is not set" in result.output
    finally:
        app.extensions["guichet_store"].engine.dispose()


def test_deliver_once_through_the_configured_server_and_requeue(tmp_path):
    server = SmtpServer()
    server.start()
    app = create_test_app(tmp_path, SMTP_HOST="127.0.0.1", SMTP_PORT=server.port, SMTP_SECURITY="none")
    try:
        ref = save(app, resident_copy_to=None)
        server.reply_to_data("550 5.7.1 no")
        result = app.test_cli_runner().invoke(args=["deliver", "--once"])
        assert result.exit_code == 0 and "failed 1" in result.output and "sent 1" in result.output
        with app.app_context():
            dept = get_store().outbox.rows_for(ref)[0]
        assert dept.status == "failed"
        result = app.test_cli_runner().invoke(args=["deliver", "--requeue", str(dept.id)])
        assert "due again" in result.output
        result = app.test_cli_runner().invoke(args=["deliver", "--requeue-failed"])
        assert "0 failed or given-up message(s) due again" in result.output
        result = app.test_cli_runner().invoke(args=["deliver", "--once", "--workers", "2"])
        assert "sent 1" in result.output
        assert [m["To"] for m in server.messages()] == ["web-admin@bellerive.example.org", "clerk@bellerive.example.org"]
    finally:
        server.close()
        app.extensions["guichet_store"].engine.dispose()


HANG_GUARD = 120  # seconds: only there so that a second process that never comes fails the test, not hangs it


class OverlapCapture(Capture):
    """Holds the first message until a second connection is open: both processes are then sending at once
    (the first holds its claimed rows while the second claims), whatever the machine's speed."""

    def __init__(self):
        super().__init__()
        self.sessions: set[int] = set()
        self.both_connected = asyncio.Event()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        self.sessions.add(id(session))
        if len(self.sessions) >= 2:
            self.both_connected.set()
        return responses

    async def handle_DATA(self, server, session, envelope):
        try:
            await asyncio.wait_for(self.both_connected.wait(), HANG_GUARD)
        except TimeoutError:
            pass  # the test fails on ``both_connected`` below
        return await super().handle_DATA(server, session, envelope)


def test_two_worker_processes_never_send_a_row_twice(db_url, tmp_path, clock):
    engine = make_engine(db_url)
    store = Store(engine, keyring=Keyring([ENCRYPTION_KEY]))  # the workers' key: they open what this seals
    store.create_tables()
    refs = {store.save_submission(full_submission(resident_copy_to=None, attachments=[])) for _ in range(80)}
    engine.dispose()
    server = SmtpServer()
    server.handler = OverlapCapture()
    server.start()
    env = dict(os.environ, FORMS_SECRET_KEY="two-processes", FORMS_DATABASE_URL=db_url,
               FORMS_SMTP_HOST="127.0.0.1", FORMS_SMTP_PORT=str(server.port), FORMS_SMTP_SECURITY="none",
               FORMS_UPLOAD_DIR=str(tmp_path / "uploads"), FORMS_MAIL_DIR=str(tmp_path / "mail"),
               FORMS_SITE_DIR=str(tmp_path / "site"), FORMS_SERVE_SITE="false", FORMS_DELIVERY_BATCH_SIZE="4",
               FORMS_ENCRYPTION_KEYS=f'["{ENCRYPTION_KEY}"]')
    command = [sys.executable, "-m", "flask", "--app", "forms_app", "deliver", "--once"]
    try:
        procs = [subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  text=True) for _ in range(2)]
        outputs = [p.communicate(timeout=240)[0] for p in procs]
    finally:
        server.close()
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert server.handler.both_connected.is_set(), "the two processes never sent at the same time"
    ids = [m["Message-ID"] for m in server.messages()]
    assert len(ids) == 80 and len(set(ids)) == 80
    assert {i.removeprefix("<sub-").split("@")[0] for i in ids} == refs
    engine = make_engine(db_url)
    try:
        assert Store(engine).outbox.counts() == {"sent": 80}
    finally:
        engine.dispose()
