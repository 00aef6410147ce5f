"""Hostile text, a full disk and a mislabelled schema give one clear line, never a traceback.

Everything runs on real SQLite files in temporary folders; the command line runs in real
processes, so that exit status, stderr and resource limits are the real thing.
"""

from __future__ import annotations

import errno
import json
import os
import re
import resource
import signal
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event, text

from kmdesk import validation as check
from kmdesk.catalogue import DATABASE_NAME, Catalogue
from kmdesk.db.migrate import HEAD_REVISION, upgrade_database
from kmdesk.db.sqlite import create_catalogue_engine, schema_change_transaction
from kmdesk.errors import CatalogueError, DiskFullError, ValidationError, disk_full_error

# -- helpers -------------------------------------------------------------------------------------

#: What must never reach a terminal raw: C0 controls (line feed and tab aside), DEL, C1 controls,
#: bidi embeddings, overrides and isolates, unpaired surrogates.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

#: A title and a summary as another tool (or an older kmdesk) might have stored them: a
#: terminal would turn red, retitle its window, ring, and show "evil.exe" reversed.
HOSTILE_TITLE = "Budget \x1b[31mred\x1b[0m \u202etxt.exe\u202c \x9b2J end"
HOSTILE_SUMMARY = "Budget tracking.\x1b]0;owned\x07\nSecond line\twith a tab \u2066isolated\u2069."


def kmdesk(
    *args: str, file_size_limit: int | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """``kmdesk ARGS`` in a real process, optionally unable to grow any file past a size.

    With a limit the kernel refuses writes past it with ``EFBIG``; SIGXFSZ, which would kill the
    process instead, is ignored, as a full disk does not kill anything either.
    """

    def limit_file_size() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        assert file_size_limit is not None
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    return subprocess.run(
        [sys.executable, "-m", "kmdesk", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limit_file_size if file_size_limit is not None else None,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> str:
    """Exit status 1 and one line on stderr holding ``words``; returns that line."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0]
    return lines[0]


def schema_of(database: Path) -> list[tuple[str, str, str | None]]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
        return [tuple(row) for row in rows]


def recorded_revision(database: Path) -> str:
    with sqlite3.connect(database) as connection:
        return str(connection.execute("SELECT version_num FROM alembic_version").fetchone()[0])


# -- 1. control characters -----------------------------------------------------------------------

SPOOFING = [
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\ufeff",
    "\u206e",
    "\U000e0041",
]


@pytest.mark.parametrize("character", SPOOFING, ids=lambda c: f"U+{ord(c):04X}")
def test_spoofing_format_characters_are_stripped(character: str) -> None:
    assert check.text("title", f"evil{character}gpj.exe") == "evilgpj.exe"
    assert check.long_text("summary", f"line{character}\nnext") == "line\nnext"
    assert check.keywords("keywords", [f"budget{character}", "Budget"]) == ["budget"]
    assert check.key("key", f"local-{character}governance") == "local-governance"


def test_only_spoofing_characters_is_blank() -> None:
    assert check.text("subtitle", "\u202e\u2066") is None
    with pytest.raises(ValidationError, match="is required"):
        check.text("title", "\u202e", required=True)


def test_joiners_and_direction_marks_are_kept() -> None:
    persian = "می\u200cخواهم"  # zero-width non-joiner inside a Persian word
    hindi = "क्\u200dष"  # zero-width joiner
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    hebrew = "\u05e9\u05dc\u05d5\u05dd 2024\u200f"  # right-to-left mark after a number
    for value in (persian, hindi, family, hebrew, "soft\u00adhyphen", "thai\u200bword"):
        assert check.text("title", value) == value
        assert check.long_text("summary", value) == value


CONTROLS = ["\x00", "\x01", "\x07", "\x08", "\x1b", "\x7f", "\x80", "\x9b", "\x9f"]


@pytest.mark.parametrize("character", CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize(
    ("field", "validate"),
    [
        ("title", lambda field, value: check.text(field, value)),
        ("summary", check.long_text),
        ("keywords", lambda field, value: check.keywords(field, [value])),
        ("key", check.key),
        ("url", check.url),
    ],
)
def test_control_characters_are_refused_naming_the_field(
    field: str, validate: Callable[[str, str], object], character: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        validate(field, f"before{character}after")
    assert caught.value.field == field
    message = str(caught.value)
    assert message.startswith(f"{field}: ")
    assert f"U+{ord(character):04X}" in message
    assert not UNSAFE.search(message)  # the value is quoted with its escapes


def test_a_long_value_is_quoted_around_the_control_character() -> None:
    with pytest.raises(ValidationError) as caught:
        check.long_text("summary", "a" * 5000 + "\x00" + "b" * 5000)
    assert len(str(caught.value)) < 200
    assert "\\x00" in str(caught.value)


def test_bytes_that_were_not_utf8_are_refused() -> None:
    # What a command line passes on for an argument in another encoding (surrogateescape).
    title = b"caf\xe9".decode("utf-8", "surrogateescape")
    with pytest.raises(ValidationError, match="not UTF-8") as caught:
        check.text("title", title)
    assert caught.value.field == "title"


def test_whitespace_controls_become_spaces_in_one_line() -> None:
    assert check.text("title", "a\tb\nc\r\nd\x0be\x0cf\x1cg\x85h") == "a b c d e f g h"


def test_multi_line_text_keeps_tabs_and_line_feeds_and_unifies_line_breaks() -> None:
    value = "one\r\ntwo\rthree\x0cfour\x0bfive\x85six\n\tindented"
    assert check.long_text("summary", value) == "one\ntwo\nthree\nfour\nfive\nsix\n\tindented"
    with pytest.raises(ValidationError, match=re.escape("U+001F")):
        check.long_text("summary", "unit\x1fseparator")


def test_catalogue_refuses_control_characters_and_changes_nothing(catalogue: Catalogue) -> None:
    with pytest.raises(ValidationError) as caught:
        catalogue.products.add({"title": "Clear \x1b[2J screen", "product_type": "guide"})
    assert caught.value.field == "title"
    with pytest.raises(ValidationError) as caught:
        catalogue.products.add({"title": "Ok", "product_type": "guide", "summary": "nul\x00"})
    assert caught.value.field == "summary"
    assert catalogue.products.ids() == []
    record = catalogue.products.add(
        {"title": "\u202eTracking\u202c budgets", "product_type": "guide", "keywords": ["a\u2066"]}
    )
    assert record.title == "Tracking budgets"
    assert record.keywords == ("a",)


def _catalogue_with_hostile_text(folder: Path) -> str:
    """A catalogue holding text that validation would refuse, written behind its back."""
    with Catalogue.open(folder) as catalogue:
        record = catalogue.products.add(
            {"title": "Budget placeholder", "product_type": "guide", "summary": "Budget."}
        )
    with sqlite3.connect(folder / DATABASE_NAME) as connection:
        connection.execute(
            "UPDATE product SET title = ?, subtitle = ?, summary = ?",
            (HOSTILE_TITLE, "sub\x1b[8mtitle", HOSTILE_SUMMARY),
        )
    return str(record.id)


def test_cli_never_prints_raw_control_characters(tmp_path: Path) -> None:
    folder = tmp_path / "catalogue"
    product_id = _catalogue_with_hostile_text(folder)
    data_dir = ("--data-dir", str(folder))

    shown = kmdesk(*data_dir, "show", product_id)
    assert shown.returncode == 0, shown.stderr
    assert not UNSAFE.search(shown.stdout)
    assert "\\x1b[31mred" in shown.stdout
    assert "\\u202etxt.exe\\u202c" in shown.stdout
    assert "\\x9b2J" in shown.stdout
    assert "sub\\x1b[8mtitle" in shown.stdout
    # The summary keeps its lines and tab; its escape sequence and isolates become visible.
    assert "Budget tracking.\\x1b]0;owned\\x07\nSecond line\twith a tab \\u2066" in shown.stdout

    for command in (("list",), ("search", "budget")):
        listed = kmdesk(*data_dir, *command)
        assert listed.returncode == 0, listed.stderr
        assert not UNSAFE.search(listed.stdout + listed.stderr), command
        assert "\\x1b[31mred" in listed.stdout, command
    snippet = kmdesk(*data_dir, "search", "owned")
    assert snippet.returncode == 0, snippet.stderr
    assert not UNSAFE.search(snippet.stdout)
    assert "\\x1b]0;[owned]\\x07" in snippet.stdout  # marks kept, text escaped


def test_json_output_escapes_controls_and_round_trips(tmp_path: Path) -> None:
    folder = tmp_path / "catalogue"
    product_id = _catalogue_with_hostile_text(folder)
    for command in (("show", product_id, "--json"), ("list", "--json")):
        result = kmdesk("--data-dir", str(folder), *command)
        assert result.returncode == 0, result.stderr
        assert not UNSAFE.search(result.stdout), command
        data = json.loads(result.stdout)
        record = data if isinstance(data, dict) else data[0]
        assert record["title"] == HOSTILE_TITLE
        assert record["summary"] == HOSTILE_SUMMARY


# -- 2. a full disk ------------------------------------------------------------------------------


def test_storage_full_failures_are_recognised(tmp_path: Path) -> None:
    # ENOSPC for real: /dev/full refuses every write with it.
    with pytest.raises(OSError) as no_space, open("/dev/full", "wb") as full:
        full.write(b"x")  # refused when the file is flushed on the way out
    found = disk_full_error(no_space.value, tmp_path)
    assert isinstance(found, DiskFullError)
    assert str(tmp_path) in str(found)
    assert os.strerror(errno.ENOSPC) in str(found)

    # SQLite's own SQLITE_FULL, raw and wrapped by SQLAlchemy: a page limit makes it real.
    database = tmp_path / "small.sqlite3"
    with pytest.raises(sqlite3.OperationalError) as raw, sqlite3.connect(database) as connection:
        connection.execute("PRAGMA max_page_count=4")
        connection.execute("CREATE TABLE t (x)")
        connection.execute("INSERT INTO t VALUES (?)", ("x" * 100_000,))
    assert isinstance(disk_full_error(raw.value, tmp_path), DiskFullError)
    engine = create_engine(f"sqlite:///{tmp_path / 'wrapped.sqlite3'}")
    event.listen(engine, "connect", lambda c, _r: c.execute("PRAGMA max_page_count=4"))
    with pytest.raises(Exception) as wrapped, engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (x)"))
        connection.execute(text("INSERT INTO t VALUES (:x)"), {"x": "x" * 100_000})
    engine.dispose()
    assert type(wrapped.value).__module__.startswith("sqlalchemy")
    assert "database or disk is full" in str(disk_full_error(wrapped.value, tmp_path))

    # As the cause of another error, too.
    try:
        try:
            raise OSError(errno.EDQUOT, os.strerror(errno.EDQUOT))
        except OSError as quota:
            raise RuntimeError("while indexing") from quota
    except RuntimeError as outer:
        assert isinstance(disk_full_error(outer, tmp_path), DiskFullError)

    # A file outside the catalogue folder names its own folder.
    elsewhere = OSError(errno.EFBIG, os.strerror(errno.EFBIG), "/media/stick/export.kmd")
    assert "/media/stick" in str(disk_full_error(elsewhere, tmp_path))


@pytest.mark.parametrize(
    "error",
    [
        OSError(errno.ENOENT, "No such file or directory", "x"),
        PermissionError(errno.EACCES, "Permission denied"),
        sqlite3.OperationalError("no such table: product"),
        ValueError("database or disk is full"),  # the words alone, not from the database
        RuntimeError("boom"),
    ],
    ids=repr,
)
def test_other_failures_are_not_taken_for_a_full_disk(tmp_path: Path, error: Exception) -> None:
    assert disk_full_error(error, tmp_path) is None


@pytest.fixture
def big_product(tmp_path: Path) -> Path:
    """A product whose summary (about 1.6 MB) cannot fit under a 1 MB file size limit."""
    path = tmp_path / "big.json"
    summary = "\n".join(
        "Participatory budgeting, monitored by communities. " * 30 for _ in range(1100)
    )
    path.write_text(json.dumps({"title": "Big", "product_type": "guide", "summary": summary}))
    return path


def test_full_disk_when_adding_a_product(tmp_path: Path, big_product: Path) -> None:
    folder = tmp_path / "catalogue"
    assert kmdesk("--data-dir", str(folder), "init").returncode == 0
    before = (folder / DATABASE_NAME).stat().st_size
    assert before < 1_000_000

    # SQLite reports the write refused with EFBIG (write-ahead log reaching the limit) as
    # SQLITE_IOERR_WRITE, "disk I/O error": see kmdesk.errors._full_detail.
    result = kmdesk(
        "--data-dir", str(folder), "add", "--from-json", str(big_product), file_size_limit=1_000_000
    )
    line = assert_one_line_error(result, "not enough disk space", str(folder))
    assert result.stdout == ""
    assert "was not saved" in line

    checked = kmdesk("--data-dir", str(folder), "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    with Catalogue.open(folder, create=False) as catalogue:
        assert catalogue.products.ids() == []
        added = catalogue.products.add({"title": "Small", "product_type": "guide"})
        assert catalogue.products.ids() == [added.id]


def test_full_disk_when_loading_the_demo(tmp_path: Path) -> None:
    folder = tmp_path / "catalogue"
    result = kmdesk("--data-dir", str(folder), "demo", file_size_limit=1_000_000)
    assert_one_line_error(result, "not enough disk space", str(folder))

    with Catalogue.open(folder, create=False) as catalogue:
        assert catalogue.products.ids() == []  # the one transaction was rolled back
    checked = kmdesk("--data-dir", str(folder), "check", "--no-hashes", "--json")
    problems = json.loads(checked.stdout)["problems"]
    assert [p for p in problems if p["kind"] != "orphan-file"] == []
    # Loading again, with room, works.
    loaded = kmdesk("--data-dir", str(folder), "demo")
    assert loaded.returncode == 0, loaded.stderr


def test_full_disk_when_loading_the_demo_leaves_no_stray_files(tmp_path: Path) -> None:
    folder = tmp_path / "catalogue"
    result = kmdesk("--data-dir", str(folder), "demo", file_size_limit=1_000_000)
    assert result.returncode == 1
    checked = kmdesk("--data-dir", str(folder), "check", "--no-hashes")
    assert checked.returncode == 0, checked.stderr


def test_full_disk_when_search_builds_the_index(tmp_path: Path) -> None:
    folder = tmp_path / "catalogue"
    with Catalogue.open(folder) as catalogue:
        for number in range(40):
            words = " ".join(f"budget{n} community{n * number} audit{n % 7}" for n in range(300))
            catalogue.products.add(
                {"title": f"Budget guide {number}", "product_type": "guide", "summary": words}
            )
    # Whoosh's segment file outgrows the limit: an OSError with EFBIG from a plain write.
    result = kmdesk("--data-dir", str(folder), "search", "budget1", file_size_limit=50_000)
    assert_one_line_error(result, "not enough disk space", str(folder), "File too large")

    searched = kmdesk("--data-dir", str(folder), "search", "budget1")
    assert searched.returncode == 0, searched.stderr
    assert "40 results" in searched.stderr
    checked = kmdesk("--data-dir", str(folder), "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr


# -- 3. a recorded revision that does not match the tables --------------------------------------


@pytest.fixture
def mislabelled(tmp_path: Path) -> Path:
    """A current catalogue whose ``alembic_version`` was set back to the first revision."""
    folder = tmp_path / "catalogue"
    assert kmdesk("--data-dir", str(folder), "init").returncode == 0
    with sqlite3.connect(folder / DATABASE_NAME) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0001'")
    return folder


def test_mislabelled_catalogue_is_one_line_from_the_cli(mislabelled: Path) -> None:
    database = mislabelled / DATABASE_NAME
    schema = schema_of(database)
    result = kmdesk("--data-dir", str(mislabelled), "info")
    line = assert_one_line_error(
        result, str(database), "revision 0001", "do not match", "Nothing was changed"
    )
    assert result.stdout == ""
    assert "already exists" in line  # what the database said, for whoever looks into it
    backups = list((mislabelled / "backups").iterdir())
    assert len(backups) == 1
    assert str(backups[0]) in line
    assert schema_of(database) == schema
    assert recorded_revision(database) == "0001"


def test_mislabelled_catalogue_raises_catalogue_error(mislabelled: Path) -> None:
    database = mislabelled / DATABASE_NAME
    schema = schema_of(database)
    with pytest.raises(CatalogueError) as caught:
        Catalogue.open(mislabelled)
    message = str(caught.value)
    assert str(database) in message
    assert "0001" in message
    assert "do not match" in message
    assert "\n" not in message
    assert schema_of(database) == schema
    assert recorded_revision(database) == "0001"


def test_failed_upgrade_leaves_no_half_made_schema(mislabelled: Path) -> None:
    # Without the collection tables, the first steps of migration 0002 succeed (they create
    # ``collection``) before one fails (``saved_search`` exists): they must be rolled back.
    database = mislabelled / DATABASE_NAME
    with sqlite3.connect(database) as connection:
        connection.execute("DROP TABLE collection_item")
        connection.execute("DROP TABLE collection")
    schema = schema_of(database)
    with pytest.raises(CatalogueError, match="saved_search already exists"):
        Catalogue.open(mislabelled)
    assert schema_of(database) == schema
    assert "collection" not in {name for _type, name, _sql in schema_of(database)}
    assert recorded_revision(database) == "0001"


def test_schema_change_transaction_rolls_back_ddl_and_spares_referring_rows(
    tmp_path: Path,
) -> None:
    database = tmp_path / "toy.sqlite3"
    engine = create_catalogue_engine(database)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT)"))
        connection.execute(
            text(
                "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL "
                "REFERENCES parent (id) ON DELETE CASCADE)"
            )
        )
        connection.execute(text("INSERT INTO parent VALUES (1, 'a'), (2, 'b')"))
        connection.execute(text("INSERT INTO child VALUES (10, 1), (20, 2)"))

    # DDL then a failure: all of it rolled back.
    with pytest.raises(RuntimeError), schema_change_transaction(engine) as connection:
        connection.execute(text("CREATE TABLE extra (x)"))
        connection.execute(text("ALTER TABLE parent ADD COLUMN note TEXT"))
        raise RuntimeError("migration failed")
    tables = {name: sql for _type, name, sql in schema_of(database)}
    assert "extra" not in tables
    assert "note" not in str(tables["parent"])

    # A table rebuilt the way Alembic's batch mode does it keeps the rows that refer to it.
    with schema_change_transaction(engine) as connection:
        connection.execute(text("CREATE TABLE _tmp_parent (id INTEGER PRIMARY KEY, name TEXT)"))
        connection.execute(text("INSERT INTO _tmp_parent SELECT id, name FROM parent"))
        connection.execute(text("DROP TABLE parent"))
        connection.execute(text("ALTER TABLE _tmp_parent RENAME TO parent"))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM child")).scalar_one() == 2
        # Foreign keys are on again afterwards.
        assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1

    # A rebuild that loses referred rows is refused, and rolled back.
    with pytest.raises(CatalogueError, match="missing"), schema_change_transaction(engine) as conn:
        conn.execute(text("DELETE FROM parent WHERE id = 2"))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM parent")).scalar_one() == 2
    engine.dispose()


def test_upgrade_keeps_rows_that_refer_to_rebuilt_tables(tmp_path: Path) -> None:
    """A catalogue at revision 0002 with a product, its theme and attachment, upgraded to head."""
    folder = tmp_path / "catalogue"
    folder.mkdir()
    database = folder / DATABASE_NAME
    engine = create_catalogue_engine(database)
    upgrade_database(engine, database, folder / "backups", revision="0002")
    engine.dispose()
    type_id, theme_id, product_id = (uuid.uuid4().hex for _ in range(3))
    stamp = "0001700000000000-0000-" + "a" * 32
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute(
            "INSERT INTO product_type (key, labels, id, stamp, field_stamps) "
            "VALUES ('guide', '{}', ?, ?, '{}')",
            (type_id, stamp),
        )
        connection.execute(
            "INSERT INTO theme (descriptions, key, labels, id, stamp, field_stamps) "
            "VALUES ('{}', 'budgets', '{}', ?, ?, '{}')",
            (theme_id, stamp),
        )
        connection.execute(
            "INSERT INTO product (title, sort_title, summary, product_type_id, status, id, "
            "stamp, field_stamps) VALUES ('T', 't', '', ?, 'published', ?, ?, '{}')",
            (type_id, product_id, stamp),
        )
        connection.execute("INSERT INTO product_theme VALUES (?, ?)", (product_id, theme_id))
        connection.execute(
            "INSERT INTO attachment (product_id, file_name, media_type, size, sha256, position, "
            "id, stamp, field_stamps) VALUES (?, 'a.pdf', 'application/pdf', 1, ?, 0, ?, ?, '{}')",
            (product_id, "0" * 64, uuid.uuid4().hex, stamp),
        )
    engine = create_catalogue_engine(database)
    outcome = upgrade_database(engine, database, folder / "backups")
    engine.dispose()
    assert outcome.to_revision == HEAD_REVISION
    with sqlite3.connect(database) as connection:
        for table in ("product", "theme", "product_theme", "attachment", "product_type"):
            assert connection.execute(f"SELECT count(*) FROM {table}").fetchone() == (1,), table
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert not any(name.startswith("_alembic_tmp") for name in tables)
