"""``/dev/mail/`` shows a caught message's HTML part in a sandboxed frame, its text part with
clickable links, and wraps long lines so the page fits a phone (issue #11 item 18)."""

from __future__ import annotations

import re
from email.message import EmailMessage
from pathlib import Path

import pytest

from forms_app.delivery.devmail import linkify
from forms_app.store import Answer, get_store

from tests.support.apps import create_test_app
from tests.support.html_tree import parse
from tests.support.submissions import full_submission

LONG_WORD = "x" * 400  # one unbreakable 400-character word: wider than any phone unless wrapped
ANSWERS = [
    Answer("name", "Your name", "Jo Tremblay"),
    Answer("dog", "Dog's name", "Rex <the good boy> & co"),
    Answer("notes", "Anything else?",
           f'See https://example.org/rules?a=1&b=2. Not javascript:alert(1) nor <a href="javascript:alert(2)">this</a>.\n{LONG_WORD}'),
]


@pytest.fixture(scope="module")
def caught(tmp_path_factory):
    """A development app whose catcher holds one department email and one resident copy."""
    app = create_test_app(tmp_path_factory.mktemp("devmail"))
    with app.app_context():
        get_store().save_submission(full_submission(answers=ANSWERS, attachments=[]))
    result = app.test_cli_runner().invoke(args=["deliver", "--once"])
    assert "sent 2" in result.output, result.output
    yield app
    app.extensions["guichet_store"].engine.dispose()


def department_page(app) -> tuple[str, str]:
    client = app.test_client()
    for path in sorted(Path(app.config["MAIL_DIR"]).glob("*.eml")):
        page = client.get(f"/dev/mail/{path.name}").get_data(as_text=True)
        if "clerk@bellerive.example.org" in page and "Reply to this email" in page:
            return path.name, page
    raise AssertionError("no department email caught")


def test_the_html_part_is_shown_in_a_sandboxed_frame_with_its_own_policy(caught):
    name, page = department_page(caught)
    frame = parse(page).find("iframe")
    sandbox = frame.attrs.get("sandbox")
    assert sandbox is not None and "allow-scripts" not in sandbox and "allow-same-origin" not in sandbox
    assert frame.attrs["title"] and frame.attrs["src"] == f"/dev/mail/{name}/html"

    part = caught.test_client().get(frame.attrs["src"])
    assert part.status_code == 200 and part.mimetype == "text/html"
    policy = part.headers["Content-Security-Policy"]
    assert policy.startswith("default-src 'none'; style-src 'unsafe-inline'; img-src data:;")
    assert "script-src" not in policy and "frame-ancestors 'self'" in policy
    assert part.headers["X-Frame-Options"] == "SAMEORIGIN"
    html = part.get_data(as_text=True)
    assert "Rex &lt;the good boy&gt; &amp; co" in html and "<the good boy>" not in html  # the email's own escaping
    head = parse(html).find("head")
    first = next(c for c in head.children if not isinstance(c, str))
    assert (first.tag, first.attrs) == ("base", {"target": "_blank"})  # before anything with a link
    # the page around it keeps the pages' policy: nobody else may frame it
    around = caught.test_client().get(f"/dev/mail/{name}")
    assert around.headers["X-Frame-Options"] == "DENY" and "frame-ancestors 'none'" in around.headers["Content-Security-Policy"]


def test_links_in_the_text_part_are_links_and_nothing_else_is(caught):
    _, page = department_page(caught)
    text = parse(page).find("pre", class_="gx-devmail-text")
    links = [(a.attrs["href"], a.text()) for a in text.find_all("a")]
    assert ("https://example.org/rules?a=1&b=2", "https://example.org/rules?a=1&b=2") in links  # the full stop is not in it
    assert any(re.fullmatch(r"http://localhost/status/staff/[^?\s]+", href) for href, _ in links), links
    assert all(href == shown and re.match(r"https?://", href) for href, shown in links), links
    assert 'Not javascript:alert(1) nor <a href="javascript:alert(2)">this</a>.' in text.text()  # shown, as text
    assert "Rex <the good boy> & co" in text.text()


def test_long_lines_wrap(caught):
    _, page = department_page(caught)
    tree = parse(page)
    [sheet] = [link.attrs["href"] for link in tree.find_all("link", rel="stylesheet") if "devmail" in link.attrs["href"]]
    response = caught.test_client().get(sheet)
    assert response.status_code == 200 and response.mimetype == "text/css"
    css = response.get_data(as_text=True)
    response.close()
    rules = {selector.strip(): body for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", re.sub(r"/\*.*?\*/", "", css, flags=re.S))
             for selector in selectors.split(",")}

    def declarations(selector: str) -> dict[str, str]:
        return dict((k.strip(), v.strip()) for k, v in (d.split(":", 1) for d in rules[selector].split(";") if ":" in d))

    assert LONG_WORD in tree.find("pre", class_="gx-devmail-text").text()
    assert declarations(".gx-devmail-text")["white-space"] == "pre-wrap"
    assert declarations(".gx-devmail-text")["overflow-wrap"] == "anywhere"
    assert tree.find_all("table", class_="gx-table gx-devmail-table")  # header values (Message-ID, …) wrap too
    assert declarations(".gx-devmail-table td")["overflow-wrap"] == "anywhere"
    assert declarations(".gx-devmail-frame")["width"] == "100%"


def test_a_text_only_message_has_no_frame(caught):
    msg = EmailMessage()
    msg["Subject"] = "Plain"
    msg["To"] = "clerk@bellerive.example.org"
    msg.set_content("Only text: https://example.org/")
    name = "20261201T120000-0123abcd.eml"
    (Path(caught.config["MAIL_DIR"]) / name).write_bytes(bytes(msg))
    client = caught.test_client()
    page = parse(client.get(f"/dev/mail/{name}").get_data(as_text=True))
    assert page.find_all("iframe") == []
    assert [a.attrs["href"] for a in page.find("pre", class_="gx-devmail-text").find_all("a")] == ["https://example.org/"]
    assert client.get(f"/dev/mail/{name}/html").status_code == 404
    assert client.get("/dev/mail/..%2F..%2Fetc%2Fpasswd/html").status_code == 404


@pytest.mark.parametrize("text, links", [
    ("(see https://example.org/a_(b)).", ["https://example.org/a_(b)"]),
    ("https://example.org/path, then http://example.org:8000/x?y=1;", ["https://example.org/path", "http://example.org:8000/x?y=1"]),
    ("HTTPS://EXAMPLE.ORG/UP", ["HTTPS://EXAMPLE.ORG/UP"]),
    ("ftp://example.org/ mailto:jo@example.net javascript:alert(1) data:text/html,x https:// http://.", []),
    ('https://example.org/"onmouseover="alert(1)', ["https://example.org/"]),
])
def test_linkify(text, links):
    html = str(linkify(text))
    tree = parse(f"<p>{html}</p>")
    assert [a.attrs["href"] for a in tree.find_all("a")] == links
    assert tree.find("p").exact_text() == text  # every character kept, as text
