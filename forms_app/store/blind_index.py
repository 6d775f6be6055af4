"""The staff queue's search on sealed contacts: a blind index (``schema.contact_index``).

The resident's name, phone and addresses are sealed (``sealing.py``), so the database cannot
compare them. Instead, each request gets keyed digests of its contacts, normalised:

- ``email:`` each address (Reply-To and copy), stripped and lower case;
- ``phone:`` the phone's digits (a leading 1 of an 11-digit North American number dropped);
- ``name:`` each word of the name, accents and case folded (``Hélène Côté`` → ``helene``, ``cote``).

A digest is HMAC-SHA256 under a key derived from an encryption key (``Keyring.index_keys``), cut to 128
bits. The newest key writes; a search looks for the digests under every configured key, so it
keeps finding requests while ``flask keys rotate`` re-indexes them. Matching is whole values:
an exact address, the whole phone number, whole name words (every word searched must be one of
the name's); no substring, no prefix. Without the key, the digests tell nothing but which
requests share a value.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Iterable

from sqlalchemy import delete, false, select

from .schema import contact_index, submissions

DIGEST_HEX = 32
WORD = re.compile(r"\w+")


def digest(key: bytes, kind: str, value: str) -> str:
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()[:DIGEST_HEX]


def email_value(text: str | None) -> str | None:
    text = (text or "").strip().lower()
    return text or None


def phone_value(text: str | None) -> str | None:
    digits = "".join(ch for ch in (text or "") if ch.isdigit() and ch.isascii())
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    return digits or None


def name_words(text: str | None) -> list[str]:
    folded = "".join(c for c in unicodedata.normalize("NFKD", text or "") if not unicodedata.combining(c))
    return sorted(set(WORD.findall(folded.casefold())))


def terms(reply_to: str | None, copy_to: str | None, name: str | None, phone: str | None) -> set[tuple[str, str]]:
    """The (kind, normalised value) pairs a request is found by."""
    found = {("email", e) for e in (email_value(reply_to), email_value(copy_to)) if e}
    found |= {("name", w) for w in name_words(name)}
    if (p := phone_value(phone)) is not None:
        found.add(("phone", p))
    return found


def rows(key: bytes, submission_id: int, found: Iterable[tuple[str, str]]) -> list[dict]:
    return [dict(digest=d, submission_id=submission_id) for d in sorted({digest(key, k, v) for k, v in found})]


def matches(keys: list[bytes], kind: str, value: str):
    """WHERE: the request has ``value`` of ``kind`` under any configured key."""
    digests = sorted({digest(k, kind, value) for k in keys})
    return submissions.c.id.in_(select(contact_index.c.submission_id).where(contact_index.c.digest.in_(digests)))


def search_conditions(keys: list[bytes], name: str | None, email: str | None, phone: str | None) -> list:
    """The queue's WHERE clauses for a search by name (every word), email or phone; a search with nothing
    to look for in it (punctuation only) matches nothing (``false()``, as the queue's reference search)."""
    where = []
    if name:
        where += [matches(keys, "name", w) for w in name_words(name)] or [false()]
    if email:
        value = email_value(email)
        where.append(matches(keys, "email", value) if value else false())
    if phone:
        value = phone_value(phone)
        where.append(matches(keys, "phone", value) if value else false())
    return where


def forget(conn, submission_ids: list[int]) -> None:
    """Delete the digests of these requests (their contacts were erased: purge, privacy erase)."""
    if submission_ids:
        conn.execute(delete(contact_index).where(contact_index.c.submission_id.in_(submission_ids)))


def reindex(conn, key: bytes, sub) -> None:
    """Replace one request's digests by the newest key's (``keys rotate``); ``sub`` has its opened contacts."""
    conn.execute(delete(contact_index).where(contact_index.c.submission_id == sub.id))
    new = rows(key, sub.id, terms(sub.reply_to, sub.resident_copy_to, sub.contact_name, sub.contact_phone))
    if new:
        conn.execute(contact_index.insert(), new)

