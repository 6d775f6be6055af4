"""Uploaded files cannot carry a dangerous name, a polyglot archive or a header, and never
outlive the submission they came with (issue #11 items 1, 2 and 3).

The department's email is read as the raw bytes a real SMTP server received.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
import zipfile
from email import policy
from email.parser import BytesParser

import pytest

from forms_app.delivery import Worker, WorkerSettings, mail_settings
from forms_app.store import get_store

from tests.support.smtp_server import SmtpServer
from tests.support.forms import FORM, FORM_FR, JPEG, PDF, opened, post, rows, text, valid_answers
from tests.support.html_tree import field_errors

EVIL_WORD = "=?utf-8?q?x=22=0D=0ABcc:_attacker@evil.example=0D=0A?=.pdf"


def deliver(app, server: SmtpServer) -> list[bytes]:
    """Run the delivery worker once against the test SMTP server; the raw messages it received."""
    with app.app_context():
        Worker(get_store(), mail_settings(app), server.settings, WorkerSettings()).run_once()
    return [r.data for r in server.received]


def department_bytes(app, server: SmtpServer) -> bytes:
    (raw,) = [data for data in deliver(app, server) if b"\nAuto-Submitted:" in data and b"sub-" in data
              and b".copy@" not in data.split(b"\r\n\r\n", 1)[0]]
    return raw


def every_header(raw: bytes) -> list[tuple[str, str]]:
    """Every header of every part, as sent (compat32 decodes nothing) and as a mail client decodes it."""
    found = []
    for parse_policy in (policy.compat32, policy.default):
        for part in BytesParser(policy=parse_policy).parsebytes(raw).walk():
            found += [(name, str(value)) for name, value in part.items()]
    return found


def files_in(folder: str) -> list[str]:
    """Regular files under the upload folder, pending ones included."""
    return sorted(os.path.relpath(os.path.join(root, name), folder) for root, _, names in os.walk(folder) for name in names)


def pdf_then_zip() -> bytes:
    """documents.zip with '%PDF-1.4' in front: a PDF by its first bytes, an archive to any unzip tool."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("invoice.exe", b"MZ\x90\x00 not really a program")
    return b"%PDF-1.4\n" + buffer.getvalue()


# -- item 1: the name comes from the detected kind; polyglots are refused ------------------------------

@pytest.mark.parametrize(("sent", "shown"), [
    ("report.html", "report.pdf"),
    ("invoice.hta", "invoice.pdf"),
    ("update.bat", "update.pdf"),
    ("image.svg", "image.pdf"),
    ("invoice.pdf\x00.html", "invoice_pdf.pdf"),
    ("résumé \u202egpj.exe", "résumé gpj.pdf"),  # a right-to-left override would show "résumé exe.pdf"
    ("../../etc/plan.pdf.lnk", "plan_pdf.pdf"),
])
def test_a_file_is_named_after_its_detected_kind_never_as_sent(client, app, sent, shown):
    response = post(client, FORM, valid_answers(plan=(PDF, sent, "text/html")))
    assert response.status_code == 303, text(response)
    (attachment,) = rows(app, "attachments")
    assert attachment["filename"] == "plan.pdf" and attachment["content_type"] == "application/pdf"
    (submission,) = rows(app, "submissions")
    answer = {a["name"]: a["value"] for a in submission["answers"]}["plan"]
    assert answer == shown  # what staff read in the email's body: the resident's name, cleaned, as a PDF
    assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in answer)
    assert "/" not in answer and "\\" not in answer


def test_the_department_gets_the_file_under_the_name_of_its_field(client, app, smtp):
    post(client, FORM, valid_answers(plan=(PDF, "update.bat", "application/x-msdownload"),
                                     photo=(JPEG, "résumé \u202egpj.exe", "application/octet-stream")))
    message = BytesParser(policy=policy.default).parsebytes(department_bytes(app, smtp))
    sent = {part.get_filename(): (part.get_content_type(), part.get_content()) for part in message.iter_attachments()}
    assert sent == {"plan.pdf": ("application/pdf", PDF), "photo.jpg": ("image/jpeg", JPEG)}


@pytest.mark.parametrize(("field", "data", "kinds_en", "kinds_fr"), [
    ("plan", pdf_then_zip(), "PDF, PNG or JPEG", "PDF, un PNG ou un JPEG"),
    ("photo", JPEG + b"\x00" * 64 + b"Rar!\x1a\x07\x01\x00" + b"\x00" * 64, "JPEG", "JPEG"),
    ("photo", JPEG + b"7z\xbc\xaf\x27\x1c\x00\x04" + b"\x00" * 64, "JPEG", "JPEG"),
], ids=["pdf+zip", "jpeg+rar", "jpeg+7z"])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_file_that_is_also_an_archive_is_refused(client, app, field, data, kinds_en, kinds_fr, lang):
    assert data[:5] == b"%PDF-" or data[:3] == JPEG[:3]  # it really starts as an accepted kind
    response = post(client, FORM if lang == "en" else FORM_FR, valid_answers(**{field: (data, "documents.zip", "application/pdf")}))
    assert response.status_code == 422
    expected = (f"The file must be a {kinds_en}, not an archive such as a ZIP" if lang == "en"
                else f"Le fichier doit être un {kinds_fr}, pas une archive comme un ZIP")
    assert field_errors(text(response)) == {field: expected}
    assert rows(app, "submissions") == []
    stored = files_in(app.config["UPLOAD_DIR"])
    assert len(stored) == (1 if field == "photo" else 0)  # only the valid plan is kept for the next try
    for name in stored:
        assert opened(app, os.path.join(app.config["UPLOAD_DIR"], name)) == PDF


# -- item 2: no resident text in any MIME header --------------------------------------------------------

def test_an_encoded_word_file_name_reaches_no_header_of_the_raw_email(client, app, smtp):
    response = post(client, FORM, valid_answers(plan=(PDF, EVIL_WORD, "application/pdf"),
                                                photo=(JPEG, 'x"\r\nBcc: attacker@evil.example\r\n.jpg', "image/jpeg")))
    assert response.status_code == 303, text(response)
    raw = department_bytes(app, smtp)
    assert not re.search(rb"(?im)^\s*bcc\s*:", raw)  # no Bcc line anywhere, in any part
    headers = every_header(raw)
    for name, value in headers:
        assert name.lower() != "bcc"
        assert "attacker" not in value.lower() and "bcc" not in value.lower(), (name, value)
    parts = [v for n, v in headers if n.lower().startswith("content-")]
    assert all(v.isascii() and "=?" not in v and "*=" not in v for v in parts)  # nothing for RFC 2047/2231 to decode
    dispositions = [v for n, v in headers if n.lower() == "content-disposition"]
    assert 'attachment; filename="plan.pdf"' in dispositions and 'attachment; filename="photo.jpg"' in dispositions
    assert smtp.received[0].rcpt_tos == ["clerk@bellerive.example.org"]


# -- item 3: no file outlives its submission ------------------------------------------------------------

def test_the_same_form_sent_nine_times_leaves_the_files_of_one_submission(client, app):
    answers = valid_answers(photo=(JPEG, "street.jpg", "image/jpeg"), **{"gx-submission": "the-same-key-0123456789"})
    locations = {post(client, FORM, answers).headers["Location"] for _ in range(9)}
    assert len(locations) == 1  # one reference, nine times
    assert len(rows(app, "submissions")) == 1
    stored = sorted(a["stored_name"] for a in rows(app, "attachments"))
    assert len(stored) == 2  # the plan and the photo
    assert files_in(app.config["UPLOAD_DIR"]) == stored  # and not one file more
