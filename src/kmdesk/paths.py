"""Where the catalogue folder lives.

One folder holds everything of a catalogue: the database, attachments, the search index and
settings. It is chosen, first match wins, by

1. an explicit folder (``--data-dir`` on the command line),
2. the ``KMDESK_DATA_DIR`` environment variable,
3. portable mode: a file named ``kmdesk-portable`` beside the program (the folder of the frozen
   executable, or the root of a source checkout) puts the data in ``kmdesk-data/`` beside it, so a
   USB stick carries program and catalogue together,
4. the platform's per-user data folder (platformdirs).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "kmdesk"
ENV_DATA_DIR = "KMDESK_DATA_DIR"
PORTABLE_MARKER = "kmdesk-portable"
PORTABLE_DATA = "kmdesk-data"


@dataclass(frozen=True, slots=True)
class DataDirChoice:
    """The chosen catalogue folder and why it was chosen (shown by ``kmdesk info``)."""

    path: Path
    reason: str


def program_dir() -> Path:
    """The folder the program runs from: the frozen build's folder, or the source checkout root."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    package = Path(__file__).resolve().parent
    checkout = package.parent.parent  # src/kmdesk -> src -> checkout
    if (checkout / "pyproject.toml").is_file():
        return checkout
    return package


def resources_dir() -> Path:
    """The folder of bundled resources (demo catalogue...), installed, frozen or in a checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (
        package / "resources",  # installed wheel or frozen build
        package.parent.parent / "resources",  # source checkout (src layout)
    ):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("kmdesk's resources folder is missing from this installation")


def resolve_data_dir(
    explicit: str | os.PathLike[str] | None = None,
    *,
    environ: dict[str, str] | None = None,
    program: Path | None = None,
) -> DataDirChoice:
    """Choose the catalogue folder by the rules in this module's docstring."""
    env = os.environ if environ is None else environ
    if explicit:
        return DataDirChoice(Path(explicit).expanduser().absolute(), "--data-dir")
    if env.get(ENV_DATA_DIR):
        return DataDirChoice(Path(env[ENV_DATA_DIR]).expanduser().absolute(), ENV_DATA_DIR)
    base = program if program is not None else program_dir()
    if (base / PORTABLE_MARKER).exists():
        return DataDirChoice(base / PORTABLE_DATA, "portable")
    return DataDirChoice(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)), "user data")
