"""The product and need forms: errors beside fields, saving vocabulary, undo, pickers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from kmdesk.catalogue import Catalogue
from kmdesk.gui.edit_history import EditHistory
from kmdesk.gui.need_form import NeedForm
from kmdesk.gui.product_form import ProductForm
from kmdesk.gui.term_picker import ChoicePicker, TermPicker, country_choices
from tests.samples import FULL_PRODUCT

TIMEOUT = 5000


def open_form(qtbot: Any, form: Any) -> Any:
    qtbot.addWidget(form)
    form.show()
    return form


def fill_minimal(form: ProductForm, title: str = "Budget guide") -> None:
    form.title.setText(title)
    form.product_type.set_value("guide")


def save_and_wait_for_error(qtbot: Any, form: Any, field: str) -> str:
    form.save()
    qtbot.waitUntil(lambda: field in form.errors.shown() and not form.saving, timeout=TIMEOUT)
    return form.errors.shown()[field]


def complete(picker: ChoicePicker, typed: str) -> list[str]:
    """What the completer offers for ``typed`` (as the popup would list it)."""
    picker.completer.setCompletionPrefix(typed)
    model = picker.completer.completionModel()
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


def choose(picker: ChoicePicker, typed: str, row: int = 0) -> None:
    """Pick the ``row``-th completion for ``typed``, as a click in the popup does."""
    picker.completer.setCompletionPrefix(typed)
    index: QModelIndex = picker.completer.completionModel().index(row, 0)
    picker.completer.activated[QModelIndex].emit(index)


# -- errors beside the field -----------------------------------------------------------------------


BAD_INPUT = [
    ("year", lambda f: f.year.setText("3000"), "not a plausible year"),
    ("title", lambda f: f.title.setText("   "), "required"),
    ("countries", lambda f: f.countries.set_values(["Narnia"]), "country code"),
    ("date", lambda f: f.date.setText("30/06/2022"), "YYYY-MM-DD"),
    ("themes", lambda f: f.themes.set_values(["no-such-theme"]), "no-such-theme"),
]


def test_bad_input_shows_beside_its_field_and_saves_nothing(
    vocab_catalogue: Catalogue, runner: Any, qtbot: Any
) -> None:
    for field, fill, expected in BAD_INPUT:
        form = open_form(qtbot, ProductForm(vocab_catalogue, runner))
        fill_minimal(form)
        fill(form)
        message = save_and_wait_for_error(qtbot, form, field)
        assert expected in message, field
        assert list(form.errors.shown()) == [field]  # beside that field only, no banner
        label = form.errors.label(field)
        assert label is not None and label.isVisibleTo(form)
        widget = getattr(form, field)
        assert form.focusWidget() in (widget, widget.focusProxy())
        assert form.isVisible()  # the form stays open for a correction
        form.close()
    assert vocab_catalogue.products.ids() == []


def test_the_field_in_error_is_shown_on_its_tab_and_a_correction_saves(
    vocab_catalogue: Catalogue, runner: Any, qtbot: Any
) -> None:
    form = open_form(qtbot, ProductForm(vocab_catalogue, runner))
    fill_minimal(form)
    form.languages.set_values(["not a language!"])
    save_and_wait_for_error(qtbot, form, "languages")
    assert vocab_catalogue.products.ids() == []
    assert form.tabs.currentIndex() == 1
    assert form.focusWidget() is form.languages.line_edit
    form.languages.set_values(["fr"])
    with qtbot.waitSignal(form.saved, timeout=TIMEOUT):
        form.save()
    assert form.errors.shown() == {}
    assert len(vocab_catalogue.products.ids()) == 1


# -- saving -------------------------------------------------------------------------------------


def test_a_valid_form_saves_the_chosen_vocabulary(
    vocab_catalogue: Catalogue, runner: Any, qtbot: Any
) -> None:
    form = open_form(qtbot, ProductForm(vocab_catalogue, runner))
    form.title.setText("Tracking budget promises")
    choose(form.product_type, "case")
    assert form.product_type.line_edit.text() == "Case study"
    choose(form.themes, "INCLUSION")
    qtbot.keyClicks(form.partnerships.line_edit, "obla")
    qtbot.keyClick(form.partnerships.line_edit, Qt.Key.Key_Return)
    choose(form.countries, "burkina")
    form.countries.line_edit.setText("Uganda")  # typed, Enter forgotten: still taken
    form.organisations.add("cegol", "publisher")
    form.languages.set_values(["fr"])
    form.year.setText("2023")
    form.status.setCurrentIndex(form.status.findData("draft"))
    assert form.themes.chip_labels() == ["Gender equality and inclusion  ✕"]
    with qtbot.waitSignal(form.saved, timeout=TIMEOUT) as saved:
        form.save()
    record = vocab_catalogue.products.get(saved.args[0])
    assert record.title == "Tracking budget promises"
    assert record.product_type.key == "case-study"
    assert [t.key for t in record.themes] == ["gender-equality-inclusion"]
    assert [t.key for t in record.partnerships] == ["open-budgets-local-action"]
    assert record.countries == ("BF", "UG")
    assert [(o.organisation.key, o.role) for o in record.organisations] == [("cegol", "publisher")]
    assert (record.year, record.status, record.languages) == (2023, "draft", ("fr",))


def test_editing_shows_every_field_saving_unchanged_or_cancel_writes_nothing(
    vocab_catalogue: Catalogue, runner: Any, qtbot: Any
) -> None:
    product = vocab_catalogue.products.add(FULL_PRODUCT)
    form = open_form(qtbot, ProductForm(vocab_catalogue, runner, product.id))
    assert form.title.text() == FULL_PRODUCT["title"]
    assert form.countries.values() == ["UG", "BF"]
    assert form.organisations.values() == [
        ("civic-ledger-uganda", "author"),
        ("cegol", "publisher"),
    ]
    with qtbot.waitSignal(form.saved, timeout=TIMEOUT):
        form.save()
    assert vocab_catalogue.products.get(product.id) == product  # nothing differed: no write

    cancelled = open_form(qtbot, ProductForm(vocab_catalogue, runner, product.id))
    cancelled.title.setText("Something else")
    cancelled.themes.set_values([])
    cancelled.reject()
    assert not cancelled.isVisible()
    assert vocab_catalogue.products.get(product.id) == product


def test_files_links_and_needs_are_written_on_save_unreadable_files_refused(
    vocab_catalogue: Catalogue, runner: Any, qtbot: Any, tmp_path: Path
) -> None:
    other = vocab_catalogue.products.add(
        {"title": "Suivre les promesses budgétaires", "product_type": "guide"}
    )
    need = vocab_catalogue.needs.add({"title": "Monitoring budget promises"})
    notes = tmp_path / "notes.txt"
    notes.write_text("Field notes on budget hearings.", encoding="utf-8")

    form = open_form(qtbot, ProductForm(vocab_catalogue, runner))
    fill_minimal(form, "Tracking budget promises")
    form.add_file(tmp_path / "gone.pdf")
    form.save()  # refused before anything is written
    assert "cannot be read" in form.errors.shown()["attachments"]
    assert form.tabs.currentIndex() == 2
    form.attachments.setCurrentRow(0)
    form.remove_selected_files()
    assert form.attachments.count() == 0
    form.ask_files = lambda: [str(notes)]  # type: ignore[method-assign]
    form.choose_files()
    qtbot.keyClicks(form.link_search, "promesses")
    qtbot.waitUntil(lambda: form._link_model.rowCount() == 1, timeout=TIMEOUT)
    form.link_type.setCurrentIndex(form.link_type.findData("translation-of"))
    form.add_typed_link()
    assert form.links.topLevelItemCount() == 1
    item = next(form.needs.item(r) for r in range(form.needs.count()))
    item.setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(form.saved, timeout=TIMEOUT) as saved:
        form.save()

    record = vocab_catalogue.products.get(saved.args[0])
    assert [a.file_name for a in record.attachments] == ["notes.txt"]
    assert [(link.product_id, link.link_type, link.outgoing) for link in record.links] == [
        (other.id, "translation-of", True)
    ]
    assert vocab_catalogue.needs.get(need.id).products == (record.id,)


# -- undo ---------------------------------------------------------------------------------------


def test_edit_then_undo_restores_the_old_title_and_needs(
    vocab_catalogue: Catalogue, runner: Any, qtbot: Any
) -> None:
    product = vocab_catalogue.products.add(FULL_PRODUCT)
    need = vocab_catalogue.needs.add({"title": "Budget monitoring"})
    history = EditHistory(vocab_catalogue, runner)
    assert not history.can_undo and history.undo_text == "Undo"

    form = open_form(qtbot, ProductForm(vocab_catalogue, runner, product.id, history=history))
    form.title.setText("Budget promises, revised")
    form.year.setText("2023")
    form.date.clear()
    form.needs.item(0).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(history.changed, timeout=TIMEOUT):
        form.save()
    assert vocab_catalogue.products.get(product.id).title == "Budget promises, revised"
    assert vocab_catalogue.needs.get(need.id).products == (product.id,)
    assert history.can_undo
    assert history.undo_text == "Undo edit of “Budget promises, revised”"

    with qtbot.waitSignal(history.undone, timeout=TIMEOUT):
        history.undo()
    restored = vocab_catalogue.products.get(product.id)
    assert restored.title == FULL_PRODUCT["title"]
    assert (restored.year, str(restored.date)) == (2022, "2022-06-30")
    assert vocab_catalogue.needs.get(need.id).products == ()
    assert not history.can_undo


def test_create_then_undo_deletes_it_and_undo_has_several_levels(
    vocab_catalogue: Catalogue, runner: Any, qtbot: Any
) -> None:
    history = EditHistory(vocab_catalogue, runner)
    action = history.undo_action(history)
    form = open_form(qtbot, ProductForm(vocab_catalogue, runner, history=history))
    fill_minimal(form, "A guide made by mistake")
    with qtbot.waitSignal(form.saved, timeout=TIMEOUT):
        form.save()
    assert len(vocab_catalogue.products.ids()) == 1
    assert action.isEnabled()
    assert action.text() == "Undo creation of “A guide made by mistake”"
    with qtbot.waitSignal(history.undone, timeout=TIMEOUT):
        action.trigger()
    assert vocab_catalogue.products.ids() == []
    assert not action.isEnabled()

    # Several levels: the newest edit is undone first.
    product = vocab_catalogue.products.add(FULL_PRODUCT)
    for title in ("First revision", "Second revision"):
        form = open_form(qtbot, ProductForm(vocab_catalogue, runner, product.id, history=history))
        form.title.setText(title)
        with qtbot.waitSignal(form.saved, timeout=TIMEOUT):
            form.save()
    for expected in ("First revision", FULL_PRODUCT["title"]):
        with qtbot.waitSignal(history.undone, timeout=TIMEOUT):
            history.undo()
        assert vocab_catalogue.products.get(product.id).title == expected
    assert not history.can_undo

    # Deleting a product cannot be undone, and its earlier edits leave the history.
    form = open_form(qtbot, ProductForm(vocab_catalogue, runner, product.id, history=history))
    form.title.setText("Third revision")
    with qtbot.waitSignal(form.saved, timeout=TIMEOUT):
        form.save()
    assert history.can_undo
    with qtbot.waitSignal(history.changed, timeout=TIMEOUT):
        history.delete_product(product.id)
    assert vocab_catalogue.products.ids() == []
    assert not history.can_undo


# -- pickers ------------------------------------------------------------------------------------


def test_term_picker_completes_labels_and_acronyms_anywhere_ignoring_case(
    vocab_catalogue: Catalogue, qtbot: Any
) -> None:
    picker = TermPicker(vocab_catalogue, "organisation", accessible_name="Organisations")
    qtbot.addWidget(picker)
    assert complete(picker, "clu") == ["Civic Ledger Uganda (CLU)"]
    assert complete(picker, "GOUVERNANCE") == ["Centre d'études sur la gouvernance locale (CEGOL)"]
    assert complete(picker, "zzz") == []
    choose(picker, "ledger")
    choose(picker, "cegol")
    assert picker.values() == ["civic-ledger-uganda", "cegol"]
    picker._chip_buttons[0].click()
    assert picker.values() == ["cegol"]
    picker.set_values(["civic-ledger-uganda"])
    assert picker.chip_labels() == ["Civic Ledger Uganda (CLU)  ✕"]

    countries = ChoicePicker(country_choices("fr"), accessible_name="Pays")
    qtbot.addWidget(countries)
    assert "Allemagne (DE)" in complete(countries, "allem")
    qtbot.keyClicks(countries.line_edit, "burkina faso")
    qtbot.keyClick(countries.line_edit, Qt.Key.Key_Return)
    assert countries.values() == ["BF"]


# -- the need form ------------------------------------------------------------------------------


def test_need_form_creates_edits_and_undoes(
    vocab_catalogue: Catalogue, runner: Any, qtbot: Any
) -> None:
    history = EditHistory(vocab_catalogue, runner)
    form = open_form(qtbot, NeedForm(vocab_catalogue, runner, history=history))
    form.description.setPlainText("Partners ask how to follow budget promises.")
    save_and_wait_for_error(qtbot, form, "title")
    assert vocab_catalogue.needs.all() == []

    form.title.setText("Following budget promises")
    choose(form.theme, "governance")
    choose(form.raised_by, "OBLA")
    form.priority.setCurrentIndex(form.priority.findData("high"))
    with qtbot.waitSignal(form.saved, timeout=TIMEOUT) as saved:
        form.save()
    need = vocab_catalogue.needs.get(saved.args[0])
    assert need.theme is not None and need.theme.key == "local-governance"
    assert (need.raised_by_kind, need.priority) == ("partnership", "high")

    edit = open_form(qtbot, NeedForm(vocab_catalogue, runner, need.id, history=history))
    assert edit.raised_by.value() == "partnership:open-budgets-local-action"
    edit.raised_by.line_edit.setText("nobody in particular")
    save_and_wait_for_error(qtbot, edit, "raised_by")
    edit.raised_by.set_value("organisation:cegol")
    edit.status.setCurrentIndex(edit.status.findData("addressed"))
    with qtbot.waitSignal(edit.saved, timeout=TIMEOUT):
        edit.save()
    assert vocab_catalogue.needs.get(need.id).status == "addressed"
    assert history.undo_text == "Undo edit of need “Following budget promises”"
    with qtbot.waitSignal(history.undone, timeout=TIMEOUT):
        history.undo()
    back = vocab_catalogue.needs.get(need.id)
    assert (back.status, back.raised_by_kind) == ("open", "partnership")
    with qtbot.waitSignal(history.undone, timeout=TIMEOUT):
        history.undo()
    assert vocab_catalogue.needs.all() == []


def test_new_need_from_the_product_form_is_listed_and_ticked(
    vocab_catalogue: Catalogue, runner: Any, qtbot: Any
) -> None:
    form = open_form(qtbot, ProductForm(vocab_catalogue, runner))
    need_form = form.new_need()
    need_form.title.setText("Budget literacy for councillors")
    with qtbot.waitSignal(need_form.saved, timeout=TIMEOUT):
        need_form.save()
    assert [form.needs.item(r).text() for r in range(form.needs.count())] == [
        "Budget literacy for councillors"
    ]
    assert len(form.checked_needs()) == 1
