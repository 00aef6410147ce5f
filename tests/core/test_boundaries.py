"""The architecture's promises that code review alone would not keep.

* The core does not know Qt: importing every core module loads no PySide6.
* Storage stays dialect-neutral: only ``kmdesk.db.sqlite`` talks to SQLite directly.
* The program opens no network connection: no core module imports a network library.
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import kmdesk

PACKAGE = Path(kmdesk.__file__).parent
CORE_MODULES = sorted(
    name
    for _, name, _ in pkgutil.walk_packages([str(PACKAGE)], prefix="kmdesk.")
    if not name.startswith(("kmdesk.gui", "kmdesk.db.migrations"))
)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_core_modules_import_without_qt() -> None:
    assert "kmdesk.catalogue" in CORE_MODULES and "kmdesk.cli" in CORE_MODULES
    code = (
        "import importlib, sys\n"
        f"for name in {CORE_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "[]"


def test_only_the_sqlite_module_speaks_sqlite() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative == "db/sqlite.py":
            continue
        text = path.read_text(encoding="utf-8")
        if "sqlite3" in _imports(path) or "PRAGMA" in text or "sqlalchemy.dialects" in text:
            offenders.append(relative)
    assert offenders == []


def test_no_module_imports_a_network_library() -> None:
    network = {
        "socket",
        "http",
        "http.client",
        "urllib.request",
        "requests",
        "httpx",
        "ftplib",
        "smtplib",
        "aiohttp",
        "urllib3",
    }
    offenders = {
        path.relative_to(PACKAGE).as_posix(): sorted(_imports(path) & network)
        for path in PACKAGE.rglob("*.py")
        if _imports(path) & network
    }
    assert offenders == {}
