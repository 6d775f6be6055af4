"""#14 must-show, encryption at rest: every demo form sent through its page with a marker in every field
(files too), a resident's reply with a file, an assisted entry and a staff note, delivered by the worker
to a real SMTP server (the emails carry the clear values). Then no marker is in the raw SQLite file
(and its -wal), in a ``pg_dump`` of the PostgreSQL schema, or in any file of the upload folder; the
upload folder holds only the app's random names. ``flask keys rotate`` to a new key, the old key
removed, the app restarted: the staff page still shows the answers, the search still finds the
resident, and the raw bytes still hold no marker.
"""

from __future__ import annotations

import io
import re
from contextlib import contextmanager
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from forms_app import ConfigError, create_app
from forms_app.delivery import Worker
from forms_app.delivery.settings import mail_settings
from forms_app.status.links import make_reply_token
from forms_app.store import format_reference, get_store, normalize_reference
from forms_app.store.retention import APP_NAME

from tests.support.apps import SECRET, app_config
from tests.support.databases import postgres_schema
from tests.support.forms import post
from tests.support.html_tree import field_errors, parse
from tests.support.markers import (PHONE_DIGITS, hits, marked_answers, postgres_dump, sqlite_bytes, upload_files,
                                   variants)
from tests.support.staff import sign_in

OLD_KEY, NEW_KEY = Fernet.generate_key().decode(), Fernet.generate_key().decode()
ADMIN = "privacy-admin@bellerive.example.org"
AGENT = "agent@bellerive.example.org"
SLUGS = sorted(p.name.removesuffix(".form.yml") for p in (Path(__file__).resolve().parents[2] / "catalogue" / "services")
               .glob("*.form.yml"))
REPLY = ("Zqmkreplybody01x", "Zqmkreplyname01", b"%PDF-1.4\n Zqmkreplybytes01 \n%%EOF\n")
NOTE = "Zqmkstaffnote01x"


@contextmanager
def database(kind: str, tmp_path: Path):
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'guichet.sqlite3'}", None
    else:
        with postgres_schema() as url:
            yield url, url.rsplit("%3D", 1)[1]


def start(tmp_path: Path, url: str, keys: list[str]):
    app = create_app(app_config(tmp_path, DATABASE_URL=url, ENCRYPTION_KEYS=keys, WTF_CSRF_ENABLED=False,
                                RATELIMIT_ENABLED=False))
    return app


def form_spec(app, slug: str):
    return app.extensions["guichet.form_classes"][(slug, "en")].spec


def send_every_form(app) -> tuple[dict[str, str], list[str], list[tuple[str, bytes]]]:
    """Each demo form sent once through its page: {slug: reference}, the text markers, the files."""
    client = app.test_client()
    refs, text, files = {}, [], []
    for number, slug in enumerate(SLUGS):
        marked = marked_answers(form_spec(app, slug), f"{number:02d}")
        response = post(client, f"/forms/{slug}/", marked.data)
        assert response.status_code == 303, (slug, field_errors(response))
        refs[slug] = response.headers["Location"].split("/done/")[1].split("?")[0]
        text += marked.text
        files += marked.files
    return refs, text, files


def reply_with_a_file(app, ref: str) -> None:
    with app.app_context():
        get_store().set_status(ref, "waiting_for_you", "Please send the vet's receipt.")
    client = app.test_client()
    url = f"/status/reply/?ref={format_reference(ref)}&reply={make_reply_token(SECRET, normalize_reference(ref))}"
    body, name, data = REPLY
    values = MultiDict([("message", body), ("files", FileStorage(io.BytesIO(data), filename=f"{name}.pdf",
                                                                 content_type="application/pdf"))])
    boundary, encoded = encode_multipart(values)
    response = client.post(url, data=encoded, content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 303, field_errors(response)


def assisted_entry(app) -> list[str]:
    client = app.test_client()
    sign_in(client, AGENT, ["clerk"])
    marked = marked_answers(form_spec(app, "dog-licence"), "as")
    response = post(client, "/staff/new/dog-licence/", dict(marked.data, **{"gx-channel": "phone"}))
    assert response.status_code == 303, field_errors(response)
    return marked.text


def deliver_all(app, smtp) -> list:
    with app.app_context():
        Worker(get_store(), mail_settings(app), smtp.settings).run_once()
    return smtp.messages()


def raw_places(app, url: str, schema: str | None) -> dict[str, bytes]:
    """The database's raw bytes and every upload's, by where they were read."""
    places = {"database": sqlite_bytes(Path(url.removeprefix("sqlite:///"))) if schema is None else postgres_dump(schema)}
    for path in upload_files(app.config["UPLOAD_DIR"]):
        places[str(path)] = path.read_bytes()
    return places


def assert_no_marker(app, url, schema, needles, refs):
    places = raw_places(app, url, schema)
    assert len(places) > 1  # the database and the uploads were read
    assert all(ref.encode() in places["database"] for ref in refs.values())  # what stays clear is there to be read
    found = {where: sorted(hits(blob, needles)) for where, blob in places.items()}
    assert {where: h for where, h in found.items() if h} == {}
    names = [p.relative_to(app.config["UPLOAD_DIR"]).as_posix() for p in upload_files(app.config["UPLOAD_DIR"])]
    assert names and all(APP_NAME.match(n.rsplit("/", 1)[-1]) for n in names), names  # no resident-typed file name


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_no_marker_reaches_the_database_or_the_disk_before_and_after_a_key_rotation(kind, tmp_path, smtp):
    with database(kind, tmp_path) as (url, schema):
        app = start(tmp_path, url, [OLD_KEY])
        try:
            refs, text, files = send_every_form(app)
            reply_with_a_file(app, refs["dog-licence"])
            text += assisted_entry(app)
            with app.app_context():
                get_store().queue.add_note(get_store().staff.add(ADMIN, [], is_admin=True), refs["dog-licence"], NOTE)
            messages = deliver_all(app, smtp)
            # the emails carry the clear values: every text marker, every file's bytes, the reply and its file
            mail = b"".join(m.as_bytes() for m in messages)
            body = "\n".join(part.get_content() for m in messages for part in m.walk() if part.get_content_type() == "text/plain")
            missing = [t for t in text + [REPLY[0]] if t not in body]
            assert missing == []
            attached = [part.get_content() for m in messages for part in m.iter_attachments()]
            assert all(any(data == a for a in attached) for _, data in files) and REPLY[2] in attached
            assert re.search(r"819\D{0,2}555\D?7391", body) and "J9V 8K7" in body.upper()
            assert b"Zqmk" in mail

            needles = variants(text + [REPLY[0], REPLY[1], NOTE] + [name for name, _ in files]
                               + [re.search(rb"Zqmkbytes\w+", data).group().decode() for _, data in files] + ["Zqmkreplybytes01"])
            assert {t.encode() for t in text} <= hits(mail, needles)  # the check finds the markers where they are clear
            assert_no_marker(app, url, schema, needles, refs)

            # rotate to a new key while the old one still opens
            app2 = start(tmp_path, url, [NEW_KEY, OLD_KEY])
            runner = app2.test_cli_runner()
            before = runner.invoke(args=["keys", "check"])
            assert before.exit_code == 1 and "need a key other than the newest" in before.output
            rotated = runner.invoke(args=["keys", "rotate"])
            assert rotated.exit_code == 0, rotated.output
            assert "file(s) sealed again" in rotated.output and "value(s) in submissions.answers" in rotated.output
            after = runner.invoke(args=["keys", "check"])
            assert after.exit_code == 0 and "nothing needs a key other than the newest" in after.output
            with app2.app_context():
                entries = [(e.action, e.detail) for e in get_store().audit.entries() if e.action == "keys_rotated"]
            assert len(entries) == 1 and entries[0][1].startswith("values=") and "Zqmk" not in entries[0][1]
            get_store_of(app2).engine.dispose()

            # the old key removed, the app restarted: everything still opens
            app3 = start(tmp_path, url, [NEW_KEY])
            client = app3.test_client()
            sign_in(client, ADMIN, admin=True)
            for slug, ref in refs.items():
                page = client.get(f"/staff/requests/{ref}/")
                assert page.status_code == 200
                shown = parse(page).find("main").text()
                assert any(t in shown for t in text), slug
            dog = client.get(f"/staff/requests/{refs['dog-licence']}/")
            assert REPLY[0] in parse(dog).find("main").text() and NOTE in parse(dog).find("main").text()
            links = [a.get("href") for a in parse(dog).find_all("a") if "/files/" in (a.get("href") or "")]
            downloads = {client.get(href).get_data() for href in links}
            assert REPLY[2] in downloads  # the staff download is the clear file
            # the search by contact works under the new key (blind index re-made by the rotation)
            queue = client.get(f"/staff/requests/?phone={PHONE_DIGITS}")
            assert format_reference(refs["dog-licence"]) in parse(queue).find("main").text()
            assert_no_marker(app3, url, schema, needles, refs)
            get_store_of(app3).engine.dispose()
        finally:
            get_store_of(app).engine.dispose()


def get_store_of(app):
    return app.extensions["guichet_store"]


def test_production_refuses_to_start_without_an_encryption_key(tmp_path):
    production = dict(ENV="production", SECRET_KEY="Vq3n_8XkR2pLw7Zt9bYc4HmJ6sFd1GaE0uNi5oQr",
                      PUBLIC_URL="https://services.bellerive.example.org")
    with pytest.raises(ConfigError) as caught:
        create_app(app_config(tmp_path, **production))
    lines = [line for line in str(caught.value).splitlines() if line.startswith("- ")]
    assert len(lines) == 1 and lines[0].startswith("- FORMS_ENCRYPTION_KEYS is not set")
    assert not (tmp_path / "encryption.keys").exists()
    with pytest.raises(ConfigError) as caught:
        create_app(app_config(tmp_path, **production, ENCRYPTION_KEYS=["not-a-key"]))
    assert "FORMS_ENCRYPTION_KEYS: key 1 is not a Fernet key" in str(caught.value) and "not-a-key" not in str(caught.value)
    key_file = tmp_path / "keys.txt"
    for text, said in ((f"{NEW_KEY}\n\nnot-a-key\n", "FORMS_ENCRYPTION_KEY_FILE: line 2 with a key is not a Fernet key"),
                       ("Clé\n", "FORMS_ENCRYPTION_KEY_FILE cannot be read (UnicodeDecodeError)")):
        key_file.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError) as caught:
            create_app(app_config(tmp_path, **production, ENCRYPTION_KEY_FILE=str(key_file)))
        assert said in str(caught.value) and "not-a-key" not in str(caught.value) and NEW_KEY not in str(caught.value)
    key_file.write_text(f"# the city's key\n{NEW_KEY}\n", encoding="ascii")
    app = create_app(app_config(tmp_path, **production, ENCRYPTION_KEY_FILE=str(key_file)))
    assert get_store_of(app).keyring.keys == [NEW_KEY.encode()]
    get_store_of(app).engine.dispose()


def test_a_file_kept_across_an_error_page_is_sealed_too(tmp_path):
    app = start(tmp_path, f"sqlite:///{tmp_path / 'guichet.sqlite3'}", [OLD_KEY])
    try:
        marked = marked_answers(form_spec(app, "building-permit"), "kp")
        data = dict(marked.data, applicant_name="")  # a required answer left out: the page comes back, the files kept
        shown = post(app.test_client(), "/forms/building-permit/", data)
        assert shown.status_code in (400, 422) and field_errors(shown)
        kept = upload_files(str(Path(app.config["UPLOAD_DIR"]) / "pending"))
        assert len(kept) == len(marked.files) and all(APP_NAME.match(p.name) for p in kept)
        needles = variants([name for name, _ in marked.files]
                           + [re.search(rb"Zqmkbytes\w+", body).group().decode() for _, body in marked.files])
        assert not [p for p in kept if hits(p.read_bytes(), needles)]
        with app.app_context():
            assert sorted(get_store().keyring.open_bytes(p.read_bytes()) for p in kept) == sorted(b for _, b in marked.files)
    finally:
        get_store_of(app).engine.dispose()
