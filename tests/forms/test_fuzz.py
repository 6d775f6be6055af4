"""Random answers to every form in the real catalogue: never a server error.

The forms are found when the tests are collected (``catalogue/services/*.form.yml``),
so a form a content writer adds is fuzzed without touching this file.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms_app import create_app
from guichet.model.form import FieldType

from tests.support.apps import BufferedClient
from tests.support.forms import config, post

REAL_CATALOGUE = Path(__file__).resolve().parents[2] / "catalogue"
SLUGS = sorted(p.name.removesuffix(".form.yml") for p in (REAL_CATALOGUE / "services").glob("*.form.yml"))
MAGIC = [b"", b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"GIF89a", b"RIFF\x00\x00\x00\x00WEBP", b"MZ\x90\x00"]


@pytest.fixture(scope="module")
def real_app(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fuzz")
    app = create_app(config(tmp, CATALOGUE_DIR=str(REAL_CATALOGUE)))
    app.test_client_class = BufferedClient
    yield app
    app.extensions["guichet_store"].engine.dispose()


def test_every_form_file_is_served(real_app):
    """A form file the app did not load would escape the fuzzing below."""
    assert SLUGS, "no *.form.yml in the catalogue"
    served = {slug for (slug, _lang) in real_app.extensions["guichet.form_classes"]}
    assert served == set(SLUGS)


text_values = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
    st.sampled_from(["", " ", "\r\n", "\x00", "0", "-1", "1e400", "NaN", "١٢٣", "K1A 0B1", "613-555-0100", "a@b.ca", "a@b.ca\r\nBcc: c@d.ca"]),
    st.integers().map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)
files = st.one_of(
    st.none(),
    st.tuples(
        st.builds(lambda magic, rest: magic + rest, st.sampled_from(MAGIC), st.binary(max_size=2048)),
        st.text(min_size=0, max_size=40),
        st.sampled_from(["application/pdf", "image/png", "text/html", "application/octet-stream", ""]),
    ),
)


def valid(field):
    """Answers the field accepts, so whole forms get through and are stored too."""
    kind = field.type
    if field.pattern:
        return st.from_regex(field.pattern, fullmatch=True).filter(lambda v: v.strip() == v and "\n" not in v and v)
    if kind in (FieldType.text, FieldType.long_text, FieldType.address):
        low = max(field.min_length or 1, 1)
        high = max(low, min(field.max_length or 60, 60))
        return st.text(alphabet="abcdefghij ÉéçàK0123456789-'", min_size=low, max_size=high).filter(lambda v: len(v.strip()) >= low)
    if kind is FieldType.email:
        return st.sampled_from(["jo@example.net", "a.b+c@sub.example.org"])
    if kind is FieldType.phone:
        return st.sampled_from(["613-555-0100", "311", "+1 (613) 555-0100 ext. 12"])
    if kind is FieldType.postal_code:
        return st.sampled_from(["K1A 0B1", "k1a0b1", "H2X-1Y4"])
    if kind is FieldType.number:
        low = math.ceil(field.minimum) if field.minimum is not None else -1000
        high = math.floor(field.maximum) if field.maximum is not None else 10**6
        return st.integers(low, high).map(str)
    if kind is FieldType.date:
        return st.dates().map(lambda d: {"day": str(d.day), "month": str(d.month), "year": f"{d.year:04d}"}).filter(lambda p: len(p["year"]) == 4)
    if kind in (FieldType.single_choice, FieldType.yes_no):
        return st.sampled_from([c.value for c in field.choices] or ["yes", "no"])
    if kind is FieldType.multiple_choice:
        return st.lists(st.sampled_from([c.value for c in field.choices]), min_size=1, unique=True)
    if kind is FieldType.file:
        magic = {"pdf": b"%PDF-1.7\n", "png": b"\x89PNG\r\n\x1a\n", "jpeg": b"\xff\xd8\xff\xe0"}
        usable = [k for k in field.accept if k in magic]
        return st.sampled_from(usable).map(lambda k: (magic[k] + b"0" * 64, f"file.{k}", "application/octet-stream"))
    raise AssertionError(f"no strategy for {kind}")


def anything(field):
    """Whatever a robot might send for this field."""
    if field.type is FieldType.date:
        part = st.one_of(st.integers(-5, 10000).map(str), text_values)
        return st.fixed_dictionaries({"day": part, "month": part, "year": part})
    if field.type in (FieldType.single_choice, FieldType.yes_no):
        return st.one_of(st.sampled_from([c.value for c in field.choices] or ["yes", "no"]), text_values)
    if field.type is FieldType.multiple_choice:
        return st.lists(st.one_of(st.sampled_from([c.value for c in field.choices]), text_values), max_size=5)
    if field.type is FieldType.file:
        return files
    return text_values


@st.composite
def answers(draw, spec):
    names = [f.name for f in spec.fields]
    wild = draw(st.sets(st.sampled_from(names), max_size=len(names)))
    data = {}
    for field in spec.fields:
        value = draw(anything(field) if field.name in wild else valid(field))
        if value is None:
            continue  # left out altogether
        if field.type is FieldType.date:
            data.update({f"{field.name}-{part}": v for part, v in value.items()})
        else:
            data[field.name] = value
    if draw(st.integers(0, 9)) == 0:
        data["gx-website"] = draw(text_values)
    return data


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_random_answers_never_cause_a_server_error(real_app, slug, lang):
    spec = real_app.extensions["guichet.form_classes"][(slug, lang)].spec
    url = f"/forms/{slug}/" if lang == "en" else f"/fr/forms/{slug}/"
    client = real_app.test_client()
    stored = []

    @settings(max_examples=30, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(answers(spec))
    def check(data):
        response = post(client, url, data)
        assert response.status_code in (303, 422), response.status_code
        if response.status_code == 303:
            follow = client.get(response.headers["Location"])
            assert follow.status_code == 200
            stored.append(response.headers["Location"])

    check()
    assert any("/done/" in location for location in stored), "no random answers were valid: the valid strategies are wrong"


@pytest.fixture(scope="module")
def csrf_app(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fuzz-csrf")
    app = create_app(config(tmp, CATALOGUE_DIR=str(REAL_CATALOGUE), WTF_CSRF_ENABLED=True))
    app.test_client_class = BufferedClient
    yield app
    app.extensions["guichet_store"].engine.dispose()


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(
    slug=st.one_of(st.sampled_from(SLUGS), st.from_regex(r"[a-z0-9-]{1,20}", fullmatch=True)),
    prefix=st.sampled_from(["", "/fr"]),
    token=st.one_of(st.none(), text_values),
    data=st.dictionaries(st.text(max_size=20), text_values, max_size=5),
)
def test_any_post_with_csrf_on_is_answered_without_a_server_error(csrf_app, slug, prefix, token, data):
    client = csrf_app.test_client()
    if token is not None:
        data = dict(data, csrf_token=token)
    response = post(client, f"{prefix}/forms/{slug}/", data)
    assert response.status_code in (400, 404), response.status_code
