"""The knowledge-need form, and the save machinery the edit forms share.

:class:`EditDialog` is a dialog that collects values on the UI thread, writes them through the
core on the operations runner (writes take the catalogue's writer lock, which a long import may
hold) and, when the core refuses a value, shows the message under the widget of the field it
names and saves nothing. :class:`NeedForm` creates and edits a knowledge need with it.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kmdesk.errors import KmdeskError, ValidationError
from kmdesk.gui.edit_history import Edit, EditHistory, need_created, need_updated
from kmdesk.gui.operations import OperationsRunner
from kmdesk.gui.term_picker import Choice, ChoicePicker, FieldErrors, TermPicker
from kmdesk.vocabulary import NEED_PRIORITIES, NEED_STATUSES

if TYPE_CHECKING:
    from kmdesk.catalogue import Catalogue
    from kmdesk.records import NeedRecord


class EditDialog(QDialog):
    """A form that saves through the core in the background and shows errors beside fields.

    Subclasses build their fields (wrapping each with :attr:`errors`), implement
    :meth:`collect` (UI thread) and :meth:`write` (worker thread: core calls only, returns the
    saved record's id and the :class:`Edit` that undoes it).
    """

    #: Emitted after a successful save, with the saved record's id (a UUID).
    saved = Signal(object)

    def __init__(
        self,
        catalogue: Catalogue,
        runner: OperationsRunner,
        parent: QWidget | None = None,
        *,
        history: EditHistory | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.runner = runner
        self.history = history
        self.saving = False
        self.banner = QLabel(self)
        self.banner.setObjectName("form-banner")
        self.errors = FieldErrors(self.banner, self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save_button.setAccessibleName(self.tr("Save"))
        save_button.setDefault(False)
        save_button.setAutoDefault(False)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        cancel.setAutoDefault(False)

    # -- to implement ------------------------------------------------------------------------

    def collect(self) -> dict[str, Any]:
        """The values the widgets hold, as the core takes them (UI thread)."""
        raise NotImplementedError

    def write(self, values: dict[str, Any]) -> tuple[uuid.UUID, Edit | None]:
        """Save ``values`` through the core (worker thread); the id and the undoing edit."""
        raise NotImplementedError

    def saving_label(self) -> str:
        """The title of the progress dialog, should saving wait for the writer lock."""
        return self.tr("Saving…")

    # -- saving ------------------------------------------------------------------------------

    @Slot()
    def save(self) -> None:
        """Validate and save through the core; on a refusal, show it beside its field."""
        if self.saving:
            return
        self.errors.clear()
        try:
            values = self.collect()
        except ValidationError as error:
            self.errors.show(error)
            return
        self._set_saving(True)
        self.runner.run(
            lambda _progress, _cancel: self.write(values),
            on_done=self._saved,
            on_error=self._failed,
            label=self.saving_label(),
            parent=self,
            cancellable=False,
        )

    def _set_saving(self, saving: bool) -> None:
        self.saving = saving
        self.buttons.setEnabled(not saving)
        self.setCursor(Qt.CursorShape.BusyCursor if saving else Qt.CursorShape.ArrowCursor)

    def _saved(self, result: tuple[uuid.UUID, Edit | None]) -> None:
        self._set_saving(False)
        record_id, edit = result
        if edit is not None and self.history is not None:
            self.history.record(edit)
        self.saved.emit(record_id)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_saving(False)
        if isinstance(error, ValidationError):
            self.errors.show(error)
        elif isinstance(error, KmdeskError):
            self.errors.show_message(str(error))
        else:
            self.errors.show_message(
                self.tr("Nothing was saved: an unexpected error occurred ({error}).").format(
                    error=f"{type(error).__name__}: {error}"
                )
            )

    def reject(self) -> None:
        """Close without saving (not while a save is running: it cannot be called back)."""
        if not self.saving:
            super().reject()


def raised_by_choices(catalogue: Catalogue) -> list[Choice]:
    """Partnerships and organisations that can raise a need, as ``kind:key`` values."""
    choices = [
        Choice(f"partnership:{term.key}", term.label, term.acronym or "")
        for term in catalogue.vocabularies.terms("partnership")
    ]
    choices += [
        Choice(f"organisation:{term.key}", term.label, term.acronym or "")
        for term in catalogue.vocabularies.terms("organisation")
    ]
    return sorted(choices, key=lambda choice: choice.label.casefold())


class NeedForm(EditDialog):
    """Create (``need_id=None``) or edit a knowledge need."""

    def __init__(
        self,
        catalogue: Catalogue,
        runner: OperationsRunner,
        need_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
        *,
        history: EditHistory | None = None,
    ) -> None:
        super().__init__(catalogue, runner, parent, history=history)
        self.need_id = need_id
        self.record: NeedRecord | None = (
            catalogue.needs.get(need_id) if need_id is not None else None
        )
        self.setWindowTitle(
            self.tr("Edit knowledge need") if need_id else self.tr("New knowledge need")
        )
        self.resize(max(self.fontMetrics().averageCharWidth() * 100, 620), self.sizeHint().height())

        self.title = QLineEdit(self)
        self.title.setAccessibleName(self.tr("Title"))
        self.description = QPlainTextEdit(self)
        self.description.setAccessibleName(self.tr("Description"))
        self.description.setTabChangesFocus(True)
        self.description.setMinimumHeight(self.fontMetrics().height() * 6)
        self.theme = TermPicker(
            catalogue, "theme", multiple=False, accessible_name=self.tr("Theme"), parent=self
        )
        self.raised_by = ChoicePicker(
            raised_by_choices(catalogue),
            multiple=False,
            accessible_name=self.tr("Raised by"),
            placeholder=self.tr("A partnership or an organisation…"),
            parent=self,
        )
        self.priority = QComboBox(self)
        self.priority.setAccessibleName(self.tr("Priority"))
        priority_labels = {
            "low": self.tr("Low"),
            "medium": self.tr("Medium"),
            "high": self.tr("High"),
        }
        for value in NEED_PRIORITIES:
            self.priority.addItem(priority_labels.get(value, value), value)
        self.status = QComboBox(self)
        self.status.setAccessibleName(self.tr("Status"))
        status_labels = {"open": self.tr("Open"), "addressed": self.tr("Addressed")}
        for value in NEED_STATUSES:
            self.status.addItem(status_labels.get(value, value), value)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        rows = [
            ("title", self.tr("&Title"), self.title),
            ("description", self.tr("&Description"), self.description),
            ("theme", self.tr("T&heme"), self.theme),
            ("raised_by", self.tr("&Raised by"), self.raised_by),
            ("priority", self.tr("&Priority"), self.priority),
            ("status", self.tr("&Status"), self.status),
        ]
        for field, text, widget in rows:
            label = QLabel(text, self)
            label.setBuddy(widget)
            form.addRow(label, self.errors.wrap(field, widget))
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._fill()
        self.title.setFocus()

    def _fill(self) -> None:
        record = self.record
        self.priority.setCurrentIndex(max(0, self.priority.findData("medium")))
        self.status.setCurrentIndex(max(0, self.status.findData("open")))
        if record is None:
            return
        self.title.setText(record.title)
        self.title.setCursorPosition(0)
        self.description.setPlainText(record.description)
        self.theme.set_value(record.theme.key if record.theme is not None else None)
        if record.raised_by is not None and record.raised_by_kind:
            self.raised_by.set_value(f"{record.raised_by_kind}:{record.raised_by.key}")
        self.priority.setCurrentIndex(max(0, self.priority.findData(record.priority)))
        self.status.setCurrentIndex(max(0, self.status.findData(record.status)))

    def collect(self) -> dict[str, Any]:
        """The need's fields as ``catalogue.needs.add``/``update`` take them."""
        raised_by = self.raised_by.value()
        if raised_by is not None and not raised_by.startswith(("partnership:", "organisation:")):
            raise ValidationError(
                "raised_by",
                raised_by,
                self.tr("is not a partnership or an organisation of this catalogue"),
            )
        return {
            "title": self.title.text(),
            "description": self.description.toPlainText(),
            "theme": self.theme.value(),
            "raised_by": raised_by,
            "priority": self.priority.currentData(),
            "status": self.status.currentData(),
        }

    def write(self, values: dict[str, Any]) -> tuple[uuid.UUID, Edit | None]:
        """Create or update the need (worker thread)."""
        needs = self.catalogue.needs
        if self.need_id is None:
            created = needs.add(values)
            return created.id, need_created(created)
        before = needs.get(self.need_id)
        after = needs.update(self.need_id, values)
        return self.need_id, need_updated(before, after.title)

    def saving_label(self) -> str:
        """Shown if saving waits (another program holds the catalogue)."""
        return self.tr("Saving the knowledge need…")
