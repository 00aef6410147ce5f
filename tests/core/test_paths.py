"""Choosing the catalogue folder: explicit, environment, portable mode, user data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import platformdirs

from kmdesk.paths import PORTABLE_DATA, PORTABLE_MARKER, program_dir, resolve_data_dir


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


def test_source_checkout_root_is_the_program_folder() -> None:
    root = program_dir()
    assert (root / "pyproject.toml").is_file()
    assert (root / "src" / "kmdesk" / "paths.py").is_file()


def test_frozen_build_is_portable_with_a_marker_beside_the_executable(tmp_path: Path) -> None:
    stick = tmp_path / "E:" / "kmdesk"
    stick.mkdir(parents=True)
    (stick / PORTABLE_MARKER).touch()
    code = (
        "import sys\n"
        f"sys.frozen = True; sys.executable = {str(stick / 'kmdesk.exe')!r}\n"
        "from kmdesk.paths import resolve_data_dir\n"
        "choice = resolve_data_dir(environ={})\n"
        "print(choice.path, choice.reason)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == f"{stick / PORTABLE_DATA} portable"
