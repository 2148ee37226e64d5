"""excuse reasons sealed: an excused absence's reason code moves into `sealed_excuse_reason`

"incapacity_certified" (a doctor's certificate) is data concerning health (GDPR Art. 9), so every excused
absence's code is sealed with the key ring of LOTSE_COACHING_DATA_KEY_FILE, bound to uuid5(appointment id,
client id), and the clear column goes. Stored idempotent replies of PUT …/attendance lose their codes.

Revision ID: 0009_sealed_excuse_reasons
Revises: 0008_room_locks
Create Date: 2026-12-01 23:50:00.000000

"""
import json
import uuid
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
import sqlmodel
from alembic import op

from services.platform.privacy.cipher import FieldCipher, field_context
from services.platform.privacy.migration import cipher_for_stored_rows

revision: str = '0009_sealed_excuse_reasons'
down_revision: str | Sequence[str] | None = '0008_room_locks'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As of this revision (kept here, not imported, so the migration means the same forever).
FIELD = "appointment_participants.sealed_excuse_reason"
participants = sa.table(
    "appointment_participants",
    sa.column("appointment_id", sa.Uuid()),
    sa.column("client_id", sa.Uuid()),
    sa.column("excuse_reason", sa.Text()),
    sa.column("sealed_excuse_reason", sa.Text()),
)
stored_replies = sa.table("idempotency_keys", sa.column("key", sa.String()), sa.column("principal", sa.String()),
                          sa.column("response_body", sa.LargeBinary()))


def _bound(appointment_id: uuid.UUID, client_id: uuid.UUID) -> str:
    return field_context(FIELD, str(uuid.uuid5(appointment_id, str(client_id))))


def _withhold(value: Any) -> None:
    if isinstance(value, dict):
        if value.get("excuse_reason") is not None:
            value["excuse_reason"] = None
        for item in value.values():
            _withhold(item)
    elif isinstance(value, list):
        for item in value:
            _withhold(item)


def _scrub_stored_replies() -> None:
    bind = op.get_bind()
    for key, principal, body in bind.execute(sa.select(stored_replies)).all():
        try:
            reply = json.loads(bytes(body))
        except ValueError:
            continue
        before = json.dumps(reply)
        _withhold(reply)
        if json.dumps(reply) != before:
            bind.execute(stored_replies.update().where(
                stored_replies.c.key == key, stored_replies.c.principal == principal,
            ).values(response_body=json.dumps(reply, ensure_ascii=False, separators=(",", ":")).encode()))


def _rows(column: str) -> list[sa.Row[tuple[Any, Any, Any]]]:
    query = sa.select(participants.c.appointment_id, participants.c.client_id, participants.c[column])
    return list(op.get_bind().execute(query.where(participants.c[column].is_not(None))).all())


def _update(column: str, values: list[dict[str, Any]]) -> None:
    if values:
        op.get_bind().execute(participants.update().where(
            participants.c.appointment_id == sa.bindparam("b_a"), participants.c.client_id == sa.bindparam("b_c"),
        ).values({column: sa.bindparam("b_v")}), values)


def upgrade() -> None:
    """Upgrade schema."""
    stored = _rows("excuse_reason")
    cipher: FieldCipher | None = cipher_for_stored_rows("coaching", len(stored))  # before any change
    with op.batch_alter_table('appointment_participants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sealed_excuse_reason', sa.Text(), nullable=True))
    if cipher is not None:
        _update("sealed_excuse_reason", [
            {"b_a": a, "b_c": c, "b_v": cipher.seal_json({"reason": reason}, _bound(a, c))} for a, c, reason in stored
        ])
    with op.batch_alter_table('appointment_participants', schema=None) as batch_op:
        batch_op.drop_column('excuse_reason')
    _scrub_stored_replies()


def downgrade() -> None:
    """Downgrade schema: the reason codes go back into clear text."""
    stored = _rows("sealed_excuse_reason")
    cipher = cipher_for_stored_rows("coaching", len(stored))
    with op.batch_alter_table('appointment_participants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('excuse_reason', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=True))
    if cipher is not None:
        _update("excuse_reason", [
            {"b_a": a, "b_c": c, "b_v": cipher.open_json(str(value), _bound(a, c))["reason"]} for a, c, value in stored
        ])
    with op.batch_alter_table('appointment_participants', schema=None) as batch_op:
        batch_op.drop_column('sealed_excuse_reason')
