"""#11 item 9: staff links can be revoked by an administrator, stop working once the
request is completed or closed, and a fresh link works after a revocation."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import insert, select

from forms_app.status import make_staff_token
from forms_app.store import Store, format_reference, get_store, make_engine
from forms_app.store.migrate import alembic_config, current, head
from forms_app.store.schema import submissions

from tests.support.submissions import new_submission
from tests.support.apps import SECRET
from tests.support.html_tree import csrf_token, parse


def save(app) -> str:
    with app.app_context():
        return get_store().save_submission(new_submission(attachments=[], resident_copy_to=None))


def flask(app, *args: str):
    result = app.test_cli_runner().invoke(args=list(args))
    assert result.exit_code == 0, result.output
    return result.output


def refused(client, link: str, expected: str) -> None:
    response = client.get(link)
    assert response.status_code == 403
    page = parse(response.get_data(as_text=True))
    assert page.find("h1").text() in ("Link problem", "Problème de lien")
    assert expected in page.find("main").text()
    assert page.find_all("form", method="post") == []


def status(app, ref: str) -> str:
    with app.app_context():
        return get_store().status_of(ref).current.status


@pytest.mark.parametrize("prefix, message", [
    ("", "This link was withdrawn by the web administrator."),
    ("/fr", "Ce lien a été retiré par l'administrateur du site."),
])
def test_a_revoked_link_is_refused_and_changes_nothing(app, client, prefix, message):
    ref = save(app)
    link = f"{prefix}/status/staff/{make_staff_token(SECRET, ref)}"
    token = csrf_token(client.get(link).get_data(as_text=True))

    out = flask(app, "status", "revoke", format_reference(ref).lower())
    assert f"the staff links of {format_reference(ref)}" in out
    with app.app_context():
        assert get_store().status_of(ref).links_revoked_at is not None  # stored on the request

    refused(client, link, message)
    assert client.post(link, data={"csrf_token": token, "status": "closed", "note": ""}).status_code == 403
    assert status(app, ref) == "received"


def test_a_fresh_link_made_after_the_revocation_works(app, client):
    ref = save(app)
    old = f"/status/staff/{make_staff_token(SECRET, ref)}"
    flask(app, "status", "revoke", ref)
    fresh = flask(app, "status", "link", ref, "--lang", "fr").strip()
    assert fresh.startswith("http://localhost/fr/status/staff/")
    page = client.get(fresh.removeprefix("http://localhost"))
    assert page.status_code == 200
    assert parse(page.get_data(as_text=True)).find("h1").text() == f"Mettre à jour la demande {format_reference(ref)}"
    refused(client, old, "withdrawn")


def test_revoking_an_unknown_reference_says_so(runner):
    result = runner.invoke(args=["status", "revoke", "ABCD-2345"])
    assert result.exit_code != 0 and "No request has this reference" in result.output


@pytest.mark.parametrize("final", ["completed", "closed"])
def test_a_link_stops_working_once_its_request_is_completed_or_closed(app, client, final):
    ref = save(app)
    link = f"/status/staff/{make_staff_token(SECRET, ref)}"
    token = csrf_token(client.get(link).get_data(as_text=True))
    done = client.post(link, data={"csrf_token": token, "status": final, "note": ""})
    assert done.status_code == 303

    # the one page after saving: what was saved, that the link is now closed, and no form
    after = client.get(done.headers["Location"])
    assert after.status_code == 200
    main = parse(after.get_data(as_text=True)).find("main")
    assert "Saved. The resident now sees:" in main.text()
    assert "The request is now closed, so this link no longer works." in main.text()
    assert main.find_all("form") == [] and main.find_all("input") == []

    refused(client, link, "This request is completed or closed, so its links no longer work.")
    assert client.post(link, data={"csrf_token": token, "status": "in_progress", "note": ""}).status_code == 403
    assert client.get(link + "?status=in_progress").status_code == 403
    assert status(app, ref) == final

    result = app.test_cli_runner().invoke(args=["status", "link", ref])
    assert result.exit_code != 0 and "status reopen" in result.output
    flask(app, "status", "reopen", ref)
    assert status(app, ref) == "in_progress"
    assert client.get(link).status_code == 200  # never revoked: works again once reopened


def test_a_database_at_the_first_revision_is_upgraded_and_keeps_its_rows(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "0001")
            conn.execute(insert(submissions).values(
                reference="ABCD2345", service="dog-licence", lang="en", service_title="Dog licence",
                department="clerk", recipient="clerk@bellerive.example.org", answers=[],
                created_at=Store(engine).clock()))
        store = Store(engine)
        store.create_tables()
        with engine.connect() as conn:
            assert current(conn) == head()
            assert conn.execute(select(submissions.c.links_revoked_at).where(submissions.c.reference == "ABCD2345")).scalar() is None
        assert store.revoke_links("ABCD-2345") is not None
        assert store.revoke_links("ZZZZ-9999") is None
    finally:
        engine.dispose()


def test_the_documented_access_log_map_hides_every_staff_link_token():
    """docs/operations.md's nginx map, run as a regex on real staff link paths (both languages)."""
    import re
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "operations.md").read_text(encoding="utf-8")
    pattern, replacement = re.search(r'map \$uri \$guichet_log_path \{\n\s+"~(.+?)" "(.+?)";', doc).groups()
    staff = re.compile(pattern.replace("(?<", "(?P<"))  # PCRE's named group, in Python's spelling
    from forms_app.staff.links import make_sign_in_token

    token = make_staff_token(SECRET, "ABCD2345")
    sign_in = make_sign_in_token(SECRET, 7, "agent@bellerive.example.org")
    paths = {f"/status/staff/{token}": "/status/staff/-", f"/fr/status/staff/{token}": "/fr/status/staff/-",
             f"/staff/sign-in/{sign_in}": "/staff/sign-in/-", f"/fr/staff/sign-in/{sign_in}": "/fr/staff/sign-in/-"}
    for path, expected in paths.items():
        match = staff.match(path)
        assert match, path
        logged = replacement.replace("${guichet_staff}", match.group("guichet_staff"))
        assert logged == expected
    assert staff.match("/status/") is None and staff.match("/forms/dog-licence/") is None
    assert staff.match("/staff/") is None and staff.match("/staff/requests/") is None
