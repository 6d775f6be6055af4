"""Open311 GeoReport v2 over a real socket (werkzeug's server in a thread, urllib as the client):
discovery, services, definitions, a posted request delivered like a web one, reading, every error."""

from __future__ import annotations

import hashlib
import json
import threading
from datetime import timedelta
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import Request, urlopen
from xml.etree import ElementTree as ET

import pytest
from werkzeug.serving import make_server

from forms_app.store import get_store
from tests.support.apps import create_test_app, dispose
from tests.support.forms import post, rows

SERVICE_FIELDS = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"]
ATTRIBUTE_FIELDS = ["variable", "code", "datatype", "required", "datatype_description", "order", "description"]
REQUEST_FIELDS = ["service_request_id", "status", "status_notes", "service_name", "service_code", "description",
                  "agency_responsible", "service_notice", "requested_datetime", "updated_datetime",
                  "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url"]
POTHOLE = {"service_code": "report-pothole", "address_string": "Main Street at Oak Avenue",
           "attribute[position]": "bike-lane", "attribute[size]": "large", "attribute[dangerous]": "yes",
           "attribute[details]": "Deep.", "email": "jo@example.net", "first_name": "Jo", "last_name": "Tremblay"}
WEB_POTHOLE = {"location": "Main Street at Oak Avenue", "position": "bike-lane", "size": "large", "dangerous": "yes",
               "details": "Deep.", "email": "jo@example.net", "full_name": "Jo Tremblay"}


@pytest.fixture
def served(tmp_path, smtp, db_url):
    app = create_test_app(tmp_path, DATABASE_URL=db_url, SMTP_HOST="127.0.0.1", SMTP_PORT=smtp.port, SMTP_SECURITY="none",
                          RATELIMIT_STORAGE_URI="worker-memory://", OPEN311_RATE_LIMIT="3 per minute")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with app.app_context():
        key = get_store().api_keys.create("city-311-app")
    yield app, f"http://127.0.0.1:{server.server_port}/open311/v2", key
    server.shutdown()
    server.server_close()
    dispose(app)


def rows_of(app) -> list[dict]:
    return rows(app, "submissions")


def call(url: str, data: dict | None = None) -> tuple[int, str, bytes]:
    body = urlencode(data).encode() if data is not None else None
    try:
        with urlopen(Request(url, data=body, method="POST" if data is not None else "GET"), timeout=30) as r:
            return r.status, r.headers["Content-Type"], r.read()
    except HTTPError as error:
        with error:
            return error.code, error.headers["Content-Type"], error.read()


def xml_items(body: bytes, root: str, item: str) -> list[dict]:
    tree = ET.fromstring(body)
    assert tree.tag == root
    return [{child.tag: child for child in element} for element in tree.findall(item)]


def test_discovery_and_services_in_both_formats(served):
    app, base, _ = served
    status, kind, body = call(f"{base}/discovery.json")
    found = json.loads(body)
    assert status == 200 and kind.startswith("application/json")
    assert found["endpoints"][0]["url"].endswith("/open311/v2") and "application/json" in found["endpoints"][0]["formats"]
    status, kind, body = call(f"{base}/discovery.xml")
    assert status == 200 and kind.startswith("text/xml")
    assert body.startswith(b'<?xml version="1.0" encoding="UTF-8"?>') and "charset=utf-8" in kind  # the spec's encoding
    assert [f.text for f in ET.fromstring(body).findall("endpoints/endpoint/formats/format")] == ["text/xml", "application/json"]
    with app.app_context():
        with_forms = sorted({slug for slug, _ in app.extensions["guichet.form_classes"]})
    services = json.loads(call(f"{base}/services.json")[2])
    assert [s["service_code"] for s in services] == with_forms
    pothole = next(s for s in services if s["service_code"] == "report-pothole")
    assert list(pothole) == SERVICE_FIELDS
    assert (pothole["service_name"], pothole["metadata"], pothole["type"]) == ("Report a pothole", True, "realtime")
    in_xml = xml_items(call(f"{base}/services.xml?lang=fr")[2], "services", "service")
    assert [s["service_code"].text for s in in_xml] == with_forms
    fr = next(s for s in in_xml if s["service_code"].text == "report-pothole")
    assert list(fr) == SERVICE_FIELDS and fr["metadata"].text == "true"
    assert fr["service_name"].text == "Signaler un nid-de-poule"  # the lang=fr extension


def test_service_definition_matches_the_form_declaration(served):
    app, base, _ = served
    spec = app.extensions["guichet.form_classes"][("report-pothole", "en")].spec
    definition = json.loads(call(f"{base}/services/report-pothole.json")[2])
    assert definition["service_code"] == "report-pothole"
    expected = [f for f in spec.fields if f.type.value != "file"]  # the API takes no files
    attrs = definition["attributes"]
    assert [a["code"] for a in attrs] == [f.name for f in expected]
    assert [a["required"] for a in attrs] == [f.required for f in expected]
    assert [a["description"] for a in attrs] == [f.label.en for f in expected]
    assert [a["order"] for a in attrs] == list(range(1, len(expected) + 1))
    assert {a["code"]: a["datatype"] for a in attrs} == {
        "location": "string", "position": "singlevaluelist", "size": "singlevaluelist", "dangerous": "singlevaluelist",
        "details": "text", "full_name": "string", "email": "string", "phone": "string"}
    assert all(list(a)[:7] == ATTRIBUTE_FIELDS and a["variable"] is True for a in attrs)
    position = next(a for a in attrs if a["code"] == "position")
    assert [v["key"] for v in position["values"]] == [c.value for c in expected[1].choices]
    assert position["values"][1] == {"key": "bike-lane", "name": "In a bike lane"}
    tree = ET.fromstring(call(f"{base}/services/report-pothole.xml?lang=fr")[2])
    assert tree.tag == "service_definition" and tree.findtext("service_code") == "report-pothole"
    xml_attrs = tree.findall("attributes/attribute")
    assert [a.findtext("code") for a in xml_attrs] == [f.name for f in expected]
    assert xml_attrs[1].findtext("values/value[2]/name") == "Dans une piste cyclable"
    assert xml_attrs[0].findtext("required") == "true" and xml_attrs[0].findtext("datatype") == "string"


def test_a_posted_request_is_stored_and_emailed_like_a_web_submission(served, smtp):
    app, base, key = served
    status, _, body = call(f"{base}/requests.json", {**POTHOLE, "api_key": key})
    assert status == 200, body
    [answer] = json.loads(body)
    api_ref = answer["service_request_id"]
    assert set(answer) >= {"service_request_id", "service_notice"} and len(api_ref) == 9 and api_ref[4] == "-"
    app.config["WTF_CSRF_ENABLED"] = False  # the web form's token is not the point here
    web = post(app.test_client(), "/forms/report-pothole/", WEB_POTHOLE)
    assert web.status_code == 303
    result = app.test_cli_runner().invoke(args=["deliver", "--once"])
    assert result.exit_code == 0 and "sent 4" in result.output, result.output  # 2 × (department + resident copy)
    mailbox = app.extensions["guichet.catalogue"].taxonomy.departments["public-works"].email
    department = [m for m in smtp.messages() if m["To"] == mailbox]
    assert len(department) == 2
    api_mail = next(m for m in department if m["Subject"].endswith(api_ref))
    web_mail = next(m for m in department if not m["Subject"].endswith(api_ref))
    web_ref = web_mail["Subject"].rsplit(" ", 1)[1]

    def same_shape(m) -> list[str]:
        """The email's text with its reference and its signed staff links' tokens taken out."""
        text = m.get_body(("plain",)).get_content().replace(web_ref, "REF").replace(api_ref, "REF")
        return [line.split("/status/staff/")[0] for line in text.splitlines()]

    assert api_mail["Subject"].replace(api_ref, "REF") == web_mail["Subject"].replace(web_ref, "REF")
    assert (api_mail["To"], api_mail["Reply-To"]) == (web_mail["To"], "jo@example.net")
    assert same_shape(api_mail) == same_shape(web_mail)
    assert any("In a bike lane" in line for line in same_shape(api_mail))  # the answers, as the web form's
    with app.app_context():
        channels = {r["reference"]: r["channel"] for r in rows_of(app)}
    assert channels[api_ref.replace("-", "")] == "api" and channels[web_ref.replace("-", "")] == "web"


def test_reading_requests_by_id_and_by_filters_gives_nothing_personal(served):
    app, base, key = served
    refs = [json.loads(call(f"{base}/requests.json", {**POTHOLE, "api_key": key})[2])[0]["service_request_id"]
            for _ in range(2)]
    with app.app_context():
        get_store().set_status(refs[1], "completed", "Filled on Tuesday.")
    status, _, body = call(f"{base}/requests/{refs[1]}.json")
    [one] = json.loads(body)
    assert status == 200 and list(one) == REQUEST_FIELDS
    assert (one["status"], one["status_notes"], one["service_code"]) == ("closed", "Completed: Filled on Tuesday.", "report-pothole")
    assert one["agency_responsible"] and one["expected_datetime"] and one["requested_datetime"]
    assert "jo@example.net" not in body.decode() and "Tremblay" not in body.decode() and "Main Street" not in body.decode()
    [fr] = xml_items(call(f"{base}/requests/{refs[1]}.xml?lang=fr")[2], "service_requests", "request")
    assert list(fr) == REQUEST_FIELDS and fr["status_notes"].text.startswith("Termin")  # lang=fr: the French label
    listed = json.loads(call(f"{base}/requests.json?service_code=report-pothole")[2])
    assert sorted(r["service_request_id"] for r in listed) == sorted(refs)
    assert [r["service_request_id"] for r in json.loads(call(f"{base}/requests.json?status=open")[2])] == [refs[0]]
    assert [r["service_request_id"] for r in json.loads(call(f"{base}/requests.json?status=closed")[2])] == [refs[1]]
    assert json.loads(call(f"{base}/requests.json?service_code=dog-licence")[2]) == []
    by_ids = xml_items(call(f"{base}/requests.xml?service_request_id={refs[0]},{refs[1]}")[2], "service_requests", "request")
    assert sorted(r["service_request_id"].text for r in by_ids) == sorted(refs)
    old = json.loads(call(f"{base}/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-03-01T00:00:00Z")[2])
    assert old == []
    assert all("jo@example.net" not in json.dumps(r) for r in listed)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_every_error_is_the_specifications_list_with_its_code(served, fmt):
    app, base, key = served

    def errors(status_body):
        status, _, body = status_body
        if fmt == "json":
            return status, [(e["code"], e["description"]) for e in json.loads(body)]
        return status, [(int(e["code"].text), e["description"].text) for e in xml_items(body, "errors", "error")]

    status, found = errors(call(f"{base}/requests.{fmt}", POTHOLE))
    assert status == 403 and found[0][0] == 403 and "api_key" in found[0][1]
    status, found = errors(call(f"{base}/requests.{fmt}", {**POTHOLE, "api_key": "not-a-key"}))
    assert status == 403 and found[0][0] == 403 and "not valid" in found[0][1]
    status, found = errors(call(f"{base}/services/no-such-service.{fmt}"))
    assert (status, found[0][0]) == (404, 404)
    status, found = errors(call(f"{base}/requests.{fmt}", {**POTHOLE, "api_key": key, "service_code": "no-such"}))
    assert (status, found[0][0]) == (404, 404)
    missing = {k: v for k, v in POTHOLE.items() if k != "attribute[size]"}
    status, found = errors(call(f"{base}/requests.{fmt}", {**missing, "api_key": key}))
    assert status == 400 and [d for c, d in found] == ["attribute[size]: Choose one option for “How big is it?”"]
    status, found = errors(call(f"{base}/requests.{fmt}?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z"))
    assert status == 400 and found[0][0] == 400 and "90 days" in found[0][1]
    with app.app_context():
        get_store().api_keys.revoke("city-311-app")
    status, found = errors(call(f"{base}/requests.{fmt}", {**POTHOLE, "api_key": key}))
    assert status == 403 and found[0][0] == 403


def test_keys_are_limited_each_on_its_own(served):
    app, base, key = served
    with app.app_context():
        other = get_store().api_keys.create("regional-211")
    codes = [call(f"{base}/requests.json", {**POTHOLE, "api_key": key})[0] for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert len(rows_of(app)) == 3  # the refused fourth stored nothing
    assert call(f"{base}/requests.json", {**POTHOLE, "api_key": other})[0] == 200
    assert [r["channel"] for r in rows_of(app)] == ["api"] * 4


def test_lists_numbers_and_the_specifications_own_fields_fill_the_form_in_french(served):
    app, base, key = served
    sent = {"api_key": key, "service_code": "bulky-item-collection", "lang": "fr",
            "first_name": "Jo", "last_name": "Tremblay", "address_string": "12 rue Elm", "phone": "613-555-0100",
            "attribute[postal_code]": "k1a 0b1", "attribute[items][]": "mattress", "attribute[item_count]": "3"}
    body = urlencode(sent).encode() + b"&" + urlencode({"attribute[items][]": "barbecue"}).encode()
    with urlopen(Request(f"{base}/requests.xml", data=body, method="POST"), timeout=30) as response:
        [answer] = xml_items(response.read(), "service_requests", "request")
    ref = answer["service_request_id"].text.replace("-", "")
    [row] = [r for r in rows(app, "submissions") if r["reference"] == ref]
    answers = {a["name"]: a["value"] for a in row["answers"]}
    assert (row["lang"], row["channel"], row["contact_name"], row["recipient"]) == (
        "fr", "api", "Jo Tremblay", app.extensions["guichet.catalogue"].taxonomy.departments[row["department"]].email)
    assert answers["full_name"] == "Jo Tremblay" and answers["address"] == "12 rue Elm"
    assert answers["item_count"] == "3" and answers["postal_code"] == "K1A 0B1"
    assert answers["items"].count("; ") == 1  # both choices, as the web form joins them
    status, _, body = call(f"{base}/requests.json", {**sent, "attribute[item_count]": "many"})
    [(code, description)] = [(e["code"], e["description"]) for e in json.loads(body)]
    assert (status, code) == (400, 400) and description.startswith("attribute[item_count]: ") and "nombre" in description


def test_apikey_commands_print_a_key_once_and_keep_only_its_hash(served):
    app, base, _ = served
    runner = app.test_cli_runner()
    made = runner.invoke(args=["apikey", "create", "regional-211"])
    assert made.exit_code == 0, made.output
    key = made.output.strip().splitlines()[-1]
    [row] = [r for r in rows(app, "api_keys") if r["name"] == "regional-211"]
    assert row["key_hash"] == hashlib.sha256(key.encode()).hexdigest() and key not in str(row)
    assert runner.invoke(args=["apikey", "create", "regional-211"]).exit_code != 0  # names are unique
    listed = runner.invoke(args=["apikey", "list"]).output
    assert "regional-211" in listed and key not in listed
    assert call(f"{base}/requests.json", {**POTHOLE, "api_key": key})[0] == 200
    assert runner.invoke(args=["apikey", "revoke", "regional-211"]).exit_code == 0
    assert call(f"{base}/requests.json", {**POTHOLE, "api_key": key})[0] == 403
    assert runner.invoke(args=["apikey", "revoke", "regional-211"]).exit_code != 0  # nothing left to revoke
    audited = [(r["actor"], r["action"], r["detail"]) for r in rows(app, "audit_log") if r["detail"] == "key=regional-211"]
    assert audited == [("admin (cli)", "apikey_created", "key=regional-211"), ("admin (cli)", "apikey_revoked", "key=regional-211")]


def test_the_api_needs_no_csrf_token_but_the_web_form_still_does(served):
    app, base, key = served
    assert app.config.get("WTF_CSRF_ENABLED", True)  # the test app has CSRF on
    status, _, body = call(f"{base}/requests.json", {**POTHOLE, "api_key": key})  # no token, no cookie
    assert status == 200, body
    ref = json.loads(body)[0]["service_request_id"].replace("-", "")
    assert [(r["reference"], r["channel"]) for r in rows_of(app)] == [(ref, "api")]
    assert app.test_client().post("/forms/report-pothole/", data=WEB_POTHOLE).status_code != 303
    assert len(rows_of(app)) == 1  # the web post without its token stored nothing


def test_an_xml_body_is_never_parsed_so_no_entity_is_expanded(served):
    """GeoReport v2 POSTs are form-encoded; an XML body (here a 'billion laughs') is refused unread and stores nothing."""
    app, base, key = served
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + "".join(f'<!ENTITY lol{n} "{"&lol{};".format(n - 1 if n > 1 else "") * 10}">' for n in range(1, 9))
            + f']><service_request><service_code>report-pothole</service_code><api_key>{key}</api_key>'
            '<description>&lol8;</description></service_request>').replace("&lol0;", "&lol;")
    before = len(rows_of(app))
    request = Request(f"{base}/requests.xml", data=bomb.encode(), method="POST", headers={"Content-Type": "application/xml"})
    try:
        with urlopen(request, timeout=30) as reply:
            status, body = reply.status, reply.read()
    except HTTPError as error:
        with error:
            status, body = error.code, error.read()
    assert status in (400, 403), status
    assert ET.fromstring(body).tag == "errors" and b"lollol" not in body
    assert len(rows_of(app)) == before
