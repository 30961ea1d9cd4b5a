"""Contacts from a CSV file (`segtui contacts import`, the Contacts screen's import).

Three steps in one transaction: every record is read and checked on its own and the good ones go
to staging tables (`contact_import_rows`); the checks that need other rows or the contacts run as
set-based queries (`contact_import_checks`); then the good rows are written set-based
(`contact_import_writes`). The report lists every refused row with its spreadsheet row (the
header is row 1) and file line, column and reason, the possible duplicates, and the companies
`create_companies` made. With `dry_run`, or with `all_or_nothing` when a row is refused, nothing
is written; a failure or a cancel (the progress callback raising) writes nothing either.
"""
import bisect
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from segtui.domain.contacts.importing import writes
from segtui.domain.contacts.importing.csv_reader import CP1252, BadRecord, ContactCsv
from segtui.domain.contacts.importing.checks import Checks, Findings, Notice, Rejection
from segtui.domain.contacts.importing.rows import KnownCodes, RowReader
from segtui.domain.contacts.importing.staging import (
    ImportCode, ImportName, ImportRow, create_staging, drop_staging)
from segtui.i18n import _
from segtui.store.bulk import bulk_insert
from segtui.store.connection import db, write_transaction

BATCH = 5_000


@dataclass
class ImportReport:
    """What an import did (or, with `written` False, would have done)."""
    rows: int = 0
    created: int = 0
    updated: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    duplicates: list[Notice] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    new_codes: dict[str, list[str]] = field(default_factory=dict)
    new_companies: list[str] = field(default_factory=list)  # names, as the file writes them
    encoding: str = "utf-8"
    written: bool = False

    @property
    def rejected_rows(self) -> int:
        return len({rejection.row for rejection in self.rejected})


class _Lines:
    """Which file line each spreadsheet row starts on: the same number until a cell of several
    lines, then more by its extra lines. Only the rows where the difference changes are kept,
    so a million rows cost nothing."""

    def __init__(self) -> None:
        self._rows: list[int] = [0]
        self._offsets: list[int] = [0]

    def note(self, row: int, line: int) -> None:
        if line - row != self._offsets[-1]:
            self._rows.append(row)
            self._offsets.append(line - row)

    def line_of(self, row: int) -> int:
        return row + self._offsets[bisect.bisect_right(self._rows, row) - 1]


class _Rollback(Exception):
    """Leaves the import's transaction without writing anything."""


def import_contacts(path: str | Path, *, update: bool = False, dry_run: bool = False,
                    create_codes: bool = False, create_companies: bool = False,
                    all_or_nothing: bool = False,
                    progress: Callable[[int, int | None], None] | None = None) -> ImportReport:
    """Import the contacts of the CSV file at `path`; see the module docstring.

    `update`: a row whose No. (or, without a No., whose e-mail address) is a contact's changes
    that contact instead of being refused. `create_codes`: unknown codes are created rather
    than refused. `create_companies`: a person whose company (by name) does not exist gets a
    new company of that name, one per name. `progress(done, total)` is called as the file is
    read (bytes) and may raise to cancel.
    """
    step = progress or (lambda done, total: None)
    findings = Findings()
    report = ImportReport(rejected=findings.rejected, duplicates=findings.duplicates,
                          warnings=findings.warnings)
    lines = _Lines()
    with ContactCsv(path) as source:
        report.encoding = source.encoding
        _note_file(source, report)
        try:
            with write_transaction(db.obj):
                create_staging()
                reader = RowReader(source.columns, source.headers, KnownCodes.load(create_codes))
                _stage(source, reader, report, step, lines)
                if create_companies:
                    bulk_insert(ImportName, (ImportName.name,),
                                ((name,) for name in sorted(reader.refused_companies)))
                Checks(reader.present, reader.header_of, update, findings,
                       create_companies).run()
                step(source.size, source.size)
                report.updated = ImportRow.select().where(
                    ImportRow.match_no.is_null(False)).count()
                report.created = ImportRow.select().where(
                    ImportRow.row > 0).count() - report.updated
                report.new_companies = [name for (name,) in ImportRow.select(ImportRow.name)
                                        .where(ImportRow.row < 0).order_by(ImportRow.row)
                                        .tuples()]
                report.new_codes = writes.missing_codes(reader.present)
                if dry_run or (all_or_nothing and report.rejected):
                    raise _Rollback
                _write(reader.present, report)
                report.written = True
        except _Rollback:
            pass
        finally:
            drop_staging()
    for found in (report.rejected, report.duplicates, report.warnings):
        found[:] = sorted((replace(item, line=lines.line_of(item.row)) for item in found),
                          key=lambda item: item.row)
    return report


def _note_file(source: ContactCsv, report: ImportReport) -> None:
    """Notes on the file as a whole (row 1, the header): how it was read, columns left out."""
    if source.encoding == CP1252:
        report.warnings.append(Notice(1, _(
            "the file is not UTF-8: it was read as Windows-1252 (what Excel saves as \"CSV\"); "
            "check å, ä and ö, or save as \"CSV UTF-8\"")))
    for header in source.ignored:
        report.warnings.append(Notice(1, _(
            "the column {header!r} is not imported: the search name is made from the "
            "name").format(header=header)))


def _stage(source: ContactCsv, reader: RowReader, report: ImportReport, step,
           lines: _Lines) -> None:
    rows, codes = [], []
    for record in source.records():
        report.rows += 1
        lines.note(record.row, record.line)
        if isinstance(record, BadRecord):
            report.rejected.append(Rejection(record.row, record.column, record.reason))
            continue
        staged = reader.read(record.row, record.cells)
        if isinstance(staged, list):
            report.rejected.extend(Rejection(record.row, column, reason)
                                   for column, reason in staged)
            continue
        rows.append(staged.values)
        codes.extend(staged.codes)
        if len(rows) >= BATCH:
            _flush(reader, rows, codes)
            step(source.position(), source.size)
    _flush(reader, rows, codes)


def _flush(reader: RowReader, rows: list, codes: list) -> None:
    if rows:
        bulk_insert(ImportRow, reader.fields, rows)
    if codes:
        bulk_insert(ImportCode, (ImportCode.row, ImportCode.kind, ImportCode.code), codes)
    rows.clear()
    codes.clear()


def _write(present: set[str], report: ImportReport) -> None:
    writes.create_codes(report.new_codes)
    writes.number_new_rows()
    writes.link_file_companies()
    writes.insert_new_contacts(present)
    writes.update_matched_contacts(present)
    writes.refresh_company_names()
    writes.write_classification(present)
