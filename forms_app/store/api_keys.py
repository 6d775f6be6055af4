"""Open311 API keys: made and revoked by an administrator (``flask apikey``), stored hashed.

A key is 32 random bytes, URL-safe; the table keeps its SHA-256 (hex), never the key,
so a copy of the database lets nobody post. ``find`` takes the key a client sent and
returns its row only while it is not revoked; the hash also names the key to the rate limiter.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from .audit import audit_row
from .engine import read_transaction, write_transaction
from .schema import api_keys, audit_log

NAME_MAX = 100


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class ApiKey:
    name: str
    key_hash: str
    created_at: datetime
    revoked_at: datetime | None


class DuplicateKeyName(ValueError):
    """A key of that name exists (revoked or not): names stay unique so logs and revocations are unambiguous."""


class ApiKeys:
    def __init__(self, engine: Engine, clock: Callable[[], datetime]):
        self.engine = engine
        self.clock = clock

    def create(self, name: str, by: str = "admin (cli)") -> str:
        """A new key for ``name``; the key is returned once and never stored."""
        name = name.strip()
        if not name or len(name) > NAME_MAX:
            raise ValueError(f"a key's name has 1 to {NAME_MAX} characters")
        key = secrets.token_urlsafe(32)
        try:
            with write_transaction(self.engine) as conn:
                conn.execute(insert(api_keys).values(name=name, key_hash=key_hash(key), created_at=self.clock()))
                conn.execute(insert(audit_log).values(audit_row(self.clock(), by, "apikey_created", None, f"key={name}")))
        except IntegrityError:
            raise DuplicateKeyName(f"a key named {name!r} exists already") from None
        return key

    def revoke(self, name: str, by: str = "admin (cli)") -> bool:
        """Stop the named key (audited); False when no key of that name is in use."""
        with write_transaction(self.engine) as conn:
            done = conn.execute(update(api_keys).where(api_keys.c.name == name.strip(), api_keys.c.revoked_at.is_(None))
                                .values(revoked_at=self.clock()))
            if done.rowcount > 0:
                conn.execute(insert(audit_log).values(audit_row(self.clock(), by, "apikey_revoked", None, f"key={name.strip()}")))
        return done.rowcount > 0

    def find(self, key: str) -> ApiKey | None:
        """The key's row when it exists and is not revoked."""
        if not key or len(key) > 200:
            return None
        with read_transaction(self.engine) as conn:
            row = conn.execute(select(api_keys).where(api_keys.c.key_hash == key_hash(key))).first()
        if row is None or row.revoked_at is not None:
            return None
        return ApiKey(row.name, row.key_hash, row.created_at, row.revoked_at)

    def all(self) -> list[ApiKey]:
        with read_transaction(self.engine) as conn:
            rows = conn.execute(select(api_keys).order_by(api_keys.c.name)).all()
        return [ApiKey(r.name, r.key_hash, r.created_at, r.revoked_at) for r in rows]
