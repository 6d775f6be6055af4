from __future__ import annotations

from forms_app.store import Answer, Attachment, NewSubmission

from .dbs import clock, db_url, store  # noqa: F401  (shared fixtures)


def new_submission(**changes) -> NewSubmission:
    values = dict(
        service="dog-licence",
        lang="en",
        service_title="Dog licence",
        department="clerk",
        recipient="clerk@bellerive.example.org",
        answers=[Answer("name", "Your name", "Jo Tremblay"), Answer("dog", "Dog's name", "Rex")],
        reply_to="jo@example.net",
        resident_copy_to="jo@example.net",
        attachments=[Attachment("f3a9c2", "vaccination.pdf", "application/pdf", 1234)],
    )
    values.update(changes)
    return NewSubmission(**values)
