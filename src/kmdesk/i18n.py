"""The core's translation helper.

The Qt layer translates its own strings with ``tr()``; messages raised by the core (validation
errors, command-line output) go through :func:`_` so that they can be translated with gettext
catalogues shipped in ``kmdesk/locale`` without the core importing Qt.
"""

from __future__ import annotations

import gettext
from pathlib import Path

DOMAIN = "kmdesk"
LOCALE_DIR = Path(__file__).parent / "locale"

#: Languages the user interface is (or will be) translated into, in menu order.
UI_LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "pt")

_translation: gettext.NullTranslations = gettext.translation(
    DOMAIN, localedir=LOCALE_DIR, fallback=True
)


def set_language(language: str | None) -> None:
    """Switch the core's messages to ``language`` (falls back to English when not translated)."""
    global _translation
    languages = [language] if language else None
    _translation = gettext.translation(
        DOMAIN, localedir=LOCALE_DIR, languages=languages, fallback=True
    )


def _(message: str) -> str:
    """Translate a user-visible message of the core."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose wording depends on a count."""
    return _translation.ngettext(singular, plural, n)
