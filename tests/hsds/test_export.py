"""The Open Referral HSDS 3 export (guichet/hsds): valid against the specification's schemas, and saying the catalogue's facts."""

from __future__ import annotations

import json

import pytest

from guichet.hsds import catalogue_to_hsds
from guichet.model import load_catalogue

from tests.hsds.schemas import problems
from tests.support.apps import CATALOGUE

SITE = "https://bellerive.example.org/"


@pytest.fixture(scope="module")
def demo():
    return load_catalogue(CATALOGUE)


@pytest.fixture(scope="module")
def files(demo):
    return {lang: catalogue_to_hsds(demo, lang, SITE) for lang in ("en", "fr")}


def by_url(files, lang: str, slug: str) -> dict:
    page = files[lang][f"{lang}/services.json"]
    path = "/services/" + slug + "/" if lang == "en" else "/fr/services/" + slug + "/"
    return next(s for s in page["contents"] if s["url"] == SITE.rstrip("/") + path)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_demo_file_validates_against_the_hsds_schemas(files, demo, lang):
    out = files[lang]
    assert problems("organization_view", out[f"{lang}/organization.json"]) == []
    page = out[f"{lang}/services.json"]
    assert page["total_items"] == len(page["contents"]) == len(demo.services)
    assert {k for k in page if k != "contents"} == {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty"}
    singles = {p: v for p, v in out.items() if p.startswith(f"{lang}/services/")}
    assert len(singles) == len(demo.services)
    for path, service in singles.items():
        assert problems("service", service) == [], path
        assert path == f"{lang}/services/{service['id']}.json"


def test_the_schemas_catch_a_wrong_field(files):
    """The check is strict like the specification's own: an unknown field or a text amount fails."""
    service = json.loads(json.dumps(by_url(files, "en", "dog-licence")))
    service["cost_options"][0]["amount"] = "25"
    service["service_at_locations"][0]["location"]["kind"] = "virtual"
    found = problems("service", service)
    assert any("cost_options/0/amount" in p for p in found)
    assert any("'kind' was unexpected" in p for p in found)


def test_a_service_says_its_name_fees_documents_and_review_date(files):
    dog = by_url(files, "en", "dog-licence")
    assert dog["name"] == "Dog licence"
    assert dog["description"].startswith("Every dog in Bellerive over 3 months old")
    assert dog["status"] == "active"
    assert dog["assured_date"] == "2026-10-01"
    costs = {c["option"]: c for c in dog["cost_options"]}
    assert costs["Spayed or neutered dog"]["amount"] == 25
    assert costs["Spayed or neutered dog"]["currency"] == "CAD"
    assert costs["Spayed or neutered dog"]["amount_description"] == "$25 a year"
    assert costs["Dog that is not spayed or neutered"]["amount"] == 60
    assert [d["document"] for d in dog["required_documents"]][0] == "Your dog's name, breed, colour and age."
    assert {(lang["code"], lang["name"]) for lang in dog["languages"]} == {("en", "English"), ("fr", "French")}
    assert dog["schedules"][0]["description"] == "Monday to Friday, 8 am to 6 pm"


def test_fees_without_one_amount_keep_their_words_only(files):
    fr = by_url(files, "fr", "access-to-information")
    costs = {c["option"]: c for c in fr["cost_options"]}
    assert costs["Frais de demande"]["amount"] == 5
    copies = costs["Copies papier"]
    assert copies["amount"] == 0.2 and copies["amount_description"] == "0,20 $ la page"
    ranges = [c for s in files["en"]["en/services.json"]["contents"] for c in s["cost_options"] if " to $" in c["amount_description"]]
    assert ranges and all("amount" not in c and "currency" not in c for c in ranges)


def test_channels_are_virtual_physical_and_postal_locations(files):
    dog = by_url(files, "en", "dog-licence")
    locations = {at["location"]["location_type"] + ":" + at["location"]["name"]: at for at in dog["service_at_locations"]}
    assert set(locations) == {"virtual:Online", "virtual:By phone", "physical:City Hall, Service Counter", "postal:By mail"}
    online = locations["virtual:Online"]["location"]
    assert online["url"] == "https://bellerive.example.org/forms/dog-licence/"
    phone = locations["virtual:By phone"]["location"]["phones"]
    assert [(p["number"], p["type"]) for p in phone] == [("311", "voice"), ("555-0100", "voice"), ("555-0199", "textphone")]
    counter = locations["physical:City Hall, Service Counter"]
    assert counter["location"]["description"] == "100 Main Street, Bellerive"  # no postal code: no HSDS address
    assert counter["schedules"][0]["description"] == "Monday to Friday, 8:30 am to 4:30 pm"
    assert counter["location"]["accessibility"][0]["description"].startswith("Step-free entrance")
    mail = locations["postal:By mail"]
    assert mail["location"]["addresses"] == [{
        "id": mail["location"]["addresses"][0]["id"], "attention": "Animal Services, City of Bellerive",
        "address_1": "100 Main Street", "city": "Bellerive", "state_province": "ON", "postal_code": "K0A 1A0",
        "country": "CA", "address_type": "postal"}]
    assert mail["description"].startswith("Send your dog's details")


def test_french_files_speak_french_with_the_same_ids(files):
    en, fr = by_url(files, "en", "dog-licence"), by_url(files, "fr", "dog-licence")
    assert fr["id"] == en["id"] and fr["name"] == "Licence pour chien"
    assert fr["url"] == "https://bellerive.example.org/fr/services/dog-licence/"
    assert [at["location"]["id"] for at in fr["service_at_locations"]] == [at["location"]["id"] for at in en["service_at_locations"]]
    assert {at["location"]["name"] for at in fr["service_at_locations"]} >= {"En ligne", "Par téléphone", "Par la poste"}
    tty = next(p for p in fr["phones"] if p["type"] == "textphone")
    assert tty["description"] == "ATS"
    mail = next(at for at in fr["service_at_locations"] if at["location"]["location_type"] == "postal")
    assert mail["location"]["addresses"][0]["address_1"] == "100, rue Main"
    assert {(lang["code"], lang["name"]) for lang in fr["languages"]} == {("en", "anglais"), ("fr", "français")}


def test_services_at_one_building_share_its_location(files):
    counters = {at["location"]["id"] for s in files["en"]["en/services.json"]["contents"]
                for at in s["service_at_locations"] if at["location"]["name"] == "City Hall, Service Counter"}
    assert len(counters) == 1


def test_the_city_is_the_organization_with_its_public_help_line_and_no_staff_mailbox(files, demo):
    org = files["en"]["en/organization.json"]
    assert org["name"] == "City of Bellerive" and files["fr"]["fr/organization.json"]["name"] == "Ville de Bellerive"
    assert org["website"] == "https://bellerive.example.org/"
    assert [(p["number"], p["type"]) for p in org["phones"]] == [("311", "voice"), ("555-0199", "textphone")]
    assert all(s["organization_id"] == org["id"] for s in org["services"])
    text = json.dumps(files, ensure_ascii=False)
    tax = demo.taxonomy
    for mailbox in [tax.site.admin_email, *(d.email for d in tax.departments.values())]:
        assert mailbox not in text
