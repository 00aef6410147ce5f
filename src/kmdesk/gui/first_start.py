"""First start: ask who uses this installation (name required, organisation optional).

The name and organisation attribute the notes and bundles made here
(:mod:`kmdesk.catalogue.profile`). :class:`ProfileForm` is the two fields with their error
messages beside them; :class:`FirstStartDialog` wraps it with a welcome on first start, and the
preferences show the same form on their Profile page.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kmdesk.catalogue import Catalogue
from kmdesk.catalogue.profile import (
    NAME_MAX_LENGTH,
    ORGANISATION_MAX_LENGTH,
    UserProfile,
    clean_profile,
    read_profile,
    save_profile,
)
from kmdesk.errors import KmdeskError, ValidationError


class FieldError(QLabel):
    """A validation message shown beside (under) the field it names; hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, message: str) -> None:
        """Show ``message`` (or hide the label for "") in a red readable on the background."""
        self.setText(message)
        self.setVisible(bool(message))
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        palette = self.palette()
        palette.setColor(
            QPalette.ColorRole.WindowText, Qt.GlobalColor.red if dark else Qt.GlobalColor.darkRed
        )
        self.setPalette(palette)


class ProfileForm(QWidget):
    """The user's name and organisation, checked before saving, with errors beside the fields."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(NAME_MAX_LENGTH)
        self.name_error = FieldError(self)
        self.organisation_edit = QLineEdit(self)
        self.organisation_edit.setMaxLength(ORGANISATION_MAX_LENGTH)
        self.organisation_error = FieldError(self)
        #: Problems that belong to no field (a read-only catalogue...).
        self.general_error = FieldError(self)
        self.name_label = QLabel(self)
        self.name_label.setBuddy(self.name_edit)
        self.organisation_label = QLabel(self)
        self.organisation_label.setBuddy(self.organisation_edit)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.name_label, self._with_error(self.name_edit, self.name_error))
        form.addRow(
            self.organisation_label,
            self._with_error(self.organisation_edit, self.organisation_error),
        )
        form.addRow(self.general_error)
        self.name_edit.textEdited.connect(lambda _text: self.name_error.show_message(""))
        self.organisation_edit.textEdited.connect(
            lambda _text: self.organisation_error.show_message("")
        )
        self.retranslate()

    def _with_error(self, field: QWidget, error: FieldError) -> QWidget:
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(field)
        column.addWidget(error)
        return box

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.name_label.setText(self.tr("Your &name:"))
        self.organisation_label.setText(self.tr("&Organisation:"))
        self.name_edit.setPlaceholderText(self.tr("Required, e.g. Grace Nakato"))
        self.organisation_edit.setPlaceholderText(self.tr("Optional, e.g. Civic Ledger Uganda"))
        self.name_edit.setAccessibleName(self.tr("Your name"))
        self.organisation_edit.setAccessibleName(self.tr("Organisation"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_profile(self, profile: UserProfile | None) -> None:
        """Show ``profile`` in the fields (empty fields for ``None``)."""
        self.name_edit.setText(profile.name if profile else "")
        self.organisation_edit.setText(profile.organisation if profile else "")
        self.clear_errors()

    def typed_profile(self) -> UserProfile:
        """What the fields hold, as typed."""
        return UserProfile(self.name_edit.text(), self.organisation_edit.text())

    def clear_errors(self) -> None:
        """Hide every error message."""
        for label in (self.name_error, self.organisation_error, self.general_error):
            label.show_message("")

    def validated_profile(self) -> UserProfile | None:
        """The cleaned profile, or ``None`` after showing what is wrong beside the field."""
        self.clear_errors()
        if not self.name_edit.text().strip():
            self.show_field_error("name", self.tr("Please enter your name: it is required."))
            return None
        try:
            return clean_profile(self.name_edit.text(), self.organisation_edit.text())
        except ValidationError as exc:
            self.show_field_error(exc.field, exc.problem)
            return None

    def save(self, catalogue: Catalogue) -> UserProfile | None:
        """Check and save the profile into ``catalogue``; ``None`` (errors shown) on failure."""
        profile = self.validated_profile()
        if profile is None:
            return None
        try:
            saved = save_profile(catalogue, profile)
        except ValidationError as exc:
            self.show_field_error(exc.field, exc.problem)
            return None
        except KmdeskError as exc:
            self.general_error.show_message(str(exc))
            return None
        self.set_profile(saved)
        return saved

    def show_field_error(self, field: str, message: str) -> None:
        """Show ``message`` beside the field named ``field`` and put the focus there."""
        if field == "organisation":
            self.organisation_error.show_message(message)
            self.organisation_edit.setFocus()
        else:
            self.name_error.show_message(message)
            self.name_edit.setFocus()


class FirstStartDialog(QDialog):
    """Welcome, and the user's name and organisation, saved into the catalogue on Continue."""

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.heading = QLabel(self)
        heading_font = self.heading.font()
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.4)
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.form = ProfileForm(self)
        self.form.set_profile(read_profile(catalogue))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addSpacing(self.fontMetrics().height() // 2)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.retranslate()
        self.form.name_edit.setFocus()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(self.tr("Welcome to kmdesk"))
        self.heading.setText(self.tr("Welcome to kmdesk"))
        self.explanation.setText(
            self.tr(
                "Your name and organisation are shown on the notes you write and the bundles "
                "you share, so that partners know who they come from."
            )
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Continue"))
        ok.setAccessibleName(self.tr("Continue"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("&Later"))
        cancel.setAccessibleName(self.tr("Later"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def accept(self) -> None:
        """Save the profile; stay open with the error beside the field when it is refused."""
        if self.form.save(self.catalogue) is not None:
            super().accept()


def _ask(dialog: QDialog) -> bool:
    """Show ``dialog`` modally; whether it was accepted (tests replace this seam)."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def run_first_start(catalogue: Catalogue, parent: QWidget | None = None) -> bool:
    """Ask for the profile when the catalogue has none; whether a profile is now saved.

    Nothing is asked when there already is a profile (returns True) or when the catalogue is
    read-only (returns False: it cannot be saved). "Later" returns False and asks again on the
    next start.
    """
    if read_profile(catalogue) is not None:
        return True
    if catalogue.read_only:
        return False
    dialog = FirstStartDialog(catalogue, parent)
    try:
        return _ask(dialog)
    finally:
        dialog.deleteLater()
