"""Pre-compressed copies of the built site, for ``gzip_static`` / ``brotli_static``.

``precompress(site_dir)`` writes ``<file>.gz`` (gzip -9) next to every
.html/.css/.js/.json/.xml/.svg file over 1 KB, and ``<file>.br`` when the
optional ``brotli`` package is importable (it is not a dependency). A copy
is rewritten only when it is missing or older than its source, so running
it twice does nothing the second time.
"""

from __future__ import annotations

import gzip
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

EXTENSIONS = frozenset({".html", ".css", ".js", ".json", ".xml", ".svg"})
MIN_SIZE = 1024


@dataclass
class Counts:
    gzip: int = 0  # .gz files written
    brotli: int = 0  # .br files written
    skipped: int = 0  # eligible files whose copies were already up to date
    eligible: int = 0  # files of the right type over MIN_SIZE


def brotli_available() -> bool:
    return importlib.util.find_spec("brotli") is not None


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)  # mtime 0: same input, same bytes


def _brotli(data: bytes) -> bytes:
    import brotli  # optional; checked by brotli_available()

    return brotli.compress(data, quality=11)


def _fresh(copy: Path, source_stat: os.stat_result) -> bool:
    return copy.is_file() and copy.stat().st_mtime_ns >= source_stat.st_mtime_ns


def _write(copy: Path, data: bytes, source_stat: os.stat_result, atomic: bool = True) -> None:
    target = copy.with_name(copy.name + ".tmp") if atomic else copy
    with open(target, "wb") as fh:
        fh.write(data)
    if atomic:
        os.replace(target, copy)
    os.utime(copy, ns=(source_stat.st_atime_ns, source_stat.st_mtime_ns))  # same mtime as the source: nginx's Last-Modified/ETag agree


def eligible_files(site_dir: str | Path) -> list[Path]:
    return sorted(
        p for p in Path(site_dir).rglob("*")
        if p.suffix.lower() in EXTENSIONS and p.is_file() and p.stat().st_size > MIN_SIZE
    )


def precompress(site_dir: str | Path, use_brotli: bool | None = None, atomic: bool = True) -> Counts:
    """Write .gz (and .br) copies of the site's text files over 1 KB; return what was done.

    ``atomic=False`` writes each copy in place rather than beside it and then renamed: for a folder
    nothing serves yet (``guichet build``'s work folder; 60,000 copies at 10,000 services)."""
    use_brotli = brotli_available() if use_brotli is None else use_brotli
    counters = {"gz": (_gzip, "gzip"), "br": (_brotli, "brotli")}
    wanted = ["gz", "br"] if use_brotli else ["gz"]
    counts = Counts()
    for path in eligible_files(site_dir):
        counts.eligible += 1
        stat = path.stat()
        data = None
        wrote = False
        for suffix in wanted:
            copy = path.with_name(f"{path.name}.{suffix}")
            if _fresh(copy, stat):
                continue
            data = path.read_bytes() if data is None else data
            compress, name = counters[suffix]
            _write(copy, compress(data), stat, atomic)
            setattr(counts, name, getattr(counts, name) + 1)
            wrote = True
        if not wrote:
            counts.skipped += 1
    return counts
