"""Privacy (#14) and insights (#15): each helper's changes live in its own marked block below.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0007'
down_revision: Union[str, Sequence[str], None] = '0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# -- encryption at rest (#14, P1) --
SEALED_WIDENED = (("submissions", "reply_to", 320), ("submissions", "resident_copy_to", 320),  # (table, column, 0006's length)
                  ("submissions", "contact_name", 300), ("submissions", "contact_phone", 50), ("attachments", "filename", 300),
                  ("outbox", "recipient", 320))


def upgrade() -> None:
    """Upgrade schema."""
    # -- encryption at rest (#14, P1) --
    # Sealed values (store/sealing.py) are longer than the clear ones: PostgreSQL's bounded columns become
    # text (SQLite never enforces a length). Rows written before stay clear until flask keys rotate seals them.
    if op.get_bind().dialect.name == "postgresql":
        for table, column, _ in SEALED_WIDENED:
            op.alter_column(table, column, type_=sa.Text())
    op.create_table('contact_index',
    sa.Column('digest', sa.String(length=32), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['submission_id'], ['submissions.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('digest', 'submission_id')
    )
    op.create_index('ix_contact_index_submission', 'contact_index', ['submission_id'], unique=False)
    # -- retention, access and erasure (#14, P2) --
    with op.batch_alter_table('submissions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('erasure', sa.String(length=20), nullable=True))
    op.create_table('retention_warnings',
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('warned_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('erase_after', sa.DateTime(timezone=True), nullable=False),
    sa.Column('outbox_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['outbox_id'], ['outbox.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['submission_id'], ['submissions.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('submission_id')
    )
    op.create_index(op.f('ix_retention_warnings_outbox_id'), 'retention_warnings', ['outbox_id'], unique=False)
    # -- feedback and form funnels (#15, F1) --
    op.create_table('page_feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('lang', sa.String(length=5), nullable=False),
    sa.Column('path', sa.String(length=300), nullable=False),
    sa.Column('service', sa.String(length=200), nullable=True),
    sa.Column('department', sa.String(length=200), nullable=True),
    sa.Column('helpful', sa.Boolean(), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('outbox_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['outbox_id'], ['outbox.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_page_feedback_outbox_id'), 'page_feedback', ['outbox_id'], unique=False)
    op.create_index('ix_page_feedback_day', 'page_feedback', ['day', 'path'], unique=False)
    op.create_index('ix_page_feedback_service', 'page_feedback', ['service', 'day'], unique=False)
    op.create_table('form_funnel',
    sa.Column('service', sa.String(length=200), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('event', sa.String(length=20), nullable=False),
    sa.Column('field', sa.String(length=100), server_default='', nullable=False),
    sa.Column('message', sa.String(length=60), server_default='', nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('service', 'day', 'event', 'field', 'message')
    )
    # -- contact tally (#15, F2) --
    op.create_table('contact_tally',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('service', sa.String(length=200), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('department', sa.String(length=200), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('day', 'service', 'channel', 'outcome')
    )
    op.create_index('ix_contact_tally_department', 'contact_tally', ['department', 'day'], unique=False)
    pass


def downgrade() -> None:
    """Downgrade schema."""
    # -- contact tally (#15, F2) --
    op.drop_index('ix_contact_tally_department', table_name='contact_tally')
    op.drop_table('contact_tally')
    # -- feedback and form funnels (#15, F1) --
    op.drop_table('form_funnel')
    op.drop_index('ix_page_feedback_service', table_name='page_feedback')
    op.drop_index('ix_page_feedback_day', table_name='page_feedback')
    op.drop_index(op.f('ix_page_feedback_outbox_id'), table_name='page_feedback')
    op.drop_table('page_feedback')
    # -- retention, access and erasure (#14, P2) --
    op.drop_index(op.f('ix_retention_warnings_outbox_id'), table_name='retention_warnings')
    op.drop_table('retention_warnings')
    with op.batch_alter_table('submissions', schema=None) as batch_op:
        batch_op.drop_column('erasure')
    # -- encryption at rest (#14, P1) --
    # Sealed values stay sealed (flask keys cannot unseal); a longer value makes the narrowing fail on PostgreSQL.
    op.drop_index('ix_contact_index_submission', table_name='contact_index')
    op.drop_table('contact_index')
    if op.get_bind().dialect.name == "postgresql":
        for table, column, length in SEALED_WIDENED:
            op.alter_column(table, column, type_=sa.String(length=length))
    pass
