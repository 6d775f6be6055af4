"""Files no submission holds are swept by ``flask purge`` (issue #11 item 3), on SQLite and PostgreSQL.

A request killed between saving a file and storing its row leaves the file
behind; so does a form shown again with errors and never sent (its kept file,
``UPLOAD_DIR/pending/``). The sweep deletes them once old enough, and never a
file a row names, a fresh one, or one the app did not make.
"""

from __future__ import annotations

import os
import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path

from forms_app.store import Attachment, retention

from tests.support.submissions import new_submission


def app_file(folder: Path, age: timedelta, now: datetime) -> str:
    """A file named as the app names uploads, last written ``age`` before ``now``."""
    folder.mkdir(parents=True, exist_ok=True)
    name = secrets.token_hex(16)
    path = folder / name
    path.write_bytes(b"%PDF-1.4 a resident's document")
    stamp = (now - age).timestamp()
    os.utime(path, (stamp, stamp))
    return name


def test_only_old_files_of_no_submission_are_swept(store, clock, tmp_path):
    uploads = tmp_path / "uploads"
    now = clock()
    killed = app_file(uploads, timedelta(minutes=11), now)  # its request died before the row was stored
    in_flight = app_file(uploads, timedelta(seconds=30), now)  # its row is being stored right now
    held = app_file(uploads, timedelta(days=30), now)
    store.save_submission(new_submission(attachments=[Attachment(held, "plan.pdf", "application/pdf", 30)]))
    abandoned = app_file(uploads / "pending", timedelta(hours=25), now)  # kept for a form never sent again
    waiting = app_file(uploads / "pending", timedelta(hours=2), now)  # its resident is still fixing the form
    (uploads / "README").write_text("not the app's: never touched")
    os.utime(uploads / "README", (0, 0))

    found = retention.find_orphans(store.engine, str(uploads), now)
    assert found == [killed, f"pending/{abandoned}"]
    assert retention.delete_orphans(str(uploads), found) == 2
    assert sorted(p.name for p in uploads.iterdir() if p.is_file()) == sorted([in_flight, held, "README"])
    assert [p.name for p in (uploads / "pending").iterdir()] == [waiting]
    assert retention.find_orphans(store.engine, str(uploads), now) == []


def test_many_files_are_checked_in_batches(store, clock, tmp_path, monkeypatch):
    monkeypatch.setattr(retention, "BATCH", 3)
    uploads = tmp_path / "uploads"
    old = timedelta(hours=1)
    held = [app_file(uploads, old, clock()) for _ in range(4)]
    store.save_submission(new_submission(attachments=[Attachment(n, "plan.pdf", "application/pdf", 30) for n in held]))
    strays = [app_file(uploads, old, clock()) for _ in range(5)]
    assert retention.find_orphans(store.engine, str(uploads), clock()) == sorted(strays)


def test_no_upload_folder_is_nothing_to_sweep(store, clock, tmp_path):
    assert retention.find_orphans(store.engine, str(tmp_path / "missing"), clock()) == []


def test_flask_purge_sweeps_the_files_of_no_submission(tmp_path):
    from tests.support.store_app import bare_store_app

    app, live = bare_store_app(tmp_path, PURGE_AFTER_DAYS=90)
    uploads = Path(app.config["UPLOAD_DIR"])
    now = datetime.now(UTC)
    held = app_file(uploads, timedelta(hours=1), now)
    live.save_submission(new_submission(attachments=[Attachment(held, "plan.pdf", "application/pdf", 30)]))
    strays = {app_file(uploads, timedelta(hours=1), now), app_file(uploads / "pending", timedelta(days=2), now)}
    fresh = app_file(uploads, timedelta(seconds=5), now)
    runner = app.test_cli_runner()
    try:
        dry = runner.invoke(args=["purge", "--dry-run"])
        assert dry.exit_code == 0 and "purge: 2 file(s) of no submission would be deleted" in dry.output
        assert len(list(uploads.rglob("*"))) == 5  # four files and the pending folder: nothing deleted
        result = runner.invoke(args=["purge"])
        assert result.exit_code == 0, result.output
        assert "purge: 2 file(s) of no submission deleted" in result.output
        assert sorted(p.name for p in uploads.rglob("*") if p.is_file()) == sorted([held, fresh])
        assert strays.isdisjoint(p.name for p in uploads.rglob("*"))
    finally:
        live.engine.dispose()
