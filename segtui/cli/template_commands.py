"""`segtui template check FILE.docx`: the merge fields a Word document uses, before merging.

Each field is listed as known (with the stable name it stands for) or unknown (with the nearest
known name). Unknown fields are reported, not fatal: exit status 0 with a note on stderr; a file
that is not a Word document is refused with one line (exit status 1). Needs no database.
"""
import sys
from pathlib import Path

from segtui.cli.output import emit
from segtui.domain import merge_fields
from segtui.domain.errors import DomainError
from segtui.domain.word_merge import Template

CHECK_COLUMNS = ["field", "status", "merge_field", "suggestion"]


def add_parsers(commands, formats) -> None:
    template = commands.add_parser("template", help="check Word templates (no database needed)")
    sub = template.add_subparsers(dest="template_command", required=True)
    check = sub.add_parser("check", help="the merge fields a Word document uses",
                           parents=[formats])
    check.add_argument("file", metavar="FILE.docx")


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise DomainError(f"cannot read {path}: {exc.strerror or exc}") from None


def run(args, settings) -> int:
    template = Template(_read(args.file), name=args.file)
    checks = merge_fields.check(template.fields())
    rows = [{"field": check.name, "status": "known" if check.known else "unknown",
             "merge_field": check.known_name, "suggestion": check.suggestion}
            for check in checks]
    emit(rows, args.format, CHECK_COLUMNS)
    unknown = [check for check in checks if not check.known]
    if not checks:
        print(f"{args.file} uses no merge fields", file=sys.stderr)
    elif unknown:
        names = ", ".join(check.name + (f" (did you mean {check.suggestion}?)"
                                        if check.suggestion else "") for check in unknown)
        print(f"{args.file}: {len(unknown)} of {len(checks)} merge fields are unknown and will "
              f"stay empty: {names}", file=sys.stderr)
    return 0
