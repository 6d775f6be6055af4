"""Encryption at rest: what a resident typed is sealed before it reaches the database or the disk.

A ``Keyring`` holds the Fernet keys (``cryptography``'s MultiFernet: AES-128-CBC and an
HMAC-SHA256 per value, each value with its own random IV), newest first: the newest seals,
every key opens. The keys come from the settings (``ENCRYPTION_KEYS``, ``ENCRYPTION_KEY_FILE``),
never from the database; in development and tests, from ``instance/encryption.keys``,
made on first start (``development_keys``; ``store.keyring_for`` chooses). Production refuses to start without one
(``config_checks``).

In the database, the sealed columns are the types below (``schema.py``): ``Sealed``,
``SealedText`` and ``SealedJSON``. They seal on every write and open on every read, so the Store's callers see
clear values and the rows hold Fernet tokens. The keyring is the engine's (``attach``): each
Store on that engine uses it. Empty text and NULL stay as they are (they say nothing, and
``body != ''`` keeps working); a value written before encryption (clear text, revision 0006 or
older) is read as it is until ``flask keys rotate`` seals it.

Files under ``UPLOAD_DIR`` are sealed whole (``seal_bytes``): ``MAGIC`` and a token. A file
without ``MAGIC`` is one saved before encryption, read as it is until ``keys rotate``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import time
from collections.abc import Iterable

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import JSON, String, Text
from sqlalchemy.engine import Dialect, Engine
from sqlalchemy.types import TypeDecorator

from ..config import read_key_file  # the key file's format, as config_checks reads it at start-up

log = logging.getLogger(__name__)

TOKEN_START = "gAAAAA"  # every Fernet token: version byte 0x80, then a 64-bit time that starts with zeros
MAGIC = b"guichet-sealed-1\n"  # the first bytes of a sealed file
KEY_FILE = "encryption.keys"  # development's key file, in the instance folder
ATTRIBUTE = "guichet_keyring"  # on the engine's dialect
EXTENSION = "guichet.keyring"  # app.extensions: the app's keyring (the mail worker opens files with it)
INDEX_INFO = b"guichet contact index 1"  # what an index key is derived for (HMAC of the Fernet key)


class Unopenable(Exception):
    """No key opens a sealed value (its key was removed from the settings too early)."""


class Keyring:
    """Fernet keys, newest first: the newest seals, any opens."""

    def __init__(self, keys: Iterable[str | bytes]):
        self.keys = [k.encode("ascii") if isinstance(k, str) else k for k in keys]
        if not self.keys:
            raise ValueError("a keyring needs at least one key")
        self.fernets = [Fernet(k) for k in self.keys]  # ValueError for a key that is not one
        self.multi = MultiFernet(self.fernets)
        self.newest = self.fernets[0]
        # the blind index's keys (``blind_index.py``), one per Fernet key: the newest writes, all are searched
        self.index_keys = [hmac.new(k, INDEX_INFO, hashlib.sha256).digest() for k in self.keys]

    @classmethod
    def ephemeral(cls) -> "Keyring":
        """A key that lives as long as the process: for a Store made without the app (tests, benchmarks)."""
        return cls([Fernet.generate_key()])

    # -- text --------------------------------------------------------------

    def seal(self, text: str | None) -> str | None:
        if text is None or text == "":
            return text
        return self.newest.encrypt(text.encode("utf-8")).decode("ascii")

    def open(self, stored: str | None) -> str | None:
        if not is_sealed(stored):
            return stored  # NULL, "", or a value written before encryption
        try:
            return self.multi.decrypt(stored.encode("ascii")).decode("utf-8")
        except InvalidToken:
            raise Unopenable("no configured encryption key opens a stored value: was an old key removed "
                            "before flask keys rotate finished?") from None

    def needs_rotation(self, stored: str | None) -> bool:
        """A non-empty value that is clear, or sealed with a key other than the newest."""
        if stored is None or stored == "":
            return False
        if not is_sealed(stored):
            return True
        try:
            self.newest.decrypt(stored.encode("ascii"))
            return False
        except InvalidToken:
            return True

    def rotate(self, stored: str) -> str:
        """The value sealed with the newest key (a clear one sealed)."""
        if not is_sealed(stored):
            return self.seal(stored)
        try:
            return self.multi.rotate(stored.encode("ascii")).decode("ascii")
        except InvalidToken:
            raise Unopenable("no configured encryption key opens a stored value") from None

    # -- files -------------------------------------------------------------

    def seal_bytes(self, data: bytes) -> bytes:
        return MAGIC + self.newest.encrypt(data)

    def open_bytes(self, stored: bytes) -> bytes:
        if not stored.startswith(MAGIC):
            return stored  # a file saved before encryption
        try:
            return self.multi.decrypt(stored[len(MAGIC):])
        except InvalidToken:
            raise Unopenable("no configured encryption key opens a stored file") from None

    def file_needs_rotation(self, stored: bytes) -> bool:
        if not stored.startswith(MAGIC):
            return True
        try:
            self.newest.decrypt(stored[len(MAGIC):])
            return False
        except InvalidToken:
            return True

    def rotate_bytes(self, stored: bytes) -> bytes:
        if not stored.startswith(MAGIC):
            return self.seal_bytes(stored)
        try:
            return MAGIC + self.multi.rotate(stored[len(MAGIC):])
        except InvalidToken:
            raise Unopenable("no configured encryption key opens a stored file") from None


def is_sealed(stored) -> bool:
    return isinstance(stored, str) and stored.startswith(TOKEN_START)


def new_key() -> str:
    return Fernet.generate_key().decode("ascii")


def configured_keys(keys: Iterable[str], key_file: str | None) -> list[str]:
    """``ENCRYPTION_KEYS`` then the key file's, newest first (use one or the other)."""
    return [*keys, *(read_key_file(key_file) if key_file else [])]


def development_keys(instance_path: str) -> list[str]:
    """Development and tests without a key: ``instance/encryption.keys``, made once (0600)."""
    path = os.path.join(instance_path, KEY_FILE)
    os.makedirs(instance_path, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write("# Development's encryption key (forms_app/store/sealing.py). Never use it in production.\n")
            f.write(new_key() + "\n")
        log.warning("encryption: made a development key in %s", path)
    keys = read_key_file(path)
    if not keys:  # another process is writing it this instant
        time.sleep(0.2)
        keys = read_key_file(path)
    return keys


# -- the engine's keyring and the column types ------------------------------------------------


def attach(engine: Engine, keyring: Keyring | None = None) -> Keyring:
    """Make ``keyring`` the one every sealed column on ``engine`` uses, and return it. Without one, the
    engine keeps the keyring it has, or gets a key that lives as long as the process (a Store made
    without the app: tests, benchmarks)."""
    if keyring is None:
        keyring = getattr(engine.dialect, ATTRIBUTE, None) or Keyring.ephemeral()
    setattr(engine.dialect, ATTRIBUTE, keyring)
    return keyring


def keyring_of(dialect: Dialect) -> Keyring:
    found = getattr(dialect, ATTRIBUTE, None)
    if found is None:
        raise RuntimeError("no keyring on this engine: make a Store on it first (store/sealing.py, attach)")
    return found


class Sealed(TypeDecorator):
    """Text sealed with the engine's keyring. ``Sealed(320)`` is ``VARCHAR(320)`` on SQLite (which
    never enforces a length: the column as revision 0006 made it) and ``TEXT`` on PostgreSQL, since
    a token is about 4/3 of its value plus 57 characters (revision 0007 widens the columns)."""

    impl = String
    cache_ok = True

    def load_dialect_impl(self, dialect):
        return Text() if dialect.name == "postgresql" else self.impl_instance

    def process_bind_param(self, value, dialect):
        return keyring_of(dialect).seal(value) if value not in (None, "") else value

    def process_result_value(self, value, dialect):
        return keyring_of(dialect).open(value) if value not in (None, "") else value


class SealedText(Sealed):
    """Unbounded text, sealed (``request_messages.body``)."""

    impl = Text
    cache_ok = True


class SealedJSON(TypeDecorator):
    """A JSON value sealed whole (``submissions.answers``): the column stays JSON and holds the
    token as a JSON string; a list read from it is a row written before encryption."""

    impl = JSON
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return keyring_of(dialect).seal(json.dumps(value, ensure_ascii=False, separators=(",", ":")))

    def process_result_value(self, value, dialect):
        if not isinstance(value, str):  # None, or the clear list of a row written before encryption
            return value
        return json.loads(keyring_of(dialect).open(value))
