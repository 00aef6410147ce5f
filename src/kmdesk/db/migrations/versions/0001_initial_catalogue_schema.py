"""Initial catalogue schema: products, vocabularies, needs, links, attachments, sync.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kmdesk_meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_kmdesk_meta")),
    )
    op.create_table(
        "organisation",
        sa.Column("acronym", sa.String(length=40), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("kind", sa.String(length=60), nullable=True),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("labels", sa.JSON(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.Column("field_stamps", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation")),
        sa.UniqueConstraint("key", name=op.f("uq_organisation_key")),
    )
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organisation_stamp"), ["stamp"], unique=False)

    op.create_table(
        "partnership",
        sa.Column("acronym", sa.String(length=40), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("start_year", sa.Integer(), nullable=True),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("labels", sa.JSON(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.Column("field_stamps", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partnership")),
        sa.UniqueConstraint("key", name=op.f("uq_partnership_key")),
    )
    with op.batch_alter_table("partnership", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_partnership_stamp"), ["stamp"], unique=False)

    op.create_table(
        "product_type",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("labels", sa.JSON(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.Column("field_stamps", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_type")),
        sa.UniqueConstraint("key", name=op.f("uq_product_type_key")),
    )
    with op.batch_alter_table("product_type", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_product_type_stamp"), ["stamp"], unique=False)

    op.create_table(
        "theme",
        sa.Column("descriptions", sa.JSON(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("labels", sa.JSON(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.Column("field_stamps", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_theme")),
        sa.UniqueConstraint("key", name=op.f("uq_theme_key")),
    )
    with op.batch_alter_table("theme", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_theme_stamp"), ["stamp"], unique=False)

    op.create_table(
        "tombstone",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tombstone")),
    )
    with op.batch_alter_table("tombstone", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tombstone_stamp"), ["stamp"], unique=False)

    op.create_table(
        "knowledge_need",
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("theme_id", sa.Uuid(), nullable=True),
        sa.Column("raised_by_partnership_id", sa.Uuid(), nullable=True),
        sa.Column("raised_by_organisation_id", sa.Uuid(), nullable=True),
        sa.Column("priority", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.Column("field_stamps", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["raised_by_organisation_id"],
            ["organisation.id"],
            name=op.f("fk_knowledge_need_raised_by_organisation_id_organisation"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["raised_by_partnership_id"],
            ["partnership.id"],
            name=op.f("fk_knowledge_need_raised_by_partnership_id_partnership"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["theme.id"],
            name=op.f("fk_knowledge_need_theme_id_theme"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_knowledge_need")),
    )
    with op.batch_alter_table("knowledge_need", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_knowledge_need_stamp"), ["stamp"], unique=False)
        batch_op.create_index(batch_op.f("ix_knowledge_need_theme_id"), ["theme_id"], unique=False)

    op.create_table(
        "organisation_partnership",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("partnership_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_organisation_partnership_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnership.id"],
            name=op.f("fk_organisation_partnership_partnership_id_partnership"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "organisation_id", "partnership_id", name=op.f("pk_organisation_partnership")
        ),
    )
    with op.batch_alter_table("organisation_partnership", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organisation_partnership_partnership_id"),
            ["partnership_id"],
            unique=False,
        )

    op.create_table(
        "partnership_theme",
        sa.Column("partnership_id", sa.Uuid(), nullable=False),
        sa.Column("theme_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnership.id"],
            name=op.f("fk_partnership_theme_partnership_id_partnership"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["theme.id"],
            name=op.f("fk_partnership_theme_theme_id_theme"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("partnership_id", "theme_id", name=op.f("pk_partnership_theme")),
    )
    with op.batch_alter_table("partnership_theme", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_partnership_theme_theme_id"), ["theme_id"], unique=False
        )

    op.create_table(
        "person",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.Column("field_stamps", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_person_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_stamp"), ["stamp"], unique=False)

    op.create_table(
        "product",
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("sort_title", sa.String(length=500), nullable=False),
        sa.Column("subtitle", sa.String(length=500), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("product_type_id", sa.Uuid(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("licence", sa.String(length=100), nullable=True),
        sa.Column("url", sa.String(length=2000), nullable=True),
        sa.Column("doi", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.Column("field_stamps", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_type_id"],
            ["product_type.id"],
            name=op.f("fk_product_product_type_id_product_type"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product")),
    )
    with op.batch_alter_table("product", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_product_product_type_id"), ["product_type_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_product_stamp"), ["stamp"], unique=False)
        batch_op.create_index(batch_op.f("ix_product_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_product_sort_title"), ["sort_title"], unique=False)
        batch_op.create_index(batch_op.f("ix_product_year"), ["year"], unique=False)

    op.create_table(
        "attachment",
        sa.Column("product_id", sa.Uuid(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.Column("field_stamps", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_attachment_product_id_product"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachment_product_id"), ["product_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachment_sha256"), ["sha256"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachment_stamp"), ["stamp"], unique=False)

    op.create_table(
        "need_product",
        sa.Column("knowledge_need_id", sa.Uuid(), nullable=False),
        sa.Column("product_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["knowledge_need_id"],
            ["knowledge_need.id"],
            name=op.f("fk_need_product_knowledge_need_id_knowledge_need"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_need_product_product_id_product"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("knowledge_need_id", "product_id", name=op.f("pk_need_product")),
    )
    with op.batch_alter_table("need_product", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_need_product_product_id"), ["product_id"], unique=False
        )

    op.create_table(
        "product_author",
        sa.Column("product_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_product_author_person_id_person"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_product_author_product_id_product"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("product_id", "person_id", name=op.f("pk_product_author")),
    )
    with op.batch_alter_table("product_author", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_product_author_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "product_country",
        sa.Column("product_id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=2), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_product_country_product_id_product"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("product_id", "code", name=op.f("pk_product_country")),
    )
    with op.batch_alter_table("product_country", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_product_country_code"), ["code"], unique=False)

    op.create_table(
        "product_keyword",
        sa.Column("product_id", sa.Uuid(), nullable=False),
        sa.Column("keyword", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_product_keyword_product_id_product"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("product_id", "keyword", name=op.f("pk_product_keyword")),
    )
    with op.batch_alter_table("product_keyword", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_product_keyword_keyword"), ["keyword"], unique=False)

    op.create_table(
        "product_language",
        sa.Column("product_id", sa.Uuid(), nullable=False),
        sa.Column("tag", sa.String(length=35), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_product_language_product_id_product"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("product_id", "tag", name=op.f("pk_product_language")),
    )
    with op.batch_alter_table("product_language", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_product_language_tag"), ["tag"], unique=False)

    op.create_table(
        "product_link",
        sa.Column("source_id", sa.Uuid(), nullable=False),
        sa.Column("target_id", sa.Uuid(), nullable=False),
        sa.Column("link_type", sa.String(length=20), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.Column("field_stamps", sa.JSON(), nullable=False),
        sa.CheckConstraint("source_id <> target_id", name=op.f("ck_product_link_not_self")),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["product.id"],
            name=op.f("fk_product_link_source_id_product"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["product.id"],
            name=op.f("fk_product_link_target_id_product"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_link")),
        sa.UniqueConstraint("source_id", "target_id", "link_type", name="uq_product_link_triple"),
    )
    with op.batch_alter_table("product_link", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_product_link_source_id"), ["source_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_product_link_stamp"), ["stamp"], unique=False)
        batch_op.create_index(batch_op.f("ix_product_link_target_id"), ["target_id"], unique=False)

    op.create_table(
        "product_organisation",
        sa.Column("product_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_product_organisation_organisation_id_organisation"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_product_organisation_product_id_product"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "product_id", "organisation_id", "role", name=op.f("pk_product_organisation")
        ),
    )
    with op.batch_alter_table("product_organisation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_product_organisation_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "product_partnership",
        sa.Column("product_id", sa.Uuid(), nullable=False),
        sa.Column("partnership_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnership.id"],
            name=op.f("fk_product_partnership_partnership_id_partnership"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_product_partnership_product_id_product"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "product_id", "partnership_id", name=op.f("pk_product_partnership")
        ),
    )
    with op.batch_alter_table("product_partnership", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_product_partnership_partnership_id"), ["partnership_id"], unique=False
        )

    op.create_table(
        "product_region",
        sa.Column("product_id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=3), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_product_region_product_id_product"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("product_id", "code", name=op.f("pk_product_region")),
    )
    with op.batch_alter_table("product_region", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_product_region_code"), ["code"], unique=False)

    op.create_table(
        "product_theme",
        sa.Column("product_id", sa.Uuid(), nullable=False),
        sa.Column("theme_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_product_theme_product_id_product"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["theme.id"],
            name=op.f("fk_product_theme_theme_id_theme"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("product_id", "theme_id", name=op.f("pk_product_theme")),
    )
    with op.batch_alter_table("product_theme", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_product_theme_theme_id"), ["theme_id"], unique=False)


def downgrade() -> None:
    op.drop_table("product_theme")
    op.drop_table("product_region")
    op.drop_table("product_partnership")
    op.drop_table("product_organisation")
    op.drop_table("product_link")
    op.drop_table("product_language")
    op.drop_table("product_keyword")
    op.drop_table("product_country")
    op.drop_table("product_author")
    op.drop_table("need_product")
    op.drop_table("attachment")
    op.drop_table("product")
    op.drop_table("person")
    op.drop_table("partnership_theme")
    op.drop_table("organisation_partnership")
    op.drop_table("knowledge_need")
    op.drop_table("tombstone")
    op.drop_table("theme")
    op.drop_table("product_type")
    op.drop_table("partnership")
    op.drop_table("organisation")
    op.drop_table("kmdesk_meta")
