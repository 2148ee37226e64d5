"""the payment roll by month

`entitlement_months` (month, household_id → office_id, amount, decision_id) replaces `entitlements` (one row per
household, the latest decision): what is owed for month M is what the decision in force *for M* says — the one with
the greatest sequence whose effective month is M or earlier; it sets the months of its approval period from its
effective month, an end sets none. So a decision taken early for a later month (a reduction from next month,
§ 31b Abs. 1 S. 1 SGB II) no longer changes what an earlier month's run pays.

The rows are rebuilt from the stored decisions, household by household in keyset pages (bounded memory at any
size); a household in the old roll without stored decisions keeps its row's months. The downgrade rebuilds the old
roll from each household's latest decision.

Revision ID: 0010_entitlement_months
Revises: 0009_sperrzeit_days
Create Date: 2026-12-03 06:40:00

"""
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any
from uuid import UUID

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (column types of SQLModel tables)
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0010_entitlement_months'
down_revision: str | Sequence[str] | None = '0009_sperrzeit_days'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PAGE = 10_000  # decisions read per page
CHUNK = 5_000  # roll rows inserted per statement

DECISIONS = sa.table(
    'decisions',
    sa.column('household_id', sa.Uuid()),
    sa.column('sequence', sa.Integer()),
    sa.column('decision_id', sa.Uuid()),
    sa.column('office_id', sa.String()),
    sa.column('kind', sa.String()),
    sa.column('effective_month', sa.Date()),
    sa.column('period_start', sa.Date()),
    sa.column('period_end', sa.Date()),
    sa.column('new_amount', sa.Numeric(12, 2)),
    sa.column('created_at', sa.DateTime(timezone=True)),
)
OLD_ROLL = sa.table(
    'entitlements',
    sa.column('household_id', sa.Uuid()),
    sa.column('office_id', sa.String()),
    sa.column('monthly_amount', sa.Numeric(12, 2)),
    sa.column('period_start', sa.Date()),
    sa.column('period_end', sa.Date()),
    sa.column('active', sa.Boolean()),
    sa.column('decision_id', sa.Uuid()),
    sa.column('updated_at', sa.DateTime(timezone=True)),
)
NEW_ROLL = sa.table(
    'entitlement_months',
    sa.column('month', sa.Date()),
    sa.column('household_id', sa.Uuid()),
    sa.column('office_id', sa.String()),
    sa.column('amount', sa.Numeric(12, 2)),
    sa.column('decision_id', sa.Uuid()),
)


def _months(first: date, last: date) -> Iterator[date]:
    month, last = first.replace(day=1), last.replace(day=1)
    while month <= last:
        yield month
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _decisions(bind: sa.Connection) -> Iterator[Any]:
    """Every stored decision, by household and sequence, in keyset pages."""
    after: tuple[UUID, int] | None = None
    while True:
        query = sa.select(DECISIONS).order_by(DECISIONS.c.household_id, DECISIONS.c.sequence).limit(PAGE)
        if after is not None:
            query = query.where(
                sa.or_(
                    DECISIONS.c.household_id > after[0],
                    sa.and_(DECISIONS.c.household_id == after[0], DECISIONS.c.sequence > after[1]),
                )
            )
        rows = bind.execute(query).all()
        yield from rows
        if len(rows) < PAGE:
            return
        after = (rows[-1].household_id, rows[-1].sequence)


def _replayed(bind: sa.Connection) -> Iterator[dict[str, Any]]:
    """The roll rows the decisions leave, each decision replacing its household's months from its effective one."""
    household: UUID | None = None
    months: dict[date, dict[str, Any]] = {}
    for d in _decisions(bind):
        if d.household_id != household:
            yield from months.values()
            household, months = d.household_id, {}
        months = {m: row for m, row in months.items() if m < d.effective_month}
        if d.kind != 'end':
            for month in _months(d.effective_month, d.period_end):
                months[month] = {
                    'month': month,
                    'household_id': d.household_id,
                    'office_id': d.office_id,
                    'amount': d.new_amount,
                    'decision_id': d.decision_id,
                }
    yield from months.values()


def _without_decisions(bind: sa.Connection) -> Iterator[dict[str, Any]]:
    """Old roll rows no stored decision explains (written by hand or by tools): their months as they stood."""
    decided = sa.select(DECISIONS.c.household_id).where(DECISIONS.c.household_id == OLD_ROLL.c.household_id)
    for r in bind.execute(sa.select(OLD_ROLL).where(OLD_ROLL.c.active, ~sa.exists(decided))).all():
        for month in _months(r.period_start, r.period_end):
            yield {
                'month': month,
                'household_id': r.household_id,
                'office_id': r.office_id,
                'amount': r.monthly_amount,
                'decision_id': r.decision_id,
            }


def _insert(bind: sa.Connection, table: Any, rows: Iterator[dict[str, Any]]) -> None:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= CHUNK:
            bind.execute(sa.insert(table), chunk)
            chunk = []
    if chunk:
        bind.execute(sa.insert(table), chunk)


def upgrade() -> None:
    """Upgrade schema."""
    bind = op.get_bind()
    op.create_table('entitlement_months',
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('household_id', sa.Uuid(), nullable=False),
    sa.Column('office_id', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('decision_id', sa.Uuid(), nullable=False),
    sa.PrimaryKeyConstraint('month', 'household_id')
    )
    op.create_index('ix_entitlement_months_household', 'entitlement_months', ['household_id', 'month'], unique=False)
    _insert(bind, NEW_ROLL, _replayed(bind))
    _insert(bind, NEW_ROLL, _without_decisions(bind))
    if bind.dialect.name == 'postgresql':  # statistics now, not at autovacuum's leisure: the run's pages need them
        op.execute('ANALYZE entitlement_months')
    with op.batch_alter_table('entitlements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entitlements_office_id'))
        batch_op.drop_index(batch_op.f('ix_entitlements_active'))
    op.drop_table('entitlements')


def _latest(bind: sa.Connection) -> Iterator[dict[str, Any]]:
    """Each household's latest decision, as the old roll held it."""
    newest = (
        sa.select(DECISIONS.c.household_id, sa.func.max(DECISIONS.c.sequence).label('sequence'))
        .group_by(DECISIONS.c.household_id)
        .subquery()
    )
    query = sa.select(DECISIONS).join(
        newest,
        sa.and_(DECISIONS.c.household_id == newest.c.household_id, DECISIONS.c.sequence == newest.c.sequence),
    )
    for d in bind.execute(query).all():
        yield {
            'household_id': d.household_id,
            'office_id': d.office_id,
            'monthly_amount': d.new_amount,
            'period_start': d.period_start,
            'period_end': d.period_end,
            'active': d.kind != 'end',
            'decision_id': d.decision_id,
            'updated_at': d.created_at,
        }


def downgrade() -> None:
    """Downgrade schema: the roll by household again, as each household's latest decision set it."""
    bind = op.get_bind()
    op.create_table('entitlements',
    sa.Column('household_id', sa.Uuid(), nullable=False),
    sa.Column('office_id', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('monthly_amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('decision_id', sa.Uuid(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('household_id')
    )
    with op.batch_alter_table('entitlements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entitlements_active'), ['active'], unique=False)
        batch_op.create_index(batch_op.f('ix_entitlements_office_id'), ['office_id'], unique=False)
    _insert(bind, OLD_ROLL, _latest(bind))
    op.drop_index('ix_entitlement_months_household', table_name='entitlement_months')
    op.drop_table('entitlement_months')
