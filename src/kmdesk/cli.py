"""The ``kmdesk`` command: the catalogue without a window, for curators and automation.

Run ``kmdesk`` alone to open the desktop app, or a subcommand (``kmdesk --help`` lists them).
Every command takes ``--data-dir DIR`` (or the ``KMDESK_DATA_DIR`` environment variable); read
commands take ``--json`` for output that scripts can parse (shapes in ``docs/cli.md``).

Exit status: 0 success; 1 a problem the user can fix (one line on stderr, no traceback), or
``check`` found problems; 2 the command line itself was wrong (unknown option, missing argument).
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kmdesk import __version__
from kmdesk.catalogue import Catalogue
from kmdesk.catalogue.product_fields import FIELDS, LIST_FIELDS, PRODUCT_FIELDS
from kmdesk.errors import KmdeskError, disk_full_error
from kmdesk.files import write_atomically
from kmdesk.filters import parse_filter_args
from kmdesk.geo import REGIONS, country_name
from kmdesk.i18n import _
from kmdesk.paths import DataDirChoice, resolve_data_dir
from kmdesk.progress import ProgressUpdate
from kmdesk.records import AnnotationRecord, ProductRecord, to_json
from kmdesk.terms import VOCABULARY_MODELS
from kmdesk.trust.keys import MAX_KEY_FILE_BYTES
from kmdesk.validation import visible
from kmdesk.vocabulary import LINK_TYPES

if TYPE_CHECKING:
    from kmdesk.search.extraction import Extraction

_DATA_DIR_KEY = "kmdesk.data_dir"


class KmdeskGroup(click.Group):
    """Turns the core's user-facing errors into one line on stderr and exit status 1.

    A full disk (SQLite, the search index or a file copy refusing to write) is one of them,
    whichever layer it surfaced from.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KmdeskError as exc:
            raise click.ClickException(_shown(str(exc))) from exc
        except Exception as exc:
            try:
                folder = str(_data_dir(ctx).path)
            except Exception:
                folder = _("the catalogue folder")
            full = disk_full_error(exc, folder)
            if full is None:
                raise
            raise click.ClickException(_shown(str(full))) from exc


def _remember_data_dir(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None and not value.strip():
        # An empty --data-dir "$UNSET" must not fall back to the user's real catalogue.
        raise click.BadParameter(_("is empty; give a folder"), ctx=ctx, param=param)
    if value:
        ctx.meta[_DATA_DIR_KEY] = value


def data_dir_option[F: Callable[..., Any]](function: F) -> F:
    """``--data-dir DIR`` accepted before or after the subcommand name."""
    return click.option(
        "--data-dir",
        type=click.Path(file_okay=False, path_type=str),
        expose_value=False,
        is_eager=True,
        callback=_remember_data_dir,
        help=_("Catalogue folder (default: $KMDESK_DATA_DIR, portable folder, or user data)."),
    )(function)


def json_option[F: Callable[..., Any]](function: F) -> F:
    """``--json``: print machine-readable output instead of text."""
    return click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))(function)


def _data_dir(ctx: click.Context) -> DataDirChoice:
    return resolve_data_dir(ctx.meta.get(_DATA_DIR_KEY))


def _open(ctx: click.Context, *, create: bool = False) -> Catalogue:
    catalogue = Catalogue.open(_data_dir(ctx).path, create=create)
    ctx.call_on_close(catalogue.close)
    if catalogue.migration.upgraded:
        click.echo(
            _("Upgraded the catalogue's schema; the previous version is kept in {path}").format(
                path=catalogue.migration.backup
            ),
            err=True,
        )
    for notice in catalogue.notices:
        click.echo(_shown(notice), err=True)
    return catalogue


def _shown(value: Any, *, lines: bool = False) -> str:
    """Record text made safe for a terminal: controls and bidi overrides as visible escapes.

    Use it wherever stored text is echoed: a catalogue may hold text written before validation
    refused such characters, or by other tools (``lines=True`` keeps line feeds and tabs).
    """
    return visible(str(value), lines=lines)


def _json_escape(character: str) -> str:
    code = ord(character)
    if code > 0xFFFF:  # JSON writes characters beyond the BMP as a surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def _json_safe(text: str) -> str:
    """JSON text with controls and bidi characters escaped (see :func:`_print_json`)."""
    return visible(text, lines=True, escape=_json_escape)


def _print_json(value: Any) -> None:
    # json.dumps escapes C0 controls inside strings, but with ensure_ascii=False it writes DEL,
    # C1 controls (U+009B is a terminal's CSI), bidi overrides and unpaired surrogates raw: write
    # those as \uXXXX escapes too (outside strings JSON text has only ASCII and line feeds).
    click.echo(_json_safe(json.dumps(to_json(value), ensure_ascii=False, indent=2)))


@click.group(
    cls=KmdeskGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@data_dir_option
@click.version_option(__version__, prog_name="kmdesk")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """kmdesk: an offline catalogue of knowledge products.

    Without a command, opens the desktop app (on first start of an empty catalogue folder it
    loads the demo catalogue).
    """
    if ctx.invoked_subcommand is None:
        from kmdesk.gui.app import run_app

        sys.exit(run_app(_data_dir(ctx).path))


# -- catalogue set-up ----------------------------------------------------------------------------


@cli.command()
@data_dir_option
@click.pass_context
def init(ctx: click.Context) -> None:
    """Create an empty catalogue in the catalogue folder."""
    choice = _data_dir(ctx)
    existed = Catalogue.exists(choice.path)
    _open(ctx, create=True)
    if existed:
        click.echo(_("A catalogue already exists in {path}").format(path=choice.path))
    else:
        click.echo(_("Created an empty catalogue in {path}").format(path=choice.path))


@cli.command()
@data_dir_option
@click.pass_context
def demo(ctx: click.Context) -> None:
    """Load the bundled demo catalogue (300 products, needs, collections, PDFs)."""
    from kmdesk.demo import load_demo

    catalogue = _open(ctx, create=True)
    show = sys.stderr.isatty()

    def report(update: ProgressUpdate) -> None:
        if show and update.total:
            click.echo(f"\r{update.label}: {update.done}/{update.total}", nl=False, err=True)

    summary = load_demo(catalogue, progress=report)
    catalogue.ensure_index(progress=report)
    if show:
        click.echo(err=True)
    click.echo(
        _(
            "Loaded the demo catalogue into {path}: {products} products, {attachments} "
            "attachments, {needs} knowledge needs, {collections} collections"
        ).format(
            path=catalogue.folder,
            products=summary.products,
            attachments=summary.attachments,
            needs=summary.needs,
            collections=summary.collections,
        )
    )


@cli.command()
@data_dir_option
@json_option
@click.pass_context
def info(ctx: click.Context, as_json: bool) -> None:
    """Where the catalogue is, which installation this is, and what it holds."""
    choice = _data_dir(ctx)
    catalogue = _open(ctx)
    stats = catalogue.stats()
    data = {
        "data_dir": str(choice.path),
        "chosen_by": choice.reason,
        "installation_id": catalogue.installation_id,
        "schema": catalogue.migration.to_revision,
        "stats": to_json(stats),
    }
    if as_json:
        _print_json(data)
        return
    click.echo(
        _("Catalogue folder: {path} ({reason})").format(path=choice.path, reason=choice.reason)
    )
    click.echo(_("Installation: {id}").format(id=catalogue.installation_id))
    click.echo(_("Schema revision: {rev}").format(rev=catalogue.migration.to_revision))
    for name, value in to_json(stats).items():
        click.echo(f"  {name.replace('_', ' ')}: {value}")


# -- products ------------------------------------------------------------------------------------


def product_options[F: Callable[..., Any]](function: F) -> F:
    """The options that set a product's fields, shared by ``add`` and ``edit``.

    Built from the registry of product fields, so a new field gets its option there.
    """
    for field in reversed(FIELDS):
        function = click.option(
            field.option,
            field.name,
            multiple=field.is_list,
            metavar=field.metavar,
            help=field.help,
        )(function)
    return function


def _given_fields(options: dict[str, Any]) -> dict[str, Any]:
    """The product fields given on the command line (repeatable options given at least once)."""
    values: dict[str, Any] = {}
    for name in PRODUCT_FIELDS:
        value = options.get(name)
        if isinstance(value, tuple):
            if value:
                values[name] = list(value)
        elif value is not None:
            values[name] = value
    return values


@cli.command()
@data_dir_option
@product_options
@click.option(
    "--attach",
    "attach",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=_("File to attach; repeatable."),
)
@click.option(
    "--from-json",
    "from_json",
    type=click.File("r", encoding="utf-8"),
    help=_("Read the fields from a JSON object in this file ('-' for stdin); options override."),
)
@json_option
@click.pass_context
def add(
    ctx: click.Context, attach: tuple[Path, ...], from_json: Any, as_json: bool, **options: Any
) -> None:
    """Add a knowledge product."""
    values: dict[str, Any] = {}
    if from_json is not None:
        try:
            loaded = json.load(from_json)
        except json.JSONDecodeError as exc:
            raise click.ClickException(
                _("{file}: not valid JSON: {error}").format(file=from_json.name, error=exc)
            ) from exc
        if not isinstance(loaded, dict):
            raise click.ClickException(
                _("{file}: expected a JSON object").format(file=from_json.name)
            )
        values.update(loaded)
    values.update(_given_fields(options))
    record = _open(ctx).products.add(values, attachments=attach)  # all or nothing
    if as_json:
        _print_json(record)
    else:
        click.echo(str(record.id))


@cli.command()
@data_dir_option
@click.argument("product_id", metavar="ID")
@product_options
@click.option(
    "--clear",
    "clear",
    multiple=True,
    type=click.Choice([f for f in PRODUCT_FIELDS if f not in ("title", "product_type", "status")]),
    help=_("Empty this field; repeatable."),
)
@json_option
@click.pass_context
def edit(
    ctx: click.Context, product_id: str, clear: tuple[str, ...], as_json: bool, **options: Any
) -> None:
    """Change fields of a product; repeatable options replace the whole list."""
    values = _given_fields(options)
    for name in clear:
        values[name] = [] if name in LIST_FIELDS else None
    if not values:
        raise click.UsageError(_("give at least one field to change (see 'kmdesk edit --help')"))
    record = _open(ctx).products.update(product_id, values)
    if as_json:
        _print_json(record)
    else:
        click.echo(_("Updated {id}").format(id=record.id))


@cli.command()
@data_dir_option
@click.argument("product_id", metavar="ID")
@click.option("--yes", is_flag=True, help=_("Do not ask for confirmation."))
@click.pass_context
def delete(ctx: click.Context, product_id: str, yes: bool) -> None:
    """Delete a product with its attachments and links (a tombstone keeps the deletion)."""
    catalogue = _open(ctx)
    record = catalogue.products.get(product_id)
    if not yes:
        if not sys.stdin.isatty():
            raise click.ClickException(_("not deleting without confirmation; add --yes"))
        click.confirm(_("Delete {title!r}?").format(title=record.title), abort=True)
    catalogue.products.delete(record.id)
    click.echo(_("Deleted {id}").format(id=record.id))


@cli.command()
@data_dir_option
@click.argument("product_id", metavar="ID")
@json_option
@click.pass_context
def show(ctx: click.Context, product_id: str, as_json: bool) -> None:
    """Show one product (ID may be the first characters of the id), with its attachments' text."""
    catalogue = _open(ctx)
    record = catalogue.products.get(product_id)
    texts = {a.sha256: catalogue.products.text_extraction(a) for a in record.attachments}
    if as_json:
        shown = to_json(record)
        for attachment in shown["attachments"]:
            attachment["extraction"] = _extraction_json(texts[attachment["sha256"]])
        _print_json(shown)
    else:
        _print_product(record, texts)


def _extraction_json(extraction: Extraction) -> dict[str, Any]:
    """An attachment's text status for ``--json`` (shape in docs/cli.md)."""
    from kmdesk.search.extraction import status_label

    return {
        "status": extraction.status,
        "label": status_label(extraction),
        "message": extraction.message,
        "pages": extraction.pages,
    }


@cli.command(name="list")
@data_dir_option
@click.option(
    "--filter",
    "filters",
    multiple=True,
    metavar="FIELD=VALUE",
    help=_(
        "Keep products whose FIELD has VALUE; repeat for several (same field: any of them). "
        "Fields: theme, type, partnership, organisation, author, country, region, language, "
        "year (2019 or 2018..2020), status, keyword, need."
    ),
)
@click.option("--sort", type=click.Choice(["title", "year"]), default="title", show_default=True)
@click.option("--limit", type=click.IntRange(min=1), help=_("Show at most this many."))
@json_option
@click.pass_context
def list_command(
    ctx: click.Context, filters: tuple[str, ...], sort: str, limit: int | None, as_json: bool
) -> None:
    """List products, optionally filtered."""
    parsed = parse_filter_args(filters)
    records = _open(ctx).products.find(parsed, sort=sort, limit=limit)
    if as_json:
        _print_json(records)
        return
    width = shutil.get_terminal_size((120, 20)).columns
    for record in records:
        line = (
            f"{str(record.id)[:8]}  {record.year or '    '}  {record.product_type.key:<16} "
            f"{','.join(record.languages):<6} {record.title}"
        )
        click.echo(_shown(line)[:width])
    click.echo(_("{n} products").format(n=len(records)), err=True)


def _print_product(record: ProductRecord, texts: dict[str, Extraction] | None = None) -> None:
    def row(label: str, value: Any) -> None:
        if value not in (None, "", (), []):
            click.echo(f"{label + ':':<15} {_shown(value)}")

    click.echo(click.style(_shown(record.title), bold=True))
    row(_("Subtitle"), record.subtitle)
    row(_("Id"), record.id)
    row(_("Type"), record.product_type.label)
    row(_("Status"), record.status)
    row(_("Year"), record.date.isoformat() if record.date else record.year)
    row(_("Themes"), "; ".join(t.label for t in record.themes))
    row(_("Partnerships"), "; ".join(p.label for p in record.partnerships))
    row(
        _("Organisations"),
        "; ".join(f"{o.organisation.label} ({o.role})" for o in record.organisations),
    )
    row(_("Authors"), "; ".join(record.authors))
    row(_("Countries"), ", ".join(f"{country_name(c)} ({c})" for c in record.countries))
    row(_("Regions"), ", ".join(REGIONS.get(r, r) for r in record.regions))
    row(_("Languages"), ", ".join(record.languages))
    row(_("Keywords"), ", ".join(record.keywords))
    row(_("Licence"), record.licence)
    row(_("URL"), record.url)
    row(_("DOI"), record.doi)
    for attachment in record.attachments:
        about = f"{attachment.file_name} ({attachment.size:,} bytes, {attachment.media_type})"
        if texts and attachment.sha256 in texts:
            from kmdesk.search.extraction import status_text

            about = f"{about}: {status_text(texts[attachment.sha256])}"
        row(_("Attachment"), about)
    for link in record.links:
        arrow = "→" if link.outgoing else "←"
        row(
            _("Link"), f"{link.link_type} {arrow} {link.product_title} [{str(link.product_id)[:8]}]"
        )
    if record.needs:
        row(_("Answers needs"), ", ".join(str(n)[:8] for n in record.needs))
    if record.summary:
        click.echo()
        click.echo(_shown(record.summary, lines=True))


# -- attachments and links -----------------------------------------------------------------------


@cli.command()
@data_dir_option
@click.argument("product_id", metavar="ID")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.pass_context
def attach(ctx: click.Context, product_id: str, files: tuple[Path, ...]) -> None:
    """Attach files to a product (stored by content inside the catalogue folder).

    Says for each file whether its text could be read: text, no text layer (scanned), encrypted
    with a password, or broken.
    """
    from kmdesk.search.extraction import status_text

    catalogue = _open(ctx)
    for path in files:
        attachment = catalogue.products.attach(product_id, path)
        text = catalogue.products.text_extraction(attachment)
        click.echo(
            _("Attached {name} ({sha}): {status}").format(
                name=_shown(attachment.file_name),
                sha=attachment.sha256[:12],
                status=_shown(status_text(text)),
            )
        )


@cli.command()
@data_dir_option
@click.argument("source", metavar="SOURCE_ID")
@click.argument("target", metavar="TARGET_ID")
@click.option(
    "--type",
    "link_type",
    type=click.Choice(LINK_TYPES),
    required=True,
    help=_("SOURCE is a translation-of / version-of / builds-on / related to TARGET."),
)
@click.pass_context
def link(ctx: click.Context, source: str, target: str, link_type: str) -> None:
    """Link two products."""
    _open(ctx).products.link(source, target, link_type)
    click.echo(_("Linked"))


# -- vocabularies and needs ----------------------------------------------------------------------


@cli.command()
@data_dir_option
@click.argument("kind", type=click.Choice(list(VOCABULARY_MODELS)))
@json_option
@click.pass_context
def vocab(ctx: click.Context, kind: str, as_json: bool) -> None:
    """List a vocabulary: the keys and labels that product fields accept."""
    terms = _open(ctx).vocabularies.terms(kind)
    if as_json:
        _print_json(terms)
        return
    for term in terms:
        extra = f" ({term.acronym})" if term.acronym else ""
        click.echo(_shown(f"{term.key:<40} {term.label}{extra}"))


@cli.command()
@data_dir_option
@click.option("--unanswered", is_flag=True, help=_("Only needs that no product answers."))
@json_option
@click.pass_context
def needs(ctx: click.Context, unanswered: bool, as_json: bool) -> None:
    """List knowledge needs, highest priority first."""
    records = _open(ctx).needs.all(unanswered=unanswered)
    if as_json:
        _print_json(records)
        return
    for need in records:
        answered = len(need.products)
        click.echo(
            _shown(
                f"{str(need.id)[:8]}  {need.priority:<6} {need.status:<9} {answered:>2}  "
                f"{need.title}"
            )
        )
    click.echo(_("{n} knowledge needs").format(n=len(records)), err=True)


# -- search --------------------------------------------------------------------------------------


@cli.command()
@data_dir_option
@click.argument("query", nargs=-1)
@click.option(
    "--filter",
    "filters",
    multiple=True,
    metavar="FACET=VALUE",
    help=_(
        "Keep results whose FACET has VALUE; repeatable. Facets: theme, type, "
        "partnership, organisation, country, language, year (2019 or 2018..2020), "
        "tag (of your notes), annotated (mine or others)."
    ),
)
@click.option("--facets", "show_facets", is_flag=True, help=_("Print facet counts."))
@click.option(
    "--sort",
    type=click.Choice(["relevance", "year", "title"]),
    default="relevance",
    show_default=True,
)
@click.option("--limit", type=click.IntRange(min=1, max=1000), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0, help=_("Skip this many results."))
@json_option
@click.pass_context
def search(
    ctx: click.Context,
    query: tuple[str, ...],
    filters: tuple[str, ...],
    show_facets: bool,
    sort: str,
    limit: int,
    offset: int,
    as_json: bool,
) -> None:
    """Search the catalogue: words (all required), "phrases", OR, NOT, (groups), field:value.

    Fields: title, text, org, partnership, author, theme, type, country, keyword, language,
    year (year:2018..2020). A trailing * matches the most frequent words that start with it
    (budg*). See docs/search.md.
    """
    from kmdesk.search.snippets import mark_to_plain

    parsed: dict[str, list[str]] = {}
    for item in filters:
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise click.ClickException(
                _("filter {item!r} must be written facet=value").format(item=item)
            )
        parsed.setdefault(name.strip().lower(), []).append(value.strip())
    catalogue = _open(ctx)
    results = catalogue.search(
        " ".join(query),
        filters=parsed,
        sort=sort,
        limit=limit,
        offset=offset,
        facets=show_facets or as_json,
        snippets=True,
    )
    if as_json:
        _print_json(results)
        return
    bold = sys.stdout.isatty()
    start, end = ("\033[1m", "\033[0m") if bold else ("[", "]")
    for note in results.notes:
        click.echo(_("Note: {note}").format(note=_shown(note)))
    if results.suggestion:
        click.echo(_("Did you mean: {suggestion}").format(suggestion=_shown(results.suggestion)))
    for number, hit in enumerate(results.hits, start=offset + 1):
        facts = [str(hit.id)[:8], str(hit.year or "—"), hit.product_type, ",".join(hit.languages)]
        click.echo(_shown(f"{number:>3}. {hit.title}  [{', '.join(f for f in facts if f)}]"))
        if hit.snippet:
            # The text between the marks is made safe, not the bold escapes put around it.
            pieces = re.split("(</?mark>)", hit.snippet)
            marked = {"<mark>": start, "</mark>": end}
            source = _("(from a note) ") if hit.snippet_source == "note" else ""
            shown = "".join(marked.get(p) or _shown(mark_to_plain(p)) for p in pieces)
            click.echo(f"     {source}{shown}")
    if show_facets:
        for facet, values in results.facets.items():
            shown = ", ".join(f"{v.label} ({v.count})" for v in values[:10])
            click.echo(_shown(f"{facet}: {shown}"))
    click.echo(_("{total} results").format(total=results.total), err=True)


@cli.command()
@data_dir_option
@click.pass_context
def reindex(ctx: click.Context) -> None:
    """Rebuild the search index from the database (the old index serves until it is done)."""
    catalogue = _open(ctx)
    show = sys.stderr.isatty()

    def report(update: ProgressUpdate) -> None:
        if show and update.total:
            click.echo(f"\r{update.label}: {update.done}/{update.total}   ", nl=False, err=True)

    outcome = catalogue.reindex(progress=report)
    if show:
        click.echo(err=True)
    click.echo(_("Indexed {n} products").format(n=outcome.updated))
    for name in outcome.no_text:
        click.echo(
            _("{name}: no text layer, indexed by its metadata only").format(name=_shown(name)),
            err=True,
        )
    for name, message in outcome.failed:
        click.echo(
            _shown(
                _("{name}: could not be read ({message}); skipped").format(
                    name=name, message=message
                )
            ),
            err=True,
        )


# -- maintenance ---------------------------------------------------------------------------------


@cli.command()
@data_dir_option
@click.option("--no-hashes", is_flag=True, help=_("Skip re-hashing attachment files (faster)."))
@json_option
@click.pass_context
def check(ctx: click.Context, no_hashes: bool, as_json: bool) -> None:
    """Check the database, the attachment files and their hashes; exit 1 when a problem is found."""
    from kmdesk.integrity import check_catalogue

    report = check_catalogue(_open(ctx), verify_hashes=not no_hashes)
    if as_json:
        _print_json({"ok": report.ok, **to_json(report)})
    else:
        click.echo(
            _(
                "Checked {products} products, {attachments} attachments, {files} stored files"
            ).format(
                products=report.products,
                attachments=report.attachments_checked,
                files=report.stored_files,
            )
        )
        for notice in report.notices:
            click.echo(_shown(notice), err=True)
        for item in report.without_text:
            click.echo(
                _shown(
                    _("{name} (product {product}): text not extracted: {reason}").format(
                        name=item.file_name, product=str(item.product_id)[:8], reason=item.reason
                    )
                ),
                err=True,
            )
        for problem in report.problems:
            click.echo(_shown(f"{problem.kind}: {problem.message}"), err=True)
        click.echo(
            _("No problems found")
            if report.ok
            else _("{n} problems found").format(n=len(report.problems))
        )
    if not report.ok:
        ctx.exit(1)


# -- sync ------------------------------------------------------------------------------------------


@cli.command()
@data_dir_option
@click.option("--no-stamps", is_flag=True, help=_("Print the data alone, without field stamps."))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help=_("Write to this file instead of standard output."),
)
@click.pass_context
def dump(ctx: click.Context, no_stamps: bool, output: Path | None) -> None:
    """Print every record and deletion as canonical JSON lines (to compare catalogues).

    Kinds in a fixed order, then ids; nothing local (installation id, sequence numbers): two
    catalogues that hold the same records print the same bytes.
    """
    lines = _open(ctx).sync.dump(stamps=not no_stamps)
    if output is None:
        for line in lines:
            click.echo(_json_safe(line))
        return
    partial = output.with_name(output.name + ".partial")
    with partial.open("w", encoding="utf-8", newline="\n") as handle:
        for line in lines:
            handle.write(line + "\n")
    partial.replace(output)


@cli.command()
@data_dir_option
@click.option(
    "--new",
    "new",
    is_flag=True,
    help=_("Give this catalogue a new installation id (do it on a copied catalogue folder)."),
)
@json_option
@click.pass_context
def identity(ctx: click.Context, new: bool, as_json: bool) -> None:
    """Show this catalogue's installation id, or give a copied catalogue its own."""
    catalogue = _open(ctx)
    old = catalogue.installation_id
    if new:
        old, current = catalogue.new_identity()
    else:
        current = old
    if as_json:
        _print_json({"installation_id": current, "previous": old if new else None})
    elif new:
        click.echo(_("New installation id {new} (was {old})").format(new=current, old=old))
    else:
        click.echo(current)


# -- bundles ---------------------------------------------------------------------------------------


@cli.group(cls=KmdeskGroup)
def bundle() -> None:
    """Signed bundle files: export a selection, verify, inspect and import (bundle-format.md)."""


@bundle.command(name="export")
@data_dir_option
@click.option("--collection", help=_("Export this collection (by name)."))
@click.option("--saved-search", "saved_search", help=_("Export what this saved search finds."))
@click.option("--query", help=_("Export what this search finds."))
@click.option(
    "--filter", "filter_args", multiple=True, metavar="FIELD=VALUE", help=_("Filter; repeatable.")
)
@click.option("--no-attachments", is_flag=True, help=_("Leave attachment files out."))
@click.option("--max-mb", type=click.FloatRange(min=0), help=_("Refuse to write more than this."))
@click.option(
    "--split-mb",
    type=click.FloatRange(min=0.1),
    help=_("Write parts NAME.kmbundle.001, .002... of about this size (messaging apps)."),
)
@click.option("--peer", help=_("The partner this bundle is for (remembered for --delta)."))
@click.option("--delta", is_flag=True, help=_("Only what changed since the last bundle to --peer."))
@click.option(
    "--return",
    "returning",
    is_flag=True,
    help=_("A return bundle: the products and needs made here, for the curators' review."),
)
@click.option("--description", default="", help=_("What the bundle holds, for its reader."))
@click.option("--dry-run", is_flag=True, help=_("Only print the estimated size and counts."))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help=_("The bundle file to write (.kmbundle)."),
)
@json_option
@click.pass_context
def bundle_export(
    ctx: click.Context,
    collection: str | None,
    saved_search: str | None,
    query: str | None,
    filter_args: tuple[str, ...],
    no_attachments: bool,
    max_mb: float | None,
    split_mb: float | None,
    peer: str | None,
    delta: bool,
    returning: bool,
    description: str,
    dry_run: bool,
    output: Path | None,
    as_json: bool,
) -> None:
    """Write a signed bundle of the whole catalogue, of a selection, or of what changed."""
    from kmdesk.bundles.export import Scope, export_bundle, plan_delta, plan_export

    catalogue = _open(ctx)
    scope = Scope(collection, saved_search, query, parse_filter_args(filter_args))
    if dry_run:
        if delta and peer:
            plan = plan_delta(catalogue, peer, attachments=not no_attachments)
        else:
            plan = plan_export(catalogue, scope, attachments=not no_attachments)
        summary = {"estimated_bytes": plan.estimated_bytes, "counts": plan.counts}
        if as_json:
            _print_json(summary)
        else:
            click.echo(_("About {mb:.1f} MB").format(mb=plan.estimated_bytes / 1e6))
            for kind, count in sorted(plan.counts.items()):
                click.echo(f"  {kind}: {count}")
        return
    if output is None:
        raise click.UsageError(_("give the bundle file to write with -o FILE (or --dry-run)"))
    manifest = export_bundle(
        catalogue,
        output,
        scope=scope,
        attachments=not no_attachments,
        description=description,
        max_bytes=None if max_mb is None else int(max_mb * 1e6),
        split_bytes=None if split_mb is None else int(split_mb * 1e6),
        peer=peer,
        delta=delta,
        returning=returning,
    )
    if as_json:
        _print_json({"bundle_id": manifest.bundle_id, "counts": manifest.counts})
    else:
        total = sum(v for k, v in manifest.counts.items() if k != "attachment-files")
        click.echo(
            _("Wrote {file}: {n} records, {files} attachment files").format(
                file=output, n=total, files=manifest.counts.get("attachment-files", 0)
            )
        )


def _inspection_json(inspection: Any) -> dict[str, Any]:
    import dataclasses

    manifest = inspection.manifest
    return {
        "bundle_id": manifest.bundle_id,
        "kind": manifest.kind,
        "created": manifest.created,
        "description": manifest.description,
        "scope": manifest.scope,
        "signer": {
            "name": inspection.signer_name,
            "fingerprint": inspection.fingerprint,
            "installation": manifest.creator_installation,
            "trusted": inspection.trusted,
        },
        "counts": manifest.counts,
        "volumes": manifest.volumes,
        "preview": dataclasses.asdict(inspection.preview),
    }


def _preview_line(changes: Any) -> str:
    return _(
        "{new} new, {updated} updated, {deleted} deleted, {conflicting} conflicting, "
        "{unchanged} unchanged"
    ).format(
        new=changes.new,
        updated=changes.updated,
        deleted=changes.deleted,
        conflicting=changes.conflicting,
        unchanged=changes.unchanged,
    )


@bundle.command(name="verify")
@data_dir_option
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def bundle_verify(ctx: click.Context, file: Path) -> None:
    """Check a bundle completely (parts, structure, signature, every hash); exit 1 if untrusted."""
    from kmdesk.bundles.importer import inspect_bundle

    inspection = inspect_bundle(_open(ctx), file, check_attachments=True)
    line = _("{file}: intact, signed by {name} ({fp})").format(
        file=file, name=inspection.signer_name, fp=inspection.fingerprint
    )
    click.echo(_shown(line))
    if not inspection.trusted:
        raise click.ClickException(_("the signer's key is not trusted here"))


@bundle.command(name="inspect")
@data_dir_option
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@json_option
@click.pass_context
def bundle_inspect(ctx: click.Context, file: Path, as_json: bool) -> None:
    """Show what a bundle holds and what importing it would change (imports nothing)."""
    from kmdesk.bundles.importer import inspect_bundle

    inspection = inspect_bundle(_open(ctx), file)
    if as_json:
        _print_json(_inspection_json(inspection))
        return
    manifest = inspection.manifest
    trust = _("trusted") if inspection.trusted else _("NOT trusted here")
    click.echo(_shown(f"{manifest.description}  ({manifest.kind}, {manifest.created})"))
    signed = _("Signed by {name} ({fp}), {trust}").format(
        name=inspection.signer_name, fp=inspection.fingerprint, trust=trust
    )
    click.echo(_shown(signed))
    click.echo(_preview_line(inspection.preview))


@bundle.command(name="import")
@data_dir_option
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help=_("Import without asking after the preview."))
@click.option(
    "--accept-untrusted", is_flag=True, help=_("Import once although the signer is not trusted.")
)
@click.option(
    "--accept-clock",
    is_flag=True,
    help=_("Accept changes stamped more than a day ahead of this computer's clock, once."),
)
@json_option
@click.pass_context
def bundle_import(
    ctx: click.Context,
    file: Path,
    yes: bool,
    accept_untrusted: bool,
    accept_clock: bool,
    as_json: bool,
) -> None:
    """Verify a bundle, show what it changes, and apply it all at once.

    From a sender whose key is not trusted yet, it shows the key's fingerprint and (at a
    terminal) asks whether to trust it, after comparing it with the sender's.
    """
    from kmdesk.bundles.importer import import_bundle, inspect_bundle
    from kmdesk.trust.keys import PublicKey

    catalogue = _open(ctx)
    if not yes:
        inspection = inspect_bundle(catalogue, file)
        click.echo(
            _shown(
                _("Signed by {name} ({fp})").format(
                    name=inspection.signer_name, fp=inspection.fingerprint
                )
            )
        )
        click.echo(_preview_line(inspection.preview))
        if not sys.stdin.isatty():
            raise click.ClickException(_("not importing without confirmation; add --yes"))
        if not inspection.trusted and not accept_untrusted:
            question = _(
                "This sender's key is not trusted here. Does the sender read you the same "
                "fingerprint, {fp}? Trust it?"
            ).format(fp=inspection.fingerprint)
            click.confirm(question, abort=True)
            manifest = inspection.manifest
            key = PublicKey(
                manifest.public_key, manifest.creator_name, manifest.creator_installation
            )
            catalogue.keys.trust(key)
        click.confirm(_("Import?"), abort=True)
    result = import_bundle(
        catalogue, file, accept_untrusted=accept_untrusted, accept_drift=accept_clock
    )
    report = result.report
    if as_json:
        _print_json(
            {
                "bundle_id": result.manifest.bundle_id,
                "added": report.added,
                "updated": report.updated,
                "deleted": report.deleted,
                "unchanged": report.unchanged,
                "kept": report.kept,
                "conflicts": report.conflicts,
                "attachment_files": result.attachment_files,
            }
        )
        return
    click.echo(
        _(
            "Imported {file}: {added} added, {updated} updated, {deleted} deleted, "
            "{conflicts} conflicts kept for review"
        ).format(
            file=file,
            added=report.added,
            updated=report.updated,
            deleted=report.deleted,
            conflicts=report.conflicts,
        )
    )


@bundle.command(name="undo")
@data_dir_option
@json_option
@click.pass_context
def bundle_undo(ctx: click.Context, as_json: bool) -> None:
    """Undo the last import: records return to what they were, except those edited since."""
    report = _open(ctx).sync.undo_last_import()
    if as_json:
        _print_json(report)
        return
    click.echo(
        _("Undid bundle {id}: {removed} records removed, {restored} restored").format(
            id=report.bundle_id, removed=report.removed, restored=report.restored
        )
    )
    for kind, record_id in report.kept:
        click.echo(
            _("Kept {kind} {id}: edited here after the import").format(kind=kind, id=record_id)
        )


# -- contributions ---------------------------------------------------------------------------------


@cli.group(cls=KmdeskGroup, invoke_without_command=True)
@data_dir_option
@json_option
@click.pass_context
def contributions(ctx: click.Context, as_json: bool) -> None:
    """Products and needs partners sent back: list (default), accept, reject."""
    from kmdesk.bundles.contributions import contributions as pending

    if ctx.invoked_subcommand is not None:
        return
    found = pending(_open(ctx))
    if as_json:
        _print_json(found)
        return
    for item in found:
        click.echo(
            _shown(
                f"{item.id:>5}  {item.kind:8} {item.title}  ({item.contributor}, {item.received})"
            )
        )
    if not found:
        click.echo(_("No contributions waiting."))


@contributions.command(name="accept")
@data_dir_option
@click.argument("contribution_id", metavar="ID", type=int)
@click.pass_context
def contributions_accept(ctx: click.Context, contribution_id: int) -> None:
    """Let a contributed product or need join the catalogue (with its files and links)."""
    from kmdesk.bundles.contributions import accept

    item = accept(_open(ctx), contribution_id)
    click.echo(_shown(_("Accepted {kind} {title}").format(kind=item.kind, title=item.title)))


@contributions.command(name="reject")
@data_dir_option
@click.argument("contribution_id", metavar="ID", type=int)
@click.pass_context
def contributions_reject(ctx: click.Context, contribution_id: int) -> None:
    """Turn a contribution down (it stays listed as rejected)."""
    from kmdesk.bundles.contributions import reject

    item = reject(_open(ctx), contribution_id)
    click.echo(_shown(_("Rejected {kind} {title}").format(kind=item.kind, title=item.title)))


# -- notes -----------------------------------------------------------------------------------------


@cli.group(cls=KmdeskGroup)
def note() -> None:
    """Notes, tags and ratings on products: private unless shared (see 'kmdesk note add')."""


def _note_line(item: AnnotationRecord) -> str:
    stars = "★" * item.rating if item.rating else ""
    first = item.body.splitlines()[0] if item.body else (item.quote or "")
    if len(first) > 60:
        first = first[:59] + "…"
    tags = f"  [{', '.join(item.tags)}]" if item.tags else ""
    author = item.author or _("(no name)")
    return _shown(
        f"{str(item.id)[:8]}  {item.visibility:7} {stars:5} {author} · "
        f"{item.product_title[:40]}: {first}{tags}"
    )


@note.command(name="add")
@data_dir_option
@click.argument("product_id", metavar="PRODUCT")
@click.option("--text", "body", default="", help=_("The note, in Markdown."))
@click.option("--tag", "tags", multiple=True, help=_("A tag; repeatable."))
@click.option("--rating", help=_("A rating from 1 to 5."))
@click.option("--shared", is_flag=True, help=_("Share it in bundles (default: private)."))
@json_option
@click.pass_context
def note_add(
    ctx: click.Context,
    product_id: str,
    body: str,
    tags: tuple[str, ...],
    rating: str | None,
    shared: bool,
    as_json: bool,
) -> None:
    """Add a note to a product (PRODUCT: its id or first characters); prints the note's id."""
    record = _open(ctx).annotations.add(
        product_id, body=body, tags=tags, rating=rating, shared=shared
    )
    if as_json:
        _print_json(record)
    else:
        click.echo(str(record.id))


@note.command(name="edit")
@data_dir_option
@click.argument("note_id", metavar="NOTE")
@click.option("--text", "body", help=_("The new text, in Markdown."))
@click.option("--tag", "tags", multiple=True, help=_("A tag; repeatable; replaces the tags."))
@click.option("--no-tags", is_flag=True, help=_("Remove every tag."))
@click.option("--rating", help=_("A rating from 1 to 5."))
@click.option("--no-rating", is_flag=True, help=_("Remove the rating."))
@click.option(
    "--shared/--private", "shared", default=None, help=_("Share it in bundles, or keep it here.")
)
@json_option
@click.pass_context
def note_edit(
    ctx: click.Context,
    note_id: str,
    body: str | None,
    tags: tuple[str, ...],
    no_tags: bool,
    rating: str | None,
    no_rating: bool,
    shared: bool | None,
    as_json: bool,
) -> None:
    """Change a note (NOTE: its id or first characters)."""
    values: dict[str, Any] = {}
    if body is not None:
        values["body"] = body
    if tags or no_tags:
        values["tags"] = list(tags)
    if rating is not None or no_rating:
        values["rating"] = None if no_rating else rating
    if shared is not None:
        values["shared"] = shared
    if not values:
        raise click.UsageError(_("give something to change (see 'kmdesk note edit --help')"))
    record = _open(ctx).annotations.update(note_id, values)
    if as_json:
        _print_json(record)
    else:
        click.echo(_("Updated {id}").format(id=record.id))


@note.command(name="delete")
@data_dir_option
@click.argument("note_id", metavar="NOTE")
@click.pass_context
def note_delete(ctx: click.Context, note_id: str) -> None:
    """Delete a note (a shared one leaves a tombstone, so that peers delete it too)."""
    deleted = _open(ctx).annotations.delete(note_id)
    click.echo(_("Deleted {id}").format(id=deleted))


def note_filters[F: Callable[..., Any]](function: F) -> F:
    """The options that choose notes, shared by ``note list`` and ``note export``."""
    options = [
        click.option("--product", "product", metavar="ID", help=_("Notes on this product.")),
        click.option("--tag", help=_("Notes with this tag (any case).")),
        click.option("--mine", is_flag=True, help=_("Only notes made on this installation.")),
        click.option("--author", help=_("Notes by this person.")),
        click.option(
            "--visibility", type=click.Choice(["private", "shared"]), help=_("Private or shared.")
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _chosen_notes(catalogue: Catalogue, filters: dict[str, Any]) -> list[AnnotationRecord]:
    return catalogue.annotations.list(
        product=filters["product"],
        tag=filters["tag"],
        mine=filters["mine"],
        visibility=filters["visibility"],
        author=filters["author"],
    )


@note.command(name="list")
@data_dir_option
@note_filters
@json_option
@click.pass_context
def note_list(ctx: click.Context, as_json: bool, **filters: Any) -> None:
    """List notes, oldest first."""
    found = _chosen_notes(_open(ctx), filters)
    if as_json:
        _print_json(found)
        return
    for item in found:
        click.echo(_note_line(item))
    if not found:
        click.echo(_("No notes."))


@note.command(name="show")
@data_dir_option
@click.argument("note_id", metavar="NOTE")
@json_option
@click.pass_context
def note_show(ctx: click.Context, note_id: str, as_json: bool) -> None:
    """Show one note with its text."""
    item = _open(ctx).annotations.get(note_id)
    if as_json:
        _print_json(item)
        return
    click.echo(_note_line(item))
    if item.quote:
        where = _("page {page}").format(page=item.page) if item.page else ""
        click.echo(_shown(f"  > {item.quote}  ({where})", lines=True))
    if item.body:
        click.echo(_shown(item.body, lines=True))


@note.command(name="export")
@data_dir_option
@note_filters
@click.option(
    "--format", "output_format", type=click.Choice(["md", "csv"]), required=True,
    help=_("Markdown to read, or CSV for a spreadsheet."),
)  # fmt: skip
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help=_("Write to this file (default: standard output)."),
)
@click.pass_context
def note_export(
    ctx: click.Context, output_format: str, output: Path | None, **filters: Any
) -> None:
    """Write the chosen notes as Markdown or CSV."""
    from kmdesk.annotations.export import export_csv, export_markdown

    found = _chosen_notes(_open(ctx), filters)
    text = export_markdown(found) if output_format == "md" else export_csv(found)
    if output is None:
        click.echo(text, nl=False)
        return
    write_atomically(output, text)
    click.echo(_("Wrote {count} notes to {path}").format(count=len(found), path=output), err=True)


@note.command(name="anchors")
@data_dir_option
@click.argument("product_id", metavar="PRODUCT")
@json_option
@click.pass_context
def note_anchors(ctx: click.Context, product_id: str, as_json: bool) -> None:
    """Where a product's highlights are in its attachments' text now; lost ones are named."""
    checks = _open(ctx).annotations.check_anchors(product_id)
    if as_json:
        _print_json(checks)
        return
    for item in checks:
        found = _("page {page}").format(page=item.found_page) if item.found_page else ""
        click.echo(f"{str(item.annotation_id)[:8]}  {item.status:10} {found}")
    lost = sum(1 for item in checks if item.lost)
    if lost:
        click.echo(_("{n} highlights can no longer be placed (kept)").format(n=lost), err=True)


# -- conflicts -------------------------------------------------------------------------------------


@cli.group(cls=KmdeskGroup, invoke_without_command=True)
@data_dir_option
@json_option
@click.pass_context
def conflicts(ctx: click.Context, as_json: bool) -> None:
    """Values that lost to a concurrent change elsewhere: list (default), restore, dismiss."""
    if ctx.invoked_subcommand is not None:
        return
    found = _open(ctx).sync.conflicts()
    if as_json:
        _print_json(found)
        return
    for item in found:
        value = json.dumps(item.value, ensure_ascii=False)
        click.echo(
            _shown(f"{item.id:>5}  {item.kind} {str(item.record_id)[:8]}  {item.field}: {value}")
        )
    if not found:
        click.echo(_("No conflicts."))


@conflicts.command(name="restore")
@data_dir_option
@click.argument("conflict_id", metavar="ID", type=int)
@click.pass_context
def conflicts_restore(ctx: click.Context, conflict_id: int) -> None:
    """Make the losing value current again (a new edit here, sent on as the latest)."""
    restored = _open(ctx).sync.restore_conflict(conflict_id)
    click.echo(
        _shown(
            _("Restored {field} of {kind} {id}").format(
                field=restored.field, kind=restored.kind, id=restored.record_id
            )
        )
    )


@conflicts.command(name="dismiss")
@data_dir_option
@click.argument("conflict_id", metavar="ID", type=int)
@click.pass_context
def conflicts_dismiss(ctx: click.Context, conflict_id: int) -> None:
    """Forget a losing value; the current one stays."""
    _open(ctx).sync.dismiss_conflict(conflict_id)
    click.echo(_("Dismissed conflict {id}").format(id=conflict_id))


# -- keys ------------------------------------------------------------------------------------------


@cli.group(cls=KmdeskGroup)
def keys() -> None:
    """This installation's signing key and the curators' keys it trusts."""


def _key_json(record: Any) -> dict[str, Any]:
    return {
        "key_id": record.key_id,
        "fingerprint": record.fingerprint,
        "name": record.name,
        "installation": record.installation,
        "added": record.added,
        "revoked": record.revoked,
        "trusted": record.trusted,
    }


@keys.command(name="list")
@data_dir_option
@json_option
@click.pass_context
def keys_list(ctx: click.Context, as_json: bool) -> None:
    """This installation's key and every key it knows."""
    catalogue = _open(ctx)
    own = catalogue.keys.own()
    known = catalogue.keys.all()
    if as_json:
        _print_json(
            {
                "own": {
                    "key_id": own.key_id,
                    "fingerprint": own.fingerprint,
                    "name": own.name,
                    "installation": own.installation,
                },
                "keys": [_key_json(r) for r in known],
            }
        )
        return
    click.echo(
        _shown(_("This installation: {fp}  {name}").format(fp=own.fingerprint, name=own.name))
    )
    for record in known:
        state = _("trusted") if record.trusted else _("revoked")
        click.echo(_shown(f"{record.fingerprint}  {state:8}  {record.name}"))
    if not known:
        click.echo(_("No trusted keys yet ('kmdesk keys trust FILE')."))


@keys.command(name="export")
@data_dir_option
@click.option("--name", help=_("The name the key carries (a person or organisation)."))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    required=True,
    help=_("The key file to write (.kmkey)."),
)
@click.pass_context
def keys_export(ctx: click.Context, name: str | None, output: Path) -> None:
    """Write this installation's public key to a file, to give to a partner."""
    catalogue = _open(ctx)
    if name is not None:
        catalogue.keys.set_own_name(name)
    partial = output.with_name(output.name + ".partial")
    partial.write_bytes(catalogue.keys.export())
    partial.replace(output)
    click.echo(
        _("Wrote {path}; fingerprint {fp}").format(path=output, fp=catalogue.keys.own().fingerprint)
    )


@keys.command(name="trust")
@data_dir_option
@click.argument("key_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--name", help=_("What to call this key (default: the name in the file)."))
@click.option("--yes", is_flag=True, help=_("Trust without asking (you compared the fingerprint)."))
@click.pass_context
def keys_trust(ctx: click.Context, key_file: Path, name: str | None, yes: bool) -> None:
    """Trust a curator's key file, after comparing its fingerprint with theirs."""
    catalogue = _open(ctx)
    with key_file.open("rb") as handle:  # a key file is small: never read a huge one whole
        key = catalogue.keys.read(handle.read(MAX_KEY_FILE_BYTES + 1), str(key_file))
    click.echo(_shown(_("Key of {name}").format(name=name or key.name or _("(no name)"))))
    click.echo(_("Fingerprint: {fp}").format(fp=key.fingerprint))
    if not yes:
        if not sys.stdin.isatty():
            raise click.ClickException(
                _("not trusting without confirmation; compare the fingerprint, then add --yes")
            )
        click.confirm(_("Does the owner of this key read you the same fingerprint?"), abort=True)
    record = catalogue.keys.trust(key, name=name)
    click.echo(_shown(_("Trusted {name} ({fp})").format(name=record.name, fp=record.fingerprint)))


@keys.command(name="rename")
@data_dir_option
@click.argument("key")
@click.argument("name")
@click.pass_context
def keys_rename(ctx: click.Context, key: str, name: str) -> None:
    """Rename a known key (KEY: its fingerprint, id or current name)."""
    record = _open(ctx).keys.rename(key, name)
    click.echo(_shown(_("Renamed {fp} to {name}").format(fp=record.fingerprint, name=record.name)))


@keys.command(name="revoke")
@data_dir_option
@click.argument("key")
@click.pass_context
def keys_revoke(ctx: click.Context, key: str) -> None:
    """Stop trusting a key (KEY: its fingerprint, id or name); its bundles are refused."""
    record = _open(ctx).keys.revoke(key)
    click.echo(_shown(_("Revoked {name} ({fp})").format(name=record.name, fp=record.fingerprint)))


def main(argv: Iterable[str] | None = None) -> None:
    """Entry point of the ``kmdesk`` console script."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="kmdesk")
