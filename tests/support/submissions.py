"""Valid submissions to save, as the form would hand them to the store."""

from __future__ import annotations

from forms_app.store import Answer, Attachment, NewSubmission

PDF = b"%PDF-1.4 a tiny vaccination certificate\n%%EOF\n"


def new_submission(**changes) -> NewSubmission:
    """A dog-licence request with two answers and one attached file (1234 bytes, never written)."""
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


def full_submission(**changes) -> NewSubmission:
    """A request whose answers have markup, an empty one and two lines, and whose file is :data:`PDF`."""
    values = dict(
        answers=[
            Answer("name", "Your name", "Jo Tremblay"),
            Answer("dog", "Dog's name", "Rex <the good boy> & co"),
            Answer("vaccinated", "Is the dog vaccinated?", "Yes"),
            Answer("notes", "Anything else?", "Line one\nLine two"),
            Answer("phone", "Phone", ""),
        ],
        attachments=[Attachment("f3a9c2", "vaccination.pdf", "application/pdf", len(PDF))],
    )
    values.update(changes)
    return new_submission(**values)
