"""``guichet serve`` (#18): the preview serves the build's pages from memory, takes in a saved page at
the next request, shows a catalogue problem in the page being previewed while serving the last good
version, and says in one line that a port is taken."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request

import pytest

from guichet.build.site import load_site_config
from guichet.preview.server import make_server
from guichet.preview.state import Preview
from guichet.preview.theme import RELOAD_SCRIPT

from tests.catalogue.copies import PROJECT, edit
from tests.support.html_tree import parse

PAGE = "services/dog-licence.md"


@pytest.fixture
def preview(tmp_path):
    """A preview of a writable copy of the demo catalogue, on a free port: (catalogue folder, base URL)."""
    catalogue = tmp_path / "catalogue"
    shutil.copytree(PROJECT / "catalogue", catalogue)
    state = Preview(load_site_config(PROJECT / "mkdocs.yml", docs_dir=catalogue))
    server = make_server(lambda: state, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield catalogue, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as reply:
            return reply.status, reply.read().decode("utf-8")
    except urllib.error.HTTPError as reply:
        return reply.code, reply.read().decode("utf-8")


def without_reload_script(html: str) -> str:
    return html.replace(f'<script src="{RELOAD_SCRIPT}" defer></script>\n', "")


@pytest.mark.parametrize("path", ["services/dog-licence/", "fr/services/dog-licence/", "", "fr/", "fr/a-z/", "topics/pets/", "fr/404.html"])
def test_the_preview_serves_the_page_the_build_publishes(preview, built_site, path):
    _, base = preview
    status, html = get(f"{base}/{path}")
    built = built_site / (path if path.endswith(".html") else path + "index.html")
    assert status == (404 if path.endswith("404.html") else 200)
    assert without_reload_script(html) == built.read_text(encoding="utf-8")


def test_a_saved_page_shows_at_the_next_request_with_its_twin_and_lists(preview):
    catalogue, base = preview
    assert parse(get(f"{base}/services/dog-licence/")[1]).find("h1").text() == "Dog licence"
    edit(catalogue / PAGE, "title: Dog licence", "title: Dog licence and tags")
    page = parse(get(f"{base}/services/dog-licence/")[1])
    assert page.find("h1").text() == "Dog licence and tags"
    assert "Dog licence and tags" in [a.text() for a in parse(get(f"{base}/a-z/")[1]).find_all("a")]
    assert parse(get(f"{base}/fr/services/dog-licence/")[1]).find("h1").text() == "Licence pour chien"
    edit(catalogue / "services" / "dog-licence.fr.md", "title: Licence pour chien", "title: Licence et médaille pour chien")
    assert parse(get(f"{base}/fr/services/dog-licence/")[1]).find("h1").text() == "Licence et médaille pour chien"


def test_a_problem_shows_in_the_page_and_the_last_good_version_keeps_serving(preview):
    catalogue, base = preview
    edit(catalogue / PAGE, "title: Dog licence", "title: Dog licence now")
    assert parse(get(f"{base}/services/dog-licence/")[1]).find("h1").text() == "Dog licence now"
    edit(catalogue / PAGE, "topic: pets", "topic: animals")
    for path in ("/services/dog-licence/", "/fr/a-z/"):
        status, html = get(base + path)
        page = parse(html)
        alert = page.find("div", role="alert")
        assert status == 200
        assert "catalogue/services/dog-licence.md:" in alert.text() and "topic: unknown topic 'animals'" in alert.text()
        assert "last good version" in alert.text()
    assert parse(get(f"{base}/services/dog-licence/")[1]).find("h1").text() == "Dog licence now"
    edit(catalogue / PAGE, "topic: animals", "topic: pets")
    page = parse(get(f"{base}/services/dog-licence/")[1])
    assert not page.find_all("div", role="alert")


def test_a_broken_front_matter_is_named_with_its_line(preview):
    catalogue, base = preview
    edit(catalogue / PAGE, "title: Dog licence", 'title: "Dog licence')
    page = parse(get(f"{base}/services/dog-licence/")[1])
    alert = page.find("div", role="alert").text()
    assert "catalogue/services/dog-licence.md:2" in alert and "quote" in alert, alert
    assert page.find("h1").text() == "Dog licence"


def test_a_taken_port_is_one_line_and_a_failure():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "guichet.cli", "serve", "--port", str(port)], cwd=PROJECT,
                              capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [f"guichet serve: port {port} is taken; choose another with --port N"]
    assert "Traceback" not in done.stderr


def test_a_file_beside_the_pages_is_linked_and_served(preview):
    catalogue, base = preview
    (catalogue / "files").mkdir()
    (catalogue / "files" / "by-law.pdf").write_bytes(b"%PDF-1.4 by-law")
    with (catalogue / PAGE).open("a", encoding="utf-8") as fh:
        fh.write("\nRead the [animal control by-law (PDF)](../files/by-law.pdf).\n")
    page = parse(get(f"{base}/services/dog-licence/")[1])
    assert "/files/by-law.pdf" in [a.get("href") for a in page.find_all("a")]
    assert get(f"{base}/files/by-law.pdf") == (200, "%PDF-1.4 by-law")
    (catalogue / ".notes").mkdir()
    (catalogue / ".notes" / "draft.pdf").write_bytes(b"%PDF-1.4 draft")
    for kept in (PAGE, "taxonomy.yml", ".notes/draft.pdf"):  # content and hidden files: the build does not publish them either
        assert (catalogue / kept).is_file()
        assert get(f"{base}/{kept}")[0] == 404, kept
