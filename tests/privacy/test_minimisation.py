"""#14 minimisation: no client address is stored with a submission, a reply, a status lookup, a search
count or page feedback. Requests come from a distinctive address (REMOTE_ADDR); afterwards the
address is in no column of the schema, no row (sealed values opened), no raw byte of the SQLite file
or the upload folder, and no log line. The rate-limit counters (in memory, expiring) are the one place
it is used."""

from __future__ import annotations

import ipaddress
import logging
import re
from pathlib import Path

from sqlalchemy import select

from forms_app.status.links import make_reply_token
from forms_app.store import format_reference, get_store, normalize_reference
from forms_app.store.schema import metadata

from tests.support.apps import SECRET
from tests.support.feedback import answer, explain
from tests.support.forms import post
from tests.support.html_tree import field_errors
from tests.support.markers import marked_answers, sqlite_bytes, upload_files

ADDRESS = "203.0.113.77"  # TEST-NET-3: no real client
ADDRESS_6 = "2001:db8:7e57::77"


def forms_of(address: str) -> set[bytes]:
    """Every way a stored address might be written: text (v4, v6 compressed and exploded), UTF-16, packed, an integer."""
    ip = ipaddress.ip_address(address)
    texts = {str(ip), ip.exploded, str(int(ip))}
    found = {t.encode() for t in texts} | {t.encode("utf-16-le") for t in texts} | {ip.packed}
    if ip.version == 4:
        found.add(".".join(str(ip).split(".")[:3]).encode())  # a truncated /24 is still the client's network
    return found


def every_row(app) -> str:
    with app.app_context(), get_store().engine.connect() as conn:
        return "\n".join(repr(tuple(r)) for t in metadata.sorted_tables for r in conn.execute(select(t)))


def test_no_client_address_is_stored_anywhere(make_app, caplog):
    caplog.set_level(logging.DEBUG)
    app = make_app(WTF_CSRF_ENABLED=False)
    for address in (ADDRESS, ADDRESS_6):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = address
        spec = app.extensions["guichet.form_classes"][("dog-licence", "en")].spec
        sent = post(client, "/forms/dog-licence/", marked_answers(spec, "ip").data)
        assert sent.status_code == 303, field_errors(sent)
        ref = sent.headers["Location"].split("/done/")[1].split("?")[0]
        assert client.get(f"/status/?ref={format_reference(ref)}").status_code == 200
        with app.app_context():
            get_store().set_status(ref, "waiting_for_you", "Please send the receipt.")
        token = make_reply_token(SECRET, normalize_reference(ref))
        replied = client.post(f"/status/reply/?ref={format_reference(ref)}&reply={token}", data={"message": "Here it is."})
        assert replied.status_code == 303, field_errors(replied)
        client.get("/search?q=Xyzzy+Qwfpgj")  # counted as a search that found nothing
        more = answer(client, client.get("/forms/dog-licence/"), "no")  # page feedback, with a comment
        assert explain(client, more, reason="other", comment="The page was hard to find.").status_code == 200

    rows = every_row(app)
    assert "xyzzy" in rows.lower() and "Here it is." in rows and "hard to find" in rows  # the check reads what was stored
    with app.app_context(), get_store().engine.connect() as conn:
        assert conn.execute(select(metadata.tables["page_feedback"])).first() is not None
    names = [f"{t.name}.{c.name}" for t in metadata.sorted_tables for c in t.columns]
    assert [n for n in names if re.search(r"(^|[._])(ip|remote|addr|user_agent|client_ip)([._]|$)", n)] == []
    raw = sqlite_bytes(Path(app.config["DATABASE_URL"].removeprefix("sqlite:///")))
    files = b"".join(p.read_bytes() for p in upload_files(app.config["UPLOAD_DIR"]))
    for address in (ADDRESS, ADDRESS_6):
        for form in forms_of(address):
            assert form.decode("latin-1") not in rows, form
            assert form not in raw, form
            assert form not in files, form
        assert address not in caplog.text
