"""Marker answers for every field of a form, and the raw places they must not be found (#14, encryption at rest).

Each free-text answer carries a marker no ciphertext will hold by chance (``Zqmk`` and digits, 10+
characters); emails, phones, postal codes and numbers carry marker values in their own shapes, and
``variants`` lists every way the app or a database might write them down: as typed, lower and upper
case, JSON-escaped, UTF-16, the digits alone, a postal code without its space, a number with its
thousands separators.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from guichet.model.form import FieldType

from .databases import POSTGRES_URL

PHONE = "(819) 555-7391"
PHONE_DIGITS = "8195557391"
POSTAL = "J9V 8K7"
FILE_MAGIC = {"pdf": b"%PDF-1.4\n", "png": b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR", "jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"}
NUMBER_MARKS = {"estimated_cost": "73919461", "expected_people": "48371"}  # item_count (1 to 4) cannot carry one


class Marked:
    """The form data to post and the markers it carries (text markers, and file names and bytes)."""

    def __init__(self):
        self.data: dict = {}
        self.text: list[str] = []  # found in the emails and the staff page (answers)
        self.files: list[tuple[str, bytes]] = []  # (the resident's file name, the file's bytes)


def marked_answers(spec, tag: str) -> Marked:
    """Valid answers to ``spec`` with a marker in every field that can hold one; ``tag`` tells forms apart."""
    m = Marked()
    for n, field in enumerate(spec.fields):
        mark = f"Zqmk{tag}{n:02d}x"
        kind = field.type
        if kind in (FieldType.text, FieldType.long_text, FieldType.address):
            value = mark if (field.max_length or 100) < 30 else f"{mark} Zqmkword{tag}{n:02d}"
            if field.min_length and len(value) < field.min_length:
                value = (value + " ") * (field.min_length // len(value) + 1)
            m.data[field.name] = value.strip()
            m.text.append(mark)
        elif kind is FieldType.email:
            m.data[field.name] = f"{mark.lower()}@example.org"
            m.text.append(mark.lower())
        elif kind is FieldType.phone:
            m.data[field.name] = PHONE
        elif kind is FieldType.postal_code:
            m.data[field.name] = POSTAL.lower()
        elif kind is FieldType.number:
            low = int(field.minimum) if field.minimum is not None else 1
            m.data[field.name] = NUMBER_MARKS.get(field.name, str(low))
        elif kind is FieldType.date:
            m.data.update({f"{field.name}-day": "17", f"{field.name}-month": "9", f"{field.name}-year": "2027"})
        elif kind in (FieldType.single_choice, FieldType.yes_no):
            m.data[field.name] = field.choices[0].value if field.choices else "yes"
        elif kind is FieldType.multiple_choice:
            m.data[field.name] = [field.choices[0].value]
        elif kind is FieldType.file:
            file_kind = next(k for k in ("pdf", "png", "jpeg") if k in field.accept)
            name = f"Zqmkname{tag}{n:02d}.{'jpg' if file_kind == 'jpeg' else file_kind}"
            body = FILE_MAGIC[file_kind] + f" Zqmkbytes{tag}{n:02d} ".encode() * 4
            m.data[field.name] = (body, name, "application/octet-stream")
            m.files.append((name.rsplit(".", 1)[0], body))
    return m


def variants(markers: list[str]) -> set[bytes]:
    """Every written form of these markers (and of the phone, postal code and number markers) to look for."""
    words = set(markers) | {PHONE, PHONE_DIGITS, PHONE_DIGITS[3:], "555-7391", POSTAL, POSTAL.replace(" ", "")}
    for number in NUMBER_MARKS.values():
        words |= {number, f"{int(number):,}", f"{int(number):,}".replace(",", " "), f"{int(number):,}".replace(",", "\u00a0"),
                  f"{int(number):,}".replace(",", "\u202f")}
    found: set[bytes] = set()
    for word in words:
        for form in (word, word.lower(), word.upper(), json.dumps(word)[1:-1]):
            found |= {form.encode("utf-8"), form.encode("utf-16-le")}
    return found


def hits(blob: bytes, needles: set[bytes]) -> set[bytes]:
    folded = blob.lower()
    return {n for n in needles if n in blob or n.lower() in folded}


def sqlite_bytes(database: Path) -> bytes:
    """The SQLite file and its companions (-wal, -journal, -shm), raw."""
    return b"".join(Path(f"{database}{suffix}").read_bytes() for suffix in ("", "-wal", "-journal", "-shm")
                    if Path(f"{database}{suffix}").exists())


def postgres_dump(schema: str) -> bytes:
    """``pg_dump`` of the test's schema (every table, data included), as text."""
    from sqlalchemy import make_url

    url = make_url(POSTGRES_URL)
    env = dict(os.environ, PGPASSWORD=url.password or "")
    done = subprocess.run(["pg_dump", "-h", url.host or "127.0.0.1", "-p", str(url.port or 5432), "-U", url.username or "postgres",
                           "-n", schema, url.database], capture_output=True, env=env, timeout=120, check=True)
    return done.stdout


def upload_files(folder: str) -> list[Path]:
    return sorted(p for p in Path(folder).rglob("*") if p.is_file())
