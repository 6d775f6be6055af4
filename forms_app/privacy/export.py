"""An access request's answer: everything held for one request, as JSON and as a bilingual text file.

``build(held, rebuilt, upload_dir, tz, now)`` makes an ``Export``: ``data`` (the JSON: facts,
contact, answers, files, history, emails, audit entries), ``text`` (the same for a person to read,
in English then in French) and ``files`` (each file's app-made name in the export and its clear
bytes). Names inside an export are always made here (``files/request-3.pdf``, ``files/reply-7-9.jpg``):
the resident's own file name is data in the JSON, never a path. ``write(export, folder)`` writes it
out; ``zipped(export)`` is the staff page's download.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from guichet.formats import format_size, one_stop
from guichet.words import N_, gettext, word

from ..delivery.messages import LANGUAGE_BREAK
from ..status.text import format_when, status_label
from ..store.detail import FileInfo
from ..store.privacy import Held
from ..store.references import format_reference
from ..staff.audit_page import ACTIONS
from ..staff.text import channel_label, contact_label, email_label, language_name
from .emails import Rebuilt

FORMAT = "guichet-privacy-export/1"
SUFFIXES = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp",
            "image/heic": "heic"}
LANGS = ("en", "fr")

HEADINGS = {
    "title": N_("Everything Guichet holds about request {ref}"),
    "made": N_("Exported on {when}."),
    "erased": N_("Its personal data was erased on {when}."),
    "facts": N_("The request"), "contact": N_("Contact details"), "answers": N_("Answers"), "files": N_("Files"),
    "history": N_("History"), "emails": N_("Emails"), "audit": N_("Audit log entries"), "none": N_("None."),
}
FACTS = {
    "reference": N_("Reference"), "service": N_("Service"), "received": N_("Received"), "channel": N_("Channel"),
    "language": N_("Language"), "status": N_("Current status"), "contact_by": N_("Contact preference"),
    "name": N_("Name"), "phone": N_("Phone"), "copy_to": N_("Emails to the resident go to"),
    "reply_to": N_("The department's replies go to"),
}
KINDS = {"status": N_("Status: {status}"), "resident_reply": N_("Reply from the resident"),
         "staff_note": N_("Note by staff (never shown to the resident)")}
WORDS = {"file_line": N_("{name}: sent as “{original}”, {size}"), "subject": N_("Subject: {subject}"),
         "with_files": N_("Files: {names}")}


@dataclass(frozen=True)
class Export:
    reference: str  # ABCD-2345
    data: dict
    text: str
    files: list[tuple[str, bytes]]  # (name in the export, its clear bytes); a file missing from the disk is left out

    @property
    def json_name(self) -> str:
        return f"request-{self.reference}.json"

    @property
    def text_name(self) -> str:
        return f"request-{self.reference}.txt"


def file_name(f: FileInfo) -> str:
    """The file's name in the export: made from its row, never from what the resident typed."""
    suffix = SUFFIXES.get(f.content_type, "bin")
    stem = f"reply-{f.message_id}-{f.id}" if f.message_id is not None else f"request-{f.id}"
    return f"files/{stem}.{suffix}"


def _iso(when: datetime | None) -> str | None:
    return when.isoformat() if when else None


def _file_data(f: FileInfo, data: bytes | None) -> dict:
    entry = {"file": file_name(f), "original_name": f.filename, "content_type": f.content_type, "size": f.size,
             "sent_with": "request" if f.message_id is None else "reply", "present": data is not None}
    if data is not None:
        entry["sha256"] = hashlib.sha256(data).hexdigest()
    return entry


def _read(upload_dir: str, f: FileInfo, open_bytes: Callable[[bytes], bytes]) -> bytes | None:
    """A file's clear bytes (``open_bytes``: the store's keyring opens a sealed file), None when gone."""
    root = os.path.realpath(upload_dir)
    path = os.path.realpath(os.path.join(root, os.path.basename(f.stored_name)))
    if os.path.dirname(path) != root or not os.path.isfile(path):
        return None
    with open(path, "rb") as handle:
        return open_bytes(handle.read())


def build(held: Held, rebuilt: dict[int, Rebuilt], upload_dir: str, tz: str, now: datetime,
          open_bytes: Callable[[bytes], bytes] = bytes) -> Export:
    d = held.detail
    ref = format_reference(d.reference)
    contents = {f.id: _read(upload_dir, f, open_bytes) for f in d.files}
    data = {
        "format": FORMAT, "exported_at": _iso(now), "reference": ref,
        "request": {"service": d.service, "service_title": d.service_title, "department": d.department, "lang": d.lang,
                    "channel": d.channel, "status": d.status, "received_at": _iso(d.created_at),
                    "due_on": d.due_on.isoformat() if d.due_on else None, "entered_by": d.entered_by,
                    "erased_at": _iso(d.purged_at), "erasure": held.erasure if d.purged_at else None},
        "contact": {"preference": d.contact, "name": held.contact.name, "phone": held.contact.phone,
                    "email": held.contact.copy_to, "reply_to": held.contact.reply_to},
        "answers": [{"name": a.name, "label": a.label, "value": a.value} for a in d.answers],
        "files": [_file_data(f, contents[f.id]) for f in d.files],
        "history": [{"kind": h.kind, "at": _iso(h.at), "by": h.who, "status": h.status if h.kind != "email" else None,
                     "text": h.text, "files": [file_name(f) for f in h.files]}
                    for h in d.history if h.kind != "email"],
        "emails": [{"kind": e.kind, "to": e.to, "status": e.status, "queued_at": _iso(e.created_at), "sent_at": _iso(e.sent_at),
                    "attempts": e.attempts, "subject": rebuilt[e.id].subject if e.id in rebuilt else None,
                    "text": rebuilt[e.id].text if e.id in rebuilt else None} for e in held.emails],
        "audit": [{"at": _iso(a.at), "by": a.actor, "action": a.action, "detail": a.detail} for a in held.audit],
    }
    files = [(file_name(f), contents[f.id]) for f in d.files if contents[f.id] is not None]
    text = LANGUAGE_BREAK.join(_text(held, data, lang, tz, now) for lang in LANGS)
    return Export(ref, data, text, files)


def _text(held: Held, data: dict, lang: str, tz: str, now: datetime) -> str:
    """One language's half of the readable file."""
    d = held.detail

    def h(key: str, **values) -> str:
        return gettext(lang, HEADINGS[key], **values)

    def when(value: datetime | None) -> str:
        return format_when(value, lang, tz) if value else ""

    out = [h("title", ref=data["reference"]), one_stop(h("made", when=when(now)))]
    if d.purged_at:
        out.append(one_stop(h("erased", when=when(d.purged_at))))
    facts = [("reference", data["reference"]), ("service", d.service_title), ("received", when(d.created_at)),
             ("channel", channel_label(d.channel, lang)), ("language", language_name(d.lang, lang)),
             ("status", status_label(d.status, lang, staff=True))]
    out += ["", "## " + h("facts")] + [f"{gettext(lang, FACTS[k])}: {v}" for k, v in facts]
    contact = [("contact_by", contact_label(d.contact, lang) if d.contact else ""), ("name", held.contact.name),
               ("phone", held.contact.phone), ("copy_to", held.contact.copy_to), ("reply_to", held.contact.reply_to)]
    out += ["", "## " + h("contact")] + [f"{gettext(lang, FACTS[k])}: {v}" for k, v in contact if v]
    out += ["", "## " + h("answers")] + ([f"{a['label']}: {a['value']}" for a in data["answers"]] or [h("none")])
    out += ["", "## " + h("files")] + ([gettext(lang, WORDS["file_line"], name=f["file"], original=f["original_name"],
                                                size=format_size(f["size"], lang)) for f in data["files"]] or [h("none")])
    out += ["", "## " + h("history")]
    for item in data["history"]:
        label = gettext(lang, KINDS[item["kind"]], status=status_label(item["status"], lang, staff=True)) \
            if item["kind"] == "status" else gettext(lang, KINDS.get(item["kind"], item["kind"]))
        out.append(f"- {when(datetime.fromisoformat(item['at']))} – {label} – {item['by']}")
        if item["text"]:
            out += ["  " + line for line in item["text"].splitlines()]
        if item["files"]:
            out.append("  " + gettext(lang, WORDS["with_files"], names=", ".join(item["files"])))
    out += ["", "## " + h("emails")]
    for e, row in zip(data["emails"], held.emails):
        out.append(f"- {when(row.sent_at or row.created_at)} – {email_label(e['kind'], e['status'], lang)}"
                   + (f" – {e['to']}" if e["to"] else ""))
        if e["subject"]:
            out.append("  " + gettext(lang, WORDS["subject"], subject=e["subject"]))
        if e["text"]:
            out += ["    " + line if line else "" for line in e["text"].splitlines()]
    if not data["emails"]:
        out.append(h("none"))
    out += ["", "## " + h("audit")]
    out += [f"- {when(a.at)} – {a.actor} – {word(lang, ACTIONS[a.action]) if a.action in ACTIONS else a.action}"
            + (f" ({a.detail})" if a.detail else "") for a in held.audit] or [h("none")]
    return "\n".join(out) + "\n"


def write(export: Export, folder: str) -> str:
    """Write the export into ``folder``/``privacy-<REF>``/, made now and private to the user (``FileExistsError``
    if it is there: an earlier export is never mixed with this one); its path."""
    target = os.path.join(folder, f"privacy-{export.reference}")
    os.makedirs(folder, exist_ok=True)
    for made in (target, os.path.join(target, "files")):
        os.mkdir(made, 0o700)
        os.chmod(made, 0o700)
    for name, body in _parts(export):
        fd = os.open(os.path.join(target, name), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(body)
    return target


def zipped(export: Export) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in _parts(export):
            archive.writestr(f"privacy-{export.reference}/{name}", body)
    return buffer.getvalue()


def _parts(export: Export):
    yield export.json_name, json.dumps(export.data, ensure_ascii=False, indent=2).encode("utf-8")
    yield export.text_name, export.text.encode("utf-8")
    yield from export.files
