"""The export at 1,000 services (bench/synthetic.py), and in the built site (guichet build)."""

from __future__ import annotations

import json

import pytest

from bench.synthetic import slug_of, write_catalogue
from guichet.hsds import catalogue_to_hsds
from guichet.model import load_catalogue

from tests.hsds.schemas import problems
from tests.support.apps import buffered_client

SITE = "https://bellerive.example.org/"
N = 1000


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    return load_catalogue(write_catalogue(tmp_path_factory.mktemp("hsds-synthetic"), N))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_1000_service_catalogue_validates(synthetic, lang):
    out = catalogue_to_hsds(synthetic, lang, SITE)
    organization = out[f"{lang}/organization.json"]
    assert len(organization["services"]) == N
    assert problems("organization_view", organization) == []
    contents = out[f"{lang}/services.json"]["contents"]
    assert len({s["id"] for s in contents}) == N
    assert [p for s in contents for p in problems("service", s)] == []  # each page item is a single file
    assert len([p for p in out if p.startswith(f"{lang}/services/")]) == N
    tenth = next(s for s in contents if s["url"].endswith(f"/services/{slug_of(10)}/"))
    online = [at["location"] for at in tenth["service_at_locations"] if at["location"]["name"] in ("Online", "En ligne")]
    assert online[0]["url"].endswith(f"/forms/{slug_of(10)}/")
    kinds = {at["location"]["location_type"] for s in contents for at in s["service_at_locations"]}
    assert kinds == {"virtual", "physical", "postal"}


def test_the_site_build_writes_both_languages(built_site):
    """``guichet build`` writes hsds/en and hsds/fr next to catalogue.json; the files validate."""
    for lang, name in (("en", "City of Bellerive"), ("fr", "Ville de Bellerive")):
        organization = json.loads((built_site / "hsds" / lang / "organization.json").read_text(encoding="utf-8"))
        assert organization["name"] == name
        assert problems("organization_view", organization) == []
        page = json.loads((built_site / "hsds" / lang / "services.json").read_text(encoding="utf-8"))
        assert page["total_items"] == len(organization["services"]) > 10
        first = page["contents"][0]
        single = json.loads((built_site / "hsds" / lang / "services" / f"{first['id']}.json").read_text(encoding="utf-8"))
        assert single == first


def test_the_app_serves_the_export_as_json(live_app):
    """A directory fetches the files over HTTP from the app that serves the built site."""
    response = buffered_client(live_app).get("/hsds/fr/services.json", headers={"Accept-Encoding": "identity"})
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    page = json.loads(response.get_data(as_text=True))
    assert any(s["name"] == "Licence pour chien" for s in page["contents"])
