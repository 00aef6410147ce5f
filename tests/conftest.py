"""Shared fixtures: a fresh catalogue folder per test, on real SQLite files."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kmdesk.catalogue import Catalogue

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test may read or write the real user's catalogue."""
    monkeypatch.delenv("KMDESK_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


@pytest.fixture
def catalogue(tmp_path: Path) -> Iterator[Catalogue]:
    """An empty catalogue in a fresh folder."""
    with Catalogue.open(tmp_path / "catalogue") as opened:
        yield opened


@pytest.fixture
def vocab_catalogue(catalogue: Catalogue) -> Catalogue:
    """A catalogue with a small vocabulary: two themes, a partnership, two organisations."""
    catalogue.vocabularies.add(
        "theme",
        "gender-equality-inclusion",
        {"en": "Gender equality and inclusion", "fr": "Égalité de genre et inclusion"},
    )
    catalogue.vocabularies.add(
        "theme",
        "local-governance",
        {"en": "Communities in local governance", "fr": "Communautés et gouvernance locale"},
    )
    catalogue.vocabularies.add(
        "partnership",
        "open-budgets-local-action",
        {"en": "Open Budgets, Local Action"},
        acronym="OBLA",
        themes=["local-governance"],
    )
    catalogue.vocabularies.add(
        "organisation",
        "civic-ledger-uganda",
        {"en": "Civic Ledger Uganda"},
        acronym="CLU",
        country="UG",
        partnerships=["open-budgets-local-action"],
    )
    catalogue.vocabularies.add(
        "organisation",
        "cegol",
        {"en": "Centre d'études sur la gouvernance locale"},
        acronym="CEGOL",
        country="BF",
    )
    return catalogue


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A catalogue folder with the demo loaded, made once per test session."""
    from kmdesk.demo import load_demo

    folder = tmp_path_factory.mktemp("demo-template") / "catalogue"
    with Catalogue.open(folder) as opened:
        load_demo(opened)
        opened.ensure_index()
    return folder


@pytest.fixture
def demo_folder(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo catalogue folder for one test."""
    target = tmp_path / "demo"
    shutil.copytree(demo_template, target)
    return target


@pytest.fixture
def demo_catalogue(demo_folder: Path) -> Iterator[Catalogue]:
    """The demo catalogue, opened on a private copy."""
    with Catalogue.open(demo_folder) as opened:
        yield opened
