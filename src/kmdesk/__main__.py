"""Allow ``python -m kmdesk`` as a synonym of the ``kmdesk`` command."""

from __future__ import annotations

from kmdesk.cli import main

if __name__ == "__main__":
    main()
