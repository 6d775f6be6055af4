"""``flask staff add|list|remove`` and ``flask audit``: what an administrator types at a terminal."""

from __future__ import annotations

from datetime import UTC, datetime

from forms_app.store import get_store

from tests.support.sign_in import use_clock
from tests.support.databases import Clock


def audit(app) -> list[tuple]:
    with app.app_context():
        return [(e.actor, e.action, e.detail) for e in get_store().audit.entries()]


def test_add_list_and_remove(app, runner):
    result = runner.invoke(args=["staff", "add", "Agent@Bellerive.example.org", "--department", "animal-services",
                                 "--department", "public-works"])
    assert result.exit_code == 0, result.output
    assert result.output == "staff: agent@bellerive.example.org added (departments: animal-services, public-works)\n"
    assert runner.invoke(args=["staff", "add", "boss@bellerive.example.org", "--admin"]).exit_code == 0
    listed = runner.invoke(args=["staff", "list"])
    assert listed.output.splitlines() == ["agent@bellerive.example.org\tanimal-services,public-works",
                                          "boss@bellerive.example.org\t-\tadmin"]
    removed = runner.invoke(args=["staff", "remove", "agent@bellerive.example.org"])
    assert removed.exit_code == 0 and "removed" in removed.output
    assert runner.invoke(args=["staff", "list"]).output.splitlines() == ["boss@bellerive.example.org\t-\tadmin"]
    assert [a for _, a, _ in audit(app)] == ["staff_removed", "staff_added", "staff_added"]
    assert audit(app)[0] == ("admin (cli)", "staff_removed", "staff=agent@bellerive.example.org")


def test_an_unknown_department_is_one_line_listing_the_valid_ones(app, runner):
    result = runner.invoke(args=["staff", "add", "agent@bellerive.example.org", "--department", "animal-service"])
    assert result.exit_code == 1
    [line] = result.output.splitlines()
    with app.app_context():
        from forms_app.catalogue import get_catalogue

        known = sorted(get_catalogue().taxonomy.departments)
    assert line == f"Error: unknown department animal-service; one of: {', '.join(known)}"
    with app.app_context():
        assert get_store().staff.members() == []


def test_a_bad_address_or_no_department_is_refused(app, runner):
    for args in (["not an address", "--department", "animal-services"], ["a@b.example, c@d.example", "--admin"],
                 ["agent@bellerive.example.org"]):
        result = runner.invoke(args=["staff", "add", *args])
        assert result.exit_code == 1 and result.output.startswith("Error: "), result.output
    with app.app_context():
        assert get_store().staff.members() == []


def test_removing_an_unknown_address_fails(runner):
    result = runner.invoke(args=["staff", "remove", "nobody@bellerive.example.org"])
    assert result.exit_code == 1
    assert "not a registered staff member" in result.output


def test_audit_prints_the_log_newest_first_in_the_city_time_zone(app, runner):
    clock = Clock(datetime(2026, 7, 1, 16, 5, tzinfo=UTC))
    use_clock(app, clock)
    with app.app_context():
        store = get_store()
        store.audit.record("agent@bellerive.example.org", "view_request", "ABCD2345", "")
        clock.advance(minutes=1)
        store.audit.record("agent@bellerive.example.org", "status_change", "ABCD2345", "status=completed")
        store.audit.record("boss@bellerive.example.org", "export_csv", None, "rows=3")
    result = runner.invoke(args=["audit", "--reference", "abcd-2345"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "2026-07-01 12:06:00 EDT\tagent@bellerive.example.org\tstatus_change\tABCD-2345\tstatus=completed",
        "2026-07-01 12:05:00 EDT\tagent@bellerive.example.org\tview_request\tABCD-2345",
    ]
    assert len(runner.invoke(args=["audit"]).output.splitlines()) == 3
    assert runner.invoke(args=["audit", "--limit", "1"]).output.splitlines()[0].endswith("export_csv\t-\trows=3")
    assert runner.invoke(args=["audit", "--reference", "ZZZZ-9999"]).output == "audit: no entries about ZZZZ-9999\n"
