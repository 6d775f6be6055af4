"""#11 item 4: status lookups are rate-limited per client, and a known and an unknown
reference go through the same database work."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from forms_app.store import format_reference, get_store

from tests.support.submissions import new_submission
from tests.support.apps import create_test_app
from tests.support.html_tree import parse


@pytest.fixture(scope="module")
def limited(tmp_path_factory):
    app = create_test_app(tmp_path_factory.mktemp("status-limits"), STATUS_RATE_LIMIT="3 per minute")
    yield app
    app.extensions["guichet_store"].engine.dispose()


def client_at(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


@pytest.mark.parametrize("address, prefix, lang, heading", [
    ("10.0.0.1", "", "en", "You have checked too many references"),
    ("10.0.0.2", "/fr", "fr", "Vous avez vérifié trop de références"),
])
def test_one_lookup_too_many_gets_the_429_page_in_the_page_language(limited, address, prefix, lang, heading):
    with limited.app_context():
        known = format_reference(get_store().save_submission(new_submission(attachments=[])))
    client = client_at(limited, address)
    other_prefix = "/fr" if prefix == "" else ""
    # three lookups, both languages counted together: known, unknown, not even a reference
    for path in (f"{prefix}/status/?ref={known}", f"{other_prefix}/status/?ref=ABCD-2345", f"{prefix}/status/?ref=hello"):
        assert client.get(path).status_code == 200, path
    for _ in range(5):  # the empty lookup form is not a lookup: never counted
        assert client.get(f"{prefix}/status/").status_code == 200
    refused = client.get(f"{prefix}/status/?ref={known}")
    assert refused.status_code == 429
    assert refused.headers["Cache-Control"] == "no-store" and "Retry-After" in refused.headers
    page = parse(refused.get_data(as_text=True))
    assert page.find("html").attrs["lang"] == lang
    assert page.find("h1").text() == heading
    assert page.find("title").text().startswith("Error: " if lang == "en" else "Erreur\u00a0: ")
    assert known not in page.find("main").text()  # the status is not shown
    assert client_at(limited, "10.0.0.99").get(f"{prefix}/status/?ref={known}").status_code == 200  # another client


def queries_for(app, client, path: str) -> list[str]:
    statements: list[str] = []
    engine = app.extensions["guichet_store"].engine

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return statements


def test_known_and_unknown_references_run_the_same_queries(app, client):
    with app.app_context():
        store = get_store()
        known = store.save_submission(new_submission(attachments=[]))
        store.set_status(known, "in_progress", "on it")
    found = queries_for(app, client, f"/status/?ref={format_reference(known)}")
    missing = queries_for(app, client, "/status/?ref=ABCD-2345")
    assert "Request " + format_reference(known) in client.get(f"/status/?ref={format_reference(known)}").get_data(as_text=True)
    assert len(found) == len(missing) == 1
    assert found == missing  # the same statement; only the bound reference differs
