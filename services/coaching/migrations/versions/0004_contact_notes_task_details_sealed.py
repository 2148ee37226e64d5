"""contact notes and task details sealed

A contact's note and a task's detail are free text, where health and addiction get described (GDPR Art. 9):
they move from `contacts.note` and `tasks.detail` (clear text) into `contacts.sealed_note` and
`tasks.sealed_detail`, sealed with the key ring of LOTSE_COACHING_DATA_KEY_FILE and bound to the row's id, like
the cooperation plan's content (0003). Every row gets a sealed value, also without text. Existing rows are
converted here; without a key ring and with rows to convert the migration stops before changing anything.
Stored idempotent replies (`idempotency_keys.response_body`) of the task routes carried the detail in clear;
replies to writes now withhold it (null), so the stored ones do too: `detail` of every task object in them
is nulled, other replies stay byte for byte. The downgrade cannot bring those details back (they expire).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 10:12:40.118204

"""
import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
import sqlmodel
from alembic import op

from services.platform.privacy.cipher import FieldCipher, field_context
from services.platform.privacy.migration import cipher_for_stored_rows

# revision identifiers, used by Alembic.
revision: str = '0004'
down_revision: str | Sequence[str] | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As of this revision (kept here, not imported, so the migration means the same forever):
# table, id column, clear column, its type, sealed column, key in the sealed JSON.
FIELDS = (
    ("contacts", "contact_id", "note", sqlmodel.sql.sqltypes.AutoString(length=2000), "sealed_note", "note"),
    ("tasks", "task_id", "detail", sqlmodel.sql.sqltypes.AutoString(length=500), "sealed_detail", "detail"),
)

# A task object as the replies of POST /cases/{client_id}/tasks and POST /tasks/{task_id}/completion had it.
TASK_KEYS = frozenset({"task_id", "client_id", "office_id", "kind", "status", "due_at", "detail"})
stored_replies = sa.table("idempotency_keys", sa.column("key", sa.String()), sa.column("principal", sa.String()),
                          sa.column("response_body", sa.LargeBinary()))


def _withhold_details(value: Any) -> None:
    if isinstance(value, dict):
        if TASK_KEYS <= value.keys():
            value["detail"] = None
        for item in value.values():
            _withhold_details(item)
    elif isinstance(value, list):
        for item in value:
            _withhold_details(item)


def _scrub_stored_replies() -> None:
    bind = op.get_bind()
    scrubbed = []
    for key, principal, body in bind.execute(sa.select(stored_replies)).all():
        try:
            stored = json.loads(bytes(body))
        except ValueError:  # not a JSON reply: nothing of a task in it
            continue
        reply = json.loads(bytes(body))
        _withhold_details(reply)
        if reply != stored:
            scrubbed.append({"b_key": key, "b_principal": principal,
                             "b_body": json.dumps(reply, ensure_ascii=False, separators=(",", ":")).encode()})
    if scrubbed:
        bind.execute(stored_replies.update().where(
            stored_replies.c.key == sa.bindparam("b_key"), stored_replies.c.principal == sa.bindparam("b_principal"),
        ).values(response_body=sa.bindparam("b_body")), scrubbed)


def _table(name: str, row_id: str, clear: str, sealed: str) -> sa.TableClause:
    return sa.table(name, sa.column(row_id, sa.Uuid()), sa.column(clear, sa.Text()), sa.column(sealed, sa.Text()))


def _stored(name: str, row_id: str, column: str) -> list[sa.Row[tuple[object, object]]]:
    table = sa.table(name, sa.column(row_id, sa.Uuid()), sa.column(column, sa.Text()))
    return list(op.get_bind().execute(sa.select(table.c[row_id], table.c[column])).all())


def _seal(cipher: FieldCipher, name: str, row_id: str, clear: str, sealed: str, key: str,
          rows: list[sa.Row[tuple[object, object]]]) -> None:
    table = _table(name, row_id, clear, sealed)
    statement = table.update().where(table.c[row_id] == sa.bindparam("b_id")).values({sealed: sa.bindparam("b_sealed")})
    op.get_bind().execute(statement, [
        {"b_id": ident, "b_sealed": cipher.seal_json({key: text}, field_context(f"{name}.{sealed}", str(ident)))}
        for ident, text in rows])


def _open(cipher: FieldCipher, name: str, row_id: str, clear: str, sealed: str, key: str,
          rows: list[sa.Row[tuple[object, object]]]) -> None:
    table = _table(name, row_id, clear, sealed)
    statement = table.update().where(table.c[row_id] == sa.bindparam("b_id")).values({clear: sa.bindparam("b_clear")})
    op.get_bind().execute(statement, [
        {"b_id": ident, "b_clear": cipher.open_json(str(value), field_context(f"{name}.{sealed}", str(ident)))[key]}
        for ident, value in rows])


def upgrade() -> None:
    """Upgrade schema."""
    stored = {name: _stored(name, row_id, clear) for name, row_id, clear, _, _, _ in FIELDS}
    cipher = cipher_for_stored_rows("coaching", sum(map(len, stored.values())))  # before any change
    for name, row_id, clear, _, sealed, key in FIELDS:
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.add_column(sa.Column(sealed, sa.Text(), nullable=True))
        if cipher is not None and stored[name]:
            _seal(cipher, name, row_id, clear, sealed, key, stored[name])
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.alter_column(sealed, existing_type=sa.Text(), nullable=False)
            batch_op.drop_column(clear)
    _scrub_stored_replies()


def downgrade() -> None:
    """Downgrade schema: notes and details go back into clear text."""
    stored = {name: _stored(name, row_id, sealed) for name, row_id, _, _, sealed, _ in FIELDS}
    cipher = cipher_for_stored_rows("coaching", sum(map(len, stored.values())))
    for name, row_id, clear, kind, sealed, key in FIELDS:
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.add_column(sa.Column(clear, kind, nullable=True))
        if cipher is not None and stored[name]:
            _open(cipher, name, row_id, clear, sealed, key, stored[name])
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_column(sealed)
