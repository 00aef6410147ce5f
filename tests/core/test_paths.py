"""Choosing the catalogue folder: explicit, environment, portable mode, user data."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from kmdesk.paths import PORTABLE_DATA, PORTABLE_MARKER, resolve_data_dir


def test_explicit_folder_wins(tmp_path: Path) -> None:
    (tmp_path / PORTABLE_MARKER).touch()
    choice = resolve_data_dir(
        tmp_path / "mine", environ={"KMDESK_DATA_DIR": "/elsewhere"}, program=tmp_path
    )
    assert choice.path == tmp_path / "mine"
    assert choice.reason == "--data-dir"


def test_environment_variable_before_portable_mode(tmp_path: Path) -> None:
    (tmp_path / PORTABLE_MARKER).touch()
    choice = resolve_data_dir(environ={"KMDESK_DATA_DIR": str(tmp_path / "env")}, program=tmp_path)
    assert choice.path == tmp_path / "env"


def test_portable_marker_keeps_data_beside_the_program(tmp_path: Path) -> None:
    stick = tmp_path / "usb-stick" / "kmdesk"
    stick.mkdir(parents=True)
    (stick / PORTABLE_MARKER).touch()
    choice = resolve_data_dir(environ={}, program=stick)
    assert choice.path == stick / PORTABLE_DATA
    assert choice.reason == "portable"


def test_without_marker_the_user_data_folder_is_used(tmp_path: Path) -> None:
    program = tmp_path / "program"
    program.mkdir()
    choice = resolve_data_dir(environ={}, program=program)
    assert choice.reason == "user data"
    assert choice.path == Path(platformdirs.user_data_dir("kmdesk", appauthor=False))
    assert program not in choice.path.parents
