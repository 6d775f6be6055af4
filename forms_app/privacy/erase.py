"""Erasing one request's personal data now, at the resident's request (``store/privacy.py`` says what goes).

The rows change in one transaction with their audit entry (who, when, how; never what was erased); the
files are deleted from ``UPLOAD_DIR`` once it committed. ``flask purge`` erases the same way when a
form's retention period ends (``store/retention.py``).
"""

from __future__ import annotations

from ..store.privacy import Erased, RequestPrivacy
from ..store.retention import delete_files


def erase_request(store, upload_dir: str, reference: str, actor: str, via: str) -> tuple[Erased, int] | None:
    """(what was erased, how many files were deleted from the disk), or None for an unknown reference."""
    erased = RequestPrivacy(store).erase(reference, actor, via)
    if erased is None:
        return None
    return erased, delete_files(upload_dir, erased.files)
