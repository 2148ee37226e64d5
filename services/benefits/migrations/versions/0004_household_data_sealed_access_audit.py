"""household data sealed, access audit

A member's disability (§ 21 Abs. 4 SGB II) is health data (GDPR Art. 9). The documents that hold it move
out of clear JSON into sealed text, sealed with the key ring of LOTSE_BENEFITS_DATA_KEY_FILE and bound to
the row's id: `households.inputs` becomes `households.sealed_inputs`, and a decision's `inputs` and `result`
(whose explanation names the Mehrbedarf) become `decisions.sealed_computation` ({"inputs", "result"}).
Existing rows are converted here; without a key ring and with rows to convert it stops before changing
anything. Stored idempotent replies of PUT /households/{household_id} (`idempotency_keys.response_body`)
carried those documents in clear; the reply now leaves them out (null), so the stored ones do too: the
decision's `inputs` and `result`, the `computation`, the household's `inputs` and its current entitlement's
`explanation` and `paragraphs` are nulled; other replies stay byte for byte (the downgrade cannot bring the
nulled parts back; they expire). The access audit table refuses UPDATE and DELETE (triggers). Also joins
the two heads 0003 and 0003p.

Revision ID: 0004
Revises: 0003, 0003p
Create Date: 2026-11-28 10:12:00.000000

"""
import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from services.platform.privacy.audit import append_only_statements, drop_append_only_statements
from services.platform.privacy.cipher import field_context
from services.platform.privacy.migration import cipher_for_stored_rows

# revision identifiers, used by Alembic.
revision: str = '0004'
down_revision: str | Sequence[str] | None = ('0003', '0003p')
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As of this revision (kept here, not imported, so the migration means the same forever).
HOUSEHOLD_INPUTS = "households.sealed_inputs"
DECISION_COMPUTATION = "decisions.sealed_computation"
households = sa.table("households", sa.column("household_id", sa.Uuid()), sa.column("inputs", sa.JSON()),
                      sa.column("sealed_inputs", sa.Text()))
decisions = sa.table("decisions", sa.column("decision_id", sa.Uuid()), sa.column("inputs", sa.JSON()),
                     sa.column("result", sa.JSON()), sa.column("sealed_computation", sa.Text()))
seal_households = households.update().where(households.c.household_id == sa.bindparam("b_id")).values(
    sealed_inputs=sa.bindparam("b_sealed"))
seal_decisions = decisions.update().where(decisions.c.decision_id == sa.bindparam("b_id")).values(
    sealed_computation=sa.bindparam("b_sealed"))
restore_households = households.update().where(households.c.household_id == sa.bindparam("b_id")).values(
    inputs=sa.bindparam("b_inputs"))
restore_decisions = decisions.update().where(decisions.c.decision_id == sa.bindparam("b_id")).values(
    inputs=sa.bindparam("b_inputs"), result=sa.bindparam("b_result"))

stored_replies = sa.table("idempotency_keys", sa.column("key", sa.String()), sa.column("principal", sa.String()),
                          sa.column("response_body", sa.LargeBinary()))
# The reply of PUT /households/{household_id}, as of this revision.
HOUSEHOLD_PUT_REPLY = frozenset({"decision", "computation", "household"})


def _withhold_sealed(reply: Any) -> None:
    if not (isinstance(reply, dict) and reply.keys() == HOUSEHOLD_PUT_REPLY and isinstance(reply["household"], dict)):
        return
    reply["computation"] = None
    if isinstance(reply["decision"], dict):
        reply["decision"].update(inputs=None, result=None)
    household = reply["household"]
    household["inputs"] = None
    if isinstance(household.get("current_entitlement"), dict):
        household["current_entitlement"].update(explanation=None, paragraphs=None)


def _scrub_stored_replies() -> None:
    bind = op.get_bind()
    scrubbed = []
    for key, principal, body in bind.execute(sa.select(stored_replies)).all():
        try:
            stored = json.loads(bytes(body))
        except ValueError:  # not a JSON reply: not one of a household's inputs
            continue
        reply = json.loads(bytes(body))
        _withhold_sealed(reply)
        if reply != stored:
            scrubbed.append({"b_key": key, "b_principal": principal,
                             "b_body": json.dumps(reply, ensure_ascii=False, separators=(",", ":")).encode()})
    if scrubbed:
        bind.execute(stored_replies.update().where(
            stored_replies.c.key == sa.bindparam("b_key"), stored_replies.c.principal == sa.bindparam("b_principal"),
        ).values(response_body=sa.bindparam("b_body")), scrubbed)


def _create_audit_table(dialect: str) -> None:
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
    for statement in append_only_statements(dialect):
        op.execute(statement)


def upgrade() -> None:
    """Upgrade schema."""
    bind = op.get_bind()
    entered = bind.execute(sa.select(households.c.household_id, households.c.inputs)).all()
    decided = bind.execute(sa.select(decisions.c.decision_id, decisions.c.inputs, decisions.c.result)).all()
    cipher = cipher_for_stored_rows("benefits", len(entered) + len(decided))  # before any change
    _create_audit_table(bind.dialect.name)

    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sealed_inputs', sa.Text(), nullable=True))
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sealed_computation', sa.Text(), nullable=True))
    if cipher is not None and entered:
        bind.execute(seal_households, [
            {"b_id": row_id, "b_sealed": cipher.seal_json(inputs, field_context(HOUSEHOLD_INPUTS, row_id))}
            for row_id, inputs in entered])
    if cipher is not None and decided:
        bind.execute(seal_decisions, [
            {"b_id": row_id, "b_sealed": cipher.seal_json({"inputs": inputs, "result": result},
                                                          field_context(DECISION_COMPUTATION, row_id))}
            for row_id, inputs, result in decided])
    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.alter_column('sealed_inputs', existing_type=sa.Text(), nullable=False)
        batch_op.drop_column('inputs')
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.alter_column('sealed_computation', existing_type=sa.Text(), nullable=False)
        batch_op.drop_column('inputs')
        batch_op.drop_column('result')
    _scrub_stored_replies()


def downgrade() -> None:
    """Downgrade schema: the documents go back into clear JSON; the audit trail is dropped."""
    bind = op.get_bind()
    entered = bind.execute(sa.select(households.c.household_id, households.c.sealed_inputs)).all()
    decided = bind.execute(sa.select(decisions.c.decision_id, decisions.c.sealed_computation)).all()
    cipher = cipher_for_stored_rows("benefits", len(entered) + len(decided))
    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.add_column(sa.Column('inputs', sa.JSON(), nullable=True))
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('inputs', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('result', sa.JSON(), nullable=True))
    if cipher is not None and entered:
        bind.execute(restore_households, [
            {"b_id": row_id, "b_inputs": cipher.open_json(sealed, field_context(HOUSEHOLD_INPUTS, row_id))}
            for row_id, sealed in entered])
    if cipher is not None and decided:
        opened = [(row_id, cipher.open_json(sealed, field_context(DECISION_COMPUTATION, row_id)))
                  for row_id, sealed in decided]
        bind.execute(restore_decisions, [{"b_id": row_id, "b_inputs": c["inputs"], "b_result": c["result"]}
                                         for row_id, c in opened])
    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.alter_column('inputs', existing_type=sa.JSON(), nullable=False)
        batch_op.drop_column('sealed_inputs')
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.alter_column('inputs', existing_type=sa.JSON(), nullable=False)
        batch_op.alter_column('result', existing_type=sa.JSON(), nullable=False)
        batch_op.drop_column('sealed_computation')

    with op.batch_alter_table('special_category_audit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_special_category_audit_client_id'))
    op.drop_table('special_category_audit')
    for statement in drop_append_only_statements(bind.dialect.name):
        op.execute(statement)
