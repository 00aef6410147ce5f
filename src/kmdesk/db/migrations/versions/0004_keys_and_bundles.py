"""Trusted public keys; bundles imported here (replays refused) and how to undo them.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "trusted_key",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("public_key", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("installation", sa.String(length=32), nullable=False),
        sa.Column("added", sa.String(length=40), nullable=False),
        sa.Column("revoked", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trusted_key")),
    )
    op.create_table(
        "imported_bundle",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("creator", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("created", sa.String(length=40), nullable=False),
        sa.Column("imported", sa.String(length=40), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_imported_bundle")),
    )
    op.create_table(
        "import_undo",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("bundle_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("tombstone", sa.Boolean(), nullable=False),
        sa.Column("state", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_undo")),
    )
    with op.batch_alter_table("import_undo", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_undo_bundle_id"), ["bundle_id"], unique=False)
    op.create_table(
        "contribution",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("bundle_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
        sa.Column("contributor", sa.String(length=200), nullable=False),
        sa.Column("installation", sa.String(length=32), nullable=False),
        sa.Column("received", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contribution")),
    )
    with op.batch_alter_table("contribution", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contribution_bundle_id"), ["bundle_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_contribution_record_id"), ["record_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_contribution_status"), ["status"], unique=False)


def downgrade() -> None:
    op.drop_table("contribution")
    op.drop_table("import_undo")
    op.drop_table("imported_bundle")
    op.drop_table("trusted_key")
