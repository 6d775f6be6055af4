"""Submission references: 8 characters a resident can read out on the phone.

The alphabet leaves out 0/O, 1/I/L so no character can be mistaken for
another; ``ABCD2345`` is stored, ``ABCD-2345`` is shown. Uniqueness is the
database's job (a UNIQUE constraint; ``Store.save_submission`` retries).
"""

from __future__ import annotations

import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 8
_SEPARATORS = str.maketrans("", "", " -_.\t")


def new_reference() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def format_reference(reference: str) -> str:
    """``ABCD2345`` → ``ABCD-2345`` (anything else is returned as given)."""
    ref = normalize_reference(reference)
    if ref is None:
        return reference
    half = LENGTH // 2
    return f"{ref[:half]}-{ref[half:]}"


def normalize_reference(text: str | None) -> str | None:
    """What a resident typed (``abcd-2345``, ``ABCD 2345``) → ``ABCD2345``, or None."""
    if not text:
        return None
    ref = str(text).strip().upper().translate(_SEPARATORS)
    if len(ref) != LENGTH or any(ch not in ALPHABET for ch in ref):
        return None
    return ref
