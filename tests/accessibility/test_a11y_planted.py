"""The gate fails on planted violations, naming page, rule and selector.

The planted pages live in a temp dir served by a tiny http.server thread,
so these tests need nothing from the real site or forms app.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from a11y_planted import CLEAN_PAGES, PAGES, REVIEW_PAGE, PlantedHandler, write_site

from accessibility import config, discover, report, runner
from accessibility.server import StaticServer

pytestmark = pytest.mark.browser

BASE = {"site": {"discover": True}, "forms": {"discover": None}, "concurrency": 3}


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory):
    root = write_site(tmp_path_factory.mktemp("planted"), {**PAGES, "needs-review/": REVIEW_PAGE})
    with StaticServer(root, PlantedHandler) as server:
        yield root, server.url


@pytest.fixture(scope="module")
def planted_report(planted) -> runner.Report:
    root, url = planted
    cfg = config.parse(
        {
            **BASE,
            "site": {"discover": True, "exclude": ["/forms/blocked/"]},
            "urls": [{"name": "planted form (errors)", "url": "/forms/planted/", "actions": ["submit-empty-form"]}],
        }
    )
    return runner.run(cfg, discover.targets(cfg, root), url)


def _found(rep: runner.Report, page: str, rule: str) -> list:
    return [v for v in rep.violations if v.page == page and v.rule == rule]


@pytest.mark.parametrize(
    ("page", "rule", "selector"),
    [
        ("/missing-alt/", "image-alt", "#dog-photo"),
        ("/low-contrast/", "color-contrast", ".faint"),
        ("/unlabeled-input/", "label", "#nameless"),
        ("planted form (errors)", "color-contrast", "a[href$=\"#name\"]"),
    ],
)
def test_planted_violation_is_named_at_every_viewport(planted_report, page, rule, selector):
    found = _found(planted_report, page, rule)
    assert {v.viewport for v in found} == {"375px", "1280px"}, report.text(planted_report)
    assert all(v.selector == selector for v in found), [v.selector for v in found]
    assert all(v.help_url.startswith("https://dequeuniversity.com/rules/axe/") for v in found)


def test_clean_pages_pass_and_run_fails(planted_report):
    assert not planted_report.ok
    dirty = {v.page for v in planted_report.violations}
    assert dirty == {"/missing-alt/", "/low-contrast/", "/unlabeled-input/", "planted form (errors)"}
    assert not planted_report.errors, report.text(planted_report)


def test_needs_review_items_are_reported_but_do_not_fail(planted_report):
    review = [v for v in planted_report.review if v.page == "/needs-review/"]
    assert review and all(v.selector == "#named-div" for v in review), [v.rule for v in planted_report.review]
    assert not [v for v in planted_report.violations if v.page == "/needs-review/"]
    assert f"REVIEW {review[0].rule}: " in report.text(planted_report)
    assert report.as_json(planted_report)["needs_review"]


def test_text_report_names_page_viewport_rule_impact_selector_and_help(planted_report):
    text = report.text(planted_report)
    assert "FAIL  /missing-alt/ @375px  image-alt [critical]  #dog-photo" in text
    assert "https://dequeuniversity.com/rules/axe/" in text
    assert "FAILED in " in text


def test_json_and_junit_reports(planted_report, tmp_path):
    report.write_json(planted_report, tmp_path / "a11y.json")
    data = json.loads((tmp_path / "a11y.json").read_text())
    assert data["ok"] is False
    assert {"page": "/unlabeled-input/", "rule": "label", "selector": "#nameless"}.items() <= next(
        v for v in data["violations"] if v["rule"] == "label"
    ).items()
    report.write_junit(planted_report, tmp_path / "a11y.xml")
    suite = ET.parse(tmp_path / "a11y.xml").getroot()
    failed = {case.get("name") for case in suite.iter("testcase") if case.find("failure") is not None}
    assert "/missing-alt/ @1280px" in failed
    assert "/ @375px" not in failed


def test_a_form_that_cannot_submit_is_an_error_not_a_pass(planted):
    root, url = planted
    cfg = config.parse({**BASE, "site": {"discover": False},
                        "urls": [{"name": "blocked", "url": "/forms/blocked/", "actions": ["submit-empty-form"]}]})
    rep = runner.run(cfg, discover.targets(cfg, root), url)
    assert not rep.ok
    assert rep.errors and "did not submit" in rep.errors[0].error


def test_a_missing_page_is_an_error(planted):
    root, url = planted
    cfg = config.parse({**BASE, "site": {"discover": False}, "urls": ["/no-such-page/"]})
    rep = runner.run(cfg, discover.targets(cfg, root), url)
    assert "expected HTTP 200" in rep.errors[0].error


def test_an_ignore_with_reason_hides_only_its_rule_and_page(planted):
    root, url = planted
    ignore = {"rule": "image-alt", "url": "/missing-alt/", "reason": "Planted on purpose to test the ignore list.",
              "expires": dt.date.today() + dt.timedelta(days=30)}
    cfg = config.parse({**BASE, "ignore": [ignore]})
    rep = runner.run(cfg, discover.targets(cfg, root), url)
    assert not _found(rep, "/missing-alt/", "image-alt")
    assert any(v.rule == "image-alt" for r in rep.results for v, _ in r.ignored)
    assert _found(rep, "/low-contrast/", "color-contrast")


def test_an_expired_ignore_fails_the_run_even_on_clean_pages(tmp_path):
    root = write_site(tmp_path, CLEAN_PAGES)
    ignore = {"rule": "image-alt", "reason": "Was waiting for the photo desk to write alt text.",
              "expires": "2020-01-31"}
    cfg = config.parse({**BASE, "site": {"discover": True, "exclude": ["/forms/*"]}, "ignore": [ignore]})
    with StaticServer(root) as server:
        rep = runner.run(cfg, discover.targets(cfg, root), server.url)
    assert not rep.violations and not rep.errors
    assert not rep.ok
    assert "EXPIRED ignore of image-alt" in report.text(rep)


@pytest.mark.parametrize(
    ("ignore", "message"),
    [
        ({"rule": "image-alt", "expires": "2030-01-01"}, "reason"),
        ({"rule": "image-alt", "reason": "Because we said so, for now."}, "expires"),
        ({"rule": "image-alt", "reason": "ok", "expires": "2030-01-01"}, "must say why"),
        ({"rule": "image-alt", "reason": "A fine reason for the ignore.", "expires": "next year"}, "date"),
    ],
)
def test_an_ignore_needs_a_reason_and_an_expiry(ignore, message):
    with pytest.raises(config.ConfigError, match=message):
        config.parse({"ignore": [ignore]})


def test_cli_exit_status_and_reports(planted, tmp_path):
    root, url = planted
    cfg = tmp_path / "a11y.yml"
    cfg.write_text("forms: {discover: null}\nsite: {exclude: ['/forms/*']}\nviewports: [375]\n")
    command = [sys.executable, "-m", "accessibility", "--site", str(root), "--base-url", url, "--config", str(cfg),
               "--json", str(tmp_path / "out.json"), "--junit", str(tmp_path / "out.xml")]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=Path(__file__).parents[2])
    assert done.returncode == 1, done.stdout + done.stderr
    assert "FAIL  /low-contrast/ @375px  color-contrast [serious]  .faint" in done.stdout
    assert "Total runtime" in done.stdout
    assert json.loads((tmp_path / "out.json").read_text())["ok"] is False
    assert (tmp_path / "out.xml").read_text().startswith("<?xml")

    clean = write_site(tmp_path / "clean", CLEAN_PAGES)
    with StaticServer(clean) as server:
        command[4], command[6] = str(clean), server.url
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=Path(__file__).parents[2])
    assert done.returncode == 0, done.stdout + done.stderr
    assert "PASSED" in done.stdout
