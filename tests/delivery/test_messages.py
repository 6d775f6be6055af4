"""Header injection and message details, through a real SMTP server."""

from __future__ import annotations

import pytest

from forms_app.delivery.messages import header_text, safe_filename
from forms_app.delivery.settings import parse_mail_from
from forms_app.store import Answer, Attachment

from tests.support.submissions import full_submission

EVIL = "evil@attacker.example"


def all_headers(msg) -> list[tuple[str, str]]:
    found = list(msg.items())
    for part in msg.walk():
        if part is not msg:
            found += list(part.items())
    return found


def test_header_injection_is_neutralised(store, smtp, make_worker, uploads):
    (uploads / "f3a9c2").write_bytes(b"data")
    ref = store.save_submission(full_submission(
        resident_copy_to=None,
        reply_to=f"jo@example.net\r\nBcc: {EVIL}",
        service_title=f"Dog licence\r\nBcc: {EVIL}\r\n\r\nfake body",
        answers=[Answer("name\r\nX-Evil: 1", f"Name\r\nBcc: {EVIL}", f"<script>alert(1)</script>\r\nBcc: {EVIL}")],
        attachments=[Attachment("f3a9c2", f"evil\r\nBcc: {EVIL}\r\n.pdf", "application/pdf\r\nX-Evil: 1", 4)],
    ))
    assert make_worker().run_once() == {"sent": 1}
    [got] = smtp.received
    assert got.rcpt_tos == ["clerk@bellerive.example.org"]
    msg = got.message
    names = [k.lower() for k, _ in all_headers(msg)]
    assert "bcc" not in names and "x-evil" not in names and "reply-to" not in names
    assert names.count("subject") == 1
    assert msg["Subject"] == f"Dog licence Bcc: {EVIL} fake body – {ref[:4]}-{ref[4:]}"
    text = msg.get_body(preferencelist=("plain",)).get_content()
    html = msg.get_body(preferencelist=("html",)).get_content()
    assert "cannot be used for replies" in text
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    [attachment] = list(msg.iter_attachments())
    assert attachment.get_filename() == "attachment-1.bin"  # not a name the app made; the type is not ours either
    assert attachment.get_content_type() == "application/octet-stream"


@pytest.mark.parametrize("reply_to", ["a@b.example, c@d.example", "Jo <jo@example.net>", "jo@example.net\nCc: x@y.example",
                                      "not an address", ""])
def test_reply_to_is_only_ever_one_plain_address(store, smtp, make_worker, reply_to):
    store.save_submission(full_submission(resident_copy_to=None, reply_to=reply_to))
    make_worker().run_once()
    msg = smtp.received[0].message
    assert msg["Reply-To"] is None
    assert smtp.received[0].rcpt_tos == ["clerk@bellerive.example.org"]


def test_header_text_and_filenames():
    assert header_text("a\r\nb\x00c\u2028d\te") == "a b c d e"
    assert header_text("x" * 500) == "x" * 200
    assert safe_filename("pothole-photo.jpg", "image/jpeg", 1) == "pothole-photo.jpg"  # as the web layer names it
    assert safe_filename("plan.pdf", "image/png", 1) == "plan.png"  # the content type decides the extension
    assert safe_filename("../../etc/passwd", "application/pdf", 2) == "attachment-2.pdf"
    assert safe_filename("C:\\Users\\jo\\photo.jpg", "image/jpeg", 1) == "attachment-1.jpg"
    assert safe_filename("..", "text/html", 3) == "attachment-3.bin"
    assert safe_filename("Street Plan.pdf", "application/pdf", 1) == "attachment-1.pdf"


@pytest.mark.parametrize("value", ["a@b.example\r\nBcc: x@y.example", "a@b.example, c@d.example", "nobody", ""])
def test_mail_from_must_be_one_address(value):
    with pytest.raises(ValueError):
        parse_mail_from(value)


def test_mail_from_forms():
    assert str(parse_mail_from("City of Bellerive <no-reply@bellerive.example.org>")) == \
        "City of Bellerive <no-reply@bellerive.example.org>"
    assert parse_mail_from("no-reply@bellerive.example.org").domain == "bellerive.example.org"


@pytest.mark.parametrize(("lang", "resident"), [("en", "en, fr"), ("fr", "fr, en")])
def test_each_email_says_its_languages(store, smtp, make_worker, lang, resident):
    """Content-Language survives the body: the department's email in the form's language, the resident's
    copy in both, theirs first (set_content used to clear the header)."""
    store.save_submission(full_submission(lang=lang, resident_copy_to="jo@example.net"))
    assert make_worker().run_once() == {"sent": 2}
    languages = {tuple(got.rcpt_tos): got.message["Content-Language"] for got in smtp.received}
    assert languages == {("clerk@bellerive.example.org",): lang, ("jo@example.net",): resident}
