"""Make the README's screenshots of the desktop app, offscreen, on the demo catalogue.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Writes ``main_window.png`` (a search with a product selected), ``pdf_viewer.png`` (a demo PDF
opened at a search hit), ``knowledge_map.png`` (themes × needs with an unanswered need's
suggestions) and ``import_preview.png`` (the import wizard's preview of a partner's bundle).
Run it again whenever the UI changes, and look at the pictures.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
WAIT_S = 60.0


def _wait(app: object, condition: Callable[[], bool], what: str) -> None:
    from PySide6.QtCore import QCoreApplication

    deadline = time.monotonic() + WAIT_S
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        QCoreApplication.processEvents()
        time.sleep(0.01)


def _settle(app: object, seconds: float = 0.4) -> None:
    from PySide6.QtCore import QCoreApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtWidgets import QApplication

    from kmdesk.bundles.export import export_bundle
    from kmdesk.catalogue import Catalogue
    from kmdesk.demo import load_demo
    from kmdesk.gui.bundle_import import ImportBundleWizard
    from kmdesk.gui.main_window import MainWindow
    from kmdesk.gui.settings import Settings
    from kmdesk.gui.translation import install_language

    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_language(app, "en")  # plurals ("312 products")
    with tempfile.TemporaryDirectory(prefix="kmdesk-shots-") as scratch:
        folder = Path(scratch)
        catalogue = Catalogue.open(folder / "catalogue")
        load_demo(catalogue)
        catalogue.ensure_index()
        window = MainWindow(catalogue, settings=Settings(folder / "settings.ini"))
        window.resize(1400, 860)
        window.show()
        _wait(app, lambda: window.search.model.rowCount() > 0, "the first results")

        window.search.set_state("budget monitoring", {}, "relevance")
        _wait(
            app,
            lambda: (
                window.search.state()[0] == "budget monitoring"
                and window.search.model.rowCount() > 0
                and not window.search.is_searching
            ),
            "the search",
        )
        window.search.table.selectRow(0)
        _wait(app, lambda: window.detail.record is not None, "the detail")
        _settle(app, 1.5)
        window.grab().save(str(args.out / "main_window.png"))

        with_pdf = next(
            record
            for record in catalogue.products.records(catalogue.products.ids())
            if any(a.file_name.endswith(".pdf") for a in record.attachments)
        )
        pdf = next(a for a in with_pdf.attachments if a.file_name.endswith(".pdf"))
        window.show_product(with_pdf.id)
        _wait(app, lambda: window.detail.product_id == with_pdf.id, "the product")
        viewer = window.open_attachment(pdf, "budget")
        viewer.resize(1250, 860)
        _wait(app, lambda: viewer.page_count() > 0, "the PDF")
        _settle(app, 1.5)
        # Two highlights with notes on the page shown, made as a user makes them.
        page = viewer.current_page()
        text = viewer.page_text(page)
        sentences = [
            m for m in re.finditer(r"[A-Z][^.•]{40,200}\.", text) if "should" in m.group()
        ][:2]
        for match, body in zip(
            sentences,
            ("Use this with the **ward councils** in Gulu.", "Compare with the 2022 figures."),
            strict=False,
        ):
            viewer.view.select_range(page, match.start(), match.end() - match.start())
            dialog = viewer.start_highlight()
            assert dialog is not None
            dialog.fields.body_edit.setPlainText(body)
            dialog.save_button.click()
            count = len(viewer.highlights()) + 1
            _wait(app, lambda count=count: len(viewer.highlights()) == count, "a highlight")
        _settle(app, 1.5)
        viewer.grab().save(str(args.out / "pdf_viewer.png"))
        viewer.close()

        catalogue.annotations.add(
            catalogue.products.ids()[5],
            body="Good for the **first meeting** with a new partner; see step 2.",
            tags=["onboarding", "method"],
            rating=4,
            shared=True,
        )
        catalogue.annotations.add(
            catalogue.products.ids()[9], tags=["to read"], body="Recommended by the Mbale club."
        )
        notes = window.show_my_notes()
        notes.resize(1200, 640)
        _wait(app, lambda: len(notes.shown_notes()) == 4, "the notes")  # type: ignore[attr-defined]
        notes.select_note(notes.shown_notes()[-1].id)  # type: ignore[attr-defined]
        _settle(app, 1.0)
        notes.grab().save(str(args.out / "my_notes.png"))
        notes.close()

        view = window.show_knowledge_map()
        view.resize(1400, 860)
        _settle(app, 3.0)
        unanswered = catalogue.needs.all(unanswered=True)
        if unanswered:
            view.select_cell(str(unanswered[0].id), None)  # type: ignore[attr-defined]
            _settle(app, 3.0)
        view.grab().save(str(args.out / "knowledge_map.png"))
        view.close()

        partner = Catalogue.open(folder / "partner")
        partner.keys.set_own_name("Civic Ledger Uganda")
        for record in catalogue.products.records(catalogue.products.ids()[:3]):
            title = f"{record.title} (field notes)"
            partner.products.add({"title": title, "product_type": "guide"})
        bundle = folder / "from-partner.kmbundle"
        export_bundle(partner, bundle, attachments=False, description="Field notes, Gulu")
        catalogue.keys.trust(catalogue.keys.read(partner.keys.export(), "partner.kmkey"))
        partner.close()
        wizard = ImportBundleWizard(catalogue, window.runner, window, path=bundle)
        wizard.resize(900, 640)
        wizard.show()
        _wait(app, lambda: not wizard.preview_page.checking, "the preview")
        _settle(app, 1.0)
        wizard.grab().save(str(args.out / "import_preview.png"))
        wizard.close()

        window.close()
        catalogue.close()
    for name in ("main_window", "pdf_viewer", "my_notes", "knowledge_map", "import_preview"):
        print(args.out / f"{name}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
