"""Contacts from a CSV file (`segtui contacts import`, the Contacts screen's import).

Three steps in one transaction: every record is read and checked on its own and the good ones go
to staging tables (`contact_import_rows`); the checks that need other rows or the contacts run as
set-based queries (`contact_import_checks`); then the good rows are written set-based
(`contact_import_writes`). The report lists every refused row with its line, column and reason,
and the possible duplicates. With `dry_run`, or with `all_or_nothing` when a row is refused,
nothing is written; a failure or a cancel (the progress callback raising) writes nothing either.
"""
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from segtui.domain import contact_import_writes as writes
from segtui.domain.contact_csv import BadRecord, ContactCsv
from segtui.domain.contact_import_checks import Checks, Findings, Notice, Rejection
from segtui.domain.contact_import_rows import KnownCodes, RowReader
from segtui.domain.contact_import_staging import (
    ImportCode, ImportRow, create_staging, drop_staging)
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
    written: bool = False

    @property
    def rejected_rows(self) -> int:
        return len({rejection.line for rejection in self.rejected})


class _Rollback(Exception):
    """Leaves the import's transaction without writing anything."""


def import_contacts(path: str | Path, *, update: bool = False, dry_run: bool = False,
                    create_codes: bool = False, all_or_nothing: bool = False,
                    progress: Callable[[int, int | None], None] | None = None) -> ImportReport:
    """Import the contacts of the CSV file at `path`; see the module docstring.

    `update`: a row whose No. (or, without a No., whose e-mail address) is a contact's changes
    that contact instead of being refused. `create_codes`: unknown codes are created rather
    than refused. `progress(done, total)` is called as the file is read (bytes) and may raise to
    cancel.
    """
    step = progress or (lambda done, total: None)
    findings = Findings()
    report = ImportReport(rejected=findings.rejected, duplicates=findings.duplicates,
                          warnings=findings.warnings)
    with ContactCsv(path) as source:
        try:
            with write_transaction(db.obj):
                create_staging()
                reader = RowReader(source.columns, source.headers, KnownCodes.load(create_codes))
                _stage(source, reader, report, step)
                Checks(reader.present, reader.header_of, update, findings).run()
                step(source.size, source.size)
                report.updated = ImportRow.select().where(
                    ImportRow.match_no.is_null(False)).count()
                report.created = ImportRow.select().count() - report.updated
                report.new_codes = writes.missing_codes(reader.present)
                if dry_run or (all_or_nothing and report.rejected):
                    raise _Rollback
                _write(reader.present, report)
                report.written = True
        except _Rollback:
            pass
        finally:
            drop_staging()
    report.rejected.sort(key=lambda rejection: rejection.line)
    return report


def _stage(source: ContactCsv, reader: RowReader, report: ImportReport, step) -> None:
    rows, codes = [], []
    for record in source.records():
        report.rows += 1
        if isinstance(record, BadRecord):
            report.rejected.append(Rejection(record.line, record.column, record.reason))
            continue
        staged = reader.read(record.line, record.cells)
        if isinstance(staged, list):
            report.rejected.extend(Rejection(record.line, column, reason)
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
        bulk_insert(ImportCode, (ImportCode.line, ImportCode.kind, ImportCode.code), codes)
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
