"""GUI tests run offscreen with pytest-qt; each gets its own catalogue."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
