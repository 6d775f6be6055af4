"""Privacy tests (tests/privacy): a request carrying a marker in every personal part: answers, contact, files, a reply and its file, notes."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from forms_app.store import Answer, Attachment, get_store
from forms_app.store.schema import metadata

from .submissions import new_submission

MARKERS = {
    "answer": "mk-answer-Zq81",
    "second_answer": "mk-dog-Hw27",
    "name": "mk-name-Tremblay-Pv40",
    "phone": "613-555-0199",
    "copy_to": "mk-copy-Lx33@example.net",
    "reply_to": "mk-reply-Rb62@example.net",
    "file_bytes": "mk-file-bytes-Qe95",
    "file_name": "mk-original-Ys18.pdf",
    "reply_body": "mk-reply-body-Ka50",
    "reply_file": "mk-reply-file-bytes-Nd73",
    "staff_note": "mk-staff-note-Fo26",
    "status_note": "mk-status-note-Wj64",
}
STAFF = "clerk@bellerive.example.org"


def pdf(marker: str) -> bytes:
    return b"%PDF-1.4 " + marker.encode() + b"\n%%EOF\n"


def save_file(app, name: str, data: bytes) -> None:
    """As the forms save a file: sealed with the store's keyring (store/sealing.py)."""
    Path(app.config["UPLOAD_DIR"], name).write_bytes(get_store().keyring.seal_bytes(data))


def seed_marked(app) -> str:
    """The marked request (dog licence), waiting for the resident, who replied with a file; its reference."""
    m = MARKERS
    with app.app_context():
        store = get_store()
        save_file(app, "a" * 32, pdf(m["file_bytes"]))
        ref = store.save_submission(new_submission(
            answers=[Answer("name", "Your name", m["answer"]), Answer("dog", "Dog's name", m["second_answer"])],
            reply_to=m["reply_to"], resident_copy_to=m["copy_to"], contact_name=m["name"], contact_phone=m["phone"],
            attachments=[Attachment("a" * 32, m["file_name"], "application/pdf", len(pdf(m["file_bytes"])))],
        ))
        store.set_status(ref, "waiting_for_you", m["status_note"], actor=STAFF)
        save_file(app, "b" * 32, pdf(m["reply_file"]))
        store.messages.add(ref, "resident_reply", "resident", m["reply_body"],
                           [Attachment("b" * 32, "reply-file-1.pdf", "application/pdf", len(pdf(m["reply_file"])))])
        store.messages.add(ref, "staff_note", STAFF, m["staff_note"])
    return ref


def every_row(app) -> str:
    """Every row of every table, read through the store's tables (sealed values opened), as one text."""
    with app.app_context(), get_store().engine.connect() as conn:
        return "\n".join(repr(tuple(row)) for table in metadata.sorted_tables for row in conn.execute(select(table)))


def upload_bytes(app) -> bytes:
    """Every file under UPLOAD_DIR, opened as the app opens them."""
    with app.app_context():
        keyring = get_store().keyring
    return b"".join(keyring.open_bytes(path.read_bytes()) + b"\n"
                    for path in sorted(Path(app.config["UPLOAD_DIR"]).rglob("*")) if path.is_file())
