"""The commands around the build (#18): ``mkdocs build`` on the project's settings says to run ``guichet build``
instead of publishing the catalogue's raw files; ``guichet build`` publishes the catalogue's own files (a PDF
a page links to), and on a broken catalogue lists the problems, exits 1 and leaves the previous site in place."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from tests.catalogue.copies import PROJECT, edit
from tests.support.html_tree import parse


def test_mkdocs_build_on_the_settings_points_at_guichet_build(tmp_path):
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(PROJECT / "mkdocs.yml"), "-d", str(tmp_path / "site")],
                          cwd=PROJECT, capture_output=True, text=True, timeout=120, check=False,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode != 0
    assert "build this site with `guichet build`" in done.stderr
    assert not (tmp_path / "site" / "services").exists()


def test_a_failed_build_keeps_the_previous_site(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(PROJECT / "catalogue", project / "catalogue")
    shutil.copy(PROJECT / "mkdocs.yml", project / "mkdocs.yml")
    os.symlink(PROJECT / "overrides", project / "overrides")

    def build() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "guichet.cli", "build"], cwd=project, capture_output=True, text=True,
                              timeout=300, check=False)

    (project / "catalogue" / "files").mkdir()
    (project / "catalogue" / "files" / "by-law.pdf").write_bytes(b"%PDF-1.4 by-law")
    edit(project / "catalogue" / "services" / "dog-licence.fr.md", "\n## ", "\nLisez le [règlement sur le contrôle des animaux (PDF)](../files/by-law.pdf).\n\n## ")
    assert build().returncode == 0
    page = project / "site" / "fr" / "services" / "dog-licence" / "index.html"
    assert (project / "site" / "files" / "by-law.pdf").read_bytes() == b"%PDF-1.4 by-law", "the catalogue's own files are published"
    assert "/files/by-law.pdf" in [a.get("href") for a in parse(page.read_text(encoding="utf-8")).find_all("a")]
    assert parse(page.read_text(encoding="utf-8")).find("h1").text() == "Licence pour chien"
    edit(project / "catalogue" / "services" / "dog-licence.fr.md", "topic: pets", "topic: animaux")
    done = build()
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "catalogue/services/dog-licence.fr.md:" in done.stderr and "unknown topic 'animaux'" in done.stderr
    assert parse(page.read_text(encoding="utf-8")).find("h1").text() == "Licence pour chien"
    assert not [p.name for p in project.iterdir() if p.name.startswith(".guichet-build-")], "no work folder left behind"
