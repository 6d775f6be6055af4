"""``flask keys rotate`` and ``keys check``: every sealed value and file under the newest key.

``rotate(store, upload_dir)`` walks each sealed column (``schema.SEALED_COLUMNS``) ``BATCH`` rows
per transaction. A value that is clear (written before revision 0007) or sealed with an older
key is opened and written back through its sealed type, which seals it with the newest key. The
UPDATE is conditional on the stored text being unchanged since it was read, so a row the app
changed meanwhile (a purge, a status, a new reply) is left to the next run, never overwritten
with older words: it is safe while the app runs and the worker sends. A request whose blind-index
digests are not the newest key's is re-indexed (``blind_index.reindex``). Then each file under
``upload_dir`` and its ``pending/`` folder is sealed again, written beside itself and moved over
it (``os.replace``: a reader gets the old or the new file, both open while the old key is still
configured).

``check(store, upload_dir)`` counts what still needs a key other than the newest: when it says
nothing, the old keys can be removed from the settings.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from sqlalchemy import Text, cast, select, update

from . import blind_index
from .engine import read_transaction, write_transaction
from .retention import PENDING_FOLDER, app_files
from .schema import SEALED_COLUMNS, contact_index, metadata, submissions
from .sealing import Keyring, SealedJSON

BATCH = 200
CONTACTS = ("reply_to", "resident_copy_to", "contact_name", "contact_phone")


@dataclass
class Tally:
    values: dict[str, int] = field(default_factory=dict)  # "table.column" → values (re)sealed or to be
    indexed: int = 0  # requests whose search digests are (or were) not the newest key's
    files: int = 0
    skipped: int = 0  # rows changed while being rotated: the next run takes them

    @property
    def total_values(self) -> int:
        return sum(self.values.values())

    def lines(self, verb: str) -> list[str]:
        found = [f"keys: {n} value(s) in {name} {verb}" for name, n in self.values.items() if n]
        found += [f"keys: {self.indexed} request(s)' search digests {verb}"] if self.indexed else []
        found += [f"keys: {self.files} file(s) {verb}"] if self.files else []
        return found


def _stored(table, name: str, raw: str | None):
    """A column's stored text as its sealed type sees it: for ``answers``, the JSON string or list."""
    if raw is None or not isinstance(table.c[name].type, SealedJSON):
        return raw
    return json.loads(raw)


def _needs(keyring: Keyring, value) -> bool:
    if isinstance(value, list):  # clear answers, from before encryption
        return True
    return keyring.needs_rotation(value)


def _opened(keyring: Keyring, table, name: str, value):
    if isinstance(value, list) or value is None:
        return value
    clear = keyring.open(value)
    return json.loads(clear) if isinstance(table.c[name].type, SealedJSON) else clear


def _digests(keyring: Keyring, contacts: dict) -> set[str]:
    found = blind_index.terms(contacts["reply_to"], contacts["resident_copy_to"], contacts["contact_name"],
                              contacts["contact_phone"])
    return {row["digest"] for row in blind_index.rows(keyring.index_keys[0], 0, found)}


def _table_pass(store, table, columns: tuple[str, ...], tally: Tally, write: bool) -> None:
    """One walk of a table: count, and with ``write`` rotate, its sealed columns (and the index of submissions)."""
    keyring = store.keyring
    raw = [cast(table.c[name], Text).label(name) for name in columns]
    after = 0
    while True:
        with read_transaction(store.engine) as conn:
            rows = conn.execute(select(table.c.id, *raw).where(table.c.id > after).order_by(table.c.id).limit(BATCH)).all()
            digests: dict[int, set[str]] = {}
            if table is submissions and rows:
                for sid, digest in conn.execute(select(contact_index.c.submission_id, contact_index.c.digest)
                                                .where(contact_index.c.submission_id.in_([r.id for r in rows]))):
                    digests.setdefault(sid, set()).add(digest)
        if not rows:
            return
        after = rows[-1].id
        rewrites = []
        for row in rows:
            stored = {name: _stored(table, name, getattr(row, name)) for name in columns}
            stale = [name for name in columns if _needs(keyring, stored[name])]
            opened = None
            reindex = False
            if table is submissions:
                opened = {name: _opened(keyring, table, name, stored[name]) for name in columns}
                reindex = _digests(keyring, opened) != digests.get(row.id, set())
            if not stale and not reindex:
                continue
            for name in stale:
                tally.values[f"{table.name}.{name}"] = tally.values.get(f"{table.name}.{name}", 0) + 1
            tally.indexed += reindex
            if write:
                rewrites.append((row, stale, opened or {n: _opened(keyring, table, n, stored[n]) for n in stale}, reindex))
        if rewrites:  # the batch's rows in one short transaction
            with write_transaction(store.engine) as conn:
                for row, stale, opened, reindex in rewrites:
                    _rewrite_in(conn, store.keyring, table, row, columns, stale, opened, reindex, tally)


def _rewrite_in(conn, keyring: Keyring, table, row, columns, stale, opened, reindex, tally) -> None:
    """Write a row's stale values back through their sealed types (the newest key), and its digests,
    only if the row is as it was read; else count it as skipped."""
    unchanged = [table.c.id == row.id] + [
        cast(table.c[name], Text).is_(None) if getattr(row, name) is None else cast(table.c[name], Text) == getattr(row, name)
        for name in columns]
    if stale:
        done = conn.execute(update(table).where(*unchanged).values({name: opened[name] for name in stale})).rowcount
    else:
        done = conn.execute(select(table.c.id).where(*unchanged)).first() is not None
    if not done:
        tally.skipped += 1
        return
    if reindex:
        blind_index.reindex(conn, keyring.index_keys[0], _Contacts(row.id, opened))


class _Contacts:
    def __init__(self, submission_id: int, opened: dict):
        self.id = submission_id
        for name in CONTACTS:
            setattr(self, name, opened.get(name))


def _files(upload_dir: str) -> list[str]:
    return sorted(e.path for folder in (upload_dir, os.path.join(upload_dir, PENDING_FOLDER)) for e in app_files(folder))


def _file_pass(keyring: Keyring, upload_dir: str, tally: Tally, write: bool) -> None:
    for path in _files(upload_dir):
        try:
            with open(path, "rb") as f:
                data = f.read()
        except FileNotFoundError:
            continue  # purged or moved meanwhile
        if not keyring.file_needs_rotation(data):
            continue
        tally.files += 1
        if not write:
            continue
        folder, name = os.path.split(path)
        temporary = os.path.join(folder, f".{name}.rotating")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(keyring.rotate_bytes(data))
            out.flush()
            os.fsync(out.fileno())
        stat = os.stat(path) if os.path.exists(path) else None
        if stat is None:  # deleted while we sealed it: do not bring it back
            os.remove(temporary)
            continue
        os.utime(temporary, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the orphan sweep judges files by age
        os.replace(temporary, path)


def _walk(store, upload_dir: str | None, write: bool) -> Tally:
    tally = Tally()
    for name, columns in SEALED_COLUMNS.items():
        _table_pass(store, metadata.tables[name], columns, tally, write)
    if upload_dir:
        _file_pass(store.keyring, upload_dir, tally, write)
    return tally


def check(store, upload_dir: str | None) -> Tally:
    """What still needs a key other than the newest (values, search digests, files); changes nothing."""
    return _walk(store, upload_dir, write=False)


def rotate(store, upload_dir: str | None) -> Tally:
    """Seal every value and file with the newest key, and re-index the searches under it."""
    tally = _walk(store, upload_dir, write=True)
    forget_old_pages(store.engine)
    return tally


def forget_old_pages(engine) -> None:
    """SQLite: copy the write-ahead log into the file and empty it, so the pages as they were before
    (older tokens, clear values from before revision 0007) are not left in ``-wal``; the file's own
    free space is zeroed as it is freed (``PRAGMA secure_delete``, engine.py). Best effort: a reader
    holding an old snapshot keeps the log until it ends (the next rotation or checkpoint empties it)."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as conn:  # on the driver: no BEGIN around it (a checkpoint cannot run in a transaction)
        conn.connection.dbapi_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
