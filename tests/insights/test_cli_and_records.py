"""``flask insights`` writes the report's files and the promise records; the site build shows a record on a
service page only when its editor turned it on and the record is there."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from datetime import UTC, timedelta
from pathlib import Path

from forms_app.store import get_store
from guichet.build.render import render_service, service_view
from guichet.business_days import due_date
from guichet.model.catalogue import load_catalogue
from tests.support.databases import Clock
from tests.support.html_tree import parse
from tests.support.insights import seed_app, submission
from tests.support.sign_in import use_clock

ROOT = Path(__file__).resolve().parents[2]


def test_the_command_writes_both_languages_every_csv_and_the_stylesheets(app, runner, tmp_path):
    seed_app(app)
    out = tmp_path / "report"
    result = runner.invoke(args=["insights", "--out", str(out), "--from", "2026-03-02", "--to", "2026-03-31",
                                 "--department", "animal-services"])
    assert result.exit_code == 0, result.output
    assert (out / "index.html").exists() and (out / "fr" / "index.html").exists()
    assert (out / "guichet.css").read_text(encoding="utf-8").startswith(
        (ROOT / "overrides/assets/stylesheets/guichet.css").read_text(encoding="utf-8")[:200])
    page = parse((out / "index.html").read_text(encoding="utf-8"))
    links = [a.get("href") for a in page.find_all("a") if (a.get("href") or "").endswith(".csv")]
    assert links and all((out / href).exists() for href in links)
    assert "csv/promises.csv" in links and "csv/searches.csv" not in links  # one department: no searches
    assert [r.find("th").text() for r in page.by_id("promises-table").find("tbody").find_all("tr")] == ["Dog licence"]


def test_the_command_refuses_an_unknown_department_and_no_output(runner, tmp_path):
    assert runner.invoke(args=["insights", "--out", str(tmp_path / "x"), "--department", "nowhere"]).exit_code != 0
    assert runner.invoke(args=["insights"]).exit_code != 0


def test_promise_records_need_twenty_completed_requests(app, runner, tmp_path):
    """21 dog-licence requests completed after 1..21 business days: the 90th percentile is the 19th (ceil 18.9);
    a noise complaint with 19 completed is left out."""
    clock = Clock(dt.datetime(2026, 3, 2, 14, 0, tzinfo=UTC))
    use_clock(app, clock)
    with app.app_context():
        store = get_store()
        for days in range(1, 22):
            clock.now = dt.datetime(2026, 3, 2, 14, 0, tzinfo=UTC)
            ref = store.save(submission("dog-licence", "animal-services", "web")).reference
            clock.now = dt.datetime.combine(due_date(dt.date(2026, 3, 2), days), dt.time(15), UTC)
            store.set_status(ref, "completed")
        for _ in range(19):
            clock.now = dt.datetime(2026, 3, 2, 14, 0, tzinfo=UTC)
            ref = store.save(submission("noise-complaint", "bylaw", "web")).reference
            clock.now += timedelta(days=1)
            store.set_status(ref, "completed")
    clock.now = dt.datetime(2026, 6, 1, 14, 0, tzinfo=UTC)
    path = tmp_path / "promise-records.json"
    result = runner.invoke(args=["insights", "--records", str(path)])
    assert result.exit_code == 0, result.output
    records = json.loads(path.read_text(encoding="utf-8"))
    assert records["to"] == "2026-06-01" and records["min_completed"] == 20
    assert records["services"] == {"dog-licence": {"completed": 21, "median_days": 11, "p90_days": 19, "processing_days": 10}}


def catalogue_with(tmp_path, show: bool, records: dict | None):
    root = tmp_path / "catalogue"
    shutil.copytree(ROOT / "catalogue", root)
    for name in ("dog-licence.md", "dog-licence.fr.md"):
        page = root / "services" / name
        text = page.read_text(encoding="utf-8")
        if show:
            text = text.replace("\nprocessing_days:", "\nshow_processing_record: true\nprocessing_days:", 1)
        page.write_text(text, encoding="utf-8")
    if records is not None:
        (root / "promise-records.json").write_text(json.dumps(records), encoding="utf-8")
    return load_catalogue(root)


RECORDS = {"format": 1, "from": "2025-06-02", "to": "2026-06-01", "min_completed": 20,
           "services": {"dog-licence": {"completed": 1234, "median_days": 4, "p90_days": 6, "processing_days": 10}}}


def test_the_service_page_says_how_long_most_requests_took(tmp_path):
    catalogue = catalogue_with(tmp_path, True, RECORDS)
    assert not catalogue.errors, catalogue.errors
    service = catalogue.services["dog-licence"]
    assert service_view(service.pages["en"], catalogue, "/")["processing_record"] == [
        "Most requests are completed within 6 business days.", "Based on 1,234 requests completed in the 12 months to June 1, 2026."]
    page = parse(render_service(service.pages["en"], catalogue, "/", "<p>Prose.</p>"))
    assert page.find("p", cls="gx-processing-record").text() == (
        "Most requests are completed within 6 business days. Based on 1,234 requests completed in the 12 months to June 1, 2026.")
    french = service_view(service.pages["fr"], catalogue, "/")["processing_record"]
    assert french[0] == "La plupart des demandes sont terminées en 6 jours ouvrables ou moins."
    assert "1\u00a0234" in french[1] and "1 juin 2026" in french[1]


def test_no_record_without_the_editor_or_without_the_numbers(tmp_path):
    off = catalogue_with(tmp_path / "off", False, RECORDS)
    assert service_view(off.services["dog-licence"].pages["en"], off, "/")["processing_record"] is None
    missing = catalogue_with(tmp_path / "missing", True, None)
    assert service_view(missing.services["dog-licence"].pages["en"], missing, "/")["processing_record"] is None
    broken = catalogue_with(tmp_path / "broken", True, {"services": "nonsense"})
    assert broken.promise_records == {}
