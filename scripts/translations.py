"""Keep the desktop app's translations in step with its code.

Run from the repository root with the venv's Python::

    .venv/bin/python scripts/translations.py update    # extract tr() strings into the .ts files
    .venv/bin/python scripts/translations.py compile   # .ts -> .qm into src/kmdesk/gui/translations
    .venv/bin/python scripts/translations.py check     # untranslated strings per language

``update`` runs ``pyside6-lupdate`` over every ``src/kmdesk/gui/**/*.py`` into
``resources/i18n/kmdesk_<code>.ts`` (fr, es, pt), keeping existing translations and dropping
strings the code no longer has (``-no-obsolete``). English is the source language:
``kmdesk_en.ts`` holds only the plural forms (``-pluralonly``), filled in automatically from the
source text ("%n product(s)" -> "%n product" / "%n products").

``compile`` runs ``pyside6-lrelease`` for each file; the ``.qm`` files are build output (not in
git), loaded by :mod:`kmdesk.gui.translation`.

``check`` counts the unfinished messages of each language and exits with status 1 when a
language that must be complete (English and French; ``--complete`` changes the list) has any;
``--list`` prints them.

Translating: open a ``.ts`` file in Qt Linguist (``.venv/bin/pyside6-linguist``), or edit the
XML: fill ``<translation>`` (``<numerusform>`` for each plural form) and remove
``type="unfinished"``.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUI_SOURCES = ROOT / "src" / "kmdesk" / "gui"
TS_DIR = ROOT / "resources" / "i18n"
QM_DIR = GUI_SOURCES / "translations"
TRANSLATED = ("fr", "es", "pt")
SOURCE_LANGUAGE = "en"
MUST_BE_COMPLETE = ("en", "fr")

_PLURAL_SUFFIX = re.compile(r"\((\w+)\)")


def tool(name: str) -> str:
    """The path of a PySide6 tool (``lupdate``, ``lrelease``) next to the running Python."""
    suffix = ".exe" if os.name == "nt" else ""
    for folder in (Path(sys.executable).parent, ROOT / ".venv" / "bin"):
        candidate = folder / f"pyside6-{name}{suffix}"
        if candidate.is_file():
            return str(candidate)
    raise SystemExit(
        f"pyside6-{name} was not found next to {sys.executable}; "
        "run this script with the venv's Python (.venv/bin/python)"
    )


def ts_path(code: str) -> Path:
    """The translation source file of language ``code``."""
    return TS_DIR / f"kmdesk_{code}.ts"


def gui_sources() -> list[Path]:
    """Every Python file of the GUI, in a stable order."""
    return sorted(p for p in GUI_SOURCES.rglob("*.py") if "__pycache__" not in p.parts)


def update() -> None:
    """Extract the strings of the GUI into every ``.ts`` file, keeping translations."""
    TS_DIR.mkdir(parents=True, exist_ok=True)
    sources = [str(p.relative_to(ROOT)) for p in gui_sources()]
    common = ["-no-obsolete", "-locations", "relative", "-source-language", "en"]
    for code in TRANSLATED:
        _run([tool("lupdate"), *sources, *common, "-target-language", code, "-ts", _rel(code)])
    _run(
        [
            tool("lupdate"),
            *sources,
            *common,
            "-pluralonly",
            "-target-language",
            SOURCE_LANGUAGE,
            "-ts",
            _rel(SOURCE_LANGUAGE),
        ]
    )
    filled = fill_english_plurals(ts_path(SOURCE_LANGUAGE))
    if filled:  # lupdate again: the file gets back lupdate's own layout (stable diffs)
        _run([tool("lupdate"), *sources, *common, "-pluralonly", "-silent", "-ts", _rel("en")])
    print(f"{ts_path(SOURCE_LANGUAGE).name}: {filled} plural form(s) filled in")


def compile_all(out: Path) -> None:
    """Compile every ``.ts`` file into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    for code in (SOURCE_LANGUAGE, *TRANSLATED):
        source = ts_path(code)
        if not source.is_file():
            print(f"{source.name}: missing, skipped (run 'update' first)", file=sys.stderr)
            continue
        target = out / source.with_suffix(".qm").name
        _run([tool("lrelease"), "-silent", str(source), "-qm", str(target)])
        print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")


def unfinished(path: Path) -> list[tuple[str, str]]:
    """The (context, source) of every message in ``path`` that has no finished translation."""
    missing: list[tuple[str, str]] = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            source = message.findtext("source", "")
            if translation is None:
                missing.append((name, source))
                continue
            kind = translation.get("type", "")
            if kind in ("vanished", "obsolete"):
                continue
            forms = translation.findall("numerusform")
            texts = [f.text or "" for f in forms] if forms else [translation.text or ""]
            if kind == "unfinished" or not all(t.strip() for t in texts):
                missing.append((name, source))
    return missing


def count_messages(path: Path) -> int:
    """How many current (not vanished or obsolete) messages ``path`` holds."""
    current = 0
    for message in ET.parse(path).getroot().iter("message"):
        translation = message.find("translation")
        kind = translation.get("type", "") if translation is not None else ""
        current += kind not in ("vanished", "obsolete")
    return current


def check(complete: tuple[str, ...], show: bool) -> int:
    """Print the untranslated count per language; 1 when a must-be-complete one has any."""
    status = 0
    for code in (SOURCE_LANGUAGE, *TRANSLATED):
        path = ts_path(code)
        if not path.is_file():
            print(f"{code}: {path.name} is missing")
            status = 1 if code in complete else status
            continue
        missing = unfinished(path)
        total = count_messages(path)
        print(f"{code}: {len(missing)} untranslated of {total}")
        if show:
            for context, source in missing:
                print(f"    [{context}] {source!r}")
        if missing and code in complete:
            status = 1
    return status


def fill_english_plurals(path: Path) -> int:
    """Write the English forms of "%n thing(s)" messages; returns how many were filled."""
    tree = ET.parse(path)
    filled = 0
    for message in tree.getroot().iter("message"):
        if message.get("numerus") != "yes":
            continue
        translation = message.find("translation")
        if translation is None or translation.get("type") != "unfinished":
            continue
        source = message.findtext("source", "")
        singular = _PLURAL_SUFFIX.sub("", source)
        plural = _PLURAL_SUFFIX.sub(r"\1", source)
        for form in list(translation):
            translation.remove(form)
        for text in (singular, plural):
            ET.SubElement(translation, "numerusform").text = text
        del translation.attrib["type"]
        filled += 1
    if filled:
        write_ts(tree, path)
    return filled


def write_ts(tree: ET.ElementTree, path: Path) -> None:
    """Write a ``.ts`` tree back with the header Qt Linguist writes."""
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def _rel(code: str) -> str:
    return str(ts_path(code).relative_to(ROOT))


def _run(command: list[str]) -> None:
    completed = subprocess.run(command, cwd=ROOT, check=False)
    if completed.returncode != 0:
        raise SystemExit(f"{Path(command[0]).name} failed with status {completed.returncode}")


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the chosen step."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    steps = parser.add_subparsers(dest="step", required=True)
    steps.add_parser("update", help="extract tr() strings into resources/i18n/*.ts")
    compile_step = steps.add_parser("compile", help="compile the .ts files into .qm files")
    compile_step.add_argument("--out", type=Path, default=QM_DIR, help="where the .qm go")
    check_step = steps.add_parser("check", help="count untranslated strings per language")
    check_step.add_argument(
        "--complete",
        default=",".join(MUST_BE_COMPLETE),
        help="comma-separated languages that must have no untranslated string",
    )
    check_step.add_argument("--list", action="store_true", help="print each untranslated string")
    args = parser.parse_args(argv)
    if args.step == "update":
        update()
        return 0
    if args.step == "compile":
        compile_all(args.out)
        return 0
    complete = tuple(code for code in args.complete.split(",") if code)
    return check(complete, args.list)


if __name__ == "__main__":
    sys.exit(main())
