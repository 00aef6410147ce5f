"""The display language: which languages exist, and switching to one while the app runs.

Our strings are extracted from ``src/kmdesk/gui/**/*.py`` into ``resources/i18n/kmdesk_<code>.ts``
(``scripts/translations.py update``) and compiled to ``.qm`` files in
``src/kmdesk/gui/translations/`` (``scripts/translations.py compile``; the build does it, the
folder is not in git). English is the source language; ``kmdesk_en.ts`` holds only its plural
forms ("1 product", "2 products"). In a developer checkout where a ``.qm`` was never compiled,
the ``.ts`` is compiled on the fly into the user's cache folder with ``pyside6-lrelease``.

:func:`install_language` loads our file and Qt's own (``qtbase_<code>.qm``: the buttons of
standard dialogs, context menus) into ``QTranslator`` objects, replacing the previous ones. Qt
then sends every widget a ``QEvent.LanguageChange``.

The retranslate pattern, which every widget with text follows::

    class SomeDialog(QDialog):
        def __init__(self, parent=None):
            super().__init__(parent)
            self.title = QLabel(self)   # build the widgets without their texts...
            self.retranslate()          # ...then set every text in one place

        def retranslate(self) -> None:
            self.setWindowTitle(self.tr("Some dialog"))
            self.title.setText(self.tr("Hello"))

        def changeEvent(self, event):
            if event.type() == QEvent.Type.LanguageChange:
                self.retranslate()
            super().changeEvent(event)

Texts that depend on data (counts, names) are rebuilt by the same method from what the widget
keeps. Vocabulary labels and country names come from the core in ``catalogue.language``: the
main window sets it when :class:`~kmdesk.gui.preferences.PreferencesDialog` announces
``language_changed`` and reloads its views.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from kmdesk import i18n
from kmdesk.gui.settings import apply_colour_scheme as apply_colour_scheme  # for app start-up
from kmdesk.paths import APP_NAME, resources_dir

log = logging.getLogger(__name__)

#: The folder of compiled translations inside the package (made by the build).
COMPILED_DIR = Path(__file__).resolve().parent / "translations"
SOURCE_LANGUAGE = "en"

# The translators installed by install_language(), kept alive here (Qt does not own them).
_installed: list[QTranslator] = []
_current = SOURCE_LANGUAGE


def available_languages() -> list[tuple[str, str]]:
    """The display languages offered, as (code, name in that language), in menu order."""
    return [("en", "English"), ("fr", "Français"), ("es", "Español"), ("pt", "Português")]


def language_codes() -> list[str]:
    """The codes of :func:`available_languages`."""
    return [code for code, _name in available_languages()]


def resolve_language(code: str) -> str:
    """The language to show: ``code`` itself, or for "" the system's (else English)."""
    codes = language_codes()
    if code in codes:
        return code
    if code:
        return SOURCE_LANGUAGE
    for name in QLocale.system().uiLanguages():
        primary = name.replace("_", "-").split("-")[0].lower()
        if primary in codes:
            return primary
    return SOURCE_LANGUAGE


def current_language() -> str:
    """The code of the language installed last (English before any)."""
    return _current


def install_language(app: QCoreApplication, code: str) -> bool:
    """Show the app in ``code`` ("" = the system's language); whether our translation was found.

    Previously installed translators are removed first, so switching back and forth is clean.
    When our file is missing the app stays usable in English and the reason is logged.
    """
    global _current
    language = resolve_language(code)
    uninstall_language(app)
    found = False
    ours = find_translation(language)
    if ours is not None:
        translator = QTranslator(app)
        if translator.load(str(ours)):
            app.installTranslator(translator)
            _installed.append(translator)
            found = True
        else:
            log.warning("cannot load the translation file %s", ours)
    elif language != SOURCE_LANGUAGE:
        log.warning(
            "no translation into %r: compile it with 'scripts/translations.py compile'", language
        )
    qt_translator = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language != SOURCE_LANGUAGE and qt_translator.load(f"qtbase_{language}", qt_folder):
        app.installTranslator(qt_translator)
        _installed.append(qt_translator)
    i18n.set_language(language)
    _current = language
    return found


def uninstall_language(app: QCoreApplication) -> None:
    """Remove the translators :func:`install_language` installed: the app shows the source texts."""
    global _current
    while _installed:
        translator = _installed.pop()
        app.removeTranslator(translator)
        translator.deleteLater()
    i18n.set_language(SOURCE_LANGUAGE)
    _current = SOURCE_LANGUAGE


def find_translation(code: str) -> Path | None:
    """Our compiled ``.qm`` for ``code``: the build's, else one compiled now from the ``.ts``."""
    compiled = COMPILED_DIR / f"kmdesk_{code}.qm"
    source = ts_file(code)
    if compiled.is_file() and (source is None or not _older(compiled, source)):
        return compiled
    if source is None:
        return compiled if compiled.is_file() else None
    return _compile_into_cache(source) or (compiled if compiled.is_file() else None)


def ts_file(code: str) -> Path | None:
    """The translation source of ``code`` in a checkout (``resources/i18n``), if there is one."""
    try:
        path = resources_dir() / "i18n" / f"kmdesk_{code}.ts"
    except FileNotFoundError:
        return None
    return path if path.is_file() else None


def lrelease_tool() -> Path | None:
    """``pyside6-lrelease`` beside the running Python (a venv), on the PATH, or in PySide6."""
    suffix = ".exe" if os.name == "nt" else ""
    beside = Path(sys.executable).parent / f"pyside6-lrelease{suffix}"
    if beside.is_file():
        return beside
    found = shutil.which("pyside6-lrelease")
    if found:
        return Path(found)
    import PySide6

    bundled = Path(PySide6.__file__).parent / f"lrelease{suffix}"
    return bundled if bundled.is_file() else None


def _compile_into_cache(source: Path) -> Path | None:
    """Compile ``source`` into the cache folder unless an up-to-date copy is there."""
    target = Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "translations"
    compiled = target / source.with_suffix(".qm").name
    if compiled.is_file() and not _older(compiled, source):
        return compiled
    tool = lrelease_tool()
    if tool is None:
        log.warning("%s is not compiled and pyside6-lrelease is not installed", source.name)
        return None
    target.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(
            [str(tool), "-silent", str(source), "-qm", str(compiled)],
            check=True,
            capture_output=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("cannot compile %s: %s", source.name, exc)
        return None
    return compiled if compiled.is_file() else None


def _older(compiled: Path, source: Path) -> bool:
    return compiled.stat().st_mtime < source.stat().st_mtime
