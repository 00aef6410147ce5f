"""Sync foundation: local change sequence, the stamps changes replaced, conflicts kept.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03

Field stamps written by earlier versions used column names; :mod:`kmdesk.sync.writer` brings
them to the field names of :mod:`kmdesk.sync.kinds` the first time the catalogue is opened
(``kmdesk_meta`` key ``stamps_version``), through the write layer rather than here, so that this
script never depends on code that changes later.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TOMBSTONE_TABLE = "tombstone"
SYNCABLE_TABLES = (
    "attachment",
    "collection",
    "knowledge_need",
    "organisation",
    "partnership",
    "person",
    "product",
    "product_link",
    "product_type",
    "saved_search",
    "theme",
    "tombstone",
)


def upgrade() -> None:
    for table in SYNCABLE_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("seq", sa.Integer(), nullable=False, server_default="0"))
            if table != TOMBSTONE_TABLE:
                batch_op.add_column(
                    sa.Column("field_bases", sa.JSON(), nullable=False, server_default="{}")
                )
            batch_op.create_index(batch_op.f(f"ix_{table}_seq"), ["seq"], unique=False)
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("seq", server_default=None)
            if table != TOMBSTONE_TABLE:
                batch_op.alter_column("field_bases", server_default=None)
    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("field", sa.String(length=300), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.Column("winning_stamp", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflict")),
    )
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_conflict_record_id"), ["record_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_conflict_record_id"))
    op.drop_table("sync_conflict")
    for table in SYNCABLE_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_seq"))
            batch_op.drop_column("seq")
            if table != TOMBSTONE_TABLE:
                batch_op.drop_column("field_bases")
