"""The staff workspace: staff, sign-in links, sessions, messages, the audit log; a request's channel,
current status, due date and contact columns; outbox rows about no request (sign-in, digest).

``submissions.status`` and ``status_at`` are filled from each request's newest status event.
Times are ``DateTime(timezone=True)`` (``UTCDateTime``'s type), as in 0001.
The audit log is append-only: triggers refuse UPDATE and DELETE on SQLite and PostgreSQL.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0004'
down_revision: Union[str, Sequence[str], None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

APPEND_ONLY = "audit_log is append-only"


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('staff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('is_admin', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('removed_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('email')
    )
    op.create_table('staff_departments',
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('department', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('staff_id', 'department')
    )
    op.create_table('sign_in_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('lang', sa.String(length=5), server_default='en', nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('staff_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    op.create_index('ix_staff_sessions_staff_id', 'staff_sessions', ['staff_id'])
    op.create_table('request_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('author', sa.String(length=320), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['submission_id'], ['submissions.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_request_messages_submission_id', 'request_messages', ['submission_id'])
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=320), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('reference', sa.String(length=8), nullable=True),
    sa.Column('detail', sa.String(length=300), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_audit_reference', 'audit_log', ['reference', 'at'])

    with op.batch_alter_table('submissions') as batch:
        batch.add_column(sa.Column('channel', sa.String(length=20), server_default='web', nullable=False))
        batch.add_column(sa.Column('status', sa.String(length=20), server_default='received', nullable=False))
        batch.add_column(sa.Column('status_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('due_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('contact_name', sa.String(length=300), nullable=True))
        batch.add_column(sa.Column('contact_phone', sa.String(length=50), nullable=True))
        batch.add_column(sa.Column('entered_by', sa.String(length=320), nullable=True))
        batch.create_index('ix_submissions_queue', ['department', 'status', 'created_at'])
    with op.batch_alter_table('status_events') as batch:
        batch.add_column(sa.Column('actor', sa.String(length=320), nullable=True))
    with op.batch_alter_table('attachments') as batch:
        batch.add_column(sa.Column('message_id', sa.Integer(), nullable=True))
        batch.create_foreign_key('fk_attachments_message', 'request_messages', ['message_id'], ['id'], ondelete='CASCADE')
    with op.batch_alter_table('outbox') as batch:
        batch.alter_column('submission_id', existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column('message_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('sign_in_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('department', sa.String(length=200), nullable=True))
        batch.create_foreign_key('fk_outbox_message', 'request_messages', ['message_id'], ['id'])
        batch.create_foreign_key('fk_outbox_sign_in', 'sign_in_links', ['sign_in_id'], ['id'])

    # Each request's current status: its newest event (by time, then id).
    op.execute("""
        UPDATE submissions SET
          status = COALESCE((SELECT e.status FROM status_events e WHERE e.submission_id = submissions.id
                             ORDER BY e.at DESC, e.id DESC LIMIT 1), 'received'),
          status_at = (SELECT e.at FROM status_events e WHERE e.submission_id = submissions.id
                       ORDER BY e.at DESC, e.id DESC LIMIT 1)
    """)
    _append_only()


def _append_only() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(f"""
            CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION '{APPEND_ONLY}'; END; $$ LANGUAGE plpgsql
        """)
        op.execute("CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log "
                   "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()")
    else:
        for verb in ('UPDATE', 'DELETE'):
            op.execute(f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
                       f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END")


def downgrade() -> None:
    """Downgrade schema."""
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
    with op.batch_alter_table('outbox') as batch:
        batch.drop_constraint('fk_outbox_sign_in', type_='foreignkey')
        batch.drop_constraint('fk_outbox_message', type_='foreignkey')
        batch.drop_column('department')
        batch.drop_column('sign_in_id')
        batch.drop_column('message_id')
        batch.alter_column('submission_id', existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table('attachments') as batch:
        batch.drop_constraint('fk_attachments_message', type_='foreignkey')
        batch.drop_column('message_id')
    with op.batch_alter_table('status_events') as batch:
        batch.drop_column('actor')
    with op.batch_alter_table('submissions') as batch:
        batch.drop_index('ix_submissions_queue')
        for name in ('entered_by', 'contact_phone', 'contact_name', 'due_on', 'status_at', 'status', 'channel'):
            batch.drop_column(name)
    op.drop_table('audit_log')
    op.drop_table('request_messages')
    op.drop_table('staff_sessions')
    op.drop_table('staff_departments')
    op.drop_table('sign_in_links')
    op.drop_table('staff')
