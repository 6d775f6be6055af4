"""``guichet.build.compress.precompress``: .gz (and .br) copies for nginx's *_static."""

from __future__ import annotations

import gzip
import os
import sys
import types

import pytest

from guichet.build import compress
from guichet.build.compress import precompress

BIG = ("<p>Bellerive services. " * 200).encode()


@pytest.fixture
def site(tmp_path):
    (tmp_path / "services" / "dog-licence").mkdir(parents=True)
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_bytes(BIG)
    (tmp_path / "services" / "dog-licence" / "index.html").write_bytes(BIG)
    (tmp_path / "assets" / "site.css").write_bytes(b"body{color:#111}" * 100)
    (tmp_path / "assets" / "app.js").write_bytes(b"var a=1;" * 200)
    (tmp_path / "catalogue.json").write_bytes(b'{"a": 1}' * 200)
    (tmp_path / "sitemap.xml").write_bytes(b"<url></url>" * 200)
    (tmp_path / "assets" / "icon.svg").write_bytes(b"<svg></svg>" * 200)
    (tmp_path / "small.html").write_bytes(b"<p>tiny</p>")  # under 1 KB: left alone
    (tmp_path / "photo.png").write_bytes(b"\x89PNG" * 1000)  # not text: left alone
    (tmp_path / "search.sqlite3").write_bytes(b"x" * 5000)
    return tmp_path


def test_writes_gzip_copies_of_text_files_over_1_kb(site):
    counts = precompress(site, use_brotli=False)
    assert (counts.eligible, counts.gzip, counts.brotli, counts.skipped) == (7, 7, 0, 0)
    for rel in ("index.html", "services/dog-licence/index.html", "assets/site.css", "assets/app.js", "catalogue.json", "sitemap.xml", "assets/icon.svg"):
        source = site / rel
        copy = source.with_name(source.name + ".gz")
        assert gzip.decompress(copy.read_bytes()) == source.read_bytes()
        assert copy.stat().st_mtime_ns == source.stat().st_mtime_ns
    for rel in ("small.html", "photo.png", "search.sqlite3"):
        assert not (site / (rel + ".gz")).exists()


def test_gzip_is_level_9_and_reproducible(site):
    precompress(site, use_brotli=False)
    data = (site / "index.html.gz").read_bytes()
    assert data == gzip.compress(BIG, compresslevel=9, mtime=0)


def test_idempotent(site):
    precompress(site, use_brotli=False)
    before = {p: p.stat().st_mtime_ns for p in site.rglob("*.gz")}
    again = precompress(site, use_brotli=False)
    assert (again.gzip, again.skipped) == (0, 7)
    assert {p: p.stat().st_mtime_ns for p in site.rglob("*.gz")} == before
    assert not list(site.rglob("*.gz.gz")) and not list(site.rglob("*.tmp"))


def test_rewrites_a_copy_when_its_source_changes(site):
    precompress(site, use_brotli=False)
    page = site / "index.html"
    page.write_bytes(BIG + b"<p>changed</p>")
    later = page.stat().st_mtime_ns + 10**9
    os.utime(page, ns=(later, later))
    counts = precompress(site, use_brotli=False)
    assert counts.gzip == 1
    assert gzip.decompress((site / "index.html.gz").read_bytes()).endswith(b"<p>changed</p>")


def test_brotli_only_when_asked_and_importable(site, monkeypatch):
    fake = types.ModuleType("brotli")
    fake.compress = lambda data, quality: b"BR" + data[:10]
    monkeypatch.setitem(sys.modules, "brotli", fake)
    counts = precompress(site, use_brotli=True)
    assert (counts.gzip, counts.brotli) == (7, 7)
    assert (site / "index.html.br").read_bytes() == b"BR" + BIG[:10]


def test_default_follows_whether_brotli_is_importable(site, monkeypatch):
    monkeypatch.setattr(compress, "brotli_available", lambda: False)
    assert precompress(site).brotli == 0
    assert not list(site.rglob("*.br"))
