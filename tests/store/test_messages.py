"""``RequestMessages`` (store/messages.py): a resident's reply, its files, its email and its audit entry in one go."""

from __future__ import annotations

import pytest

from forms_app.store import Attachment
from forms_app.store.messages import NotWaiting

from tests.support.submissions import new_submission


def test_a_resident_reply_is_stored_with_its_files_email_and_audit_entry(store):
    ref = store.save_submission(new_submission())
    store.set_status(ref, "waiting_for_you", "Send a photo of the tag")
    files = [Attachment("a1b2c3", "reply-file-1.pdf", "application/pdf", 10)]
    message_id = store.messages.add(ref, "resident_reply", "resident", " Here it is \x00", files, require_status="waiting_for_you")
    message = store.messages.get(message_id)
    assert (message.kind, message.author, message.body) == ("resident_reply", "resident", "Here it is")
    assert message.attachments == files
    row = [r for r in store.outbox.rows_for(ref) if r.kind == "resident_reply"]
    assert [(r.recipient, r.message_id) for r in row] == [("clerk@bellerive.example.org", message_id)]
    assert [(e.actor, e.action, e.detail) for e in store.audit.entries(ref)] == [("resident", "resident_reply", "files=1")]
    # the request's own email keeps only the request's files
    assert [a.stored_name for a in store.submission(store.submission_id(ref)).attachments] == ["f3a9c2"]
    assert [m.id for m in store.messages.of(ref, "resident_reply")] == [message_id]


def test_a_reply_needs_the_status_it_answers(store):
    ref = store.save_submission(new_submission())
    with pytest.raises(NotWaiting):
        store.messages.add(ref, "resident_reply", "resident", "Hello", require_status="waiting_for_you")
    assert store.messages.of(ref) == []
    assert [r.kind for r in store.outbox.rows_for(ref)] == ["department", "resident_copy"]


def test_unknown_references_and_kinds(store):
    assert store.messages.add("ABCD-2345", "resident_reply", "resident", "Hello") is None
    with pytest.raises(ValueError):
        store.messages.add("ABCD-2345", "gossip", "resident", "Hello")


def test_a_staff_note_is_not_emailed(store):
    ref = store.save_submission(new_submission())
    store.messages.add(ref, "staff_note", "agent@bellerive.example.org", "Called back, no answer")
    assert [r.kind for r in store.outbox.rows_for(ref)] == ["department", "resident_copy"]
    assert [e.action for e in store.audit.entries(ref)] == ["note_added"]
