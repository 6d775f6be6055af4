"""Must show (#13): an assisted phone entry produces a reference, the resident's confirmation email
(real SMTP server) and a ``phone`` channel in the department's queue and in its CSV export."""

from __future__ import annotations

import csv
import io

from forms_app.delivery import Worker
from forms_app.delivery.settings import mail_settings
from forms_app.store import get_store

from tests.support.apps import buffered_client
from tests.support.forms import post
from tests.support.html_tree import csrf_token, parse
from tests.support.staff import sign_in

AGENT = "agent-311@bellerive.example.org"  # the 311 line: no department of its own
CLERK = "animals-clerk@bellerive.example.org"  # Animal Services, who receive dog licences
CALLER = {
    "gx-channel": "phone", "owner_name": "Marc Ouellet", "address": "4 Rue du Pont", "postal_code": "K0A 1A0",
    "phone": "613-555-0142", "email": "marc@example.net", "dog_name": "Pruneau", "breed": "beagle",
    "birth_date-day": "2", "birth_date-month": "9", "birth_date-year": "2023", "sterilized": "no", "colour": "brown",
    "rabies_shot-day": "12", "rabies_shot-month": "5", "rabies_shot-year": "2026", "owner_senior": "no",
    "tag_type": "new",
}


def test_a_phone_entry_reaches_the_resident_the_queue_and_the_csv(app, smtp):
    agent, clerk = buffered_client(app), buffered_client(app)
    sign_in(agent, AGENT)
    sign_in(clerk, CLERK, ["animal-services"])

    form = agent.get("/fr/staff/new/dog-licence/")  # the agent speaks French with the caller
    done = post(agent, "/fr/staff/new/dog-licence/", {**CALLER, "csrf_token": csrf_token(form)})
    assert done.status_code == 303
    reference = parse(agent.get(done.headers["Location"])).find("strong", cls="gx-reference").text()

    with app.app_context():
        Worker(get_store(), mail_settings(app), smtp.settings).run_once()
    to_caller = [m for m in smtp.messages() if m["To"] == "marc@example.net"]
    assert len(to_caller) == 1 and reference in to_caller[0]["Subject"]
    assert to_caller[0]["Content-Language"].startswith("fr")

    queue = parse(clerk.get("/staff/requests/?channel=phone"))
    rows = queue.find("table", cls="gx-queue").find("tbody").find_all("tr")
    cells = [[c.text().strip() for c in row.children if not isinstance(c, str)] for row in rows]
    assert len(cells) == 1 and cells[0][0] == reference and "Phone" in cells[0]

    export = clerk.get("/staff/requests.csv?channel=phone")
    assert export.get_data().startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(export.get_data().decode("utf-8-sig"))))
    header, body = table[0], table[1:]
    assert len(body) == 1
    row = dict(zip(header, body[0]))
    assert row["Reference"] == reference and row["Channel"] == "Phone"
