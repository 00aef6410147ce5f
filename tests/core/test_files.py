"""Files written whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from kmdesk.files import write_atomically


def test_text_and_bytes_are_written_whole_with_their_line_ends(tmp_path: Path) -> None:
    target = tmp_path / "notes.csv"
    write_atomically(target, "a,b\r\nc,é\r\n")
    assert target.read_bytes() == "a,b\r\nc,é\r\n".encode()
    write_atomically(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.csv"]


def test_a_failed_write_leaves_the_target_as_it_was_and_names_it(tmp_path: Path) -> None:
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "inside").write_text("kept")
    with pytest.raises(OSError) as raised:
        write_atomically(taken, "new")  # a folder stands there: it cannot be replaced
    assert raised.value.filename == str(taken)
    assert (taken / "inside").read_text() == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"], "no partial file left"
    with pytest.raises(OSError) as raised:
        write_atomically(tmp_path / "missing" / "notes.md", "text")
    assert raised.value.filename == str(tmp_path / "missing" / "notes.md")
