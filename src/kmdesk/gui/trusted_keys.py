"""Trusted keys, for Preferences: this computer's key and the keys whose bundles it accepts.

A bundle is imported only when the key that signed it is trusted here. People exchange key files
(``.kmkey``) and compare fingerprints (six groups of five digits) over the phone; this widget
shows this installation's own key with a button that writes its key file, lists the keys it
knows (trusted or revoked), and adds a key from a file only after showing its fingerprint and
asking whether its owner reads the same one. Keys can be renamed and revoked (bundles they sign
are then refused). Every read and write goes through the operations runner.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QStandardPaths,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kmdesk.catalogue import Catalogue
from kmdesk.catalogue.keyring import TrustedKeyRecord
from kmdesk.files import write_atomically
from kmdesk.gui import bundle_import
from kmdesk.gui.operations import OperationsRunner
from kmdesk.gui.record_table import Index, RecordTableModel
from kmdesk.trust.keys import MAX_KEY_FILE_BYTES, PublicKey

KEY_SUFFIX = ".kmkey"


def fingerprint_font(reference: QWidget) -> Any:
    """A fixed-width, slightly larger font for fingerprints (read aloud digit by digit)."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(reference.font().pointSizeF() * 1.1)
    return font


# -- seams, patched by tests ----------------------------------------------------------------------


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """Ask for one line of text; None when cancelled."""
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value if ok else None


def confirm_key(parent: QWidget | None, key: PublicKey) -> str | None:
    """Show a key's fingerprint and ask whether its owner reads the same; the name to give it."""
    dialog = ConfirmKeyDialog(key, parent)
    return dialog.name() if dialog.exec() == QDialog.DialogCode.Accepted else None


class ConfirmKeyDialog(QDialog):
    """A key file's name and fingerprint, to compare with its owner's before trusting it."""

    def __init__(self, key: PublicKey, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Trust this key?"))
        explanation = QLabel(
            self.tr(
                "Call or message the owner of this key and ask them to read you their "
                "fingerprint (kmdesk shows it in Preferences → Trusted keys). Trust the key "
                "only if it is the same as this one."
            ),
            self,
        )
        explanation.setWordWrap(True)
        fingerprint = QLabel(key.fingerprint, self)
        fingerprint.setFont(fingerprint_font(self))
        fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        fingerprint.setAccessibleName(self.tr("Fingerprint of the key"))
        self._name = QLineEdit(key.name, self)
        self._name.setAccessibleName(self.tr("Name for this key"))
        self._name.setMaxLength(200)
        form = QFormLayout()
        form.addRow(self.tr("Fingerprint:"), fingerprint)
        form.addRow(self.tr("&Name:"), self._name)
        buttons = QDialogButtonBox(self)
        trust = buttons.addButton(
            self.tr("The fingerprints match: &trust"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        trust.setAccessibleName(self.tr("Trust the key"))
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def name(self) -> str:
        """The name typed for the key."""
        return self._name.text().strip()


# -- the list of known keys -----------------------------------------------------------------------


class TrustedKeysModel(RecordTableModel[TrustedKeyRecord]):
    """Known keys, one per row: name, fingerprint, trusted or revoked, added."""

    NAME, FINGERPRINT, STATE, ADDED = range(4)

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Name"), self.tr("Fingerprint"), self.tr("State"), self.tr("Added"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key = self.row_at(index.row())
        column = index.column()
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            if column == self.NAME:
                return key.name or self.tr("(no name)")
            if column == self.FINGERPRINT:
                return key.fingerprint
            if column == self.STATE:
                if key.trusted:
                    return self.tr("Trusted")
                return self.tr("Revoked on {when}").format(
                    when=bundle_import.format_time(key.revoked or "")
                )
            return bundle_import.format_time(key.added)
        if role == Qt.ItemDataRole.ForegroundRole and not key.trusted:
            return Qt.GlobalColor.darkRed
        if role == Qt.ItemDataRole.FontRole and column == self.FINGERPRINT:
            return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        return None


class TrustedKeysWidget(QWidget):
    """This computer's key (with "Export my key…") and the keys it trusts: add, rename, revoke."""

    #: The list of known keys changed (a key was added, renamed or revoked).
    keys_changed = Signal()

    def __init__(
        self, catalogue: Catalogue, runner: OperationsRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._runner = runner
        self._busy = 0
        self._own: PublicKey | None = None

        self.own_box = QGroupBox(self.tr("This computer's key"), self)
        self.own_name = QLabel(self.own_box)
        self.own_name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.own_fingerprint = QLabel(self.own_box)
        self.own_fingerprint.setFont(fingerprint_font(self))
        self.own_fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.own_fingerprint.setAccessibleName(self.tr("This computer's fingerprint"))
        self.export_button = QPushButton(self.tr("E&xport my key…"), self.own_box)
        self.export_button.setAccessibleName(self.tr("Export this computer's key to a file"))
        self.export_button.clicked.connect(self.choose_export_file)
        own_form = QFormLayout()
        own_form.addRow(self.tr("Name:"), self.own_name)
        own_form.addRow(self.tr("Fingerprint:"), self.own_fingerprint)
        own_hint = QLabel(
            self.tr(
                "Give your key file to the people who import your bundles, and read them this "
                "fingerprint so that they can check it."
            ),
            self.own_box,
        )
        own_hint.setWordWrap(True)
        own_row = QHBoxLayout()
        own_row.addWidget(own_hint, 1)
        own_row.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignBottom)
        own_layout = QVBoxLayout(self.own_box)
        own_layout.addLayout(own_form)
        own_layout.addLayout(own_row)

        self.trusted_box = QGroupBox(self.tr("Keys this catalogue trusts"), self)
        self.model = TrustedKeysModel(self)
        self.table = QTableView(self.trusted_box)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Trusted keys"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TrustedKeysModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self.tr("&Add from a file…"), self.trusted_box)
        self.add_button.setAccessibleName(self.tr("Trust a key from a key file"))
        self.add_button.clicked.connect(self.choose_key_file)
        self.rename_button = QPushButton(self.tr("&Rename…"), self.trusted_box)
        self.rename_button.setAccessibleName(self.tr("Rename the selected key"))
        self.rename_button.clicked.connect(self.rename_selected)
        self.revoke_button = QPushButton(self.tr("Re&voke"), self.trusted_box)
        self.revoke_button.setAccessibleName(self.tr("Revoke the selected key"))
        self.revoke_button.clicked.connect(self.revoke_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.rename_button)
        buttons.addWidget(self.revoke_button)
        trusted_layout = QVBoxLayout(self.trusted_box)
        trusted_layout.addWidget(self.table, 1)
        trusted_layout.addLayout(buttons)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Trusted keys status"))
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.own_box)
        layout.addWidget(self.trusted_box, 1)
        layout.addWidget(self.status)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()
        self.refresh()

    # -- reading ----------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """Whether keys are being read or changed."""
        return self._busy > 0

    def _run(self, work: Any, on_done: Any, on_error: Any = None) -> None:
        self._busy += 1
        operation = self._runner.run(
            lambda progress, cancel: work(), on_done=on_done, on_error=on_error or self._failed
        )
        operation.ended.connect(self._ended)

    @Slot()
    def _ended(self) -> None:
        self._busy -= 1

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self.status.setText(bundle_import.describe_error(error))

    @Slot()
    def refresh(self) -> None:
        """Read this computer's key and the known keys again."""
        catalogue = self._catalogue

        def read() -> tuple[PublicKey | None, list[TrustedKeyRecord]]:
            try:
                own: PublicKey | None = catalogue.keys.own()
            except Exception:  # a read-only catalogue without a key of its own yet
                own = None
            return own, catalogue.keys.all()

        self._run(read, self._loaded)

    def _loaded(self, loaded: tuple[PublicKey | None, list[TrustedKeyRecord]]) -> None:
        own, keys = loaded
        self._own = own
        if own is None:
            self.own_name.setText(self.tr("(this catalogue has no key of its own yet)"))
            self.own_fingerprint.clear()
        else:
            self.own_name.setText(own.name or self.tr("(no name yet)"))
            self.own_fingerprint.setText(own.fingerprint)
        self.export_button.setEnabled(own is not None)
        selected = self.selected()
        self.model.set_rows(keys)
        if selected is not None:
            for row in range(self.model.rowCount()):
                if self.model.row_at(row).key_id == selected.key_id:
                    self.table.selectRow(row)
        if not keys:
            self.status.setText(
                self.tr(
                    "No trusted keys yet: add the key file of each person who sends you bundles."
                )
            )
        self._update_buttons()

    def selected(self) -> TrustedKeyRecord | None:
        """The key selected in the table."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select(self, reference: str) -> bool:
        """Select the key with this id, fingerprint or name; whether it is listed."""
        for row in range(self.model.rowCount()):
            key = self.model.row_at(row)
            if reference in (key.key_id, key.fingerprint, key.name):
                self.table.selectRow(row)
                return True
        return False

    @Slot()
    def _update_buttons(self) -> None:
        key = self.selected()
        self.rename_button.setEnabled(key is not None)
        self.revoke_button.setEnabled(key is not None and key.trusted)

    # -- this computer's key ----------------------------------------------------------------------

    @Slot()
    def choose_export_file(self) -> None:
        """Choose where to write this computer's key file, then write it."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = (self._own.name if self._own else "") or "my-key"
        suggested = Path(folder) / (name.replace("/", "-").replace(" ", "-") + KEY_SUFFIX)
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export my key"),
            str(suggested),
            self.tr("kmdesk key files (*%1)").replace("%1", KEY_SUFFIX),
        )
        if chosen:
            if not chosen.endswith(KEY_SUFFIX):
                chosen += KEY_SUFFIX
            self.export_key(Path(chosen))

    def export_key(self, path: Path) -> None:
        """Write this computer's public key file to ``path`` (asking for a name if it has none)."""
        name: str | None = None
        if self._own is not None and not self._own.name:
            name = ask_text(
                self,
                self.tr("Your name"),
                self.tr("The name your key carries (you or your organisation):"),
            )
            if not name or not name.strip():
                return
        catalogue = self._catalogue

        def write() -> PublicKey:
            if name is not None:
                catalogue.keys.set_own_name(name)
            write_atomically(path, catalogue.keys.export())
            return catalogue.keys.own()

        def written(own: PublicKey) -> None:
            self.status.setText(
                self.tr("Wrote {file}. Your fingerprint: {fingerprint}").format(
                    file=path, fingerprint=own.fingerprint
                )
            )
            self.refresh()

        self._run(write, written)

    # -- known keys -------------------------------------------------------------------------------

    @Slot()
    def choose_key_file(self) -> None:
        """Choose a key file, then (after comparing its fingerprint) trust it."""
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Add a trusted key"),
            "",
            self.tr("kmdesk key files (*%1);;All files (*)").replace("%1", KEY_SUFFIX),
        )
        if chosen:
            self.add_key_file(Path(chosen))

    def add_key_file(self, path: Path) -> None:
        """Read the key file at ``path``, show its fingerprint, and trust it if confirmed."""
        catalogue = self._catalogue

        def read() -> PublicKey:
            with path.open("rb") as handle:  # a key file is small: never read a huge one whole
                return catalogue.keys.read(handle.read(MAX_KEY_FILE_BYTES + 1), str(path))

        self._run(read, self._confirm_and_trust)

    def _confirm_and_trust(self, key: PublicKey) -> None:
        name = confirm_key(self, key)
        if name is None:
            self.status.setText(self.tr("The key was not added."))
            return
        catalogue = self._catalogue

        def trusted(record: TrustedKeyRecord) -> None:
            self.status.setText(
                self.tr("Trusted {name} ({fingerprint}).").format(
                    name=record.name, fingerprint=record.fingerprint
                )
            )
            self.refresh()
            self.keys_changed.emit()

        self._run(lambda: catalogue.keys.trust(key, name=name or None), trusted)

    @Slot()
    def rename_selected(self) -> None:
        """Give the selected key another name."""
        key = self.selected()
        if key is None:
            return
        name = ask_text(self, self.tr("Rename the key"), self.tr("New name:"), key.name)
        if name is None or not name.strip() or name.strip() == key.name:
            return
        catalogue = self._catalogue
        self._run(
            lambda: catalogue.keys.rename(key.key_id, name.strip()),
            lambda record: self._changed(
                self.tr("Renamed the key to {name}.").format(name=record.name)
            ),
        )

    @Slot()
    def revoke_selected(self) -> None:
        """Stop trusting the selected key (after asking): bundles it signs are refused."""
        key = self.selected()
        if key is None or not key.trusted:
            return
        question = self.tr(
            "Revoke the key of {name} ({fingerprint})? Bundles signed with it will be refused "
            "from now on. Records already imported stay."
        ).format(name=key.name or self.tr("(no name)"), fingerprint=key.fingerprint)
        if not bundle_import.ask_yes_no(self, self.tr("Revoke the key"), question):
            return
        catalogue = self._catalogue
        self._run(
            lambda: catalogue.keys.revoke(key.key_id),
            lambda record: self._changed(
                self.tr("Revoked the key of {name}.").format(name=record.name)
            ),
        )

    def _changed(self, text: str) -> None:
        self.status.setText(text)
        self.refresh()
        self.keys_changed.emit()
