"""Schema migrations: old catalogues are upgraded after a backup, newer ones are refused."""

from __future__ import annotations

import hashlib
import sqlite3
import uuid
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, insert

from kmdesk.catalogue import BACKUPS_DIR, DATABASE_NAME, Catalogue
from kmdesk.db.migrate import HEAD_REVISION, alembic_config, head_revision, upgrade_database
from kmdesk.db.models import Base
from kmdesk.db.sqlite import create_catalogue_engine
from kmdesk.errors import CatalogueError, SchemaTooNewError
from kmdesk.vocabulary import builtin_id

FIRST_REVISION = "0001"


def _folder_fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _catalogue_at_first_revision_with_data(folder: Path) -> uuid.UUID:
    """A catalogue as the first kmdesk release wrote it: schema 0001 and a product."""
    folder.mkdir(parents=True)
    database = folder / DATABASE_NAME
    engine = create_catalogue_engine(database)
    upgrade_database(engine, database, folder / BACKUPS_DIR, revision=FIRST_REVISION)
    # The tables as revision 0001 made them (today's model has columns they lack).
    old_schema = MetaData()
    old_schema.reflect(engine)
    tables = old_schema.tables
    product_id = uuid.uuid4()
    theme_id = uuid.uuid4()
    type_id = builtin_id("product-type", "guide")
    stamp = "0001700000000000-0000-" + "a" * 32
    with engine.begin() as connection:
        connection.execute(
            insert(tables["kmdesk_meta"]).values(key="installation_id", value="a" * 32)
        )
        connection.execute(
            insert(tables["product_type"]).values(
                id=type_id.hex, key="guide", labels={"en": "Guide"}, stamp=stamp, field_stamps={}
            )
        )
        connection.execute(
            insert(tables["theme"]).values(
                id=theme_id.hex,
                key="environmental-rights",
                labels={"en": "Environmental rights"},
                descriptions={},
                stamp=stamp,
                field_stamps={},
            )
        )
        connection.execute(
            insert(tables["product"]).values(
                id=product_id.hex,
                title="Community protocols for FPIC",
                sort_title="community protocols for fpic",
                summary="How to write one.",
                product_type_id=type_id.hex,
                year=2019,
                status="published",
                stamp=stamp,
                field_stamps={"title": stamp},
            )
        )
        connection.execute(
            insert(tables["product_theme"]).values(product_id=product_id.hex, theme_id=theme_id.hex)
        )
        connection.execute(
            insert(tables["product_country"]).values(
                product_id=product_id.hex, code="CM", position=0
            )
        )
    engine.dispose()
    return product_id


def test_there_is_more_than_one_revision_to_upgrade_through() -> None:
    revisions = list(ScriptDirectory.from_config(alembic_config()).walk_revisions())
    assert len(revisions) >= 2
    assert revisions[-1].revision == FIRST_REVISION
    assert revisions[0].revision == HEAD_REVISION == head_revision()


def test_old_catalogue_is_backed_up_then_upgraded_with_its_data(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    product_id = _catalogue_at_first_revision_with_data(folder)

    with Catalogue.open(folder, create=False) as catalogue:
        assert catalogue.migration.from_revision == FIRST_REVISION
        assert catalogue.migration.to_revision == head_revision()
        assert catalogue.migration.upgraded
        backup = catalogue.migration.backup
        product = catalogue.products.get(product_id)
        assert product.title == "Community protocols for FPIC"
        assert [t.key for t in product.themes] == ["environmental-rights"]
        assert product.countries == ("CM",)
        assert catalogue.installation_id == "a" * 32
        # Stamps of the old naming scheme are brought to the field names, every field stamped.
        stamps = catalogue.sync.record("product", product_id).field_stamps
        assert {"title", "summary", "product_type", "themes", "countries", "countries/CM"} <= set(
            stamps
        )
        assert "sort_title" not in stamps and "product_type_id" not in stamps
        assert set(stamps.values()) == {"0001700000000000-0000-" + "a" * 32}
        # What the newer revisions added works on the upgraded catalogue.
        collection = catalogue.collections.add("Upgraded", "", [product_id])
        assert catalogue.collections.all() == [collection]

    assert backup is not None and backup.parent == folder / BACKUPS_DIR
    with sqlite3.connect(backup) as connection:
        (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        (title,) = connection.execute("SELECT title FROM product").fetchone()
    assert revision == FIRST_REVISION
    assert title == "Community protocols for FPIC"


def test_current_catalogue_is_not_backed_up_again(tmp_path: Path) -> None:
    Catalogue.open(tmp_path / "c").close()
    with Catalogue.open(tmp_path / "c") as catalogue:
        assert not catalogue.migration.upgraded
        assert catalogue.migration.backup is None
    assert not (tmp_path / "c" / BACKUPS_DIR).exists()


def test_migrations_build_exactly_the_model(catalogue: Catalogue) -> None:
    with catalogue.engine_for_maintenance.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_catalogue_from_a_newer_kmdesk_is_refused_and_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "newer"
    with Catalogue.open(folder) as catalogue:
        catalogue.vocabularies.add("theme", "local-governance", {"en": "Local governance"})
    with sqlite3.connect(folder / DATABASE_NAME) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    connection.close()
    before = _folder_fingerprint(folder)

    with pytest.raises(SchemaTooNewError) as caught:
        Catalogue.open(folder)

    assert "newer version of kmdesk" in str(caught.value)
    assert "0099_from_the_future" in str(caught.value)
    assert _folder_fingerprint(folder) == before


def test_a_file_that_is_not_a_catalogue_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "other"
    folder.mkdir()
    with sqlite3.connect(folder / DATABASE_NAME) as connection:
        connection.execute("CREATE TABLE addresses (name TEXT)")
    connection.close()
    with pytest.raises(CatalogueError, match="not a kmdesk catalogue"):
        Catalogue.open(folder)

    (folder / DATABASE_NAME).write_text("just some text, not a database")
    with pytest.raises(CatalogueError, match="not a readable catalogue"):
        Catalogue.open(folder)


def test_missing_catalogue_is_not_created_when_not_asked(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="kmdesk init"):
        Catalogue.open(tmp_path / "typo", create=False)
    assert not (tmp_path / "typo").exists()


def test_database_uses_wal_foreign_keys_and_full_sync(catalogue: Catalogue) -> None:
    with catalogue.engine_for_maintenance.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert raw.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
