"""No resident text in any MIME header of any part, decoded or not (issue #11 item 2).

The attachment rows here hold what an older version stored, or a tampered row:
the department's email must still name the files itself. Checked on the built
message's bytes and on the raw bytes the SMTP server received.
"""

from __future__ import annotations

import re
from email import policy
from email.parser import BytesParser

import pytest

from forms_app.delivery.messages import department_message
from forms_app.store import Attachment

from tests.support.submissions import full_submission, PDF

ENCODED_WORD = "=?utf-8?q?x=22=0D=0ABcc:_attacker@evil.example=0D=0A?=.pdf"
RFC2231 = "x.pdf\"; filename*=utf-8''%22%0D%0ABcc%3A%20attacker%40evil.example%0D%0A.pdf"
NAMES = [ENCODED_WORD, RFC2231, 'x"\r\nBcc: attacker@evil.example\r\n.pdf', "attacker\u202egpj.exe"]


def headers_of(raw: bytes) -> list[tuple[str, str]]:
    """Every header of every part, undecoded (compat32) and as a mail client decodes it (default policy)."""
    found = []
    for parse_policy in (policy.compat32, policy.default):
        for part in BytesParser(policy=parse_policy).parsebytes(raw).walk():
            found += [(name, str(value)) for name, value in part.items()]
    return found


def assert_no_resident_text_in_headers(raw: bytes) -> None:
    assert not re.search(rb"(?im)^\s*bcc\s*:", raw)
    for name, value in headers_of(raw):
        assert name.lower() != "bcc"
        assert "attacker" not in value.lower() and "bcc" not in value.lower(), (name, value)
        if name.lower().startswith("content-"):
            assert value.isascii() and "=?" not in value and "*=" not in value, (name, value)


@pytest.mark.parametrize("filename", NAMES, ids=["rfc2047", "rfc2231", "crlf", "bidi"])
def test_the_built_message_names_attachments_itself(store, mail, uploads, filename):
    ref = store.save_submission(full_submission(attachments=[Attachment("f3a9c2", filename, "application/pdf", len(PDF))]))
    sub = store.submission(store.submission_id(ref))
    raw = department_message(sub, "clerk@bellerive.example.org", mail).as_bytes(policy=policy.SMTP)
    assert_no_resident_text_in_headers(raw)
    (attachment,) = BytesParser(policy=policy.default).parsebytes(raw).iter_attachments()
    assert attachment.get_filename() == "attachment-1.pdf" and attachment.get_content() == PDF


def test_the_raw_bytes_the_department_receives_carry_no_resident_header(store, smtp, make_worker, uploads):
    (uploads / "f3a9c2").write_bytes(PDF)
    (uploads / "b71e04").write_bytes(PDF)
    store.save_submission(full_submission(resident_copy_to=None, attachments=[
        Attachment("f3a9c2", ENCODED_WORD, "application/pdf", len(PDF)),
        Attachment("b71e04", "plan.pdf", "application/pdf", len(PDF)),  # as the web layer names it now
    ]))
    assert make_worker().run_once() == {"sent": 1}
    [got] = smtp.received
    assert got.rcpt_tos == ["clerk@bellerive.example.org"]
    assert_no_resident_text_in_headers(got.data)
    names = [p.get_filename() for p in got.message.iter_attachments()]
    assert names == ["attachment-1.pdf", "plan.pdf"]
