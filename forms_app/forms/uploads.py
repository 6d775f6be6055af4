"""Uploaded files: what they really are, what they are called, where they are kept.

The kind of a file is read from its bytes by ``filetype`` (a small, well-kept
detector), never from its name or the Content-Type the browser sent. A file
that is also an archive (a ZIP, RAR or 7z after a PDF or image header: a
"polyglot") is refused, since a mail client would open it as an archive.

A file has two names, neither of them the one it arrived with:

- ``name``, the attachment's name in the email to staff, is made from the
  field's id and the detected kind only (``plan.pdf``, ``pothole-photo.jpg``):
  no resident text reaches a MIME header, encoded or not;
- ``shown``, what the resident called it, cleaned (no folders, no control,
  format or bidi characters, NFC, 80 characters at most) with the detected
  kind's extension forced: it is the field's answer, printed in the email's
  body and on the page, never in a header or a file name on disk.

Accepted files are saved under ``UPLOAD_DIR`` with a random name, outside
every served folder; they are never served back. They are sealed there
(``store/sealing.py``: the app's encryption key); the mail worker and the
staff download open them.
"""

from __future__ import annotations

import os
import re
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

import filetype
from werkzeug.datastructures import FileStorage

from guichet.model.form import FormField

from ..store.current import get_store
from ..store.retention import APP_NAME as STORED_NAME  # save_file's names: the purge's sweep deletes nothing else
from ..store.sealing import Keyring
from . import messages as m
from .checks import Invalid

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "heic": "image/heic",
}
KINDS = {"application/pdf": "pdf", "image/png": "png", "image/apng": "png", "image/jpeg": "jpeg",
         "image/gif": "gif", "image/webp": "webp", "image/heic": "heic"}  # filetype's MIME → our kind
SUFFIXES = {"pdf": ".pdf", "png": ".png", "jpeg": ".jpg", "gif": ".gif", "webp": ".webp", "heic": ".heic"}
EXTENSIONS = {"pdf": ".pdf", "png": ".png", "jpeg": ".jpg,.jpeg", "gif": ".gif", "webp": ".webp", "heic": ".heic,.heif"}
HEAD_BYTES = 8192  # what filetype reads
CHUNK = 64 * 1024
ARCHIVE_MARKS = (b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c")  # RAR and 7-Zip readers look for these anywhere
SHOWN_STEM_MAX = 80
UNSEEN = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}  # control, format (bidi, zero-width), surrogate, private, unassigned, line breaks
KEPT_PUNCTUATION = set(" -_()+,'&!")


def detect_kind(head: bytes) -> str | None:
    """The file kind from its first bytes, or None when it is none we know."""
    found = filetype.guess(head)
    return KINDS.get(found.mime) if found else None


def is_archive(stream: BinaryIO) -> bool:
    """Whether an archive reader would open this file: a ZIP end record (which
    may follow any header), or a RAR or 7z signature anywhere."""
    stream.seek(0)
    try:
        if zipfile.is_zipfile(stream):
            return True
        stream.seek(0)
        tail = b""
        while chunk := stream.read(CHUNK):
            window = tail + chunk
            if any(mark in window for mark in ARCHIVE_MARKS):
                return True
            tail = window[-8:]
        return False
    finally:
        stream.seek(0)


def accept_attribute(spec: FormField) -> str:
    """The ``accept`` hint for the file picker; the server checks anyway."""
    return ",".join([EXTENSIONS[k] for k in spec.accept] + [CONTENT_TYPES[k] for k in spec.accept])


def given(upload) -> bool:
    """A browser sends an empty part when no file was chosen."""
    return isinstance(upload, FileStorage) and bool(upload.filename)


def size_of(upload: FileStorage) -> int:
    stream = upload.stream
    stream.seek(0, os.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    return size


@dataclass(frozen=True)
class CheckedFile:
    kind: str
    size: int
    name: str  # the attachment's name: the field's id and the kind's extension
    shown: str  # the resident's name, cleaned, with the kind's extension

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]


def checked(spec: FormField, kind: str, size: int, filename: str) -> CheckedFile:
    return CheckedFile(kind, size, attachment_name(spec.name, kind), display_name(filename, kind))


def check_file(upload, spec: FormField, lang: str) -> CheckedFile | None:
    """None when no file was chosen and none is needed; raises ``Invalid`` otherwise."""
    if not given(upload):
        if spec.required:
            raise Invalid(m.message("file_missing", spec.label.get(lang), lang))
        return None
    size = size_of(upload)
    if size == 0:
        raise Invalid(m.text("file_empty", lang))
    if size > spec.max_size_mb * 1024 * 1024:
        raise Invalid(m.message("file_big", spec.label.get(lang), lang, n=m.number(spec.max_size_mb, lang)))
    kind = detect_kind(upload.stream.read(HEAD_BYTES))
    upload.stream.seek(0)
    if kind not in spec.accept:
        raise Invalid(m.message("file_type", spec.label.get(lang), lang, kinds=m.file_kinds(list(spec.accept), lang)))
    if is_archive(upload.stream):
        raise Invalid(m.message("file_archive", spec.label.get(lang), lang, kinds=m.file_kinds(list(spec.accept), lang)))
    return checked(spec, kind, size, upload.filename)


def attachment_name(field_name: str, kind: str) -> str:
    """``pothole_photo`` and jpeg → ``pothole-photo.jpg``: ASCII, ours, one per field."""
    return field_name.replace("_", "-") + SUFFIXES[kind]


def display_name(filename: str, kind: str) -> str:
    """The resident's file name as shown to staff and on the page, with the detected kind's extension.

    ``résumé \\u202egpj.exe`` → ``résumé gpj.pdf``; ``invoice.pdf\\0.html`` → ``invoice_pdf.pdf``.
    """
    name = "".join(c for c in unicodedata.normalize("NFC", filename or "") if unicodedata.category(c) not in UNSEEN)
    name = re.split(r"[\\/]", name)[-1]
    stem = name.rpartition(".")[0] if "." in name else name
    stem = "".join(c if c.isalnum() or unicodedata.category(c).startswith("M") or c in KEPT_PUNCTUATION else "_"
                   for c in stem)
    stem = re.sub(r"_{2,}", "_", " ".join(stem.split()))[:SHOWN_STEM_MAX].strip(" _-") or "file"
    return stem + SUFFIXES[kind]


def save_file(upload: FileStorage, folder: str, keyring: Keyring | None = None) -> str:
    """Seal the upload into ``folder`` under a new random name; returns that name.

    ``keyring``: the app's store's by default (a request or ``flask`` command's app).
    """
    keyring = keyring or get_store().keyring
    os.makedirs(folder, exist_ok=True)
    stored_name = secrets.token_hex(16)
    path = os.path.join(folder, stored_name)
    upload.stream.seek(0)
    sealed = keyring.seal_bytes(upload.stream.read())  # at most MAX_CONTENT_LENGTH, checked before
    upload.stream.seek(0)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(sealed)
        out.flush()
        os.fsync(out.fileno())
    return stored_name
