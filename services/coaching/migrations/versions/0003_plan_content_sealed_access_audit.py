"""plan content sealed, access audit

A cooperation plan's content as agreed — every obstacle with its note, and the goals — moves into
`cooperation_plans.sealed_content`, sealed with the key ring of LOTSE_COACHING_DATA_KEY_FILE and bound to
the plan's id: health and addiction obstacles are special-category data (GDPR Art. 9), and free text is
where they get described. `obstacles` keeps only the ordinary obstacles' kinds and statuses; `goals` goes.
Existing plans are converted here; without a key ring and with plans to convert the migration stops
before changing anything. The access audit table refuses UPDATE and DELETE (triggers).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 10:05:13.889076

"""
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (column types of SQLModel tables)
from alembic import op

from services.platform.privacy.audit import append_only_statements, drop_append_only_statements
from services.platform.privacy.cipher import field_context
from services.platform.privacy.migration import cipher_for_stored_rows

# revision identifiers, used by Alembic.
revision: str = '0003'
down_revision: str | Sequence[str] | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As of this revision (kept here, not imported, so the migration means the same forever).
SPECIAL_KINDS = frozenset({"health", "addiction"})
FIELD = "cooperation_plans.sealed_content"
plans = sa.table("cooperation_plans", sa.column("plan_id", sa.Uuid()), sa.column("obstacles", sa.JSON()),
                 sa.column("goals", sa.JSON()), sa.column("sealed_content", sa.Text()))
seal_plans = plans.update().where(plans.c.plan_id == sa.bindparam("b_plan_id")).values(
    obstacles=sa.bindparam("b_obstacles"), sealed_content=sa.bindparam("b_sealed"))
restore_plans = plans.update().where(plans.c.plan_id == sa.bindparam("b_plan_id")).values(
    obstacles=sa.bindparam("b_obstacles"), goals=sa.bindparam("b_goals"))


def _as_agreed(obstacle: dict[str, Any]) -> dict[str, Any]:
    return {"kind": obstacle["kind"], "status": obstacle["status"], "note": obstacle.get("note")}


def _in_clear(obstacles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"kind": o["kind"], "status": o["status"], "note": None} for o in obstacles
            if o["kind"] not in SPECIAL_KINDS]


def upgrade() -> None:
    """Upgrade schema."""
    bind = op.get_bind()
    rows = bind.execute(sa.select(plans.c.plan_id, plans.c.obstacles, plans.c.goals)).all()
    cipher = cipher_for_stored_rows("coaching", len(rows))  # before any change: no key, no conversion
    op.create_table('special_category_audit',
    sa.Column('audit_id', sa.Uuid(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('client_id', sa.Uuid(), nullable=False),
    sa.Column('office_id', sa.String(length=50), nullable=False),
    sa.Column('staff_id', sa.String(length=100), nullable=False),
    sa.Column('roles', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('field', sa.String(length=100), nullable=False),
    sa.Column('purpose', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('audit_id')
    )
    with op.batch_alter_table('special_category_audit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_special_category_audit_client_id'), ['client_id'], unique=False)
    for statement in append_only_statements(bind.dialect.name):
        op.execute(statement)

    with op.batch_alter_table('cooperation_plans', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sealed_content', sa.Text(), nullable=True))
    if cipher is not None:
        bind.execute(seal_plans, [{
            "b_plan_id": plan_id, "b_obstacles": _in_clear(obstacles),
            "b_sealed": cipher.seal_json({"obstacles": [_as_agreed(o) for o in obstacles], "goals": goals},
                                         field_context(FIELD, plan_id)),
        } for plan_id, obstacles, goals in rows])
    with op.batch_alter_table('cooperation_plans', schema=None) as batch_op:
        batch_op.alter_column('sealed_content', existing_type=sa.Text(), nullable=False)
        batch_op.drop_column('goals')


def downgrade() -> None:
    """Downgrade schema: the plans' content goes back into `obstacles` and `goals` in clear; the audit trail
    is dropped."""
    bind = op.get_bind()
    rows = bind.execute(sa.select(plans.c.plan_id, plans.c.sealed_content)).all()
    cipher = cipher_for_stored_rows("coaching", len(rows))
    with op.batch_alter_table('cooperation_plans', schema=None) as batch_op:
        batch_op.add_column(sa.Column('goals', sa.JSON(), server_default=sa.text("'[]'"), nullable=False))
    if cipher is not None:
        contents = [(plan_id, cipher.open_json(sealed, field_context(FIELD, plan_id))) for plan_id, sealed in rows]
        bind.execute(restore_plans, [{"b_plan_id": plan_id, "b_obstacles": content["obstacles"],
                                      "b_goals": content["goals"]} for plan_id, content in contents])
    with op.batch_alter_table('cooperation_plans', schema=None) as batch_op:
        batch_op.drop_column('sealed_content')

    with op.batch_alter_table('special_category_audit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_special_category_audit_client_id'))

    op.drop_table('special_category_audit')
    for statement in drop_append_only_statements(bind.dialect.name):
        op.execute(statement)
