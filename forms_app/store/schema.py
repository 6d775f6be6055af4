"""The tables, in SQLAlchemy Core. They work on SQLite and PostgreSQL.

Times are stored in UTC: ``timestamptz`` on PostgreSQL, naive UTC text on
SQLite (which compares correctly as text); reads always give aware UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)

STATUSES = ("received", "in_progress", "waiting_for_you", "completed", "closed")
OUTBOX_KINDS = ("department", "resident_copy", "status_update", "admin_alert")
RESIDENT_KINDS = ("resident_copy", "status_update")  # rows addressed to the resident (erased by flask purge)
OUTBOX_STATUSES = ("pending", "sent", "failed", "given_up")


class UTCDateTime(TypeDecorator):
    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware UTC datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData()

submissions = Table(
    "submissions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reference", String(8), nullable=False, unique=True),
    Column("service", String(200), nullable=False),
    Column("lang", String(8), nullable=False),
    Column("service_title", String(500), nullable=False),
    Column("department", String(200), nullable=False),
    Column("recipient", String(320), nullable=False),
    Column("answers", JSON, nullable=False),  # [{"name", "label", "value"}, ...]
    Column("reply_to", String(320)),
    Column("resident_copy_to", String(320)),
    Column("created_at", UTCDateTime, nullable=False),
    # The form's one-time key: a second POST of the same form (a double tap on a
    # slow connection) finds the first submission instead of storing another.
    Column("client_key", String(64), unique=True),
    # When flask purge erased the answers, addresses and files (store/retention.py); NULL until then.
    Column("purged_at", UTCDateTime),
    # Staff links made up to this time no longer work (flask status revoke; forms_app/status/links.py).
    Column("links_revoked_at", UTCDateTime),  # revision 0002
)

attachments = Table(
    "attachments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("submission_id", Integer, ForeignKey("submissions.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("stored_name", String(200), nullable=False),
    Column("filename", String(300), nullable=False),
    Column("content_type", String(200), nullable=False),
    Column("size", Integer, nullable=False),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("submission_id", Integer, ForeignKey("submissions.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),  # OUTBOX_KINDS
    Column("recipient", String(320), nullable=False),
    Column("about_id", Integer, ForeignKey("outbox.id")),  # admin_alert: the row that failed
    Column("status", String(20), nullable=False, default="pending"),  # OUTBOX_STATUSES
    Column("attempts", Integer, nullable=False, default=0),
    Column("created_at", UTCDateTime, nullable=False),
    Column("next_attempt_at", UTCDateTime, nullable=False),
    Column("lease_owner", String(100)),
    Column("lease_until", UTCDateTime),
    Column("last_error", String(300)),  # SMTP code + short text, never personal data
    Column("sent_at", UTCDateTime),
    Column("event_id", Integer, ForeignKey("status_events.id")),  # status_update: the status change it tells of
    Index("ix_outbox_due", "status", "next_attempt_at"),
)

status_events = Table(
    "status_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("submission_id", Integer, ForeignKey("submissions.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("reference", String(8), nullable=False),  # shown with the event; looked up through submissions
    Column("status", String(20), nullable=False),  # STATUSES
    Column("note", Text, nullable=False, default=""),  # shown to the resident
    Column("at", UTCDateTime, nullable=False),
    Column("by", String(100), nullable=False),  # "system", "staff"
)

# Searches that found nothing (``guichet.search.misses`` says what is kept: normalised text,
# language, count, last day; nothing about the person). Written by ``misses.SearchMisses``.
search_misses = Table(
    "search_misses",
    metadata,
    Column("query", String(100), primary_key=True),  # guichet.search.misses.MAX_STORED_CHARS
    Column("lang", String(5), primary_key=True),
    Column("count", Integer, nullable=False),
    Column("last_seen", Date, nullable=False),
)
