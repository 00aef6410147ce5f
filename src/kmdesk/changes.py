"""What an operation changed, announced to whoever keeps a view or a cache of the catalogue.

Every write of :class:`~kmdesk.catalogue.Catalogue` ends by announcing one :class:`Changes` to its
listeners (the search index, the GUI's models), which refresh from it instead of being poked by
the code that made the change.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(slots=True)
class Changes:
    """The records one operation added, changed or deleted, by kind."""

    products: set[uuid.UUID] = field(default_factory=set)
    deleted_products: set[uuid.UUID] = field(default_factory=set)
    vocabulary: bool = False
    needs: bool = False
    collections: bool = False
    saved_searches: bool = False
    #: Products whose annotations were added, changed or deleted.
    annotations: set[uuid.UUID] = field(default_factory=set)
    #: Files that records of this operation no longer use (deleted if nothing else does).
    attachment_hashes: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(
            self.products
            or self.deleted_products
            or self.vocabulary
            or self.needs
            or self.collections
            or self.saved_searches
            or self.annotations
        )


#: A function told about the changes of each committed operation.
ChangeListener = Callable[[Changes], None]
