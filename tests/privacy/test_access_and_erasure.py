"""``flask privacy export|erase``: everything held for a request comes out (JSON, bilingual text, files);
erasing takes every personal value out of the database and the upload folder, audited, and the
resident's status page still answers for the reference."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from forms_app.store import format_reference, get_store
from forms_app.store.schema import outbox, status_events, submissions

from tests.support.html_tree import parse
from tests.support.privacy import MARKERS, every_row, pdf, seed_marked, upload_bytes

TEXT_MARKERS = [v for k, v in MARKERS.items() if k not in ("file_bytes", "reply_file")]


def audit(app) -> list[tuple[str, str, str | None, str]]:
    with app.app_context():
        return [(e.actor, e.action, e.reference, e.detail) for e in get_store().audit.entries()]


def exported(runner, ref: str, out: Path) -> Path:
    result = runner.invoke(args=["privacy", "export", format_reference(ref), "--out", str(out)])
    assert result.exit_code == 0, result.output
    folder = out / f"privacy-{format_reference(ref)}"
    assert f"exported to {folder}" in result.output
    assert not any(marker in result.output for marker in MARKERS.values())  # counts, never content
    return folder


def test_the_export_holds_every_marker_in_the_json_the_text_and_the_files(app, runner, tmp_path):
    ref = seed_marked(app)
    folder = exported(runner, ref, tmp_path / "out")
    shown = format_reference(ref)
    data_text = (folder / f"request-{shown}.json").read_text(encoding="utf-8")
    data = json.loads(data_text)
    text = (folder / f"request-{shown}.txt").read_text(encoding="utf-8")
    for marker in TEXT_MARKERS:
        assert marker in data_text, marker
        assert marker in text, marker
    assert data["reference"] == shown and data["request"]["service"] == "dog-licence"
    assert data["contact"] == {"preference": "email", "name": MARKERS["name"], "phone": MARKERS["phone"],
                               "email": MARKERS["copy_to"], "reply_to": MARKERS["reply_to"]}
    assert [a["value"] for a in data["answers"]] == [MARKERS["answer"], MARKERS["second_answer"]]
    # the files, clear, under names the app made (never the resident's)
    names = sorted(p.relative_to(folder).as_posix() for p in (folder / "files").iterdir())
    assert sorted(f["file"] for f in data["files"]) == names and len(names) == 2
    assert all(n.startswith(("files/request-", "files/reply-")) and n.endswith(".pdf") for n in names)
    bodies = {(folder / n).read_bytes() for n in names}
    assert bodies == {pdf(MARKERS["file_bytes"]), pdf(MARKERS["reply_file"])}
    assert [f["original_name"] for f in data["files"]][0] == MARKERS["file_name"]
    # the history: the status and its note, the reply with its file, the staff note
    kinds = [(h["kind"], h["status"]) for h in data["history"]]
    assert kinds == [("status", "received"), ("status", "waiting_for_you"), ("resident_reply", None), ("staff_note", None)]
    assert data["history"][2]["files"] == [n for n in names if n.startswith("files/reply-")]
    # the emails: what went or waits, with the resident's own emails rebuilt (the signed reply link cut)
    emails = {e["kind"]: e for e in data["emails"]}
    assert set(emails) == {"department", "resident_copy", "status_update", "resident_reply"}
    assert emails["status_update"]["to"] == MARKERS["copy_to"] and shown in emails["status_update"]["subject"]
    assert MARKERS["status_note"] in emails["status_update"]["text"] and "reply=…" in emails["status_update"]["text"]
    assert emails["department"]["text"] is None and shown in emails["department"]["subject"]
    # bilingual: the same facts under English then French headings
    assert f"Everything Guichet holds about request {shown}" in text and "Réponses" in text and "Answers" in text
    assert ("privacy_export", "admin (cli)", "via=cli") in [(a, who, d) for who, a, r, d in audit(app) if r == ref]
    again = runner.invoke(args=["privacy", "export", shown, "--out", str(tmp_path / "out")])  # never mixed with an earlier one
    assert again.exit_code != 0 and "is there already" in again.output
    assert oct(folder.stat().st_mode & 0o777) == "0o700" and oct((folder / f"request-{shown}.json").stat().st_mode & 0o777) == "0o600"


def test_erase_removes_every_marker_from_the_database_and_the_disk(app, runner, client, tmp_path):
    ref = seed_marked(app)
    with app.app_context(), get_store().engine.connect() as conn:
        before = {t.name: len(conn.execute(select(t)).all()) for t in (submissions, status_events, outbox)}
    assert all(marker in every_row(app) for marker in TEXT_MARKERS)  # the check sees them while they are there
    assert MARKERS["file_bytes"].encode() in upload_bytes(app) and MARKERS["reply_file"].encode() in upload_bytes(app)

    refused = runner.invoke(args=["privacy", "erase", format_reference(ref)], input="n\n")
    assert refused.exit_code != 0 and MARKERS["answer"] in every_row(app)  # asked first; "no" changes nothing
    result = runner.invoke(args=["privacy", "erase", format_reference(ref), "--yes"])
    assert result.exit_code == 0, result.output
    assert f"request {format_reference(ref)} erased (2 file(s) deleted)" in result.output

    rows = every_row(app)
    assert not [marker for marker in MARKERS.values() if marker in rows]
    assert list(Path(app.config["UPLOAD_DIR"]).rglob("*")) == [] or not upload_bytes(app).strip()
    with app.app_context(), get_store().engine.connect() as conn:
        after = {t.name: len(conn.execute(select(t)).all()) for t in (submissions, status_events, outbox)}
        row = conn.execute(select(submissions).where(submissions.c.reference == ref)).mappings().one()
        pending = conn.execute(select(outbox.c.kind).where(outbox.c.status == "pending")).scalars().all()
    assert after == before  # the rows stay, for the counts and the status page
    assert (row["service"], row["channel"], row["status"], row["erasure"]) == ("dog-licence", "web", "waiting_for_you", "request")
    assert row["purged_at"] is not None and row["answers"] == []
    assert pending == []  # the mail not yet sent (to the resident, to the department) is cancelled
    assert [(who, d) for who, a, r, d in audit(app) if a == "privacy_erase"] == [("admin (cli)", "via=cli files=2")]

    # the resident's status page still answers for the reference, and says the details were erased
    page = client.get(f"/status/?ref={format_reference(ref)}")
    assert page.status_code == 200
    main = parse(page).find("main")
    assert main.find("h2", id="request-heading").text().endswith(format_reference(ref))
    assert "were erased on" in main.find("p", cls="status-erased").text()
    assert "Dog licence" in main.text() and not any(marker in page.get_data(as_text=True) for marker in MARKERS.values())
    french = parse(client.get(f"/fr/status/?ref={format_reference(ref)}")).find("p", cls="status-erased")
    assert french is not None and french.text() != main.find("p", cls="status-erased").text()

    # an export after the erasure holds nothing personal
    folder = exported(runner, ref, tmp_path / "after")
    leftover = "".join(p.read_text(encoding="utf-8") for p in folder.glob("request-*"))
    assert not [marker for marker in MARKERS.values() if marker in leftover]
    assert list((folder / "files").iterdir()) == []


def test_an_unknown_or_mistyped_reference_is_refused(app, runner, tmp_path):
    for args in (["privacy", "export", "ABCD-2345", "--out", str(tmp_path)], ["privacy", "erase", "ABCD-2345", "--yes"]):
        result = runner.invoke(args=args)
        assert result.exit_code != 0 and "no request ABCD-2345" in result.output
    result = runner.invoke(args=["privacy", "erase", "not a reference", "--yes"])
    assert result.exit_code != 0 and "is not a reference" in result.output
    assert audit(app) == []
