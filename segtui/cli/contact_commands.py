"""`segtui contacts …`: contact files from scripts: `import` a CSV file, `export` to a file."""
import sys

from segtui.cli.import_report import add_import_parser, run_import
from segtui.domain.contacts.file_columns import EXPORT_NAMES
from segtui.domain.contacts.export import contact_export_rows
from segtui.domain.output.export_files import FORMATS, write_rows


def add_parsers(commands, formats) -> None:
    """The `contacts` command and its sub-commands (`formats` is the list commands' parent;
    a contact file has its own formats)."""
    contacts = commands.add_parser("contacts", help="import contacts from a CSV file, export "
                                                    "them to a file")
    sub = contacts.add_subparsers(dest="contacts_command", required=True,
                                  parser_class=type(contacts))
    export = sub.add_parser("export", help="every contact, one row each, in the columns "
                                           "`contacts import` reads")
    export.add_argument("--format", choices=FORMATS, default="csv",
                        help="file format (default: csv)")
    export.add_argument("--out", dest="out_file", metavar="FILE",
                        help="write this file (private, replaced whole) instead of stdout")
    export.add_argument("--filter", default="", metavar="TEXT",
                        help="only contacts whose No., name or city contains TEXT")
    add_import_parser(sub)


def run(args, settings) -> int:
    return SUB_COMMANDS[args.contacts_command](args, settings)


def _export(args, settings) -> int:
    count = write_rows(contact_export_rows(args.filter), EXPORT_NAMES, args.format, sys.stdout)
    print(f"exported {count} contacts", file=sys.stderr)
    return 0


SUB_COMMANDS = {"export": _export, "import": run_import}
