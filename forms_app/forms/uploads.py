"""Uploaded files: what they really are, and where they are kept.

The kind of a file is read from its first bytes (its "magic number"),
never from its name or the Content-Type the browser sent. Accepted files
are saved under ``UPLOAD_DIR`` with a random name, outside every served
folder; they are never served back.
"""

from __future__ import annotations

import os
import re
import secrets
import unicodedata
from dataclasses import dataclass

from werkzeug.datastructures import FileStorage

from guichet.model.form import FormField

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
EXTENSIONS = {"pdf": ".pdf", "png": ".png", "jpeg": ".jpg,.jpeg", "gif": ".gif", "webp": ".webp", "heic": ".heic,.heif"}
HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
HEAD_BYTES = 16
CHUNK = 64 * 1024


def detect_kind(head: bytes) -> str | None:
    """The file kind from its first 16 bytes, or None when it is none we know."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp" and head[8:12] in HEIC_BRANDS:
        return "heic"
    return None


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
    filename: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]


def check_file(upload, spec: FormField, lang: str) -> CheckedFile | None:
    """None when no file was chosen and none is needed; raises ``Invalid`` otherwise."""
    if not given(upload):
        if spec.required:
            raise Invalid(m.message("file_missing", spec.label.get(lang), lang))
        return None
    size = size_of(upload)
    if size == 0:
        raise Invalid(m.MESSAGES[lang]["file_empty"])
    if size > spec.max_size_mb * 1024 * 1024:
        raise Invalid(m.message("file_big", spec.label.get(lang), lang, n=m.number(spec.max_size_mb, lang)))
    kind = detect_kind(upload.stream.read(HEAD_BYTES))
    upload.stream.seek(0)
    if kind not in spec.accept:
        raise Invalid(m.message("file_type", spec.label.get(lang), lang, kinds=m.file_kinds(list(spec.accept), lang)))
    return CheckedFile(kind, size, display_name(upload.filename, kind))


def display_name(filename: str, kind: str) -> str:
    """The name staff see: no folders, no control characters, 120 characters at most."""
    name = unicodedata.normalize("NFC", filename).replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[\x00-\x1f\x7f-\x9f\"<>]", "", name).strip(" .") or "file"
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    return (stem[:100] + (f".{ext[:10]}" if ext else "")) or f"file{EXTENSIONS[kind].split(',')[0]}"


def save_file(upload: FileStorage, upload_dir: str) -> str:
    """Copy the upload to ``upload_dir`` under a new random name; returns that name."""
    os.makedirs(upload_dir, exist_ok=True)
    stored_name = secrets.token_hex(16)
    path = os.path.join(upload_dir, stored_name)
    upload.stream.seek(0)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        while chunk := upload.stream.read(CHUNK):
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    return stored_name
