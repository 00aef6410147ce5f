"""Sort keys that order titles as people expect in any of the catalogue's languages.

SQL's ``lower()`` only folds ASCII on SQLite, which puts "Économie" after "Youth". Products keep
a sort key (accents and case folded, leading punctuation dropped) beside their title so that
every dialect orders them the same way with a plain indexed column.
"""

from __future__ import annotations

import unicodedata


def sort_key(text: str) -> str:
    """``"« Égalité » d'abord"`` → ``"egalite » d'abord"``: accent- and case-folded."""
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    start = 0
    while start < len(folded) and not folded[start].isalnum():
        start += 1
    return folded[start:]
