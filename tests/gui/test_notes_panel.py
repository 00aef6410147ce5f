"""The notes panel: add, edit and delete a note through the editor; safe rendering; tags, rating,
sharing; it follows notes written elsewhere."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kmdesk.catalogue import Catalogue
from kmdesk.demo import demo_id
from kmdesk.gui.edit_history import EditHistory
from kmdesk.gui.note_fields import stars
from kmdesk.gui.notes_panel import NotesPanel
from kmdesk.gui.operations import OperationsRunner
from kmdesk.gui.watcher import CatalogueWatcher

TRACKING = demo_id("product", "a-tracking-pb-commitments-electoral-transitions")
BUDGET = demo_id("product", "a-budget-participatif-communes-benin-mali")
TIMEOUT = 5000


@pytest.fixture
def panel(
    qtbot: QtBot,
    demo_catalogue: Catalogue,
    runner: OperationsRunner,
    demo_watcher: CatalogueWatcher,
) -> NotesPanel:
    made = NotesPanel(demo_catalogue, runner, demo_watcher)
    qtbot.addWidget(made)
    made.resize(520, 760)
    made.show()
    return made


def _show(qtbot: QtBot, panel: NotesPanel, product: object) -> None:
    with qtbot.waitSignal(panel.notes_loaded, timeout=TIMEOUT):
        panel.show_product(product)  # type: ignore[arg-type]


def _save(qtbot: QtBot, panel: NotesPanel) -> None:
    with qtbot.waitSignal(panel.notes_changed, timeout=TIMEOUT) as changed:
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert changed.args == [panel.product_id]
    qtbot.waitUntil(lambda: not panel.saving and not panel.editing, timeout=TIMEOUT)
    # The list is read again and the saved note selected (a reload the watcher started for the
    # same change may show the list first, unselected).
    qtbot.waitUntil(lambda: panel.selected_note() is not None, timeout=TIMEOUT)


def _wait_for_notes(qtbot: QtBot, panel: NotesPanel, count: int) -> None:
    qtbot.waitUntil(lambda: len(panel.notes) == count, timeout=TIMEOUT)


def test_add_edit_and_delete_a_note_through_the_editor(
    qtbot: QtBot, panel: NotesPanel, demo_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    _show(qtbot, panel, TRACKING)
    assert panel.notes == [] and panel.count_label.text() == "0 note(s)"
    assert not panel.editing

    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert panel.editing and not panel.fields.share_check.isChecked(), "private by default"
    qtbot.keyClicks(panel.fields.body_edit, "Use *step 3* with the ward councils")
    qtbot.keyClicks(panel.fields.tags_picker.line_edit, "ward councils")
    qtbot.keyClick(panel.fields.tags_picker.line_edit, Qt.Key.Key_Return)
    qtbot.mouseClick(panel.fields.rating.buttons[3], Qt.MouseButton.LeftButton)
    _save(qtbot, panel)
    _wait_for_notes(qtbot, panel, 1)

    [stored] = demo_catalogue.annotations.list(product=TRACKING)
    assert stored.body == "Use *step 3* with the ward councils"
    assert stored.tags == ("ward councils",)
    assert stored.rating == 4
    assert stored.visibility == "private"
    assert panel.count_label.text() == "1 note(s)"
    assert panel.note_list.count() == 1
    assert stars(4) in panel.note_list.item(0).text()
    shown = panel.notes_view.toPlainText()
    assert "step 3" in shown and "ward councils" in shown and "private" in shown
    assert "<em>step 3</em>" in panel.notes_view.toHtml() or "italic" in panel.notes_view.toHtml()

    # edit: the selected note opens in the editor with its values
    assert panel.selected_note() is not None and panel.selected_note().id == stored.id
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    assert panel.fields.body_edit.toPlainText() == stored.body
    assert panel.fields.tags_picker.values() == ["ward councils"]
    assert panel.fields.rating.rating() == 4
    panel.fields.body_edit.selectAll()
    qtbot.keyClicks(panel.fields.body_edit, "Rewritten after the visit")
    qtbot.mouseClick(panel.fields.rating.clear_button, Qt.MouseButton.LeftButton)
    _save(qtbot, panel)
    qtbot.waitUntil(lambda: "Rewritten" in panel.notes_view.toPlainText(), timeout=TIMEOUT)
    edited = demo_catalogue.annotations.get(stored.id)
    assert (edited.body, edited.rating, edited.tags) == (
        "Rewritten after the visit",
        None,
        ("ward councils",),
    )

    # delete: refused, then confirmed
    questions: list[str] = []
    answers = iter([False, True])

    def confirm(question: str) -> bool:
        questions.append(question)
        return next(answers)

    monkeypatch.setattr(panel, "confirm", confirm)
    panel.select_note(stored.id)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert len(demo_catalogue.annotations.list(product=TRACKING)) == 1
    with qtbot.waitSignal(panel.notes_changed, timeout=TIMEOUT):
        qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert "Rewritten after the visit" in questions[0]
    _wait_for_notes(qtbot, panel, 0)
    assert demo_catalogue.annotations.list(product=TRACKING) == []
    assert not panel.delete_button.isEnabled()


def test_adding_editing_and_deleting_a_note_can_be_undone_in_turn(
    qtbot: QtBot,
    demo_catalogue: Catalogue,
    runner: OperationsRunner,
    demo_watcher: CatalogueWatcher,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    history = EditHistory(demo_catalogue, runner)
    panel = NotesPanel(demo_catalogue, runner, demo_watcher, history=history)
    qtbot.addWidget(panel)
    panel.show()
    _show(qtbot, panel, BUDGET)

    def undo(expected_text: str) -> None:
        assert history.undo_text == expected_text
        with qtbot.waitSignal(history.undone, timeout=TIMEOUT):
            history.undo()

    title = demo_catalogue.products.get(BUDGET).title[:20]
    panel.start_new_note()
    qtbot.keyClicks(panel.fields.body_edit, "First draft")
    panel.fields.share_check.setChecked(True)
    _save(qtbot, panel)
    _wait_for_notes(qtbot, panel, 1)
    (note,) = demo_catalogue.annotations.list(product=BUDGET)

    panel.select_note(note.id)
    panel.edit_selected()
    panel.fields.body_edit.setPlainText("Second draft")
    panel.fields.share_check.setChecked(False)
    _save(qtbot, panel)
    qtbot.waitUntil(lambda: "Second draft" in panel.notes_view.toPlainText(), timeout=TIMEOUT)

    monkeypatch.setattr(panel, "confirm", lambda question: True)
    panel.select_note(note.id)
    with qtbot.waitSignal(panel.notes_changed, timeout=TIMEOUT):
        panel.delete_selected()
    _wait_for_notes(qtbot, panel, 0)
    assert len(history.edits) == 3
    assert history.undo_text.startswith("Undo deletion of a note on “" + title)

    undo(history.undo_text)  # the deletion: the note is back, as it was just before
    _wait_for_notes(qtbot, panel, 1)
    (back,) = demo_catalogue.annotations.list(product=BUDGET)
    assert (back.body, back.visibility) == ("Second draft", "private")
    assert back.id != note.id, "a new id: the old one may have left as a tombstone"

    assert history.undo_text.startswith("Undo edit of a note on “" + title)
    undo(history.undo_text)
    qtbot.waitUntil(lambda: "First draft" in panel.notes_view.toPlainText(), timeout=TIMEOUT)
    (first,) = demo_catalogue.annotations.list(product=BUDGET)
    assert (first.id, first.body, first.visibility) == (back.id, "First draft", "shared"), (
        "the edit follows the note made again"
    )

    undo(history.undo_text)  # the new note goes
    _wait_for_notes(qtbot, panel, 0)
    assert demo_catalogue.annotations.list(product=BUDGET) == []
    assert not history.can_undo


def test_newest_first_and_a_note_written_elsewhere_appears(
    qtbot: QtBot, panel: NotesPanel, demo_catalogue: Catalogue
) -> None:
    first = demo_catalogue.annotations.add(TRACKING, body="first")
    _show(qtbot, panel, TRACKING)
    assert [n.id for n in panel.notes] == [first.id]
    # written by another part of the app: the watcher's announcement reloads the panel
    with qtbot.waitSignal(panel.notes_loaded, timeout=TIMEOUT):
        second = demo_catalogue.annotations.add(TRACKING, body="second", tags=["gulu"])
    assert [n.id for n in panel.notes] == [second.id, first.id]
    # a note on another product does not count
    demo_catalogue.annotations.add(BUDGET, body="elsewhere")
    qtbot.wait(50)
    assert len(panel.notes) == 2
    panel.show_product(None)
    assert panel.notes == [] and not panel.add_button.isEnabled()


def test_hostile_body_renders_without_script_or_image(
    qtbot: QtBot, panel: NotesPanel, demo_catalogue: Catalogue
) -> None:
    hostile = (
        "<script>alert('x')</script> before\n\n"
        "<img src=http://x/track.png> middle\n\n"
        "![pic](http://x/y.png)\n\n"
        "[click](javascript:alert(1)) after"
    )
    demo_catalogue.annotations.add(TRACKING, body=hostile, tags=["<b>tag</b>"])
    _show(qtbot, panel, TRACKING)
    markup = panel.notes_view.toHtml().lower()
    assert "<script" not in markup and "<img" not in markup and 'href="javascript' not in markup
    text = panel.notes_view.toPlainText()
    assert "<script>alert('x')</script> before" in text, "typed HTML shows as text"
    assert "pic (http://x/y.png)" in text, "an image is a link showing its target"
    assert "<b>tag</b>" in panel.notes_view.toPlainText(), "tags shown as text"
    assert panel.notes_view.resource_requests == []

    # the editor's preview is as safe
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    panel.fields.body_edit.setPlainText(hostile + "\n\n**bold**")
    qtbot.mouseClick(panel.fields.preview_button, Qt.MouseButton.LeftButton)
    assert panel.fields.preview.isVisible()
    preview = panel.fields.preview.toHtml().lower()
    assert "<script" not in preview and "<img" not in preview and 'href="javascript' not in preview
    assert "bold" in panel.fields.preview.toPlainText()
    assert panel.fields.preview.resource_requests == []
    qtbot.mouseClick(panel.fields.preview_button, Qt.MouseButton.LeftButton)
    assert panel.fields.body_edit.isVisible()


def test_tag_completion_offers_an_existing_tag(
    qtbot: QtBot, panel: NotesPanel, demo_catalogue: Catalogue
) -> None:
    demo_catalogue.annotations.add(BUDGET, body="x", tags=["Participatory budgeting"])
    _show(qtbot, panel, TRACKING)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    picker = panel.fields.tags_picker
    qtbot.keyClicks(picker.line_edit, "budget")
    completer = picker.completer
    assert completer.completionCount() >= 1
    assert completer.currentCompletion() == "Participatory budgeting"
    popup = completer.popup()
    if popup is not None:
        popup.hide()


def test_rating_and_sharing_are_saved(
    qtbot: QtBot, panel: NotesPanel, demo_catalogue: Catalogue
) -> None:
    _show(qtbot, panel, TRACKING)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.fields.rating.buttons[1], Qt.MouseButton.LeftButton)
    assert panel.fields.rating.rating() == 2
    qtbot.mouseClick(panel.fields.rating.buttons[1], Qt.MouseButton.LeftButton)
    assert panel.fields.rating.rating() == 0, "the current star again clears"
    qtbot.mouseClick(panel.fields.rating.buttons[4], Qt.MouseButton.LeftButton)
    panel.fields.share_check.setChecked(True)
    _save(qtbot, panel)
    [note] = demo_catalogue.annotations.list(product=TRACKING)
    assert (note.rating, note.visibility, note.body) == (5, "shared", "")
    _wait_for_notes(qtbot, panel, 1)
    assert "shared" in panel.note_list.item(0).text()


def test_an_empty_note_shows_the_error_beside_the_text(
    qtbot: QtBot, panel: NotesPanel, demo_catalogue: Catalogue
) -> None:
    _show(qtbot, panel, TRACKING)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "body" in panel.errors.shown() and not panel.saving, timeout=TIMEOUT)
    assert "needs a text" in panel.errors.shown()["body"]
    assert panel.editing
    assert demo_catalogue.annotations.list(product=TRACKING) == []
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert not panel.editing and panel.errors.shown() == {}


def test_screenshot(qtbot: QtBot, panel: NotesPanel, demo_catalogue: Catalogue) -> None:
    demo_catalogue.annotations.add(
        TRACKING,
        body="Step 3 worked **well** in Gulu; see [the guide](https://example.org/guide).",
        tags=["Gulu", "ward councils"],
        rating=4,
        shared=True,
    )
    demo_catalogue.annotations.add(TRACKING, body="- ask the CSO\n- compare with 2022")
    _show(qtbot, panel, TRACKING)
    panel.select_note(panel.notes[0].id)
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    folder = os.environ.get("KMDESK_SHOTS")
    if folder:
        os.makedirs(folder, exist_ok=True)
        panel.grab().save(os.path.join(folder, "notes_panel.png"))
    assert panel.editing
