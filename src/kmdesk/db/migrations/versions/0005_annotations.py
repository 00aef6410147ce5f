"""Annotations: notes, tags, ratings and highlights on products, private or shared.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "annotation",
        sa.Column("product_id", sa.Uuid(), nullable=False),
        sa.Column("attachment_sha256", sa.String(length=64), nullable=True),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.Column("quote_before", sa.Text(), nullable=True),
        sa.Column("quote_after", sa.Text(), nullable=True),
        sa.Column("position", sa.JSON(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("installation", sa.String(length=32), nullable=False),
        sa.Column("visibility", sa.String(length=10), nullable=False),
        sa.Column("was_shared", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.Column("field_stamps", sa.JSON(), nullable=False),
        sa.Column("field_bases", sa.JSON(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "rating IS NULL OR (rating >= 1 AND rating <= 5)",
            name=op.f("ck_annotation_rating_range"),
        ),
        sa.CheckConstraint(
            "visibility IN ('private', 'shared')", name=op.f("ck_annotation_visibility_value")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_annotation_product_id_product"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_annotation")),
    )
    with op.batch_alter_table("annotation", schema=None) as batch_op:
        for column in ("product_id", "attachment_sha256", "visibility", "stamp", "seq"):
            batch_op.create_index(batch_op.f(f"ix_annotation_{column}"), [column], unique=False)

    op.create_table(
        "annotation_tag",
        sa.Column("annotation_id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("tag", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["annotation_id"],
            ["annotation.id"],
            name=op.f("fk_annotation_tag_annotation_id_annotation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("annotation_id", "key", name=op.f("pk_annotation_tag")),
    )
    with op.batch_alter_table("annotation_tag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_annotation_tag_key"), ["key"], unique=False)


def downgrade() -> None:
    op.drop_table("annotation_tag")
    with op.batch_alter_table("annotation", schema=None) as batch_op:
        for column in ("seq", "stamp", "visibility", "attachment_sha256", "product_id"):
            batch_op.drop_index(batch_op.f(f"ix_annotation_{column}"))
    op.drop_table("annotation")
