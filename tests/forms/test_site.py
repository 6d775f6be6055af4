"""The built static site, served by the app for the one-port demo."""

from __future__ import annotations

import pytest

from tests.support.apps import buffered_client
from tests.support.forms import rows, text
from tests.support.html_tree import parse


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/", "text/html; charset=utf-8"),
        ("/fr/", "text/html; charset=utf-8"),
        ("/services/dog-licence/", "text/html; charset=utf-8"),
        ("/services/dog-licence/index.html", "text/html; charset=utf-8"),
        ("/assets/javascripts/app.js", "text/javascript; charset=utf-8"),
        ("/search/search_index.json", "application/json"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/assets/images/logo.svg", "image/svg+xml; charset=utf-8"),
        ("/assets/stylesheets/guichet.css", "text/css; charset=utf-8"),
    ],
)
def test_site_files_have_the_right_content_type(client, path, content_type):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == content_type


def test_precompressed_copies_are_sent_to_browsers_that_take_them(client, app):
    import gzip
    import os

    page = os.path.join(app.config["SITE_DIR"], "index.html")
    with open(page, "rb") as f, open(page + ".gz", "wb") as out:
        out.write(gzip.compress(f.read()))
    response = client.get("/", headers={"Accept-Encoding": "gzip, deflate"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "Accept-Encoding" in response.headers["Vary"]
    assert gzip.decompress(response.data).startswith(b"<!doctype html>")
    plain = client.get("/", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers and plain.data.startswith(b"<!doctype html>")
    os.utime(page)  # the page changed after its copy was made: the copy is stale
    os.utime(page + ".gz", (0, 0))
    assert "Content-Encoding" not in client.get("/", headers={"Accept-Encoding": "gzip"}).headers


def test_a_folder_without_its_slash_redirects(client):
    response = client.get("/services/dog-licence?x=1")
    assert response.status_code == 301
    assert response.headers["Location"] == "/services/dog-licence/?x=1"


def test_unchanged_files_are_not_sent_again(client):
    first = client.get("/")
    again = client.get("/", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize(
    ("path", "heading"),
    [("/no/such/page/", "Site 404"), ("/fr/pas/de/page/", "Site 404 fr"), ("/de/forms/every-field/", "Site 404")],
)
def test_not_found_is_the_sites_404_page(client, path, heading):
    response = client.get(path)
    assert response.status_code == 404
    assert parse(response).find("h1").text() == heading


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize(("prefix", "title", "heading"), [("", "Page not found", "Site 404"),
                                                          ("/fr", "Page introuvable", "Site 404 fr")], ids=["en", "fr"])
def test_an_unknown_form_is_the_sites_404_page_in_its_language(make_app, method, prefix, title, heading):
    """The one test of an unknown form: read, or posted to without a CSRF token (CSRF on: not found wins)."""
    app = make_app(WTF_CSRF_ENABLED=True)
    client = buffered_client(app)
    response = client.open(f"{prefix}/forms/no-such-form/", method=method, data={"a": "b"} if method == "POST" else None)
    assert response.status_code == 404
    page = parse(response)
    assert (page.find("title").text(), page.find("h1").text()) == (title, heading)  # the site's page, in its language
    assert rows(app, "submissions") == []


@pytest.mark.parametrize("path", ["/.secret", "/../conftest.py", "/%2e%2e/conftest.py", "/assets/../../conftest.py", "/assets/.secret"])
def test_nothing_outside_the_site_or_hidden_is_served(client, path):
    response = client.get(path)
    assert response.status_code == 404
    body = text(response)
    assert "never served" not in body and "pytest" not in body  # neither the hidden file nor a conftest
    assert parse(body).find("h1").text() == "Site 404"  # the page a person sees: the site's 404


def test_the_app_pages_win_over_the_site(client):
    assert parse(client.get("/forms/every-field/")).find("h1").text() == "Apply for a street party permit"
    assert parse(client.get("/fr/forms/every-field/")).find("h1").text() == "Demander un permis de fête de rue"


def test_without_the_site_the_app_has_its_own_404_and_still_serves_the_stylesheet(make_app):
    from tests.support.apps import buffered_client

    app = make_app(SERVE_SITE=False)
    client = buffered_client(app)
    assert client.get("/").status_code == 404
    response = client.get("/fr/nothing/")
    assert response.status_code == 404
    assert parse(response).find("h1").text() == "Page introuvable"
    css = client.get("/assets/stylesheets/guichet.css")  # from overrides/assets
    assert css.status_code == 200 and css.headers["Content-Type"] == "text/css; charset=utf-8"
