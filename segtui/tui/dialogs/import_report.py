"""The report of a contact import: what was (or would be) written and every problem row."""
import csv
from dataclasses import replace
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from segtui.config import output_dir
from segtui.domain.contacts.importing.import_file import ImportReport
from segtui.domain.errors import DomainError
from segtui.i18n import _
from segtui.tui.dialogs.import_contacts import ImportRequest
from segtui.tui.literal import literal, literal_lines, literal_title
from segtui.tui.screens.setup_pages.path import PathDialog
from segtui.tui.services import run_service

SHOWN_PROBLEMS = 1_000  # rows in the table; the saved report has them all
CODES_SHOWN = 140  # characters of the codes created in the summary (two lines)
REFUSED, DUPLICATE, NOTE = "refused", "duplicate", "note"  # the kinds of the saved CSV


def problems(report: ImportReport) -> list[tuple[int, int, str, str, str]]:
    """(row, file line, kind, column, message) of every refused row, possible duplicate and
    note, by row (the spreadsheet's: the header is row 1)."""
    rows = [(r.row, r.line, REFUSED, r.column, r.reason) for r in report.rejected]
    rows += [(n.row, n.line, DUPLICATE, "", n.message) for n in report.duplicates]
    rows += [(n.row, n.line, NOTE, "", n.message) for n in report.warnings]
    return sorted(rows, key=lambda row: row[0])


def row_text(row: int, line: int | None) -> str:
    """"5", or "5 (line 7)" when a cell of several lines above makes the file line differ."""
    if line is None or line == row:
        return f"{row:,}"
    return _("{row:,} (line {line:,})").format(row=row, line=line)


def save_report(path: str, report: ImportReport) -> str:
    """Write the report as CSV (row,line,kind,column,message) to `path` (~ expanded); the
    path."""
    target = Path(path).expanduser()
    try:
        with target.open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(["row", "line", "kind", "column", "message"])
            writer.writerows(problems(report))
    except OSError as error:
        raise DomainError(_("Cannot write {path}: {reason}").format(
            path=target, reason=error.strerror or error)) from error
    return str(target)


def summary(report: ImportReport, request: ImportRequest) -> list[str]:
    """The lines above the table: the outcome, the counts, the codes."""
    contacts = report.created + report.updated
    if report.written:
        outcome = _("Imported {count:,} contacts.").format(count=contacts)
    elif request.dry_run:
        outcome = _("Check only: nothing was written. {count:,} contacts would be "
                    "imported.").format(count=contacts)
    else:
        outcome = _("Nothing imported: a row was refused (all or nothing).")
    lines = [outcome,
             _("Rows read {rows:,} · new {created:,} · changed {updated:,} · refused rows "
               "{refused:,}").format(rows=report.rows, created=report.created,
                                     updated=report.updated, refused=report.rejected_rows),
             _("Possible duplicates {duplicates:,} · notes {notes:,}").format(
                 duplicates=len(report.duplicates), notes=len(report.warnings))]
    if report.new_codes:
        codes = "; ".join(f"{column} {', '.join(values)}"
                          for column, values in report.new_codes.items())
        if len(codes) > CODES_SHOWN:
            codes = codes[:CODES_SHOWN - 1] + "…"
        label = _("Codes created: {codes}") if report.written else _(
            "Codes that would be created: {codes}")
        lines.append(label.format(codes=codes))
    if report.new_companies:
        names = ", ".join(report.new_companies)
        if len(names) > CODES_SHOWN:
            names = names[:CODES_SHOWN - 1] + "…"
        label = _("Companies created {count:,}: {names}") if report.written else _(
            "Companies that would be created {count:,}: {names}")
        lines.append(label.format(count=len(report.new_companies), names=names))
    return lines


class ImportReportDialog(ModalScreen[ImportRequest | None]):
    """Shows `report` of `request`; dismisses with the request to run for real ("Import now",
    after a check), else None."""

    BINDINGS = [
        Binding("escape,enter", "close", _("Close"), id="import_report.close"),
        Binding("s", "save", _("Save report"), id="import_report.save"),
        Binding("i", "import_now", _("Import now"), id="import_report.import_now"),
    ]

    def __init__(self, report: ImportReport, request: ImportRequest) -> None:
        super().__init__(classes="dialog")
        self.report = report
        self.request = request
        self.problems = problems(report)

    @property
    def can_import_now(self) -> bool:
        """After a check that found rows to write, and that all-or-nothing would not stop."""
        report = self.report
        return (self.request.dry_run and report.created + report.updated > 0
                and not (self.request.all_or_nothing and report.rejected))

    def compose(self) -> ComposeResult:
        rows = self.problems
        with Vertical(classes="dialog-box import-report-box") as box:
            box.border_title = literal_title(_("Import report · {file}").format(
                file=Path(self.request.path).name))
            yield Static(literal_lines(summary(self.report, self.request)), id="import-summary",
                         markup=False)
            if rows:
                yield DataTable(id="import-problems", cursor_type="row", zebra_stripes=True)
                yield Static("", id="import-detail", markup=False)
            more = Static(literal(_("… and {count:,} more: s saves the full report").format(
                count=len(rows) - SHOWN_PROBLEMS)), id="import-more", markup=False)
            more.display = len(rows) > SHOWN_PROBLEMS
            yield more
            hint = _("s saves the report · Enter or Escape closes")
            if self.can_import_now:
                hint = _("i imports now · ") + hint
            yield Static(literal(hint), classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        if not self.problems:
            return
        table = self.query_one("#import-problems", DataTable)
        table.add_column(_("Row"), key="row")
        table.add_column(_("Kind"), key="kind")
        table.add_column(_("Column"), key="column")
        table.add_column(_("Message"), key="message")
        kinds = {REFUSED: _("refused"), DUPLICATE: _("duplicate?"), NOTE: _("note")}
        for row, line, kind, column, message in self.problems[:SHOWN_PROBLEMS]:
            table.add_row(literal(row_text(row, line), justify="right"), literal(kinds[kind]),
                          literal(column), literal(message))
        table.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "import_now":
            return self.can_import_now
        return True

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The highlighted problem in full, as the table cuts long messages."""
        row, line, _kind, column, message = self.problems[event.cursor_row]
        where = (_("Row {row:,}").format(row=row) if line in (None, row) else _(
            "Row {row:,} (file line {line:,})").format(row=row, line=line)) + (
            f", {column}" if column else "")
        self.query_one("#import-detail", Static).update(literal(f"{where}: {message}"))

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_import_now(self) -> None:
        if self.can_import_now:
            self.dismiss(replace(self.request, dry_run=False))

    def action_save(self) -> None:
        stem = Path(self.request.path).stem
        default = str(output_dir("imports") / f"{stem}-report.csv")

        def chosen(path: str | None) -> None:
            if path:
                run_service(self, save_report, path, self.report, done=self._saved,
                            group="import-report-save")

        self.app.push_screen(PathDialog(_("Save the import report (CSV)"), default), chosen)

    def _saved(self, path: str) -> None:
        self.notify(_("Report saved to {path}").format(path=path), markup=False)
