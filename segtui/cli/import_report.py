"""`segtui contacts import FILE.csv`: the import from scripts, with its report.

The report goes to stderr (every refused row with its spreadsheet row — the header is row 1 —
and, where a cell of several lines makes them differ, its file line, then the column and reason;
the possible duplicates; the codes and companies created; one summary line), or as one JSON
object to stdout with `--format json`. Exit status 0 when every row was imported, 1 when a row
was refused (the good rows are imported all the same unless `--all-or-nothing`).
"""
import sys

from segtui.cli.terminal_text import unguarded
from segtui.domain.contacts.importing.import_file import ImportReport, import_contacts
from segtui.domain.output.export_files import json_text


def add_import_parser(sub) -> None:
    parser = sub.add_parser("import", help="contacts from a CSV file (UTF-8, or Excel's "
                                           "Windows-1252 CSV; comma, semicolon or tab; a header "
                                           "row naming the columns, in English or Swedish)")
    parser.add_argument("file", metavar="FILE.csv")
    parser.add_argument("--dry-run", action="store_true",
                        help="check every row and report, write nothing")
    parser.add_argument("--update", action="store_true",
                        help="a row whose No. (or, without a No., whose e-mail) is a contact's "
                             "changes that contact")
    parser.add_argument("--create-codes", action="store_true",
                        help="create unknown codes (mailing groups, industry groups, …)")
    parser.add_argument("--create-companies", action="store_true",
                        help="a person whose company (by name) does not exist gets a new "
                             "company of that name, one per name, numbered from series CONT")
    parser.add_argument("--all-or-nothing", action="store_true",
                        help="import nothing when a row is refused")
    parser.add_argument("--format", choices=["table", "json"], default="table",
                        help="the report: lines on stderr (table) or JSON on stdout")


def run_import(args, settings) -> int:
    del settings  # an import stamps no user
    show = _progress if sys.stderr.isatty() else None
    report = import_contacts(args.file, update=args.update, dry_run=args.dry_run,
                             create_codes=args.create_codes,
                             create_companies=args.create_companies,
                             all_or_nothing=args.all_or_nothing, progress=show)
    if show:
        unguarded(sys.stderr).write("\r" + " " * 40 + "\r")
    if args.format == "json":
        sys.stdout.write(json_text(report_dict(report), indent=1) + "\n")
    else:
        _print_report(report, args)
    return 1 if report.rejected else 0


def _progress(done: int, total: int | None) -> None:
    if total:
        unguarded(sys.stderr).write(f"\rreading {done * 100 // total:3d}%")
        unguarded(sys.stderr).flush()


def report_dict(report: ImportReport) -> dict:
    return {
        "rows": report.rows, "created": report.created, "updated": report.updated,
        "written": report.written, "rejected_rows": report.rejected_rows,
        "rejected": [{"row": r.row, "line": r.line, "column": r.column, "reason": r.reason}
                     for r in report.rejected],
        "duplicates": [{"row": n.row, "line": n.line, "message": n.message}
                       for n in report.duplicates],
        "warnings": [{"row": n.row, "line": n.line, "message": n.message}
                     for n in report.warnings],
        "created_codes": report.new_codes,
        "created_companies": report.new_companies,
        "encoding": report.encoding,
    }


def where(row: int, line: int | None) -> str:
    """"row 5", or "row 5 (file line 7)" when a cell of several lines above makes them differ."""
    if line is None or line == row:
        return f"row {row}"
    return f"row {row} (file line {line})"


def _print_report(report: ImportReport, args) -> None:
    err = sys.stderr
    for rejection in report.rejected:
        place = where(rejection.row, rejection.line) + (
            f", {rejection.column}" if rejection.column else "")
        print(f"refused: {place}: {rejection.reason}", file=err)
    for notice in report.duplicates:
        print(f"possible duplicate: {where(notice.row, notice.line)}: {notice.message}",
              file=err)
    for notice in report.warnings:
        print(f"note: {where(notice.row, notice.line)}: {notice.message}", file=err)
    for column, codes in report.new_codes.items():
        verb = "created" if report.written else "would create"
        print(f"{verb} {column}: {', '.join(codes)}", file=err)
    if report.new_companies:
        verb = "companies created" if report.written else "companies that would be created"
        print(f"{verb}: {len(report.new_companies):,}: {', '.join(report.new_companies)}",
              file=err)
    rows = f"{report.created + report.updated:,} contacts ({report.created:,} new, " \
           f"{report.updated:,} changed)"
    if report.written:
        summary = f"imported {rows}"
    elif args.dry_run:
        summary = f"dry run, nothing written: would import {rows}"
    else:
        summary = f"nothing imported (--all-or-nothing): {rows} were good"
    print(f"{summary}; {report.rejected_rows:,} of {report.rows:,} rows refused", file=err)
