"""The desktop app's own settings: a small typed wrapper over ``QSettings``.

These are per-user choices about the app, not about a catalogue (those live in the catalogue's
``kmdesk_meta``): the display language, the colour scheme, the last catalogue folder, the main
window's geometry and layout, the folder bundles were last read from or written to.

Stored as an INI file: in portable mode (a ``kmdesk-portable`` file beside the program) beside
the program in ``kmdesk-data/kmdesk.ini``, so a USB stick carries them too; otherwise
``kmdesk.ini`` in the platform's per-user configuration folder (platformdirs). Tests pass an
explicit file and never touch the real user's settings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import platformdirs
from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QGuiApplication

from kmdesk.paths import APP_NAME, PORTABLE_DATA, PORTABLE_MARKER, program_dir

ColourScheme = Literal["system", "light", "dark"]
COLOUR_SCHEMES: tuple[ColourScheme, ...] = ("system", "light", "dark")

SETTINGS_FILE = "kmdesk.ini"

_LANGUAGE = "appearance/language"
_COLOUR_SCHEME = "appearance/colour_scheme"
_LAST_CATALOGUE = "catalogue/last_folder"
_WINDOW_GEOMETRY = "window/geometry"
_WINDOW_STATE = "window/state"
_BUNDLE_FOLDER = "bundles/last_folder"


def apply_colour_scheme(scheme: ColourScheme) -> None:
    """Ask Qt for a light or dark look, or to follow the system ("system")."""
    hints = QGuiApplication.styleHints()
    if not hasattr(hints, "setColorScheme"):  # Qt before 6.8 always follows the system
        return
    wanted = {
        "system": Qt.ColorScheme.Unknown,
        "light": Qt.ColorScheme.Light,
        "dark": Qt.ColorScheme.Dark,
    }[scheme]
    hints.setColorScheme(wanted)


def default_settings_path() -> Path:
    """The settings file: beside the program in portable mode, else in the user's config folder.

    Read from the environment each time (``XDG_CONFIG_HOME``, ``HOME``...), so a test that
    points them elsewhere never reaches the real user's settings.
    """
    base = program_dir()
    if (base / PORTABLE_MARKER).exists():
        return base / PORTABLE_DATA / SETTINGS_FILE
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / SETTINGS_FILE


class Settings:
    """Typed access to the app's settings: ``x()`` reads a setting, ``set_x(value)`` writes it."""

    def __init__(self, path: Path | str | None = None) -> None:
        """Use the INI file ``path`` when given, the default location (see module) otherwise."""
        chosen = Path(path) if path is not None else default_settings_path()
        chosen.parent.mkdir(parents=True, exist_ok=True)
        self._qsettings = QSettings(str(chosen), QSettings.Format.IniFormat)

    @property
    def path(self) -> Path:
        """The file the settings are kept in."""
        return Path(self._qsettings.fileName())

    def sync(self) -> None:
        """Write pending changes to disk now (Qt also does it on exit)."""
        self._qsettings.sync()

    # -- appearance ------------------------------------------------------------------------------

    def language(self) -> str:
        """The display language code ("en", "fr"...), or "" to follow the system."""
        return self._text(_LANGUAGE)

    def set_language(self, code: str) -> None:
        """Remember the display language ("" = the system's)."""
        self._qsettings.setValue(_LANGUAGE, code)

    def colour_scheme(self) -> ColourScheme:
        """ "system" (follow the system), "light" or "dark"."""
        value = self._text(_COLOUR_SCHEME)
        return value if value in COLOUR_SCHEMES else "system"

    def set_colour_scheme(self, scheme: ColourScheme) -> None:
        """Remember the colour scheme; anything but "system", "light", "dark" is refused."""
        if scheme not in COLOUR_SCHEMES:
            raise ValueError(f"unknown colour scheme {scheme!r}")
        self._qsettings.setValue(_COLOUR_SCHEME, scheme)

    # -- folders -----------------------------------------------------------------------------------

    def last_catalogue(self) -> Path | None:
        """The catalogue folder open when the app last closed (``None`` when never set)."""
        return self._path(_LAST_CATALOGUE)

    def set_last_catalogue(self, folder: Path | str | None) -> None:
        """Remember the catalogue folder in use."""
        self._qsettings.setValue(_LAST_CATALOGUE, str(folder) if folder else "")

    def bundle_folder(self) -> Path | None:
        """The folder a bundle was last imported from or exported to."""
        return self._path(_BUNDLE_FOLDER)

    def set_bundle_folder(self, folder: Path | str | None) -> None:
        """Remember where bundles were last read or written."""
        self._qsettings.setValue(_BUNDLE_FOLDER, str(folder) if folder else "")

    # -- the main window -------------------------------------------------------------------------

    def window_geometry(self) -> QByteArray:
        """``QMainWindow.saveGeometry()`` of the last session (empty, so false, when none)."""
        return self._bytes(_WINDOW_GEOMETRY)

    def set_window_geometry(self, blob: QByteArray | bytes) -> None:
        """Remember the main window's ``saveGeometry()``."""
        self._qsettings.setValue(_WINDOW_GEOMETRY, QByteArray(blob))

    def window_state(self) -> QByteArray:
        """``QMainWindow.saveState()`` of the last session: docks, toolbars (empty when none)."""
        return self._bytes(_WINDOW_STATE)

    def set_window_state(self, blob: QByteArray | bytes) -> None:
        """Remember the main window's ``saveState()``."""
        self._qsettings.setValue(_WINDOW_STATE, QByteArray(blob))

    # -- helpers -----------------------------------------------------------------------------------

    def _text(self, key: str) -> str:
        value = self._qsettings.value(key, "")
        return value if isinstance(value, str) else ""

    def _path(self, key: str) -> Path | None:
        value = self._text(key)
        return Path(value) if value else None

    def _bytes(self, key: str) -> QByteArray:
        value = self._qsettings.value(key, QByteArray())
        if isinstance(value, QByteArray):
            return value
        if isinstance(value, bytes):
            return QByteArray(value)
        return QByteArray()
