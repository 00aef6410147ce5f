"""kmdesk: an offline-first desktop catalogue of knowledge products.

The package is a headless core (everything outside :mod:`kmdesk.gui`) that the command line, the
tests and the Qt desktop app all use through one facade, :class:`kmdesk.catalogue.Catalogue`.
"""

from __future__ import annotations

__version__ = "0.1.0"
