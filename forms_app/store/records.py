"""The values that go in and come out of the store (frozen dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Answer:
    """One question as the resident saw it, and their answer as human text ("" when blank)."""

    name: str
    label: str
    value: str


@dataclass(frozen=True)
class Attachment:
    """A file the web layer already saved as ``UPLOAD_DIR/stored_name``."""

    stored_name: str
    filename: str
    content_type: str
    size: int


@dataclass(frozen=True)
class NewSubmission:
    service: str
    lang: str
    service_title: str
    department: str
    recipient: str
    answers: list[Answer]
    reply_to: str | None
    resident_copy_to: str | None
    attachments: list[Attachment]
    client_key: str | None = None  # the form's one-time key; the same key never stores twice
    channel: str = "web"  # schema.CHANNELS: how the request reached the city
    due_on: date | None = None  # the service's promise (processing_days business days after today)
    contact_name: str | None = None  # the name and phone as answered, for the staff queue's search
    contact_phone: str | None = None
    entered_by: str | None = None  # the staff address that entered it for the resident (assisted entry)


@dataclass(frozen=True)
class Submission:
    """A stored submission, as the delivery worker reads it."""

    id: int
    reference: str
    service: str
    lang: str
    service_title: str
    department: str
    recipient: str
    answers: list[Answer]
    reply_to: str | None
    resident_copy_to: str | None
    created_at: datetime
    attachments: list[Attachment] = field(default_factory=list)


@dataclass(frozen=True)
class StatusEvent:
    status: str
    note: str
    at: datetime
    by: str
    id: int | None = None


@dataclass(frozen=True)
class StatusView:
    """What the status pages show: never the answers."""

    reference: str  # ABCD2345; format_reference() for display
    service: str
    service_title: str
    lang: str
    submitted_at: datetime
    events: list[StatusEvent]  # oldest first
    emails_resident: bool = False  # status changes are emailed to the resident (staff page only)
    links_revoked_at: datetime | None = None  # staff links made up to then no longer work (staff page only)
    erased_at: datetime | None = None  # when its personal data was erased (#14: flask purge, an erasure request)

    @property
    def current(self) -> StatusEvent:
        return self.events[-1]


@dataclass(frozen=True)
class OutboxItem:
    """One claimed outbox row."""

    id: int
    submission_id: int | None  # None: a row about no request (sign_in, digest)
    kind: str
    recipient: str
    about_id: int | None
    status: str
    attempts: int
    created_at: datetime
    next_attempt_at: datetime
    lease_owner: str | None
    lease_until: datetime | None
    last_error: str | None
    sent_at: datetime | None
    event_id: int | None = None  # status_update rows: the status event to tell the resident about
    message_id: int | None = None  # resident_reply rows: the reply to forward
    sign_in_id: int | None = None  # sign_in rows: the link to send
    department: str | None = None  # digest rows: the department counted
