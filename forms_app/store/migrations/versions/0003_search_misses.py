"""The search-misses counts belong to the store: search_misses under migrations.

Until now ``guichet.search.misses`` made this table itself (``create_all``
at start-up), so a database in use may already have it, with exactly these
columns: it is kept as it is, counts and all. A database without it gets it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    if sa.inspect(op.get_bind()).has_table('search_misses'):
        return  # made by the search room's create_all before this revision: same columns, keep its counts
    op.create_table('search_misses',
    sa.Column('query', sa.String(length=100), nullable=False),
    sa.Column('lang', sa.String(length=5), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('last_seen', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('query', 'lang')
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table('search_misses')
