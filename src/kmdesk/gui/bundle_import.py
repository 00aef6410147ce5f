"""File → Import bundle (choose, preview, import, report) and File → Undo last import.

The wizard's pages follow what a person does with a bundle received on a USB stick or by
e-mail: choose the file (or the first part of a split bundle); read the preview (who signed it,
with the key's fingerprint to compare with the sender's, and how many records are new, updated or
in conflict); import it with a progress bar and a way to stop (the core rolls the whole import
back); read the report, with a button that undoes the import. Verification, the preview, the
import and the undo run through the :class:`~kmdesk.gui.operations.OperationsRunner`; every error
the core raises is shown on the page in its own words, never as a traceback.

:func:`undo_last_import` is the same undo for the main window's File → Undo last import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Qt, Signal, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from kmdesk.bundles.contributions import contributions
from kmdesk.bundles.importer import ImportResult, Inspection, import_bundle, inspect_bundle
from kmdesk.bundles.manifest import BUNDLE_SUFFIX
from kmdesk.catalogue import Catalogue
from kmdesk.catalogue.syncing import UndoReport
from kmdesk.errors import KmdeskError, OperationCancelled
from kmdesk.gui.operations import Operation, OperationsRunner
from kmdesk.gui.questions import ask_yes_no, inform
from kmdesk.progress import CancelToken, Progress
from kmdesk.sync.kinds import KINDS
from kmdesk.trust.keys import PublicKey

# Small seams, patched by tests (like napari's dialog tests): ``ask_yes_no`` and ``inform``
# (from :mod:`kmdesk.gui.questions`) are looked up in this module when called.

# -- shared wording -------------------------------------------------------------------------------


def describe_error(error: BaseException) -> str:
    """An error in plain words for a person: the core's own message, or what failed and why."""
    if isinstance(error, KmdeskError):
        message = str(error)
    elif isinstance(error, OSError):
        reason = error.strerror or str(error)
        target = error.filename or ""
        message = QCoreApplication.translate(
            "BundleMessages", "The file {file} could not be read or written: {reason}."
        ).format(file=target, reason=reason)
    else:
        message = QCoreApplication.translate(
            "BundleMessages",
            "Something unexpected went wrong ({problem}). Nothing was changed; "
            "please report this to the kmdesk developers.",
        ).format(problem=f"{type(error).__name__}: {error}")
    message = message.strip()
    first_word = message.split(maxsplit=1)[0] if message else ""
    if first_word.isalpha():  # a sentence, not a file or entry name: start it with a capital
        message = message[:1].upper() + message[1:]
    return message


def kind_label(kind: str) -> str:
    """What records of ``kind`` are called on screen (plural)."""
    labels = {
        "product-type": QCoreApplication.translate("BundleKinds", "Product types"),
        "theme": QCoreApplication.translate("BundleKinds", "Themes"),
        "partnership": QCoreApplication.translate("BundleKinds", "Partnerships"),
        "organisation": QCoreApplication.translate("BundleKinds", "Organisations"),
        "person": QCoreApplication.translate("BundleKinds", "People"),
        "product": QCoreApplication.translate("BundleKinds", "Knowledge products"),
        "attachment": QCoreApplication.translate("BundleKinds", "Attachments"),
        "link": QCoreApplication.translate("BundleKinds", "Links between products"),
        "need": QCoreApplication.translate("BundleKinds", "Knowledge needs"),
        "collection": QCoreApplication.translate("BundleKinds", "Collections"),
        "saved-search": QCoreApplication.translate("BundleKinds", "Saved searches"),
        "annotation": QCoreApplication.translate("BundleKinds", "Notes and highlights"),
        "tombstones": QCoreApplication.translate("BundleKinds", "Deletions"),
        "attachment-files": QCoreApplication.translate("BundleKinds", "Attachment files"),
    }
    return labels.get(kind, kind)


def kind_order(kind: str) -> int:
    """Kinds in the order a bundle applies them (terms first, products, then what uses them)."""
    order = list(KINDS)
    return order.index(kind) if kind in order else len(order)


def format_time(iso: str) -> str:
    """An ISO 8601 time (UTC) in the user's locale and time zone."""
    moment = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
    if not moment.isValid():
        return iso
    return QLocale().toString(moment.toLocalTime(), QLocale.FormatType.ShortFormat)


def undo_summary(report: UndoReport) -> str:
    """What undoing an import did, in a sentence or two."""
    text = QCoreApplication.translate(
        "BundleMessages", "The import was undone: %n record(s) removed", "", report.removed
    )
    text += QCoreApplication.translate("BundleMessages", ", %n restored.", "", report.restored)
    if report.kept:
        text += " " + QCoreApplication.translate(
            "BundleMessages",
            "%n record(s) edited here after the import kept those edits.",
            "",
            len(report.kept),
        )
    return text


def undo_last_import(
    catalogue: Catalogue, runner: OperationsRunner, parent: QWidget | None = None
) -> Operation | None:
    """File → Undo last import: confirm, undo in the background, then say what was done.

    Returns the running operation, or None when the user said no.
    """
    title = QCoreApplication.translate("BundleMessages", "Undo last import")
    question = QCoreApplication.translate(
        "BundleMessages",
        "Undo the last bundle import? Records it added are removed and records it changed get "
        "back their earlier values; records edited here since keep those edits.",
    )
    if not ask_yes_no(parent, title, question):
        return None

    def done(report: UndoReport) -> None:
        inform(parent, title, undo_summary(report))

    def failed(error: BaseException) -> None:
        inform(parent, title, describe_error(error), warning=True)

    return runner.run(
        lambda progress, cancel: catalogue.sync.undo_last_import(),
        on_done=done,
        on_error=failed,
        label=QCoreApplication.translate("BundleMessages", "Undoing the last import"),
        parent=parent,
        cancellable=False,
    )


# -- what the worker hands back -------------------------------------------------------------------


@dataclass(slots=True)
class BundlePreview:
    """An inspection, with what the wizard also shows: revoked key, attachment size, parts."""

    inspection: Inspection
    revoked: bool
    attachment_bytes: int
    attachment_files: int


@dataclass(slots=True)
class ImportOutcome:
    """An import's result and the contributions it held for a curator's review."""

    result: ImportResult
    held_for_review: int


@dataclass(slots=True)
class _Outcome:
    """What a worker left behind: a result, an error, or nothing (it was cancelled)."""

    result: Any = None
    error: BaseException | None = None
    finished: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def preview_bundle(catalogue: Catalogue, path: Path) -> BundlePreview:
    """Verify and preview ``path`` (on a worker thread); nothing is written."""
    inspection = inspect_bundle(catalogue, path)
    manifest = inspection.manifest
    known = catalogue.keys.trusted_key(manifest.public_key)
    attachments = [e for e in manifest.entries if e.name.startswith("attachments/")]
    return BundlePreview(
        inspection,
        revoked=known is not None and not known.trusted,
        attachment_bytes=sum(e.size for e in attachments),
        attachment_files=len(attachments),
    )


def run_import(
    catalogue: Catalogue, path: Path, progress: Progress, cancel: CancelToken
) -> ImportOutcome:
    """Import ``path`` (on a worker thread), counting the contributions it holds for review."""
    waiting_before = len(contributions(catalogue))
    result = import_bundle(catalogue, path, progress=progress, cancel=cancel)
    held = len(contributions(catalogue)) - waiting_before
    return ImportOutcome(result, max(held, 0))


# -- the pages ------------------------------------------------------------------------------------


def _wrapping_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def fit_table_height(table: QTableWidget) -> None:
    """Make a short read-only table exactly as tall as its rows (no empty area below them)."""
    table.resizeRowsToContents()
    header = table.horizontalHeader().sizeHint().height()
    height = header + table.verticalHeader().length() + 2 * table.frameWidth() + 2
    table.setMaximumHeight(height)
    table.setMinimumHeight(min(height, header * 6))


def _error_style(label: QLabel) -> None:
    palette = label.palette()
    palette.setColor(label.foregroundRole(), Qt.GlobalColor.darkRed)
    label.setPalette(palette)


class ChooseBundlePage(QWizardPage):
    """Page 1: the bundle file, or the first part of a bundle split into parts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Choose the bundle"))
        self.setSubTitle(
            self.tr(
                "Choose the bundle file you received (NAME.kmbundle). For a bundle split into "
                "parts, choose the first part (NAME.kmbundle.001) and keep every part in the "
                "same folder."
            )
        )
        self.path_edit = QLineEdit(self)
        self.path_edit.setAccessibleName(self.tr("Bundle file"))
        self.path_edit.setPlaceholderText(self.tr("The bundle file or its first part"))
        self.path_edit.textChanged.connect(self._changed)
        self.browse_button = QPushButton(self.tr("&Browse…"), self)
        self.browse_button.setAccessibleName(self.tr("Browse for the bundle file"))
        self.browse_button.clicked.connect(self.browse)
        self.problem = _wrapping_label(parent=self)
        _error_style(self.problem)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("&File:"), self)
        label.setBuddy(self.path_edit)
        layout.addWidget(label)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addStretch(1)

    @property
    def path(self) -> Path | None:
        """The chosen file, or None."""
        text = self.path_edit.text().strip()
        return Path(text) if text else None

    def set_path(self, path: Path | str) -> None:
        """Choose ``path`` (as if browsed to)."""
        self.path_edit.setText(str(path))

    @Slot()
    def browse(self) -> None:
        """Choose the bundle with a file dialog."""
        start = str(self.path.parent) if self.path else ""
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the bundle"),
            start,
            bundle_file_filter(),
        )
        if chosen:
            self.set_path(chosen)

    @Slot()
    def _changed(self) -> None:
        self.problem.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.path is not None

    def validatePage(self) -> bool:
        path = self.path
        if path is None or not path.is_file():
            self.problem.setText(
                self.tr("There is no file at this place; choose the bundle again.")
            )
            return False
        return True


class PreviewPage(QWizardPage):
    """Page 2: who signed the bundle (trusted or not) and what importing it would change."""

    _COLUMNS = ("new", "updated", "conflicting", "deleted", "unchanged")

    def __init__(
        self, catalogue: Catalogue, runner: OperationsRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._runner = runner
        self.preview: BundlePreview | None = None
        self.error: str | None = None
        self._check: Operation | None = None
        self.setTitle(self.tr("What the bundle holds"))
        self.setSubTitle(self.tr("Nothing is changed until you press Import."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))

        self.status = _wrapping_label(parent=self)
        self.status.setAccessibleName(self.tr("Bundle check"))
        self.description = _wrapping_label(parent=self)
        self.created = _wrapping_label(parent=self)
        self.signer = _wrapping_label(parent=self)
        self.fingerprint = _wrapping_label(parent=self)
        self.fingerprint.setAccessibleName(self.tr("Fingerprint of the signer's key"))
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        fixed.setPointSizeF(self.font().pointSizeF() * 1.15)
        fixed.setBold(True)
        self.fingerprint.setFont(fixed)
        self.trust = _wrapping_label(parent=self)
        self.attachments = _wrapping_label(parent=self)
        self.details = QWidget(self)
        form = QFormLayout(self.details)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Bundle:"), self.description)
        form.addRow(self.tr("Made:"), self.created)
        form.addRow(self.tr("Signed by:"), self.signer)
        form.addRow(self.tr("Fingerprint:"), self.fingerprint)
        form.addRow(self.tr("Key:"), self.trust)
        form.addRow(self.tr("Attachments:"), self.attachments)

        self.untrusted_box = QFrame(self)
        self.untrusted_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.untrusted_text = _wrapping_label(parent=self.untrusted_box)
        self.trust_button = QPushButton(self.tr("&Trust this key…"), self.untrusted_box)
        self.trust_button.setAccessibleName(self.tr("Trust the signer's key"))
        self.trust_button.clicked.connect(self.trust_signer)
        box_layout = QVBoxLayout(self.untrusted_box)
        box_layout.addWidget(self.untrusted_text)
        box_row = QHBoxLayout()
        box_row.addStretch(1)
        box_row.addWidget(self.trust_button)
        box_layout.addLayout(box_row)

        self.counts = QTableWidget(0, len(self._COLUMNS), self)
        self.counts.setAccessibleName(self.tr("Records by kind and outcome"))
        self.counts.setHorizontalHeaderLabels(
            [
                self.tr("New"),
                self.tr("Updated"),
                self.tr("Conflicting"),
                self.tr("Deleted"),
                self.tr("Unchanged"),
            ]
        )
        self.counts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.counts.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.counts.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.counts.setAlternatingRowColors(True)
        self.counts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.counts.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.details)
        layout.addWidget(self.untrusted_box)
        layout.addWidget(self.counts, 1)
        layout.addStretch(0)  # below a table shorter than the page
        self._show_nothing()

    @property
    def _path(self) -> Path | None:
        wizard = self.wizard()
        return wizard.choose_page.path if isinstance(wizard, ImportBundleWizard) else None

    def initializePage(self) -> None:
        self.check()

    def cleanupPage(self) -> None:
        if self._check is not None:
            self._check.cancel()  # going back: a running check's result is dropped
        self._show_nothing()

    @property
    def _key(self) -> str:
        return f"bundle-preview-{id(self)}"

    def _show_nothing(self) -> None:
        self.preview = None
        self.error = None
        self.details.hide()
        self.untrusted_box.hide()
        self.counts.hide()
        self.completeChanged.emit()

    @Slot()
    def check(self) -> None:
        """Verify and preview the chosen bundle in the background."""
        path = self._path
        self._show_nothing()
        if path is None:
            return
        self.status.setText(self.tr("Checking the bundle: its parts, signature and records…"))
        self.status.setPalette(self.palette())
        catalogue = self._catalogue
        operation = self._runner.run(
            lambda progress, cancel: preview_bundle(catalogue, path),
            on_done=self._show,
            on_error=self._failed,
            key=self._key,
        )
        self._check = operation
        operation.ended.connect(lambda: self._check_ended(operation))

    def _check_ended(self, operation: Operation) -> None:
        if self._check is operation:
            self._check = None

    @property
    def checking(self) -> bool:
        """Whether the bundle is being verified and previewed."""
        return self._check is not None

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self._show_nothing()
        self.error = describe_error(error)
        self.status.setText(
            self.tr("This bundle cannot be imported. Nothing was changed.") + "\n\n" + self.error
        )
        _error_style(self.status)

    @Slot(object)
    def _show(self, preview: BundlePreview) -> None:
        self.preview = preview
        self.error = None
        inspection = preview.inspection
        manifest = inspection.manifest
        changes = inspection.preview
        self.status.setText(
            self.tr(
                "The bundle is complete and its signature matches: it was not altered "
                "since it was signed."
            )
        )
        self.status.setPalette(self.palette())
        kinds = {
            "full": self.tr("records to copy"),
            "delta": self.tr("changes since the previous bundle"),
            "return": self.tr("contributions for a curator's review"),
        }
        description = manifest.description or self.tr("(no description)")
        self.description.setText(f"{description} ({kinds.get(manifest.kind, manifest.kind)})")
        parts = self.tr("%n part(s)", "", manifest.volumes)
        self.created.setText(f"{format_time(manifest.created)} · {parts}")
        self.signer.setText(inspection.signer_name)
        self.fingerprint.setText(inspection.fingerprint)
        if inspection.trusted:
            self.trust.setText(self.tr("Trusted here"))
        elif preview.revoked:
            self.trust.setText(self.tr("Revoked here"))
        else:
            self.trust.setText(self.tr("Not trusted here yet"))
        self.attachments.setText(
            self.tr("%n file(s)", "", preview.attachment_files)
            + f", {QLocale().formattedDataSize(preview.attachment_bytes)}"
        )
        self.details.show()
        self._show_trust(inspection, preview.revoked)
        kinds_seen = sorted(changes.by_kind, key=kind_order)
        self.counts.setRowCount(len(kinds_seen) + 1)
        for row, kind in enumerate([*kinds_seen, ""]):
            counts = changes.by_kind.get(kind, {})
            label = kind_label(kind) if kind else self.tr("All records")
            self.counts.setVerticalHeaderItem(row, QTableWidgetItem(label))
            for column, outcome in enumerate(self._COLUMNS):
                value = counts.get(outcome, 0) if kind else getattr(changes, outcome)
                item = QTableWidgetItem(QLocale().toString(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if not kind:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.counts.setItem(row, column, item)
        fit_table_height(self.counts)
        self.counts.show()
        self.completeChanged.emit()

    def _show_trust(self, inspection: Inspection, revoked: bool) -> None:
        if inspection.trusted:
            self.untrusted_box.hide()
            return
        if revoked:
            self.untrusted_text.setText(
                self.tr(
                    "This bundle is signed by a key that was revoked in this catalogue, so it "
                    "cannot be imported. If the sender's key was revoked by mistake, add their "
                    "key file again in Preferences → Trusted keys."
                )
            )
            self.trust_button.hide()
        else:
            self.untrusted_text.setText(
                self.tr(
                    "This catalogue does not trust the key that signed this bundle yet. "
                    "Anyone can make a bundle: the fingerprint tells whose it is. Call or "
                    "message the sender and ask them to read you their fingerprint (kmdesk "
                    "shows it in Preferences → Trusted keys). If it is the same as the one "
                    "above, trust the key and import. If it differs, stop here with Cancel."
                )
            )
            self.trust_button.show()
        _error_style(self.untrusted_text)
        self.untrusted_box.show()

    @Slot()
    def trust_signer(self) -> None:
        """After the user compared the fingerprint, trust the signer's key and check again."""
        if self.preview is None:
            return
        inspection = self.preview.inspection
        manifest = inspection.manifest
        question = self.tr(
            "Does {name} read you this fingerprint?\n\n{fingerprint}\n\nTrust their key? "
            "Bundles signed with it will then be imported without this question."
        ).format(name=inspection.signer_name, fingerprint=inspection.fingerprint)
        if not ask_yes_no(self, self.tr("Trust this key?"), question):
            return
        key = PublicKey(manifest.public_key, manifest.creator_name, manifest.creator_installation)
        catalogue = self._catalogue
        self.trust_button.setEnabled(False)

        def trusted(_record: object) -> None:
            self.trust_button.setEnabled(True)
            self.check()

        def failed(error: BaseException) -> None:
            self.trust_button.setEnabled(True)
            self._failed(error)

        self._runner.run(
            lambda progress, cancel: catalogue.keys.trust(key),
            on_done=trusted,
            on_error=failed,
        )

    def isComplete(self) -> bool:
        return self.preview is not None and self.preview.inspection.trusted


class ImportPage(QWizardPage):
    """Page 3: the import, with a progress bar and a way to stop it (nothing is then changed)."""

    def __init__(
        self, catalogue: Catalogue, runner: OperationsRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._runner = runner
        self.operation: Operation | None = None
        self.outcome: ImportOutcome | None = None
        self.error: str | None = None
        self._holder = _Outcome()
        self.setTitle(self.tr("Importing"))
        self.setSubTitle(
            self.tr("The whole bundle is applied at once: stopping leaves the catalogue unchanged.")
        )
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Import progress"))
        self.progress.setRange(0, 0)
        self.step = _wrapping_label(parent=self)
        self.status = _wrapping_label(parent=self)
        self.stop_button = QPushButton(self.tr("&Stop the import"), self)
        self.stop_button.setAccessibleName(self.tr("Stop the import"))
        self.stop_button.clicked.connect(self.cancel)
        self.retry_button = QPushButton(self.tr("&Try again"), self)
        self.retry_button.setAccessibleName(self.tr("Start the import again"))
        self.retry_button.clicked.connect(self.start)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.step)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addStretch(1)

    @property
    def running(self) -> bool:
        """Whether the import is running (it may have been asked to stop)."""
        return self.operation is not None

    def initializePage(self) -> None:
        self.start()

    def isComplete(self) -> bool:
        return self.outcome is not None

    @Slot()
    def start(self) -> None:
        """Import the chosen bundle in the background."""
        wizard = self.wizard()
        path = wizard.choose_page.path if isinstance(wizard, ImportBundleWizard) else None
        if path is None or self.running:
            return
        self.outcome = None
        self.error = None
        self.status.clear()
        self.step.setText(self.tr("Importing {file}…").format(file=path.name))
        self.progress.setRange(0, 0)
        self.progress.show()
        self.stop_button.setEnabled(True)
        self.stop_button.show()
        self.retry_button.hide()
        holder = self._holder = _Outcome()
        catalogue = self._catalogue

        def work(progress: Progress, cancel: CancelToken) -> None:
            try:
                holder.result = run_import(catalogue, path, progress, cancel)
            except OperationCancelled:
                pass
            except Exception as error:  # shown on the page in plain words
                holder.error = error
            holder.finished = True

        self.operation = self._runner.run(work, on_progress=self._progressed)
        self.operation.ended.connect(self._ended)
        self.completeChanged.emit()

    @Slot()
    def cancel(self) -> None:
        """Ask the import to stop; the catalogue is left as it was."""
        if self.operation is not None:
            self.operation.cancel()
            self.stop_button.setEnabled(False)
            self.step.setText(self.tr("Stopping…"))

    @Slot(int, int, str)
    def _progressed(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, max(total, 0))
        if total:
            self.progress.setValue(min(done, total))
        if label:
            self.step.setText(label)

    @Slot()
    def _ended(self) -> None:
        self.operation = None
        holder = self._holder
        self.stop_button.hide()
        if holder.result is not None:
            self.outcome = holder.result
            self.progress.setRange(0, 1)
            self.progress.setValue(1)
            self.step.setText(self.tr("Imported."))
        elif holder.error is not None:
            self.error = describe_error(holder.error)
            self.progress.hide()
            self.step.setText(self.tr("The bundle was not imported. Nothing was changed."))
            self.status.setText(self.error)
            _error_style(self.status)
        else:
            self.progress.hide()
            self.step.setText(self.tr("The import was stopped. Nothing was changed."))
            self.retry_button.show()
        self.completeChanged.emit()
        wizard = self.wizard()
        if isinstance(wizard, ImportBundleWizard):
            wizard.import_ended(self.outcome)


class ReportPage(QWizardPage):
    """Page 4: what the import did, and a button that undoes it."""

    def __init__(
        self, catalogue: Catalogue, runner: OperationsRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._runner = runner
        self.undo_report: UndoReport | None = None
        self.setTitle(self.tr("Imported"))
        self.setFinalPage(True)
        self.summary = _wrapping_label(parent=self)
        self.summary.setAccessibleName(self.tr("What the import did"))
        self.table = QTableWidget(0, 3, self)
        self.table.setAccessibleName(self.tr("Records added, updated and deleted by kind"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Added"), self.tr("Updated"), self.tr("Deleted")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.undo_button = QPushButton(self.tr("&Undo this import"), self)
        self.undo_button.setAccessibleName(self.tr("Undo this import"))
        self.undo_button.clicked.connect(self.undo)
        self.undo_status = _wrapping_label(parent=self)
        row = QHBoxLayout()
        row.addWidget(self.undo_status, 1)
        row.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addStretch(0)

    def initializePage(self) -> None:
        wizard = self.wizard()
        if not isinstance(wizard, ImportBundleWizard) or wizard.import_page.outcome is None:
            return
        self.show_outcome(wizard.import_page.outcome)

    def show_outcome(self, outcome: ImportOutcome) -> None:
        """Fill the page from an import's outcome."""
        report = outcome.result.report
        lines = [
            self.tr("%n record(s) added", "", report.added)
            + ", "
            + self.tr("%n updated", "", report.updated)
            + ", "
            + self.tr("%n deleted", "", report.deleted)
            + "."
        ]
        if outcome.result.attachment_files:
            lines.append(
                self.tr("%n attachment file(s) received.", "", outcome.result.attachment_files)
            )
        if report.conflicts:
            lines.append(
                self.tr(
                    "%n value(s) changed here at the same time as the sender changed them were "
                    "kept for review in Conflicts.",
                    "",
                    report.conflicts,
                )
            )
        if report.kept:
            lines.append(
                self.tr(
                    "%n record(s) the sender deleted were kept: they were edited here since.",
                    "",
                    report.kept,
                )
            )
        if outcome.held_for_review:
            lines.append(
                self.tr(
                    "%n contribution(s) are waiting for a curator's review in Contributions.",
                    "",
                    outcome.held_for_review,
                )
            )
        self.summary.setText("\n".join(lines))
        by_kind: dict[str, dict[str, int]] = {}
        for kind, _record_id, result in report.outcomes:
            by_kind.setdefault(kind, {}).setdefault(result, 0)
            by_kind[kind][result] += 1
        shown = sorted(
            (
                k
                for k, v in by_kind.items()
                if any(v.get(o) for o in ("added", "updated", "deleted"))
            ),
            key=kind_order,
        )
        self.table.setRowCount(len(shown))
        for row, kind in enumerate(shown):
            self.table.setVerticalHeaderItem(row, QTableWidgetItem(kind_label(kind)))
            for column, result in enumerate(("added", "updated", "deleted")):
                item = QTableWidgetItem(QLocale().toString(by_kind[kind].get(result, 0)))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        fit_table_height(self.table)
        self.table.setVisible(bool(shown))
        self.undo_button.setEnabled(True)
        self.undo_status.clear()

    @Slot()
    def undo(self) -> None:
        """Undo this import (after asking), in the background."""
        question = self.tr(
            "Undo this import? Records it added are removed and records it changed get back "
            "their earlier values; records edited here since keep those edits."
        )
        if not ask_yes_no(self, self.tr("Undo this import"), question):
            return
        self.undo_button.setEnabled(False)
        self.undo_status.setText(self.tr("Undoing the import…"))
        catalogue = self._catalogue

        def done(report: UndoReport) -> None:
            self.undo_report = report
            self.undo_status.setText(undo_summary(report))
            wizard = self.wizard()
            if isinstance(wizard, ImportBundleWizard):
                wizard.undone.emit(report)

        def failed(error: BaseException) -> None:
            self.undo_button.setEnabled(True)
            self.undo_status.setText(describe_error(error))
            _error_style(self.undo_status)

        self._runner.run(
            lambda progress, cancel: catalogue.sync.undo_last_import(),
            on_done=done,
            on_error=failed,
            label=self.tr("Undoing the import"),
            parent=self,
            cancellable=False,
        )


class ImportBundleWizard(QWizard):
    """File → Import bundle: choose, preview (signer and counts), import with cancel, report."""

    #: An import finished: its :class:`ImportOutcome`.
    imported = Signal(object)
    #: The import was undone from the report page: the :class:`UndoReport`.
    undone = Signal(object)

    CHOOSE, PREVIEW, IMPORT, REPORT = range(4)

    def __init__(
        self,
        catalogue: Catalogue,
        runner: OperationsRunner,
        parent: QWidget | None = None,
        path: Path | str | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._runner = runner
        self._close_when_ended = False
        self.setWindowTitle(self.tr("Import a bundle"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Close"))
        self.choose_page = ChooseBundlePage(self)
        self.preview_page = PreviewPage(catalogue, runner, self)
        self.import_page = ImportPage(catalogue, runner, self)
        self.report_page = ReportPage(catalogue, runner, self)
        self.setPage(self.CHOOSE, self.choose_page)
        self.setPage(self.PREVIEW, self.preview_page)
        self.setPage(self.IMPORT, self.import_page)
        self.setPage(self.REPORT, self.report_page)
        self.setStartId(self.CHOOSE)
        self.resize(760, 640)
        if path is not None:
            self.choose_page.set_path(path)
            self.restart()
            self.next()

    def import_ended(self, outcome: ImportOutcome | None) -> None:
        """The import page's work ended: report it, or close if the user asked to."""
        if outcome is not None:
            self._close_when_ended = False
            self.imported.emit(outcome)
            if self.currentId() == self.IMPORT:
                self.next()
        elif self._close_when_ended:
            self._close_when_ended = False
            super().reject()

    def reject(self) -> None:
        """Cancel (or Escape): stop a running import first, and close once it has stopped."""
        if self.import_page.running:
            self._close_when_ended = True
            self.import_page.cancel()
            return
        super().reject()

    def closeEvent(self, event: Any) -> None:
        if self.import_page.running:
            self._close_when_ended = True
            self.import_page.cancel()
            event.ignore()
            return
        super().closeEvent(event)


def bundle_file_filter() -> str:
    """``kmdesk bundles (*.kmbundle *.kmbundle.001)`` in the UI language."""
    return QCoreApplication.translate(
        "BundleMessages", "kmdesk bundles (*%1 *%1.001);;All files (*)"
    ).replace("%1", BUNDLE_SUFFIX)
