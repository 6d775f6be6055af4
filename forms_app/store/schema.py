"""The tables, in SQLAlchemy Core. They work on SQLite and PostgreSQL.

Times are stored in UTC: ``timestamptz`` on PostgreSQL, naive UTC text on
SQLite (which compares correctly as text); reads always give aware UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
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
OUTBOX_KINDS = ("department", "resident_copy", "status_update", "admin_alert",
                "sign_in", "digest", "resident_reply",  # these three: the staff workspace (revision 0004)
                "webhook",  # a signed POST to a department's system (delivery/webhooks.py); recipient: the department
                "page_problem")  # "something is wrong" on a page (page_feedback.outbox_id); to its department
CHANNELS = ("web", "phone", "in_person", "mail", "api")  # how a request reached the city
ASSISTED_CHANNELS = ("phone", "in_person", "mail")  # entered by staff on a resident's behalf
MESSAGE_KINDS = ("resident_reply", "staff_note")  # request_messages.kind
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
    # The staff workspace (revision 0004). ``status``/``status_at`` repeat the newest status event, so the
    # queue filters and sorts without a join; ``Store.set_status`` writes both in one transaction.
    Column("channel", String(20), nullable=False, server_default="web"),  # CHANNELS
    Column("status", String(20), nullable=False, server_default="received"),  # STATUSES
    Column("status_at", UTCDateTime),
    Column("due_on", Date),  # from the service's processing_days (business days), when it declares them
    Column("contact_name", String(300)),  # the resident's name and phone as answered (queue search); purged
    Column("contact_phone", String(50)),
    Column("entered_by", String(320)),  # the staff address that entered an assisted request
    Index("ix_submissions_queue", "department", "status", "created_at"),
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
    Column("message_id", Integer, ForeignKey("request_messages.id", ondelete="CASCADE")),  # a resident reply's file
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True),
    # NULL for the rows about no request: sign_in and digest (revision 0004).
    Column("submission_id", Integer, ForeignKey("submissions.id", ondelete="CASCADE"), index=True),
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
    Column("message_id", Integer, ForeignKey("request_messages.id")),  # resident_reply: the reply it forwards
    Column("sign_in_id", Integer, ForeignKey("sign_in_links.id")),  # sign_in: the link it carries
    Column("department", String(200)),  # digest: the department it counts
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
    Column("actor", String(320)),  # the signed-in staff address (revision 0004); NULL from an email link
)

# Searches that found no City service (``guichet.search.misses`` says what is kept: normalised text with
# names and identifiers masked, language, kind, month, count, last day; nothing about the person).
# Written by ``misses.SearchMisses``, which caps the rows per language and month and expires old months
# (revision 0005 added kind and period).
search_misses = Table(
    "search_misses",
    metadata,
    Column("query", String(100), primary_key=True),  # guichet.search.misses.MAX_STORED_CHARS
    Column("lang", String(5), primary_key=True),
    Column("kind", String(20), primary_key=True),  # guichet.search.misses.KINDS
    Column("period", Date, primary_key=True),  # the month: its first day
    Column("count", Integer, nullable=False),
    Column("last_seen", Date, nullable=False),
    Index("ix_search_misses_period", "lang", "period", "count"),
)

# -- the staff workspace (revision 0004) ----------------------------------------------------------

# Staff are addresses an administrator registered (``flask staff add``); ``removed_at`` ends their access
# (the row stays, so the audit log's addresses keep a meaning).
staff = Table(
    "staff",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(320), nullable=False, unique=True),  # lower case
    Column("is_admin", Boolean, nullable=False, default=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("removed_at", UTCDateTime),
)

staff_departments = Table(
    "staff_departments",
    metadata,
    Column("staff_id", Integer, ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True),
    Column("department", String(200), primary_key=True),  # a department id of catalogue/taxonomy.yml
)

# One-time sign-in links. The link itself is never stored: the worker signs ``id`` and ``email`` with
# SECRET_KEY when it sends the email; the row makes it single-use and short-lived.
sign_in_links = Table(
    "sign_in_links",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(320), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("used_at", UTCDateTime),
    Column("lang", String(5), nullable=False, server_default="en"),  # the language the link was asked in
)

# Staff sessions live here, not in the cookie: the cookie holds a random token whose SHA-256 is
# ``token_hash``, so signing out (or removing the staff member) ends the session everywhere.
staff_sessions = Table(
    "staff_sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("staff_id", Integer, ForeignKey("staff.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_seen_at", UTCDateTime, nullable=False),
    Column("ended_at", UTCDateTime),
)

# What was said about a request besides its status: the resident's replies (with files in
# ``attachments.message_id``) and staff notes for colleagues (never shown to the resident).
request_messages = Table(
    "request_messages",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("submission_id", Integer, ForeignKey("submissions.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),  # MESSAGE_KINDS
    Column("author", String(320), nullable=False),  # "resident" or a staff address
    Column("body", Text, nullable=False),
    Column("at", UTCDateTime, nullable=False),
)

# Append-only (triggers refuse UPDATE and DELETE on both databases): who did what, when, to which
# request. ``detail`` is short and never holds answers, notes or what a search looked for.
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UTCDateTime, nullable=False),
    Column("actor", String(320), nullable=False),  # a staff address, "resident", "system" or "admin (cli)"
    Column("action", String(40), nullable=False),  # AUDIT_ACTIONS
    Column("reference", String(8)),
    Column("detail", String(300), nullable=False, default=""),
    Index("ix_audit_reference", "reference", "at"),
)

AUDIT_ACTIONS = (
    "sign_in", "sign_in_refused", "sign_out", "view_request", "view_file", "search_personal", "status_change",
    "note_added", "export_csv", "staff_added", "staff_removed", "assisted_entry", "resident_reply", "digest_sent",
    "apikey_created", "apikey_revoked",
    "keys_rotated",  # flask keys rotate (#14): how many values and files were sealed again, never what
)

# Open311 API keys (revision 0006): ``flask apikey create NAME`` prints a key once; only its SHA-256 is kept.
api_keys = Table(
    "api_keys",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("revoked_at", UTCDateTime),
)

# -- revision 0007: privacy (#14) and insights (#15) ------------------------------------------------
# -- encryption at rest (#14, P1) --
# What a resident typed is sealed (``sealing.py``: Fernet, keys from the settings, never here): the
# columns below take the sealed types in place (SQLite keeps their declared type, PostgreSQL's become
# text: revision 0007), so every read and write through these tables seals and opens. References,
# statuses, dates, service, channel and counts stay clear and queryable. ``outbox.recipient`` is sealed
# for every kind (the resident's address for copies and status updates; one rule is simpler).
SEALED_COLUMNS = {
    "submissions": ("answers", "reply_to", "resident_copy_to", "contact_name", "contact_phone"),
    "request_messages": ("body",),
    "attachments": ("filename",),
    "outbox": ("recipient",),
}


def _seal_columns() -> None:
    from .sealing import Sealed, SealedJSON, SealedText

    for name, columns in SEALED_COLUMNS.items():
        for column in (metadata.tables[name].c[c] for c in columns):
            kind = type(column.type)
            column.type = SealedJSON() if kind is JSON else SealedText() if kind is Text else Sealed(column.type.length)


_seal_columns()

# The staff queue's search on sealed contacts: keyed digests (HMAC-SHA256, ``blind_index.py``) of the
# normalised email addresses, phone digits and name words; a search matches whole values only.
contact_index = Table(
    "contact_index",
    metadata,
    Column("digest", String(32), primary_key=True),  # the first 128 bits, in hex
    Column("submission_id", Integer, ForeignKey("submissions.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_contact_index_submission", "submission_id"),
)
# -- retention, access and erasure (#14, P2) --
# Erasure (forms_app/privacy, store/privacy.py, store/retention.py): ``submissions.purged_at`` says when a
# request's personal data went, ``erasure`` why: "retention" (flask purge, the form's keep_days) or "request"
# (an access-and-erasure request: flask privacy erase, the staff privacy page). The reference, service,
# channel, dates and statuses stay. An open request that the open limit will erase is listed once in
# ``retention_warnings`` (the admin's week of notice) with the ``retention_warning`` email that told of it.
submissions.append_column(Column("erasure", String(20)))
retention_warnings = Table(
    "retention_warnings",
    metadata,
    Column("submission_id", Integer, ForeignKey("submissions.id", ondelete="CASCADE"), primary_key=True),
    Column("warned_at", UTCDateTime, nullable=False),
    Column("erase_after", UTCDateTime, nullable=False),  # flask purge erases it from then on
    Column("outbox_id", Integer, ForeignKey("outbox.id", ondelete="SET NULL"), index=True),
)
OUTBOX_KINDS += ("retention_warning",)  # to ADMIN_EMAIL: open requests erased in a week (references and counts)
AUDIT_ACTIONS += ("privacy_export", "privacy_erase")
# -- feedback and form funnels (#15, F1) --
# Page feedback ("Did you find what you needed?", forms_app/feedback): one row per answer, never an IP
# address, cookie or user agent; the day only (no time), the page's site path, the service and its department
# for a service page. ``comment`` is masked before it is stored (guichet.feedback_mask). A "something is
# wrong" answer also queues a ``page_problem`` email; ``outbox_id`` is that row (the worker reads the
# feedback through it). The second step (reason, comment) updates the row the first step wrote.
FEEDBACK_REASONS = ("cant_find", "hard_to_understand", "something_wrong", "other")
page_feedback = Table(
    "page_feedback",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("day", Date, nullable=False),  # the city's local day (TIMEZONE)
    Column("lang", String(5), nullable=False),
    Column("path", String(300), nullable=False),  # a same-site path, no query string: /fr/services/x/
    Column("service", String(200)),  # the service's slug on its page, its form and confirmation; else NULL
    Column("department", String(200)),  # the service's department (taxonomy id); NULL for other pages
    Column("helpful", Boolean, nullable=False),
    Column("reason", String(20)),  # FEEDBACK_REASONS; NULL for "yes" or an unanswered second step
    Column("comment", Text),  # masked; NULL when none
    Column("outbox_id", Integer, ForeignKey("outbox.id", ondelete="SET NULL"), index=True),
    Index("ix_page_feedback_day", "day", "path"),
    Index("ix_page_feedback_service", "service", "day"),
)

# Form funnels: per service and local day, how many form views, submit attempts, attempts with errors,
# successes, and errors per field and message (``field_error``: the field's name and the message's key,
# never the input). Counted with one upsert per request (store/feedback.py ``FormFunnel``).
FUNNEL_EVENTS = ("view", "attempt", "attempt_error", "success", "field_error")
form_funnel = Table(
    "form_funnel",
    metadata,
    Column("service", String(200), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("event", String(20), primary_key=True),  # FUNNEL_EVENTS
    Column("field", String(100), primary_key=True, server_default=""),  # "" except field_error
    Column("message", String(60), primary_key=True, server_default=""),  # the message key; "" except field_error
    Column("count", Integer, nullable=False),
)
# -- contact tally (#15, F2) --
# Calls and counter visits counted by phone and counter staff (forms_app/staff/tally.py): one row per
# city day, service, channel and outcome, holding only a count; nothing about the person or the staff member.
TALLY_CHANNELS = ("phone", "in_person", "mail")
TALLY_OUTCOMES = ("resolved", "request")  # answered there and then / became a request (entered at /staff/new/)
contact_tally = Table(
    "contact_tally",
    metadata,
    Column("day", Date, primary_key=True),  # the city's day (TIMEZONE)
    Column("service", String(200), primary_key=True),  # a service slug
    Column("channel", String(20), primary_key=True),  # TALLY_CHANNELS
    Column("outcome", String(20), primary_key=True),  # TALLY_OUTCOMES
    Column("department", String(200), nullable=False),  # the service's department, for department isolation
    Column("count", Integer, nullable=False),
    Index("ix_contact_tally_department", "department", "day"),
)
