"""search_misses: the kind of miss and the month, names and identifiers masked in the rows kept.

The table becomes (query, lang, kind, period) → count, last_seen: ``kind`` is
``no_result``, ``elsewhere_only`` or ``related_only`` (guichet.search.misses.KINDS)
and ``period`` the first day of the month. Rows written before this revision
were all searches that found nothing: they become ``no_result`` rows of their
last month, their text normalised again with today's rules (names and
references typed as they were are masked, rows that then coincide are summed).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0005'
down_revision: Union[str, Sequence[str], None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    from guichet.search.misses import month, normalise  # today's privacy rules, applied to the rows kept

    bind = op.get_bind()
    old = bind.execute(sa.text("SELECT query, lang, count, last_seen FROM search_misses")).fetchall()
    op.drop_table('search_misses')
    table = op.create_table('search_misses',
    sa.Column('query', sa.String(length=100), nullable=False),
    sa.Column('lang', sa.String(length=5), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('period', sa.Date(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('last_seen', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('query', 'lang', 'kind', 'period')
    )
    op.create_index('ix_search_misses_period', 'search_misses', ['lang', 'period', 'count'])
    merged: dict[tuple, list] = {}
    for query, lang, count, last_seen in old:
        if isinstance(last_seen, str):  # SQLite through text()
            import datetime as dt
            last_seen = dt.date.fromisoformat(last_seen[:10])
        text = normalise(query)
        if not text:
            continue
        key = (text, lang, 'no_result', month(last_seen))
        row = merged.setdefault(key, [0, last_seen])
        row[0] += count
        row[1] = max(row[1], last_seen)
    if merged:
        op.bulk_insert(table, [
            {'query': q, 'lang': lang, 'kind': kind, 'period': period, 'count': n, 'last_seen': last}
            for (q, lang, kind, period), (n, last) in merged.items()
        ])


def downgrade() -> None:
    """Downgrade schema: one row per query and language again (the kinds and months summed)."""
    bind = op.get_bind()
    rows = bind.execute(sa.text(
        "SELECT query, lang, sum(count), max(last_seen) FROM search_misses GROUP BY query, lang")).fetchall()
    op.drop_index('ix_search_misses_period', table_name='search_misses')
    op.drop_table('search_misses')
    table = op.create_table('search_misses',
    sa.Column('query', sa.String(length=100), nullable=False),
    sa.Column('lang', sa.String(length=5), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('last_seen', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('query', 'lang')
    )
    if rows:
        import datetime as dt
        op.bulk_insert(table, [
            {'query': q, 'lang': lang, 'count': int(n),
             'last_seen': last if isinstance(last, dt.date) else dt.date.fromisoformat(str(last)[:10])}
            for q, lang, n, last in rows
        ])
