"""The catalogue: a small facade over a catalogue folder that hands out its parts.

``Catalogue.open(folder)`` gives a :class:`~kmdesk.catalogue.facade.Catalogue`; its parts live in
this package, one module each (products, vocabularies, needs, collections, syncing), and the
registry of product fields in :mod:`kmdesk.catalogue.product_fields`.
"""

from kmdesk.catalogue.facade import (
    ATTACHMENTS_DIR,
    BACKUPS_DIR,
    DATABASE_NAME,
    INDEX_DIR,
    LOCK_NAME,
    Catalogue,
)

__all__ = ["ATTACHMENTS_DIR", "BACKUPS_DIR", "DATABASE_NAME", "INDEX_DIR", "LOCK_NAME", "Catalogue"]
