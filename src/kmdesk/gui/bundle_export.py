"""File → Export bundle: what to export, the options, the estimated size, then a signed bundle.

The dialog offers what the main window can scope an export to (everything, the current
collection, saved search, or search and filters), the kind of bundle (a full one, only the
changes since the last bundle to a partner, or a return bundle of the contributions made here),
whether attachment files go along and whether the bundle is split into parts small enough for a
messaging app. The estimated size is computed in the background whenever an option changes, and
shown before anything is written. The export itself runs through the operations runner with a
progress bar and a way to stop it (no file is left behind), and ends by naming the files written.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QStandardPaths, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kmdesk.bundles.export import (
    ExportPlan,
    Scope,
    export_bundle,
    plan_delta,
    plan_export,
    plan_return,
)
from kmdesk.bundles.manifest import BUNDLE_SUFFIX, Manifest
from kmdesk.catalogue import Catalogue
from kmdesk.errors import OperationCancelled
from kmdesk.gui import bundle_import
from kmdesk.gui.operations import Operation, OperationsRunner
from kmdesk.progress import CancelToken, Progress

#: Parts of this size pass most messaging apps and e-mail servers.
DEFAULT_PART_MB = 15


#: A collection or saved search: its id, its name, or ``(id, name)``.
Reference = uuid.UUID | str | tuple[uuid.UUID | str, str]


@dataclass(frozen=True, slots=True)
class ScopeChoices:
    """What the main window can offer to export besides everything (each optional).

    ``collection`` and ``saved_search`` name the current one (by id, name or ``(id, name)``);
    ``query`` and ``filters`` are the current search box and facet filters.
    """

    collection: Reference | None = None
    saved_search: Reference | None = None
    query: str | None = None
    filters: Mapping[str, Sequence[str]] | None = None


@dataclass(frozen=True, slots=True)
class ResolvedChoices:
    """Scope choices with the names of the collection and saved search looked up."""

    collection: tuple[uuid.UUID, str] | None = None
    saved_search: tuple[uuid.UUID, str] | None = None
    query: str = ""
    filters: Mapping[str, Sequence[str]] = field(default_factory=dict)

    @property
    def has_search(self) -> bool:
        """Whether a search or filters are there to export."""
        return bool(self.query.strip() or any(self.filters.values()))


def _find(reference: Reference | None, records: Sequence[Any]) -> tuple[uuid.UUID, str] | None:
    """``(id, name)`` of the record ``reference`` names (by id or name), if it still exists."""
    if reference is None:
        return None
    wanted = reference[0] if isinstance(reference, tuple) else reference
    for record in records:
        if str(record.id) == str(wanted) or record.name == wanted:
            return record.id, record.name
    return None


def resolve_choices(catalogue: Catalogue, choices: ScopeChoices) -> ResolvedChoices:
    """Look up the names of the offered collection and saved search (a quick read)."""
    collection = saved_search = None
    if choices.collection is not None:
        collection = _find(choices.collection, catalogue.collections.all())
    if choices.saved_search is not None:
        saved_search = _find(choices.saved_search, catalogue.collections.saved_searches())
    return ResolvedChoices(
        collection,
        saved_search,
        (choices.query or "").strip(),
        {k: list(v) for k, v in (choices.filters or {}).items() if v},
    )


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """Everything an export needs, read from the dialog."""

    scope: Scope
    attachments: bool
    split_bytes: int | None
    peer: str | None
    delta: bool
    returning: bool
    description: str


def plan_for(catalogue: Catalogue, request: ExportRequest) -> ExportPlan:
    """What the export of ``request`` would write (on a worker thread)."""
    if request.returning:
        return plan_return(catalogue, attachments=request.attachments)
    if request.delta and request.peer:
        return plan_delta(catalogue, request.peer, attachments=request.attachments)
    return plan_export(catalogue, request.scope, attachments=request.attachments)


def written_files(output: Path, volumes: int) -> list[Path]:
    """The files an export to ``output`` with ``volumes`` parts wrote (as the core names them)."""
    if not output.name.endswith(BUNDLE_SUFFIX):
        output = output.with_name(output.name + BUNDLE_SUFFIX)
    if volumes <= 1:
        return [output]
    return [output.with_name(f"{output.name}.{n:03d}") for n in range(1, volumes + 1)]


class ExportBundleDialog(QDialog):
    """File → Export bundle: scope, options, estimated size, output file, progress, result."""

    #: A bundle was written: its manifest and the files (parts) written.
    exported = Signal(object, list)

    def __init__(
        self,
        catalogue: Catalogue,
        runner: OperationsRunner,
        scope_choices: ScopeChoices | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._runner = runner
        self._choices = resolve_choices(catalogue, scope_choices or ScopeChoices())
        self.plan: ExportPlan | None = None
        self.estimate_error: str | None = None
        self._estimating: Operation | None = None
        self.export_operation: Operation | None = None
        self.written: list[Path] = []
        self.error: str | None = None
        self.setWindowTitle(self.tr("Export a bundle"))
        self.setModal(True)

        # What to export.
        self.scope_box = QGroupBox(self.tr("What to export"), self)
        self.everything = QRadioButton(self.tr("The &whole catalogue"), self.scope_box)
        self.collection = QRadioButton(self.scope_box)
        self.saved_search = QRadioButton(self.scope_box)
        self.search = QRadioButton(self.scope_box)
        self.scope_group = QButtonGroup(self)
        scope_layout = QVBoxLayout(self.scope_box)
        for button in (self.everything, self.collection, self.saved_search, self.search):
            self.scope_group.addButton(button)
            scope_layout.addWidget(button)
        self.everything.setAccessibleName(self.tr("Export the whole catalogue"))
        choices = self._choices
        if choices.collection is not None:
            self.collection.setText(
                self.tr("The &collection “{name}”").format(name=choices.collection[1])
            )
        self.collection.setAccessibleName(self.tr("Export the current collection"))
        self.collection.setVisible(choices.collection is not None)
        if choices.saved_search is not None:
            self.saved_search.setText(
                self.tr("The &saved search “{name}”").format(name=choices.saved_search[1])
            )
        self.saved_search.setAccessibleName(self.tr("Export what the saved search finds"))
        self.saved_search.setVisible(choices.saved_search is not None)
        self.search.setText(
            self.tr("What the current &search finds: {search}").format(
                search=self._describe_search()
            )
        )
        self.search.setAccessibleName(self.tr("Export what the current search finds"))
        self.search.setVisible(choices.has_search)
        self.everything.setChecked(True)

        # Kind of bundle.
        self.kind_box = QGroupBox(self.tr("Kind of bundle"), self)
        self.full = QRadioButton(self.tr("&All the chosen records"), self.kind_box)
        self.full.setAccessibleName(self.tr("A bundle of all the chosen records"))
        self.delta = QRadioButton(
            self.tr("Only what &changed since the last bundle to this partner"), self.kind_box
        )
        self.delta.setAccessibleName(self.tr("Only the changes since the last bundle"))
        self.returning = QRadioButton(
            self.tr("My &contributions: products and needs made here, for the curators' review"),
            self.kind_box,
        )
        self.returning.setAccessibleName(self.tr("A return bundle of contributions"))
        self.kind_group = QButtonGroup(self)
        self.peer = QLineEdit(self.kind_box)
        self.peer.setAccessibleName(self.tr("Partner"))
        self.peer.setPlaceholderText(
            self.tr("Optional: remembered, so a later bundle to them carries only the changes")
        )
        self.peer.setMaxLength(50)
        kind_layout = QVBoxLayout(self.kind_box)
        for button in (self.full, self.delta, self.returning):
            self.kind_group.addButton(button)
            kind_layout.addWidget(button)
        peer_row = QFormLayout()
        peer_label = QLabel(self.tr("&Partner:"), self.kind_box)
        peer_label.setBuddy(self.peer)
        peer_row.addRow(peer_label, self.peer)
        kind_layout.addLayout(peer_row)
        self.full.setChecked(True)

        # Options.
        self.options_box = QGroupBox(self.tr("Options"), self)
        self.attachments = QCheckBox(self.tr("Include attachment &files (PDFs…)"), self)
        self.attachments.setAccessibleName(self.tr("Include attachment files"))
        self.attachments.setChecked(True)
        self.split = QCheckBox(self.tr("Split into &parts of at most"), self)
        self.split.setAccessibleName(self.tr("Split the bundle into parts"))
        self.split_mb = QSpinBox(self)
        self.split_mb.setAccessibleName(self.tr("Size of each part in megabytes"))
        self.split_mb.setRange(1, 4000)
        self.split_mb.setValue(DEFAULT_PART_MB)
        self.split_mb.setSuffix(self.tr(" MB"))
        self.split_mb.setEnabled(False)
        self.description = QLineEdit(self)
        self.description.setAccessibleName(self.tr("Description"))
        self.description.setPlaceholderText(
            self.tr("Optional: what the bundle holds, for its reader")
        )
        self.description.setMaxLength(500)
        split_row = QHBoxLayout()
        split_row.addWidget(self.split)
        split_row.addWidget(self.split_mb)
        split_row.addStretch(1)
        options_layout = QVBoxLayout(self.options_box)
        options_layout.addWidget(self.attachments)
        options_layout.addLayout(split_row)
        description_row = QFormLayout()
        description_label = QLabel(self.tr("&Description:"), self)
        description_label.setBuddy(self.description)
        description_row.addRow(description_label, self.description)
        options_layout.addLayout(description_row)

        # Estimate, file, progress, result.
        self.estimate = QLabel(self)
        self.estimate.setWordWrap(True)
        self.estimate.setAccessibleName(self.tr("Estimated size"))
        self.output = QLineEdit(self)
        self.output.setAccessibleName(self.tr("Bundle file to write"))
        self.output.setPlaceholderText(self.tr("Where to write the bundle (.kmbundle)"))
        self.choose_button = QPushButton(self.tr("C&hoose…"), self)
        self.choose_button.setAccessibleName(self.tr("Choose where to write the bundle"))
        self.choose_button.clicked.connect(self.choose_output)
        file_row = QHBoxLayout()
        file_row.addWidget(self.output, 1)
        file_row.addWidget(self.choose_button)
        output_label = QLabel(self.tr("&Save as:"), self)
        output_label.setBuddy(self.output)
        bottom = QFormLayout()
        bottom.addRow(self.tr("Estimated size:"), self.estimate)
        bottom.addRow(output_label, file_row)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Export progress"))
        self.progress.hide()
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.setAccessibleName(self.tr("Export result"))
        self.result_label.hide()

        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(
            self.tr("&Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setAccessibleName(self.tr("Write the bundle"))
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.scope_box)
        layout.addWidget(self.kind_box)
        layout.addWidget(self.options_box)
        layout.addLayout(bottom)
        layout.addWidget(self.progress)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)

        for group in (self.scope_group, self.kind_group):
            group.buttonToggled.connect(self._choice_toggled)
        self.attachments.toggled.connect(self._options_changed)
        self.split.toggled.connect(self.split_mb.setEnabled)
        self.split.toggled.connect(self._show_estimate)
        self.split_mb.valueChanged.connect(self._show_estimate)
        self.peer.textChanged.connect(self._peer_changed)
        self.output.textChanged.connect(self._update_buttons)
        self.resize(max(self.sizeHint().width(), 640), self.sizeHint().height())
        self._options_changed()

    # -- reading the options ----------------------------------------------------------------------

    def _describe_search(self) -> str:
        parts = []
        if self._choices.query.strip():
            parts.append(f"“{self._choices.query.strip()}”")
        for name, values in self._choices.filters.items():
            if values:
                parts.append(f"{name}: {', '.join(values)}")
        return "; ".join(parts)

    def scope(self) -> Scope:
        """The scope chosen (everything, the collection, the saved search, the search)."""
        choices = self._choices
        if self.collection.isChecked() and choices.collection is not None:
            return Scope(collection=choices.collection[1])
        if self.saved_search.isChecked() and choices.saved_search is not None:
            return Scope(saved_search=choices.saved_search[1])
        if self.search.isChecked() and choices.has_search:
            filters = {k: list(v) for k, v in choices.filters.items() if v}
            return Scope(query=choices.query.strip() or None, filters=filters)
        return Scope()

    def request(self) -> ExportRequest:
        """The export the dialog is set up for."""
        peer = self.peer.text().strip() or None
        return ExportRequest(
            scope=Scope()
            if (self.delta.isChecked() or self.returning.isChecked())
            else self.scope(),
            attachments=self.attachments.isChecked(),
            split_bytes=self.split_mb.value() * 1_000_000 if self.split.isChecked() else None,
            peer=peer,
            delta=self.delta.isChecked(),
            returning=self.returning.isChecked(),
            description=self.description.text().strip(),
        )

    @property
    def output_path(self) -> Path | None:
        """The bundle file to write, or None."""
        text = self.output.text().strip()
        return Path(text).expanduser() if text else None

    def set_output(self, path: Path | str) -> None:
        """Write the bundle to ``path`` (as if chosen)."""
        self.output.setText(str(path))

    # -- the estimate -----------------------------------------------------------------------------

    @property
    def estimating(self) -> bool:
        """Whether the estimate is being computed."""
        return self._estimating is not None

    @Slot(QAbstractButton, bool)
    def _choice_toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if checked:  # each change unchecks one button and checks another: estimate once
            self._options_changed()

    @Slot()
    def _peer_changed(self) -> None:
        if self.delta.isChecked():
            self._options_changed()
        else:
            self._update_buttons()

    @Slot()
    def _options_changed(self) -> None:
        self.scope_box.setEnabled(self.full.isChecked())
        request = self.request()
        self.plan = None
        self.estimate_error = None
        if request.delta and not request.peer:
            self._estimating = None
            self.estimate.setText(self.tr("Name the partner the changes are for."))
            self._update_buttons()
            return
        self.estimate.setText(self.tr("Estimating the size…"))
        catalogue = self._catalogue
        operation = self._runner.run(
            lambda progress, cancel: plan_for(catalogue, request),
            on_done=self._estimated,
            on_error=self._estimate_failed,
            key=f"export-estimate-{id(self)}",
        )
        self._estimating = operation
        operation.ended.connect(lambda: self._estimate_ended(operation))
        self._update_buttons()

    def _estimate_ended(self, operation: Operation) -> None:
        if self._estimating is operation:
            self._estimating = None

    @Slot(object)
    def _estimated(self, plan: ExportPlan) -> None:
        self.plan = plan
        self._show_estimate()

    @Slot(object)
    def _estimate_failed(self, error: BaseException) -> None:
        self.estimate_error = bundle_import.describe_error(error)
        self.estimate.setText(self.estimate_error)
        self._update_buttons()

    @Slot()
    def _show_estimate(self) -> None:
        plan = self.plan
        if plan is None:
            return
        counts = plan.counts
        size = QLocale().formattedDataSize(plan.estimated_bytes)
        text = self.tr("about {size}").format(size=size)
        shown = [
            self.tr("%n product(s)", "", counts.get("product", 0)),
            self.tr("%n knowledge need(s)", "", counts.get("need", 0)),
        ]
        if counts.get("attachment-files"):
            shown.append(self.tr("%n attachment file(s)", "", counts["attachment-files"]))
        if counts.get("tombstones"):
            shown.append(self.tr("%n deletion(s)", "", counts["tombstones"]))
        text += ": " + ", ".join(shown)
        if self.split.isChecked():
            parts = max(1, math.ceil(plan.estimated_bytes / (self.split_mb.value() * 1_000_000)))
            # Volume 1 holds only the signed manifest when a bundle is split.
            text += " — " + self.tr("in about %n part(s)", "", parts + 1)
        records = sum(v for k, v in counts.items() if k != "attachment-files")
        if records == 0:
            text = self.tr("Nothing to export with these choices.")
        self.estimate.setText(text)
        self._update_buttons()

    # -- the output file --------------------------------------------------------------------------

    @Slot()
    def choose_output(self) -> None:
        """Choose where to write the bundle with a file dialog."""
        current = self.output_path
        if current is None:
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
            stem = "kmdesk-" + dt.date.today().isoformat()
            current = Path(folder) / (stem + BUNDLE_SUFFIX)
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the bundle as"),
            str(current),
            self.tr("kmdesk bundles (*%1)").replace("%1", BUNDLE_SUFFIX),
        )
        if chosen:
            if not chosen.endswith(BUNDLE_SUFFIX):
                chosen += BUNDLE_SUFFIX
            self.set_output(chosen)

    # -- the export -------------------------------------------------------------------------------

    @property
    def exporting(self) -> bool:
        """Whether a bundle is being written."""
        return self.export_operation is not None

    def _update_buttons(self) -> None:
        request = self.request()
        ready = (
            not self.exporting
            and self.output_path is not None
            and not (request.delta and not request.peer)
        )
        self.export_button.setEnabled(ready)

    @Slot()
    def start_export(self) -> None:
        """Write the bundle in the background, with progress and a way to stop."""
        output = self.output_path
        if output is None or self.exporting:
            return
        request = self.request()
        targets = written_files(output, 2 if request.split_bytes else 1)
        if any(target.exists() for target in targets) and not bundle_import.ask_yes_no(
            self,
            self.tr("Replace the file?"),
            self.tr("{file} already exists. Replace it?").format(file=targets[0].name),
        ):
            return
        self.error = None
        self.written = []
        self.result_label.hide()
        self.progress.setRange(0, 0)
        self.progress.show()
        for box in (self.scope_box, self.kind_box, self.options_box):
            box.setEnabled(False)
        self.output.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.close_button.setText(self.tr("Cancel"))
        catalogue = self._catalogue
        outcome: dict[str, Any] = {}

        def work(progress: Progress, cancel: CancelToken) -> None:
            try:
                outcome["manifest"] = export_bundle(
                    catalogue,
                    output,
                    scope=request.scope,
                    attachments=request.attachments,
                    description=request.description,
                    split_bytes=request.split_bytes,
                    peer=request.peer,
                    delta=request.delta,
                    returning=request.returning,
                    progress=progress,
                    cancel=cancel,
                )
            except OperationCancelled:
                pass
            except Exception as error:  # shown in the dialog in plain words
                outcome["error"] = error

        operation = self._runner.run(work, on_progress=self._progressed)
        self.export_operation = operation
        operation.ended.connect(lambda: self._export_ended(output, outcome))
        self._update_buttons()

    @Slot(int, int, str)
    def _progressed(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, max(total, 0))
        if total:
            self.progress.setValue(min(done, total))

    def _export_ended(self, output: Path, outcome: dict[str, Any]) -> None:
        self.export_operation = None
        self.progress.hide()
        for box in (self.kind_box, self.options_box):
            box.setEnabled(True)
        self.scope_box.setEnabled(self.full.isChecked())
        self.output.setEnabled(True)
        self.choose_button.setEnabled(True)
        self.close_button.setText(self.tr("Close"))
        manifest: Manifest | None = outcome.get("manifest")
        if manifest is not None:
            self.written = written_files(output, manifest.volumes)
            self._show_result(manifest)
            self.exported.emit(manifest, list(self.written))
        elif "error" in outcome:
            self.error = bundle_import.describe_error(outcome["error"])
            self.result_label.setText(self.tr("No bundle was written.") + " " + self.error)
            self._result_style(error=True)
        else:
            self.result_label.setText(
                self.tr("The export was stopped; no bundle file was written.")
            )
            self._result_style(error=False)
        self._update_buttons()

    def _show_result(self, manifest: Manifest) -> None:
        records = sum(v for k, v in manifest.counts.items() if k != "attachment-files")
        folder = self.written[0].parent
        names = "\n".join(f"  {path.name}" for path in self.written)
        if len(self.written) == 1:
            text = self.tr("Wrote the bundle ({records}) in {folder}:\n{names}")
        else:
            text = self.tr(
                "Wrote the bundle ({records}) in {folder}, in {parts} parts:\n{names}\n"
                "Send every part; the receiver opens the first."
            )
        self.result_label.setText(
            text.format(
                records=self.tr("%n record(s)", "", records),
                folder=folder,
                parts=len(self.written),
                names=names,
            )
        )
        self._result_style(error=False)

    def _result_style(self, *, error: bool) -> None:
        palette = self.palette()
        if error:
            palette.setColor(self.result_label.foregroundRole(), Qt.GlobalColor.darkRed)
        self.result_label.setPalette(palette)
        self.result_label.show()

    def reject(self) -> None:
        """Close, or (while writing) stop the export and stay open to say so."""
        if self.export_operation is not None:
            self.export_operation.cancel()
            self.close_button.setEnabled(True)
            return
        if self._estimating is not None:
            self._estimating.cancel()
        super().reject()
