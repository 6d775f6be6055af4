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


def upgrade() -> None:
    """Upgrade schema."""
    # -- encryption at rest (#14, P1) --
    # -- retention, access and erasure (#14, P2) --
    # -- feedback and form funnels (#15, F1) --
    # -- contact tally (#15, F2) --
    pass


def downgrade() -> None:
    """Downgrade schema."""
    # -- contact tally (#15, F2) --
    # -- feedback and form funnels (#15, F1) --
    # -- retention, access and erasure (#14, P2) --
    # -- encryption at rest (#14, P1) --
    pass
