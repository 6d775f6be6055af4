"""Staff sign-in without passwords, end to end with the real SMTP server and the delivery worker.

A link works once, for its address, before it expires, while the address is registered;
the page answers the same for unknown addresses; requests are rate-limited; the logs never hold
an address. The session that follows: tests/staff/test_staff_session.py.
"""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from sqlalchemy import select

from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from forms_app.staff.links import SALT, make_sign_in_token
from forms_app.store import get_store, schema

from tests.support.apps import SECRET, buffered_client
from tests.support.forms import post, text
from tests.support.html_tree import csrf_token, element, field_errors, parse, summary, title
from tests.support.sign_in import (ask, audit, deliver, emailed_link, follow, link_path, press, sign_in_settings,
                                  signed_in, use_clock)
from tests.support.staff import add_staff

AGENT = "agent@bellerive.example.org"
OTHER = "other@bellerive.example.org"


@pytest.fixture
def app(make_app, clock):
    app = make_app(**sign_in_settings())
    use_clock(app, clock)
    return app



def test_the_emailed_link_signs_in_once(app, client, smtp):
    add_staff(app, AGENT, ["animal-services"])
    response = ask(client, "  Agent@Bellerive.example.org ")
    assert (response.status_code, response.headers["Location"]) == (303, "/staff/link-sent/")
    sent = client.get("/staff/link-sent/")
    assert title(sent).startswith("Check your email")
    with app.app_context(), get_store().engine.connect() as conn:
        [link] = conn.execute(select(schema.sign_in_links)).mappings().all()
        [row] = conn.execute(select(schema.outbox)).mappings().all()
    assert (link["email"], link["lang"], link["used_at"]) == (AGENT, "en", None)
    assert link["expires_at"] - link["created_at"] == timedelta(minutes=15)
    assert (row["kind"], row["submission_id"], row["sign_in_id"], row["recipient"]) == ("sign_in", None, link["id"], AGENT)

    assert deliver(app, smtp) == {"sent": 1}
    [got] = smtp.received
    assert got.rcpt_tos == [AGENT]
    msg = got.message
    assert msg["Subject"].startswith("Your link to sign in to the staff workspace / ")
    assert msg["Message-ID"].startswith(f"<sign-in-{link['id']}@")
    assert msg["Content-Language"] == "en, fr"
    path = link_path(msg)
    assert path.startswith("/staff/sign-in/")
    assert "/fr/staff/sign-in/" in msg.get_body(preferencelist=("plain",)).get_content()  # the French half links in French

    page = client.get(path)  # a mail scanner's GET spends nothing
    assert page.status_code == 200 and parse(page).find("form", method="post") is not None
    response = post(client, path, {"csrf_token": csrf_token(page)})
    assert (response.status_code, response.headers["Location"]) == (303, "/staff/requests/")
    assert response.headers["Cache-Control"] == "no-store"
    assert signed_in(client)
    assert (AGENT, "sign_in", f"link={link['id']}") in audit(app)

    replay = buffered_client(app)  # someone else with the same email: the link is spent
    response = follow(replay, path)
    assert response.status_code == 403
    assert title(response).startswith("Error: This sign-in link no longer works")
    assert element(response, "main").find("a").get("href") == "/staff/"
    assert not signed_in(replay)
    assert ("anonymous", "sign_in_refused", f"link={link['id']}") in audit(app)


def test_a_link_asked_in_french_answers_in_french(app, client, smtp):
    add_staff(app, AGENT, ["animal-services"])
    response = ask(client, AGENT, "fr")
    assert response.headers["Location"] == "/fr/staff/link-sent/"
    assert deliver(app, smtp) == {"sent": 1}
    msg = smtp.received[0].message
    assert msg["Content-Language"] == "fr, en"
    assert msg["Subject"].startswith("Votre lien pour vous connecter")
    path = link_path(msg)
    assert path.startswith("/fr/staff/sign-in/")
    assert follow(client, path).headers["Location"] == "/fr/staff/requests/"


def test_an_expired_link_is_refused(app, client, smtp, clock):
    add_staff(app, AGENT, ["animal-services"])
    path = emailed_link(app, client, smtp, AGENT)
    clock.advance(minutes=15, seconds=1)
    response = follow(client, path)
    assert response.status_code == 403 and not signed_in(client)
    with app.app_context(), get_store().engine.connect() as conn:
        assert conn.execute(select(schema.sign_in_links.c.used_at)).scalar() is None


class PastSigner(TimestampSigner):
    """Signs as if an hour ago."""

    def get_timestamp(self) -> int:
        return super().get_timestamp() - 3600


def test_a_link_older_than_its_signature_allows_is_refused(make_app, smtp):
    app = make_app(**sign_in_settings(STAFF_SIGN_IN_MAX_AGE=1))
    client = buffered_client(app)
    add_staff(app, AGENT, ["animal-services"])
    with app.app_context():
        link_id = get_store().staff.new_sign_in(AGENT, timedelta(hours=1))
    old = URLSafeTimedSerializer(SECRET, salt=SALT, signer=PastSigner).dumps({"i": link_id, "e": AGENT})  # signed an hour ago; the row still runs
    response = press(client, f"/staff/sign-in/{old}")
    assert response.status_code == 403 and not signed_in(client)


def test_a_link_for_one_address_cannot_sign_in_another(app, client, smtp):
    add_staff(app, AGENT, ["animal-services"])
    add_staff(app, OTHER, ["public-works"])
    path = emailed_link(app, client, smtp, AGENT)
    with app.app_context(), get_store().engine.connect() as conn:
        link_id = conn.execute(select(schema.sign_in_links.c.id)).scalar_one()
    # the same link id with the other address: a token we did not sign is refused
    token = path.rsplit("/", 1)[1]
    tampered = token.replace(token[5], "A" if token[5] != "A" else "B", 1)
    assert press(client, f"/staff/sign-in/{tampered}").status_code == 403
    # signed with another key for the other address
    forged = make_sign_in_token("not-our-secret", link_id, OTHER)
    assert press(client, f"/staff/sign-in/{forged}").status_code == 403
    # even well signed (a leaked key), the row is bound to the address it was sent to
    rebound = make_sign_in_token(SECRET, link_id, OTHER)
    assert follow(client, f"/staff/sign-in/{rebound}").status_code == 403
    assert not signed_in(client)
    assert ("anonymous", "sign_in_refused", "link=unreadable") in audit(app)
    # the real link still works afterwards
    assert follow(client, path).status_code == 303 and signed_in(client)
    assert all(OTHER not in actor + detail for actor, action, detail in audit(app) if action.startswith("sign_in"))


def test_removed_staff_cannot_use_a_link_sent_before(app, client, smtp, runner):
    add_staff(app, AGENT, ["animal-services"])
    path = emailed_link(app, client, smtp, AGENT)
    with app.app_context():
        assert get_store().staff.remove(AGENT)
    assert follow(client, path).status_code == 403 and not signed_in(client)


def test_an_unknown_address_gets_the_same_answer_and_no_email(app, client, smtp):
    add_staff(app, AGENT, ["animal-services"])
    known, unknown = ask(client, AGENT), ask(client, "nobody@bellerive.example.org")
    assert (known.status_code, known.headers["Location"]) == (unknown.status_code, unknown.headers["Location"])
    assert known.get_data() == unknown.get_data()
    assert deliver(app, smtp) == {"sent": 1}
    assert [r.rcpt_tos for r in smtp.received] == [[AGENT]]
    with app.app_context(), get_store().engine.connect() as conn:
        assert conn.execute(select(schema.sign_in_links.c.email)).scalars().all() == [AGENT]


def test_a_removed_address_gets_the_same_answer_and_no_email(app, client, smtp):
    add_staff(app, AGENT, ["animal-services"])
    with app.app_context():
        get_store().staff.remove(AGENT)
    assert ask(client, AGENT).headers["Location"] == "/staff/link-sent/"
    assert deliver(app, smtp) == {}


def test_a_malformed_address_is_an_error_on_the_form(client):
    response = ask(client, "not an address")
    assert response.status_code == 400
    assert title(response).startswith("Error: ")
    assert summary(response) == [("#email", "Enter an email address like name@city.example")]
    assert field_errors(response) == {"email": "Enter an email address like name@city.example"}


def test_requests_are_limited_per_client(make_app):
    app = make_app(**sign_in_settings(STAFF_SIGN_IN_RATE_LIMIT="3 per minute"))
    client = buffered_client(app)
    for n in range(3):
        assert ask(client, f"someone{n}@bellerive.example.org").status_code == 303
    response = ask(client, "someone9@bellerive.example.org", "fr")
    assert response.status_code == 429
    assert title(response).startswith("Erreur")
    assert "Trop de demandes de connexion" in text(response)


def test_requests_are_limited_per_address(make_app):
    app = make_app(**sign_in_settings(STAFF_SIGN_IN_RATE_LIMIT="2 per minute"))
    add_staff(app, AGENT, ["clerk"])
    add_staff(app, OTHER, ["clerk"])
    clients = [buffered_client(app) for _ in range(3)]
    for n, client in enumerate(clients):
        client.environ_base["REMOTE_ADDR"] = f"192.0.2.{n + 1}"  # three clients…
    assert ask(clients[0], AGENT).status_code == 303
    assert ask(clients[1], AGENT.upper()).status_code == 303
    assert ask(clients[2], AGENT).status_code == 429  # …one address
    assert ask(clients[2], OTHER).status_code == 303
    with app.app_context(), get_store().engine.connect() as conn:  # the refused request wrote no link and no email
        links = conn.execute(select(schema.sign_in_links.c.email).order_by(schema.sign_in_links.c.id)).scalars().all()
        emails = conn.execute(select(schema.outbox.c.recipient).where(schema.outbox.c.kind == "sign_in")).scalars().all()
    assert links == [AGENT, AGENT, OTHER] and sorted(emails) == sorted(links)



def test_no_address_in_the_logs(app, client, smtp, caplog):
    caplog.set_level(logging.DEBUG)
    add_staff(app, AGENT, ["animal-services"])
    ask(client, "nobody@bellerive.example.org")
    path = emailed_link(app, client, smtp, AGENT)
    follow(client, path)
    follow(buffered_client(app), path)  # refused: spent
    client.post("/staff/sign-out", data={"csrf_token": csrf_token(client.get("/staff/requests/"))})
    ours = [r for r in caplog.records if not r.name.startswith("mail.log")]  # not the test SMTP server's own log
    logged = "\n".join(f"{r.name} {r.getMessage()}" for r in ours).lower()
    assert "kind=sign_in id=" in logged and "staff signed in" in logged
    for secret in ("agent@", "nobody@", "bellerive.example.org", path.rsplit("/", 1)[1].lower()):
        assert secret not in logged


def test_the_link_row_is_spent_once_for_its_address_before_it_expires(store, clock):
    """StaffDirectory on SQLite and PostgreSQL: one conditional UPDATE decides."""
    staff = store.staff
    staff.add(AGENT, ["animal-services"])
    staff.add(OTHER, ["public-works"])
    assert staff.new_sign_in("nobody@bellerive.example.org", timedelta(minutes=15)) is None
    first = staff.new_sign_in(AGENT, timedelta(minutes=15), "fr")
    assert staff.sign_in_link(first).lang == "fr"
    assert staff.use_sign_in(first, OTHER) is None
    assert staff.use_sign_in(first, AGENT).email == AGENT
    assert staff.use_sign_in(first, AGENT) is None
    assert staff.sign_in_link(first).used_at == clock()
    late = staff.new_sign_in(AGENT, timedelta(minutes=15))
    clock.advance(minutes=15)
    assert staff.use_sign_in(late, AGENT) is None
    gone = staff.new_sign_in(AGENT, timedelta(minutes=15))
    staff.remove(AGENT)
    assert staff.use_sign_in(gone, AGENT) is None
    assert staff.use_sign_in(999, AGENT) is None
    entries = [(e.actor, e.action, e.detail) for e in store.audit.entries() if e.action.startswith("sign_in")]
    assert entries == [("anonymous", "sign_in_refused", "link=999"), ("anonymous", "sign_in_refused", f"link={gone}"),
                       ("anonymous", "sign_in_refused", f"link={late}"), ("anonymous", "sign_in_refused", f"link={first}"),
                       (AGENT, "sign_in", f"link={first}"), ("anonymous", "sign_in_refused", f"link={first}")]


def test_the_link_does_not_carry_the_address(app, client, smtp):
    """The token is signed, not encrypted: its payload is readable, so it holds a digest of the address, not the address."""
    import json

    from itsdangerous import URLSafeSerializer

    add_staff(app, AGENT, ["clerk"])
    path = emailed_link(app, client, smtp, AGENT)
    token = path.rsplit("/", 1)[1]
    # the payload as anyone reads it, compressed or not (a compressed one starts with "."), without the key
    payload = URLSafeSerializer("any key").load_payload(token.rsplit(".", 2)[0].encode())
    assert set(payload) == {"i", "a"}
    decoded = json.dumps(payload).lower()
    assert "agent" not in decoded and "bellerive" not in decoded
    assert follow(client, path).status_code == 303 and signed_in(client)
