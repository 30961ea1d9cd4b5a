"""`segtui template …`: the Word documents of interaction templates.

`check FILE.docx` lists the merge fields a Word document uses, each known (with the stable name
it stands for) or unknown (with the nearest known name), and the fields a merge does not
evaluate; unknown and not evaluated fields are reported, not fatal (exit status 0, one line each
on stderr, worded as everywhere: field_warnings.py). It needs no database. `import`, `export`,
`remove` and `documents` work on a template's document per language (S-05, T2, T3); `import`
reports the imported document's fields the same way. A file that is not a Word document is
refused with one line (exit status 1).
"""
import sys
from pathlib import Path

from segtui.cli.output import emit, emit_list
from segtui.domain.documents import template_documents
from segtui.domain.documents.field_warnings import FieldReport, document_report
from segtui.domain.errors import DomainError
from segtui.domain.output.export_files import write_file
from segtui.domain.output.targets import check_output_file

CHECK_COLUMNS = ["field", "status", "merge_field", "suggestion", "places"]


def add_parsers(commands, formats) -> None:
    template = commands.add_parser("template", help="Word documents of interaction templates")
    sub = template.add_subparsers(dest="template_command", required=True)
    check = sub.add_parser("check", help="the merge fields a Word document uses, unknown "
                                         "ones flagged, and the fields a merge does not "
                                         "evaluate (no database needed)", parents=[formats])
    check.add_argument("file", metavar="FILE.docx")
    import_ = sub.add_parser("import", help="store a .docx as a template's document in a "
                                            "language (blank language: \"\")")
    import_.add_argument("template")
    import_.add_argument("language")
    import_.add_argument("file", metavar="FILE.docx")
    import_.add_argument("--replace", action="store_true",
                         help="replace the existing document (Replace existing attachment?)")
    export = sub.add_parser("export", help="save a template's document in a language to a file")
    export.add_argument("template")
    export.add_argument("language")
    export.add_argument("file", metavar="FILE")
    remove = sub.add_parser("remove", help="remove a template's document in a language")
    remove.add_argument("template")
    remove.add_argument("language")
    documents = sub.add_parser("documents", help="a template's documents per language",
                               parents=[formats])
    documents.add_argument("template")


def needs_database(args) -> bool:
    """Only `template check` works without a database."""
    return args.template_command != "check"


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise DomainError(f"cannot read {path}: {exc.strerror or exc}") from None


def _write(path: str, data: bytes) -> None:
    write_file(path, data)


def run(args, settings) -> int:
    command = args.template_command
    if command == "check":
        _check(args)
    elif command == "import":
        number = template_documents.import_document(
            args.template, args.language, _read(args.file), replace=args.replace,
            name=args.file)
        print(number)
        _print_warnings(args.file, template_documents.check_document(args.template,
                                                                     args.language))
    elif command == "export":
        check_output_file(args.file)
        _write(args.file, template_documents.export_document(args.template, args.language))
    elif command == "remove":
        template_documents.remove_document(args.template, args.language)
    elif command == "documents":
        emit_list(template_documents.list_documents(args.template), args.format,
                  template_documents.DOCUMENT_LIST)
    return 0


def _print_warnings(name: str, report: FieldReport) -> None:
    """The document's unknown and not evaluated fields on stderr, one a line, naming it."""
    for line in report.lines:
        print(f"{name}: {line}", file=sys.stderr)


def _check(args) -> None:
    report = document_report(_read(args.file), args.file)
    rows = [{"field": check.name, "status": "known" if check.known else "unknown",
             "merge_field": check.known_name, "suggestion": check.suggestion,
             "places": ", ".join(report.places.get(check.name, ()))}
            for check in report.fields]
    rows += [{"field": field.kind, "status": "not evaluated", "merge_field": None,
              "suggestion": None, "places": ", ".join(field.places)}
             for field in report.unevaluated]
    emit(rows, args.format, CHECK_COLUMNS)
    if not rows:
        print(f"{args.file} uses no merge fields", file=sys.stderr)
    _print_warnings(args.file, report)
