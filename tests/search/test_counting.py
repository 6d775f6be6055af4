"""Counting searches that found no City service (``flask search-report``): kinds, privacy, the rate limit."""

from __future__ import annotations

import re

import pytest

from forms_app.store import get_store
from forms_app.store.schema import search_misses


@pytest.fixture
def app_settings():
    return {"SEARCH_MISS_RATE_LIMIT": "1000 per hour"}  # these tests count many from one client


def report(app, *args) -> str:
    result = app.test_cli_runner().invoke(args=["search-report", *args])
    assert result.exit_code == 0, result.output
    return result.output


def stored(app) -> list[tuple]:
    with app.app_context(), get_store().engine.connect() as conn:
        return sorted(tuple(r)[:4] for r in conn.execute(search_misses.select()))


def test_searches_that_found_no_city_service_are_counted_by_kind(app):
    client = app.test_client()
    for _ in range(3):
        client.get("/search?q=Xyzzy+Qwfpgj")
    client.get("/search?q=quux+frob&lang=fr")
    client.get("/search?q=passport+renewal")  # only elsewhere: the federal government
    client.get("/search?q=hockey+tournament+fees")  # only related pages
    client.get("/search?q=dog")  # found something: not counted
    client.get("/search?q=")  # nothing asked: not counted
    client.get("/search?q=never+counted&format=json")  # typing: not counted
    out = report(app)
    lines = out.splitlines()
    assert lines[0] == ("searches that found no City service: en: 3 no result, 1 elsewhere only, 1 related only;"
                        " fr: 1 no result, 0 elsewhere only, 0 related only")
    rows = [line.split(None, 4) for line in lines[4:]]
    assert [(r[0], r[1], r[2], r[4]) for r in rows] == [
        ("3", "en", "no_result", "xyzzy qwfpgj"), ("1", "en", "related_only", "hockey tournament fees"),
        ("1", "en", "elsewhere_only", "passport renewal"), ("1", "fr", "no_result", "quux frob")]  # ties: newest, then a-z
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", r[3]) for r in rows)
    assert "never" not in out and "dog" not in out


def test_report_limit_and_kind(app):
    client = app.test_client()
    for word in ("aaaqqq", "bbbqqq", "cccqqq", "passport"):
        client.get(f"/search?q={word}")
    assert len(report(app, "--limit", "2").splitlines()) == 6
    only = report(app, "--kind", "elsewhere_only").splitlines()[4:]
    assert [line.split()[-1] for line in only] == ["passport"]


def test_report_when_nothing_was_counted(app):
    assert "No searches without results" in report(app)


def test_nothing_identifying_is_stored(app):
    client = app.test_client()
    client.get("/search", query_string={"q": "qwfpgj@zzmail.zz 867-5309 K2P 9Z9 1234 zzqx"},
               headers={"User-Agent": "Secret/1.0"}, environ_base={"REMOTE_ADDR": "203.0.113.9"})
    assert [r[:3] for r in stored(app)] == [("[email] [phone] [postal code] [number] zzqx", "en", "no_result")]
    assert [c.name for c in search_misses.columns] == ["query", "lang", "kind", "period", "count", "last_seen"]


@pytest.mark.parametrize(("typed", "lang"), [
    ("jean tremblay", "fr"), ("marie-claude gagnon", "fr"), ("john smith", "en"), ("priya patel", "en"),
    ("my name is kwame mensah", "en"), ("je m'appelle éloïse bérard", "fr"), ("abcd-efgh", "en"), ("ABCD-2345", "fr"),
])
def test_names_and_references_never_reach_the_table(app, typed, lang):
    app.test_client().get("/search", query_string={"q": typed + " qwfpgj", "lang": lang})  # qwfpgj: surely a miss
    rows = stored(app)
    assert len(rows) == 1
    kept = rows[0][0]
    assert "[name]" in kept or "[reference]" in kept
    for word in re.findall(r"[^\W\d_]+", typed.casefold()):
        if word not in ("my", "name", "is", "je", "m", "appelle", "qwfpgj"):
            assert word not in kept


def test_counting_can_be_switched_off(make_app):
    app = make_app(SEARCH_COUNT_MISSES=False)
    assert app.test_client().get("/search?q=xyzzy").status_code == 200
    result = app.test_cli_runner().invoke(args=["search-report"])
    assert result.exit_code != 0 and "SEARCH_COUNT_MISSES is off" in result.output


def test_counting_is_rate_limited_per_client_and_the_search_still_answers(make_app):
    """A loop of unique queries from one client adds only its allowance of rows; another client still counts."""
    app = make_app(SEARCH_MISS_RATE_LIMIT="5 per hour", RATELIMIT_KEY_PREFIX="miss-limit-test")
    client = app.test_client()
    for i in range(30):
        reply = client.get(f"/search?q=zzq{chr(97 + i % 26)}{chr(97 + i // 26)}", environ_base={"REMOTE_ADDR": "203.0.113.7"})
        assert reply.status_code == 200 and "No City service matches" in reply.get_data(as_text=True)
    assert len(stored(app)) == 5
    client.get("/search?q=other+client", environ_base={"REMOTE_ADDR": "203.0.113.8"})
    assert len(stored(app)) == 6


def test_a_bad_rate_limit_is_refused_at_start_up(make_app):
    from forms_app import ConfigError

    with pytest.raises(ConfigError, match="SEARCH_MISS_RATE_LIMIT"):
        make_app(SEARCH_MISS_RATE_LIMIT="often")
