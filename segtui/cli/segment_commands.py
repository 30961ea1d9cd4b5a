"""`segtui segment …`: build and inspect segments from scripts (K1–K5, docs/rules.md).

Each sub-command parses its arguments, calls one domain service and prints the result; a created
number goes to stdout, refusals raise DomainError (exit status 1).
"""
import argparse
import dataclasses
import sys

from segtui.cli.arguments import ENTRY_NO, LINE_NO, VERSION
from segtui.cli.reuse_arguments import add_reuse_options
from segtui.cli.delivery_output import print_delivery
from segtui.cli.output import emit_list, emit_record, stream_rows
from segtui.cli.pdf_output import PDF_SECONDS, ending_cleanly_on_signals, print_missing_pdfs
from segtui.cli.progress_bar import ProgressBar
from segtui.cli import label_commands, segment_document_commands
from segtui.domain.segments import selection
from segtui.domain.documents import merge_letters, pdf_files
from segtui.domain.segments import mailing_groups
from segtui.domain.documents import personal_text
from segtui.domain.segments import saved_criteria
from segtui.domain.segments import lines as segment_lines
from segtui.domain.segments import line_inheritance
from segtui.domain.segments import open_segments
from segtui.domain.segments import log_segment
from segtui.domain.segments import no_address
from segtui.domain.segments import queries
from segtui.domain.segments import headers as segments
from segtui.domain.segments.logged_reuse import reuse_summary
from segtui.domain.segments.selection import AddOptions
from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.domain.documents.template_check import UnknownFieldsRefused
from segtui.domain.errors import DomainError
from segtui.i18n import _
from segtui.domain.output.export_files import json_text
from segtui.domain.values import parse_date
from segtui.store.connection import write_transaction
from segtui.store.enums import CriteriaAction



def _intermixed(parser_class):
    """A parser class that takes options between positionals, as in
    `segment add SEG --dry-run CRITERION…` (argparse alone would leave the criteria over)."""

    class IntermixedParser(parser_class):
        _intermixing = False

        def parse_known_args(self, args=None, namespace=None):
            if self._intermixing:
                return super().parse_known_args(args, namespace)
            self._intermixing = True
            try:
                return self.parse_known_intermixed_args(args, namespace)
            finally:
                self._intermixing = False

    return IntermixedParser


def add_parsers(commands, formats) -> None:
    segment = commands.add_parser("segment", help="create, build and inspect segments")
    sub = segment.add_subparsers(dest="segment_command", required=True,
                                 parser_class=_intermixed(type(segment)))

    new = sub.add_parser("new", help="create a segment; prints its number")
    new.add_argument("--description", default="")
    new.add_argument("--template", help="interaction template code")
    new.add_argument("--salesperson", help="salesperson code")
    new.add_argument("--campaign", help="campaign no.")
    new.add_argument("--date", help="date YYYY-MM-DD (default today)")

    sub.add_parser("list", help="the open segments", parents=[formats])
    show = sub.add_parser("show", help="a segment with its lines", parents=[formats])
    show.add_argument("segment")
    delete = sub.add_parser("delete", help="delete a segment with its lines and criteria")
    delete.add_argument("segment")

    set_ = sub.add_parser("set", help="change header fields (FIELD=VALUE …)")
    set_.add_argument("segment")
    set_.add_argument("assignments", nargs="+", metavar="FIELD=VALUE")
    set_.add_argument("--no-update-lines", action="store_true",
                      help="change only the header, not the lines that follow it")
    set_.add_argument("--create-language", action="store_true",
                      help="create the header document of a new default language")
    set_.add_argument("--if-version", type=VERSION, metavar="N",
                      help="change nothing unless the header is still at version N (the "
                           "version `segment show` gave): refuses a change made meanwhile")

    add_line = sub.add_parser("add-line", help="add lines for contacts by hand")
    add_line.add_argument("segment")
    add_line.add_argument("contacts", nargs="+", metavar="CONTACT")
    remove_line = sub.add_parser("remove-line", help="remove lines by line no.")
    remove_line.add_argument("segment")
    remove_line.add_argument("lines", nargs="+", type=LINE_NO, metavar="LINE")
    remove_line.add_argument("--keep-criteria", action="store_true",
                             help="keep the criteria when the segment becomes empty")
    set_line = sub.add_parser("set-line", help="change a line's own fields (FIELD=VALUE …); "
                              "--inherit FIELD gives a field the header's value again")
    set_line.add_argument("segment")
    set_line.add_argument("line", type=LINE_NO)
    set_line.add_argument("assignments", nargs="*", metavar="FIELD=VALUE")
    set_line.add_argument("--inherit", action="append", default=[], metavar="FIELD",
                          help="the field takes the header's value and follows the header again "
                               "(repeatable)")

    # the actions report what they did (or would do): as text, or JSON for scripts
    results = argparse.ArgumentParser(add_help=False)
    results.add_argument("--format", choices=["table", "json"], default="table",
                         help="the report: text (default) or JSON")
    add = sub.add_parser("add", help="Add Contacts by criteria", parents=[results])
    add.add_argument("segment")
    add.add_argument("criteria", nargs="*", metavar="CRITERION")
    add.add_argument("--allow-existing", action="store_true")
    add.add_argument("--expand-companies", action="store_true")
    add.add_argument("--related-companies", action="store_true")
    add.add_argument("--ignore-exclusion", action="store_true")
    add.add_argument("--all", action="store_true", help="no criterion: add every contact")
    add.add_argument("--dry-run", action="store_true", help="only count what would be added")
    _set_operation_arguments(add)
    for name in ("reduce", "refine"):
        remove = sub.add_parser(name, help=f"{name.title()} Contacts by criteria",
                                parents=[results])
        remove.add_argument("segment")
        remove.add_argument("criteria", nargs="*", metavar="CRITERION")
        remove.add_argument("--entire-companies", action="store_true")
        remove.add_argument("--dry-run", action="store_true")
        if name == "reduce":
            remove.add_argument("--all", action="store_true", help="no criterion: remove all")
        _set_operation_arguments(remove)

    go_back = sub.add_parser("go-back", help="undo the last criteria action")
    go_back.add_argument("segment")
    criteria = sub.add_parser("criteria", help="the criteria actions of a segment",
                              parents=[formats])
    criteria.add_argument("segment")
    save = sub.add_parser("save-criteria", help="save the criteria under a code")
    save.add_argument("segment")
    save.add_argument("code")
    save.add_argument("--description", default="")
    reuse = sub.add_parser("reuse-criteria", help="replay saved criteria")
    reuse.add_argument("segment")
    reuse.add_argument("code")
    reuse.add_argument("--yes", action="store_true",
                       help="reuse even when the segment already has criteria actions")
    log = sub.add_parser("log", help="log the segment: interaction entries, then it is gone",
                         parents=[results])
    log.add_argument("segment")
    log.add_argument("--deliver", action="store_true",
                     help="then deliver the entries (Send Attachments): letters to the "
                          "output folder, e-mail through SMTP; exit status 1 when any "
                          "delivery failed")
    log.add_argument("--follow-up", action="store_true",
                     help="create a follow-up segment with the same contacts")
    log.add_argument("--dry-run", action="store_true",
                     help="only report what the log would write and what blocks it")
    no_address_cmd = sub.add_parser(
        "no-address", help="the lines whose contact lacks the e-mail address or fax number "
                           "their correspondence type needs; switch them to Hard Copy or "
                           "remove them")
    no_address_cmd.add_argument("segment")
    fix = no_address_cmd.add_mutually_exclusive_group()
    fix.add_argument("--hard-copy", action="store_true",
                     help="give them all the correspondence type Hard Copy")
    fix.add_argument("--remove", action="store_true",
                     help="take them all off the segment (one Reduce: go-back undoes it)")
    merge = sub.add_parser("merge", help="one Word letter per contact, plus combined files")
    merge.add_argument("segment")
    merge.add_argument("--out", help="folder for the letters (default: output/letters/SEG in "
                                     "the data folder)")
    merge.add_argument("--pdf", action="store_true", help="also write PDFs (needs LibreOffice)")
    merge.add_argument("--pdf-timeout", type=PDF_SECONDS, metavar="SECONDS",
                       default=round(pdf_files.BATCH_TIMEOUT),
                       help="with --pdf: the seconds LibreOffice may take for a batch of "
                            f"{pdf_files.BATCH_SIZE} letters before it is stopped "
                            "(default %(default)s)")
    merge.add_argument("--preview", type=LINE_NO, metavar="LINE",
                       help="print one line's letter as text instead of writing files")
    merge.add_argument("--allow-unknown-fields", action="store_true",
                       help="merge even when a document has merge fields no known name "
                            "matches (they stay empty; without this the merge is refused)")
    reuse_logged = sub.add_parser("reuse-logged", help="add the contacts of a logged segment")
    reuse_logged.add_argument("segment")
    reuse_logged.add_argument("entry", type=ENTRY_NO)
    add_reuse_options(reuse_logged)
    reuse_logged.add_argument("--yes", action="store_true",
                              help="reuse even when the segment already has criteria actions")
    personal = sub.add_parser("personal-text", help="a personal text in one contact's letter "
                                                    "(the line gets its own document)")
    personal.add_argument("segment")
    personal.add_argument("line", type=LINE_NO)
    personal.add_argument("text", nargs="?", help="the text (- reads it from standard input)")
    personal.add_argument("--clear", action="store_true",
                          help="take the text away: the line inherits the common document")
    mailing = sub.add_parser("apply-mailing-group",
                             help="give every contact of the segment a mailing group")
    mailing.add_argument("segment")
    mailing.add_argument("code", help="the mailing group code")
    mailing.add_argument("--delete-old-assignments", action="store_true",
                         help="first take the mailing group from every contact")
    segment_document_commands.add_parsers(sub)
    label_commands.add_parsers(sub)


def _set_operation_arguments(parser) -> None:
    parser.add_argument("--from", dest="from_segments", action="append", default=[],
                        metavar="SEG", help="the contacts of open segment SEG (criterion "
                                            "segment=SEG; repeat for more segments)")
    parser.add_argument("--from-logged", dest="from_logged", action="append", default=[],
                        type=ENTRY_NO, metavar="N", help="the contacts of logged segment N, its "
                                                    "canceled interactions left out")


def _criteria(args):
    """The typed criteria plus the set operations: `--from` is `segment=SEG|…`, `--from-logged`
    is `interaction.logged_segment=N|…` with `interaction.canceled=No` (a canceled interaction
    did not happen, as Reuse Logged Segment also skips it)."""
    texts = list(args.criteria)
    if args.from_segments:
        texts.append("segment=" + "|".join(args.from_segments))
    if args.from_logged:
        texts += ["interaction.logged_segment=" + "|".join(map(str, args.from_logged)),
                  "interaction.canceled=No"]
    return parse_criteria(texts)


def _assignments(texts: list[str]) -> list[tuple[str, str]]:
    pairs = []
    for text in texts:
        name, equals, value = text.partition("=")
        if not equals or not name.strip():
            raise DomainError(f"{text}: write FIELD=VALUE, e.g. description=Spring mailing")
        pairs.append((name.strip(), value))
    return pairs


def _print_result(result, args, verb: str) -> None:
    if result.dry_run:
        if args.format == "json":
            sys.stdout.write(json_text({"would_" + verb: result.count,
                                        "contact_nos": result.contact_nos}) + "\n")
        else:
            print(f"would {verb} {result.count} lines")
        return
    print(f"{verb} {result.count} lines (criteria action {result.action_no})", file=sys.stderr)


def run(args, settings) -> int:
    command = args.segment_command
    user = settings.user
    fmt = getattr(args, "format", "table")
    if command == "new":
        date = parse_date("Date", args.date) if args.date else None
        print(segments.create_segment(user=user, description=args.description,
                                      template=args.template and args.template.upper(),
                                      salesperson=args.salesperson and args.salesperson.upper(),
                                      campaign=args.campaign and args.campaign.upper(),
                                      date=date))
    elif command == "list":
        emit_list(open_segments.list_segments(), fmt, open_segments.SEGMENT_LIST)
    elif command == "show":
        _show(args.segment, fmt)
    elif command == "delete":
        segments.delete_segment(args.segment)
    elif command == "set":
        expected = args.if_version
        with write_transaction():  # all the assignments or none
            for name, text in _assignments(args.assignments):
                field = segments.header_field(name)
                segments.change_header(args.segment, field.attr,
                                       segments.parse_header_value(field, text), user=user,
                                       update_lines=not args.no_update_lines,
                                       create_language_document=args.create_language,
                                       expected_version=expected)
                if expected is not None:
                    expected += 1  # each change is a version: the next follows this one
    elif command == "add-line":
        with write_transaction():
            line_nos = [segment_lines.add_line(args.segment, contact, user=user)
                        for contact in args.contacts]
        print("\n".join(map(str, line_nos)))
    elif command == "remove-line":
        with write_transaction():
            for line in args.lines:
                segment_lines.remove_line(args.segment, line, user=user,
                                          reset_criteria_when_empty=not args.keep_criteria)
    elif command == "set-line":
        # all the assignments or none, through the Line dialog's use case (no expectation: a
        # script states the values it wants)
        if not args.assignments and not args.inherit:
            raise DomainError(_("set-line: give FIELD=VALUE or --inherit FIELD"))
        with write_transaction():
            segment_lines.save_line_fields(
                args.segment, args.line,
                [(segment_lines.line_field(name), text) for name, text in
                 _assignments(args.assignments)],
                user=user)
            line_inheritance.inherit_line_fields(args.segment, args.line, args.inherit,
                                                 user=user)
    elif command == "no-address":
        _no_address(args, user)
    elif command == "add":
        options = AddOptions(args.allow_existing, args.expand_companies, args.related_companies,
                             args.ignore_exclusion)
        result = selection.add_contacts(
            args.segment, _criteria(args), user=user, options=options,
            all_contacts=args.all, dry_run=args.dry_run, list_contacts=fmt == "json")
        _print_result(result, args, "add")
    elif command in ("reduce", "refine"):
        action = CriteriaAction.REDUCE if command == "reduce" else CriteriaAction.REFINE
        result = selection.remove_contacts(
            args.segment, action, _criteria(args), user=user,
            entire_companies=args.entire_companies, all_lines=getattr(args, "all", False),
            dry_run=args.dry_run, list_contacts=fmt == "json")
        _print_result(result, args, "remove")
    elif command == "go-back":
        result = selection.go_back(args.segment)
        if result.action_no:
            print(f"undid criteria action {result.action_no} ({result.count} lines changed)",
                  file=sys.stderr)
        else:
            print(f"segment {segments.normal_segment_no(args.segment)} has no criteria action "
                  "to undo", file=sys.stderr)
    elif command == "criteria":
        emit_list(queries.criteria_rows(args.segment), fmt, queries.CRITERIA_LIST)
    elif command == "save-criteria":
        print(saved_criteria.save_criteria(args.segment, args.code, user=user,
                                           description=args.description))
    elif command == "reuse-criteria":
        results = saved_criteria.reuse_criteria(args.segment, args.code, user=user,
                                                confirmed=args.yes)
        print(f"replayed {len(results)} criteria actions", file=sys.stderr)
    elif command == "log":
        return _log(args, user, fmt, settings.smtp)
    elif command == "merge":
        return _merge(args)
    elif command == "reuse-logged":
        result = selection.reuse_logged_segment(
            args.segment, args.entry, user=user, include_canceled=args.include_canceled,
            ignore_exclusion=args.ignore_exclusion, confirmed=args.yes)
        print(reuse_summary(result), file=sys.stderr)
    elif command == "personal-text":
        _personal_text(args)
    elif command == "document":
        return segment_document_commands.run(args)
    elif command == "labels":
        return label_commands.run(args)
    elif command == "apply-mailing-group":
        result = mailing_groups.apply_mailing_group(
            args.segment, args.code, delete_old_assignments=args.delete_old_assignments)
        print(f"{result.message} ({result.added} added, {result.removed} removed)")
    return 0


def _merge(args) -> int:
    """`segment merge`: status 1 when --pdf left a file without its PDF."""
    if args.preview is not None:
        print(merge_letters.preview(args.segment, args.preview))
        return 0
    bar = ProgressBar()
    try:
        try:
            with ending_cleanly_on_signals():
                result = merge_letters.merge_to_folder(
                    args.segment, args.out, pdf=args.pdf,
                    allow_unknown_fields=args.allow_unknown_fields,
                    progress=lambda done: bar.show("letters", done),
                    pdf_options=merge_letters.PdfOptions(
                        progress=lambda done, total: bar.show("PDFs", done, total),
                        timeout=args.pdf_timeout))
        finally:
            bar.clear()
    except UnknownFieldsRefused as refused:
        _print_warnings(refused.warnings)  # the fields, then the refusal (exit status 1)
        raise
    _print_warnings(result.warnings)
    for line_no in result.without_document:
        print(f"line {line_no} has no document: no letter", file=sys.stderr)
    print_missing_pdfs(result.missing_pdfs)
    print(result.folder)
    print(f"{result.letters} letters, {len(result.combined)} combined files"
          + (f", {result.pdfs} PDFs" if args.pdf else "")
          + (f", {len(result.missing_pdfs)} without a PDF" if result.missing_pdfs else "")
          + f" in {result.folder}", file=sys.stderr)
    return 1 if result.missing_pdfs else 0


def _show(segment_no: str, fmt: str) -> None:
    """The header and the lines; json, csv and xlsx stream the lines a page at a time."""
    header = queries.header_values(segment_no)
    lines = queries.iter_line_rows(segment_no)
    if fmt == "json":
        sys.stdout.write('{"segment": ' + json_text(header) + ',\n"lines": ')
        stream_rows(lines, "json", [], sys.stdout, keys=queries.LINE_LIST.keys)
        sys.stdout.write("}\n")
    elif fmt in ("csv", "xlsx"):
        emit_list(lines, fmt, queries.LINE_LIST)
    else:
        emit_record(header, "table")
        print()
        emit_list(lines, "table", queries.LINE_LIST)


def _log(args, user: str, fmt: str, smtp=None) -> int:
    """`segment log`: the pre-flight report first; then, unless --dry-run, the log itself.
    Status 1 when the log was written but its delivery failed for some entry or could not run
    at all."""
    report = log_segment.preflight(args.segment, deliver=args.deliver, follow_up=args.follow_up)
    for notes, what in ((report.blocking, "blocks the log"),
                        (report.downgraded, "is downgraded"), (report.warnings, "warning")):
        _print_notes(notes, what)
    _print_warnings(report.document_warnings)
    if args.dry_run:
        verdict = "would be refused" if report.blocking else "would write"
        queued = f", {report.queued_for_delivery} queued for delivery" if args.deliver else ""
        print(f"segment {report.segment_no}: {verdict} {report.entries} interaction "
              f"entries{queued}", file=sys.stderr)
    else:
        outcome = log_segment.log_and_deliver(args.segment, user=user, deliver=args.deliver,
                                              follow_up=args.follow_up, smtp=smtp)
        # the documents were checked before the log: the report keeps what was said of them
        report = dataclasses.replace(outcome.report,
                                     document_warnings=report.document_warnings)
        print(f"segment {report.segment_no} has been logged as logged segment "
              f"{report.logged_segment_entry_no}: {report.entries} interaction entries",
              file=sys.stderr)
        if outcome.delivery is not None:
            print_delivery(outcome.delivery)
        if outcome.delivery_failure:
            # the log is committed: say why nothing was delivered, and still name the entry
            print(f"delivery failed: {outcome.delivery_failure}", file=sys.stderr)
        if report.follow_up_segment_no:
            print(f"follow-up segment {report.follow_up_segment_no} created", file=sys.stderr)
    if fmt == "json":
        sys.stdout.write(json_text(dataclasses.asdict(report), indent=1) + "\n")
    elif not args.dry_run:
        print(report.logged_segment_entry_no)
    # logged, but not (all) delivered: a script must not take that for done
    return 1 if not args.dry_run and (outcome.delivery_failure or (
        outcome.delivery is not None and outcome.delivery.failed)) else 0


def _no_address(args, user: str) -> None:
    """`segment no-address`: list the lines without their address (stdout), or fix them all."""
    segment_no = segments.normal_segment_no(args.segment)
    if args.hard_copy:
        count = no_address.switch_to_hard_copy(segment_no)
        print(f"segment {segment_no}: {count} lines switched to Hard Copy", file=sys.stderr)
    elif args.remove:
        count = no_address.remove_no_address_lines(segment_no, user=user)
        print(f"segment {segment_no}: {count} lines removed", file=sys.stderr)
    else:
        for line in no_address.no_address_lines(segment_no):
            print(f"{line.line_no}\t{line.contact_no}\t{line.reason}")


def _print_warnings(warnings: list[str]) -> None:
    """Field warnings of the segment's documents (field_warnings.py), one a line on stderr."""
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)


def _print_notes(notes, what: str, limit: int = 20) -> None:
    """The first `limit` notes on stderr (all of them with --format json)."""
    for note in notes[:limit]:
        print(f"line {note.line_no} ({note.contact_no}) {what}: {note.reason}", file=sys.stderr)
    if len(notes) > limit:
        print(f"… and {len(notes) - limit} more such lines (--format json lists them all)",
              file=sys.stderr)


def _personal_text(args) -> None:
    """`segment personal-text SEG LINE TEXT|-` or `… --clear`."""
    if args.clear == (args.text is not None):
        raise DomainError("give either the TEXT of the personal text or --clear")
    if args.clear:
        personal_text.clear_personal_text(args.segment, args.line)
        print(f"line {args.line}: the personal text is gone; the document is inherited again",
              file=sys.stderr)
        return
    text = sys.stdin.read() if args.text == "-" else args.text
    number = personal_text.set_personal_text(args.segment, args.line, text)
    print(f"line {args.line} has its own document {number} with the personal text",
          file=sys.stderr)
