"""Files kept while the resident fixes other answers, and the files of a submission.

When a form comes back with errors, each chosen file that passed its checks
is saved under ``UPLOAD_DIR/pending/`` with a random name, and the page shows
it as attached ("plan.pdf, attached") with a "Remove this file" checkbox; the
file input next to it replaces it. The page carries a token for it, signed
with ``SECRET_KEY`` (itsdangerous) and bound to the form and field: its random
name, kind, size and the name shown. Sending the corrected form, with or
without JavaScript, attaches the kept file: it moves into ``UPLOAD_DIR`` under
a new random name once the submission is stored.

A kept file that never becomes a submission is deleted by ``flask purge``
after ``PENDING_MAX_AGE`` (``store/retention.py``); a token older than that,
or whose file is gone, says so on the field instead of sending the form
without the file the resident believes attached.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from guichet.model.form import FormField

from ..store import Attachment, delete_files
from ..store.retention import PENDING_FOLDER, PENDING_MAX_AGE
from .builder import UploadField
from .uploads import STORED_NAME, CheckedFile, checked, save_file

SALT = "guichet.forms.pending-upload"


class Lost(Exception):
    """The token was ours, but its file has expired or is gone."""


@dataclass(frozen=True)
class Kept:
    token: str  # for the page's hidden field
    stored_name: str  # under UPLOAD_DIR/pending/
    file: CheckedFile


class PendingFiles:
    """The kept files of one form (``slug``), under ``upload_dir``."""

    def __init__(self, upload_dir: str, secret_key: str | bytes, slug: str):
        self.upload_dir = upload_dir
        self.folder = os.path.join(upload_dir, PENDING_FOLDER)
        self.serializer = URLSafeTimedSerializer(secret_key, salt=SALT)
        self.slug = slug

    def keep(self, field: UploadField) -> Kept:
        """Save a field's new, checked file as pending; returns what the page needs to show it."""
        file = field.checked
        stored = save_file(field.raw, self.folder)
        token = self.serializer.dumps({"s": self.slug, "f": field.name, "id": stored, "k": file.kind, "z": file.size,
                                       "n": file.shown})
        return Kept(token, stored, file)

    def find(self, token: str, spec: FormField) -> Kept | None:
        """The kept file a token names. None for no token, or one not made by us for this form and field
        (it is ignored); raises ``Lost`` when it was but the file expired or is gone."""
        if not token:
            return None
        try:
            data = self.serializer.loads(token, max_age=PENDING_MAX_AGE)
        except SignatureExpired:
            raise Lost(spec.name) from None
        except BadSignature:
            return None
        if not (isinstance(data, dict) and data.get("s") == self.slug and data.get("f") == spec.name
                and STORED_NAME.match(str(data.get("id"))) and data.get("k") in spec.accept and isinstance(data.get("z"), int)):
            return None
        if not os.path.isfile(os.path.join(self.folder, data["id"])):
            raise Lost(spec.name)
        return Kept(token, data["id"], checked(spec, data["k"], data["z"], str(data.get("n", ""))))

    def resolve(self, fields: list[UploadField]) -> None:
        """Before validation: each field's kept file, from the token its page sent."""
        for field in fields:
            try:
                field.kept = self.find(field.kept_token, field.spec)
            except Lost:
                field.kept_lost = True

    def keep_valid(self, fields: list[UploadField]) -> None:
        """The form has errors: keep each new valid file (instead of the one kept before);
        drop a kept file the resident asked to remove."""
        for field in fields:
            if field.kept and (field.remove or (field.given and field.checked)):
                self.discard(field.kept)
                field.kept = None
            if field.given and field.checked:
                field.kept = self.keep(field)

    def discard(self, kept: Kept) -> None:
        try:
            os.remove(os.path.join(self.folder, kept.stored_name))
        except FileNotFoundError:
            pass  # already moved by a first press of Send, or swept

    def adopt(self, kept: Kept) -> str:
        """Move a kept file into ``UPLOAD_DIR`` under a new random name; returns that name."""
        stored = secrets.token_hex(16)
        source = os.path.join(self.folder, kept.stored_name)
        try:
            os.utime(source)  # new as an attachment: the orphan sweep judges files by age
            os.replace(source, os.path.join(self.upload_dir, stored))
        except FileNotFoundError:
            raise Lost(kept.stored_name) from None
        return stored


@dataclass
class SubmissionFiles:
    """The files of a valid form, saved for its submission: attachment rows, the names written
    (to delete if the submission is not stored) and the kept files replaced or removed."""

    attachments: list[Attachment]
    saved: list[str]
    spent: list[Kept]


def save_files(fields: list[UploadField], pending: PendingFiles) -> SubmissionFiles:
    """Write each field's file under ``UPLOAD_DIR``: a new one is copied, a kept one moved.
    On an error, the files already written are deleted before it propagates."""
    files = SubmissionFiles([], [], [])
    try:
        for field in fields:
            if field.kept and (field.given or field.checked is None):
                files.spent.append(field.kept)  # replaced or removed
            if field.checked is None:
                continue
            stored = save_file(field.raw, pending.upload_dir) if field.given else pending.adopt(field.kept)
            files.saved.append(stored)
            file = field.checked
            files.attachments.append(Attachment(stored, file.name, file.content_type, file.size))
    except BaseException:
        delete_files(pending.upload_dir, files.saved)
        raise
    return files

