"""#11 item 11: in development without PUBLIC_URL, email links point where the app is actually served.

The web app records the address each request came to (``MAIL_DIR/served-url``,
rewritten only when it changes); ``flask deliver``, a separate process that
may have started first, reads it each time it builds a link.
"""

from __future__ import annotations

import email
import email.policy
import io
import re
import threading
from pathlib import Path
from urllib.request import Request, urlopen

import pytest
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.serving import make_server
from werkzeug.test import encode_multipart

from forms_app import create_app
from forms_app.delivery import mail_settings
from forms_app.store import get_store

from tests.support.forms import config, valid_answers

LINK = re.compile(r"https?://[^\s\"<>]+/status/[^\s\"<>]*")


@pytest.fixture
def serve():
    servers = []

    def start(app):
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append((server, app))
        return f"http://127.0.0.1:{server.server_port}"

    yield start
    for server, app in servers:
        server.shutdown()
        server.server_close()
        with app.app_context():
            get_store().engine.dispose()


def submit(base: str) -> int:
    """POST the every-field form over a real socket, as a browser would."""
    values = MultiDict()
    for key, value in valid_answers().items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, tuple):
                item = FileStorage(io.BytesIO(item[0]), filename=item[1], content_type=item[2])
            values.add(key, item)
    boundary, body = encode_multipart(values)
    request = Request(f"{base}/forms/every-field/", data=body, method="POST",
                      headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    with urlopen(request, timeout=30) as response:  # follows the 303 to the confirmation page
        assert "/done/" in response.url
        return response.status


def links_in_mail(mail_dir: Path) -> list[str]:
    found = []
    for path in sorted(mail_dir.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        found += LINK.findall(message.get_body(("plain",)).get_content())
    return found


def test_email_links_point_at_the_unusual_port_the_form_was_sent_to(tmp_path, serve):
    app = create_app(config(tmp_path))  # development, PUBLIC_URL unset
    base = serve(app)
    assert submit(base) == 200
    result = app.test_cli_runner().invoke(args=["deliver", "--once"])  # the local mail catcher
    assert result.exit_code == 0 and "sent 2" in result.output, result.output
    links = links_in_mail(Path(app.config["MAIL_DIR"]))
    staff = [link for link in links if "/status/staff/" in link]
    resident = [link for link in links if "/status/?ref=" in link]
    assert staff and resident  # the department's status links and the resident's status page
    assert all(link.startswith(base + "/") for link in links), (base, links)


def test_a_worker_started_before_the_web_app_still_gets_the_served_address(tmp_path):
    app = create_app(config(tmp_path))
    settings = mail_settings(app)  # as flask deliver reads them at its start
    assert settings.link_base() == "http://127.0.0.1:5000"  # nothing served yet: flask run's address
    app.test_client().get("/forms/every-field/", base_url="http://localhost:8123")
    assert settings.link_base() == "http://localhost:8123"
    app.test_client().get("/forms/every-field/", base_url="http://localhost:8123/guichet")  # under a prefix
    assert settings.link_base() == "http://localhost:8123/guichet"
    with app.app_context():
        get_store().engine.dispose()


def test_a_batch_reads_the_served_address_once(tmp_path):
    app = create_app(config(tmp_path))
    settings = mail_settings(app)
    app.test_client().get("/forms/every-field/", base_url="http://localhost:8123")
    batch = settings.with_link_base()  # what the worker builds one batch's messages with
    app.test_client().get("/forms/every-field/", base_url="http://localhost:8124")
    assert batch.served_url_file is None and batch.link_base() == "http://localhost:8123"  # no read per link
    assert settings.link_base() == "http://localhost:8124"  # the next batch sees the new address
    with app.app_context():
        get_store().engine.dispose()


def test_a_set_public_url_wins_and_nothing_is_recorded(tmp_path):
    app = create_app(config(tmp_path, PUBLIC_URL="https://services.bellerive.example.org/"))
    app.test_client().get("/forms/every-field/", base_url="http://localhost:8123")
    assert mail_settings(app).link_base() == "https://services.bellerive.example.org"
    assert not (Path(app.config["MAIL_DIR"]) / "served-url").exists()
    with app.app_context():
        get_store().engine.dispose()


def test_flask_status_link_prints_the_served_address_in_development(tmp_path):
    from tests.support.submissions import new_submission

    app = create_app(config(tmp_path))  # development, PUBLIC_URL unset: this was a crash (None.rstrip)
    app.test_client().get("/forms/every-field/", base_url="http://localhost:8123")
    with app.app_context():
        reference = get_store().save_submission(new_submission(service="every-field"))
    result = app.test_cli_runner().invoke(args=["status", "link", reference])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("http://localhost:8123/status/staff/")
    with app.app_context():
        get_store().engine.dispose()


def test_first_requests_served_at_once_each_record_without_failing(tmp_path):
    """A threaded server's first requests all find the address unrecorded and write it together."""
    from forms_app.delivery.settings import remember_served_url, served_url_path

    from tests.support.apps import create_test_app, dispose

    app = create_test_app(tmp_path, PUBLIC_URL=None)
    try:
        start, failures = threading.Barrier(8), []

        def first_request(n: int) -> None:
            start.wait()
            try:
                remember_served_url(app, f"http://127.0.0.1:{8000 + n % 2}/")
            except OSError as exc:  # the shared temporary name made one rename fail
                failures.append(exc)

        threads = [threading.Thread(target=first_request, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert failures == []
        assert served_url_path(app).read_text(encoding="ascii").strip() in ("http://127.0.0.1:8000", "http://127.0.0.1:8001")
    finally:
        dispose(app)
