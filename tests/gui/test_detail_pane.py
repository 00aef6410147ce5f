"""The detail pane shows a demo product whole, follows its edits and deletion, loads nothing."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from kmdesk.catalogue import Catalogue
from kmdesk.demo import demo_id
from kmdesk.gui.detail_pane import DetailPane
from kmdesk.gui.operations import OperationsRunner
from kmdesk.gui.watcher import CatalogueWatcher
from kmdesk.records import AttachmentRecord

TRACKING = demo_id("product", "a-tracking-pb-commitments-electoral-transitions")
BUDGET = demo_id("product", "a-budget-participatif-communes-benin-mali")


@pytest.fixture
def pane(
    qtbot: QtBot,
    demo_catalogue: Catalogue,
    runner: OperationsRunner,
    demo_watcher: CatalogueWatcher,
) -> DetailPane:
    made = DetailPane(demo_catalogue, runner, demo_watcher)
    qtbot.addWidget(made)
    made.resize(600, 900)
    made.show()
    return made


def _label(pane: DetailPane, name: str) -> QLabel:
    found = pane.findChild(QLabel, name)
    assert found is not None, name
    return found


def _labels(pane: DetailPane, name: str) -> list[str]:
    return [label.text() for label in pane.findChildren(QLabel, name)]


def test_placeholder_when_nothing_is_selected(pane: DetailPane) -> None:
    assert "Select a product" in pane.placeholder_text()
    pane.show_product(TRACKING)
    assert pane.placeholder_text() == ""
    pane.show_product(None)
    assert "Select a product" in pane.placeholder_text()
    assert pane.findChild(QLabel, "title") is None


def test_shows_every_field_attachments_with_status_and_needs(
    qtbot: QtBot, pane: DetailPane, demo_catalogue: Catalogue
) -> None:
    record = demo_catalogue.products.get(TRACKING)
    pane.show_product(TRACKING)

    assert _label(pane, "title").text() == record.title
    assert _label(pane, "title").font().pointSizeF() > pane.font().pointSizeF()
    assert _label(pane, "subtitle").text() == record.subtitle
    assert _label(pane, "meta").text() == "Guide · 2023 · English"
    organisations = _label(pane, "organisations").text()
    assert "Civic Ledger Uganda (CLU) — author" in organisations
    assert "partner" in organisations
    assert record.partnerships[0].label in _label(pane, "partnerships").text()
    assert _label(pane, "themes").text() == record.themes[0].label
    assert _label(pane, "authors").text() == "; ".join(record.authors)
    assert _label(pane, "countries").text() == "Uganda, Nepal"
    assert _label(pane, "regions").text() == "Eastern Africa, Southern Asia"
    assert "budget tracking" in _label(pane, "keywords").text()
    assert _label(pane, "licence").text() == "CC-BY-4.0"
    assert record.url is not None and record.url in _label(pane, "url").text()
    assert _label(pane, "status").text() == "published"
    assert pane.summary_browser is not None
    assert pane.summary_browser.toPlainText().startswith("Participatory budgeting promises")

    assert _labels(pane, "attachment") == ["tracking-pb-commitments-electoral-transitions.pdf"]
    status = _label(pane, "attachmentStatus")
    qtbot.waitUntil(lambda: status.text().startswith("text"), timeout=10_000)
    assert "5" in status.text()  # "text, 5 page(s)": the status came from the extraction
    assert pane.findChildren(QPushButton, "openAttachment")

    needs = [demo_catalogue.needs.get(need).title for need in record.needs]
    assert needs and _labels(pane, "need") == [f"• {title}" for title in needs]
    links = _labels(pane, "link")
    assert len(links) == 1 and "Le budget participatif" in links[0]
    headings = _labels(pane, "heading")
    for heading in ("Summary", "Attachments", "Builds on", "Knowledge needs it answers"):
        assert heading in headings


def test_attachment_status_says_checking_first(
    pane: DetailPane, demo_catalogue: Catalogue, runner: OperationsRunner, qtbot: QtBot
) -> None:
    pane.show_product(TRACKING)
    assert _label(pane, "attachmentStatus").text() == "checking…"
    qtbot.waitUntil(lambda: not runner.running, timeout=10_000)


def test_clicking_a_linked_product_requests_it(qtbot: QtBot, pane: DetailPane) -> None:
    pane.show_product(TRACKING)
    link = _label(pane, "link")
    with qtbot.waitSignal(pane.product_requested) as requested:
        qtbot.mouseClick(link, Qt.MouseButton.LeftButton, pos=QPoint(8, link.height() // 2))
    assert requested.args == [BUDGET]
    assert isinstance(requested.args[0], uuid.UUID)


def test_open_and_edit_are_requests_with_the_search_text(qtbot: QtBot, pane: DetailPane) -> None:
    pane.show_product(TRACKING)
    pane.set_search_text("campaigning")
    button = pane.findChild(QPushButton, "openAttachment")
    assert button is not None
    with qtbot.waitSignal(pane.attachment_open_requested) as opened:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    attachment, text = opened.args
    assert isinstance(attachment, AttachmentRecord)
    assert attachment.file_name.endswith(".pdf") and text == "campaigning"

    assert pane.edit_button is not None and pane.edit_button.isVisible()
    with qtbot.waitSignal(pane.edit_requested) as edit:
        qtbot.mouseClick(pane.edit_button, Qt.MouseButton.LeftButton)
    assert edit.args == [TRACKING]
    pane.set_can_edit(False)
    assert not pane.edit_button.isVisible()


def test_follows_an_edit_then_the_deletion_of_the_shown_product(
    pane: DetailPane, demo_catalogue: Catalogue
) -> None:
    pane.show_product(TRACKING)
    demo_catalogue.products.update(TRACKING, {"title": "Renamed by a curator"})
    assert _label(pane, "title").text() == "Renamed by a curator"

    demo_catalogue.products.update(BUDGET, {"title": "Linked product renamed"})
    assert "Linked product renamed" in _label(pane, "link").text()

    demo_catalogue.products.delete(TRACKING)
    assert "deleted" in pane.placeholder_text()
    assert pane.record is None


def test_an_unknown_product_says_so(pane: DetailPane) -> None:
    pane.show_product(uuid.uuid4())
    assert "not in the catalogue" in pane.placeholder_text()


def test_a_hostile_summary_loads_nothing(pane: DetailPane, demo_catalogue: Catalogue) -> None:
    hostile = (
        '<p style="color:red">Report <img src="http://example.org/x.png"> '
        "<script>alert('x')</script> "
        '<a href="file:///etc/passwd">secrets</a> <a href="javascript:alert(1)">run</a> '
        '<iframe src="http://example.org/frame"></iframe> '
        '<a href="https://example.org/report">report</a></p>'
    )
    demo_catalogue.products.update(TRACKING, {"summary": hostile})
    pane.show_product(TRACKING)
    browser = pane.summary_browser
    assert browser is not None
    pane.grab()
    assert browser.resource_requests == []
    shown = browser.toHtml()
    for gone in ("<img", "script", "alert", "file:", "javascript:", "iframe", "color:red"):
        assert gone not in shown
    assert 'href="https://example.org/report"' in shown
    assert "secrets" in browser.toPlainText()


def test_translations_are_listed_with_their_language(pane: DetailPane) -> None:
    pane.show_product(demo_id("product", "r-sahel-corridor-mapping-guide-en"))
    assert "Translations" in _labels(pane, "heading")
    (translation,) = _labels(pane, "link")
    assert "Cartographier" in translation and translation.endswith("— French")
    assert pane.findChild(QLabel, "attachment") is None  # no attachments: no section
