"""`segtui segment document …`: the Word documents of a segment's header and lines (S-04, M-36).

    segment document export SEG FILE.docx [--line LINE] [--lang L]
    segment document import SEG FILE.docx [--line LINE] [--lang L] [--replace]
    segment document create SEG [--line LINE] [--lang L] [--replace]
    segment document remove SEG [--line LINE] [--lang L]

Without --line the header's document (language: the header's default), with it the line's
(language: the line's). Each is one call of `segment_document_actions`; what it did goes to
stderr, the number of a document made to stdout (K5), an imported document's unknown and not
evaluated fields one a line as `template import` words them; a refusal is one line (exit
status 1).
"""
import sys

from segtui.cli.arguments import LINE_NO
from segtui.domain.documents import segment_document_actions as actions
from segtui.i18n import _


def add_parsers(sub) -> None:
    """`document` under `segtui segment`."""
    document = sub.add_parser("document", help="the Word documents of the header and of lines: "
                                               "export, edit, import back (a line's becomes "
                                               "Unique), create, remove")
    # segment's parsers take options between positionals (segment_commands._intermixed), which
    # argparse refuses for a parser of sub-commands: this one parses plainly
    document._intermixing = True
    commands = document.add_subparsers(dest="document_command", required=True)
    export = commands.add_parser("export", help="save the line's or the header's document")
    import_ = commands.add_parser("import", help="store a .docx as the header's document, or as "
                                                 "the line's own (it becomes Unique)")
    create = commands.add_parser("create", help="header: a copy of the template's document (or "
                                                "a new one listing the merge fields); line: its "
                                                "own copy of the inherited document")
    remove = commands.add_parser("remove", help="remove a document: a line returns to the "
                                                "common document, a header language to the "
                                                "default language's")
    for parser in (export, import_, create, remove):
        parser.add_argument("segment")
        if parser in (export, import_):
            parser.add_argument("file", metavar="FILE.docx")
        parser.add_argument("--line", type=LINE_NO, metavar="LINE",
                            help="a line's document instead of the header's")
        parser.add_argument("--lang", metavar="L",
                            help="the language (default: the header's default language, or "
                                 "the line's language; \"\" for no specific language)")
        if parser in (import_, create):
            parser.add_argument("--replace", action="store_true",
                                help="replace the existing document (Replace existing "
                                     "attachment?)")


def run(args) -> int:
    command = args.document_command
    where = {"line_no": args.line, "language": args.lang}
    if command == "export":
        path = actions.export_document(args.segment, args.file, **where)
        print(_("Saved to {path}").format(path=path), file=sys.stderr)
        return 0
    if command == "import":
        change = actions.import_document(args.segment, args.file, replace=args.replace,
                                         **where)
    elif command == "create":
        change = actions.create_document(args.segment, replace=args.replace, **where)
    else:
        change = actions.remove_document(args.segment, **where)
    for warning in change.warnings:  # worded as `template import` words them
        print(f"{args.file}: {warning}", file=sys.stderr)
    print(change.message, file=sys.stderr)
    if command != "remove" and change.attachment_no is not None:
        print(change.attachment_no)  # K5: the document made, on stdout
    return 0
