"""`segtui logged …` and `segtui interactions …`: the Segment Log and the Interaction Log
from scripts."""
import sys
from argparse import ArgumentTypeError

from segtui.cli.arguments import ENTRY_NO
from segtui.cli.reuse_arguments import add_reuse_options
from segtui.cli.delivery_output import print_resend
from segtui.cli.output import emit_list
from segtui.domain.journal import cancel_journal
from segtui.domain.journal import interaction_log
from segtui.domain.journal import logged_segments
from segtui.domain.journal import resend
from segtui.domain.journal import sent_documents
from segtui.domain.errors import DomainError
from segtui.domain.output.export_files import write_file
from segtui.domain.output.targets import check_output_file
from segtui.domain.journal.interaction_log import EntryFilter
from segtui.i18n import _
from segtui.store.enums import CorrespondenceType

RESEND_TYPES = {"email": CorrespondenceType.EMAIL, "hard-copy": CorrespondenceType.HARD_COPY,
                "fax": CorrespondenceType.FAX}
FILTERS = ["contact", "company", "segment", "logged_segment", "template", "salesperson",
           "campaign", "date", "canceled"]


def add_parsers(commands, formats) -> None:
    logged = commands.add_parser("logged", help="the Segment Log (logged segments)")
    sub = logged.add_subparsers(dest="logged_command", required=True, parser_class=type(logged))
    sub.add_parser("list", help="the logged segments", parents=[formats])
    for name in ("cancel", "uncancel"):
        toggle = sub.add_parser(name, help=f"{name} a logged segment and its interactions")
        toggle.add_argument("entry", type=ENTRY_NO)
        toggle.add_argument("--reason", required=True, help="why (kept in the journal)")
    follow_up = sub.add_parser("follow-up", help="a new segment with the same contacts")
    follow_up.add_argument("entry", type=ENTRY_NO)
    add_reuse_options(follow_up)
    follow_up.add_argument("--yes", action="store_true",
                           help="create it even when a follow-up of it is open already")
    delete = sub.add_parser("delete", help="delete canceled logged segments")
    delete.add_argument("entries", type=ENTRY_NO, nargs="+", metavar="ENTRY")
    delete.add_argument("--reason", required=True)
    sub.add_parser("journal", help="the journal of cancels and deletions", parents=[formats])
    _add_resend(sub, "entry", ENTRY_NO, "resend the documents of a logged segment's entries")

    interactions = commands.add_parser("interactions", help="the Interaction Log")
    sub = interactions.add_subparsers(dest="interactions_command", required=True,
                                      parser_class=type(interactions))
    listing = sub.add_parser("list", help="interaction log entries", parents=[formats])
    for name in FILTERS:
        listing.add_argument(f"--{name.replace('_', '-')}", default="", metavar="FILTER")
    for name in ("cancel", "uncancel"):
        toggle = sub.add_parser(name, help=f"{name} interaction log entries")
        toggle.add_argument("entries", type=ENTRY_NO, nargs="+", metavar="N")
        toggle.add_argument("--reason", required=True)
        if name == "cancel":
            toggle.add_argument("--remove-attachments", action="store_true",
                                help="also delete documents no other entry uses")
    evaluate = sub.add_parser("evaluate", help="set the evaluation of entries")
    evaluate.add_argument("arguments", nargs="+", metavar="N… VALUE")
    comment = sub.add_parser("comment", help="add a comment to an entry")
    comment.add_argument("entry", type=ENTRY_NO)
    comment.add_argument("text")
    comment_list = sub.add_parser("comments", help="the comments of an entry", parents=[formats])
    comment_list.add_argument("entry", type=ENTRY_NO)
    delete = sub.add_parser("delete", help="delete canceled entries")
    delete.add_argument("entries", type=ENTRY_NO, nargs="+", metavar="N")
    delete.add_argument("--reason", required=True)
    show = sub.add_parser("show", help="the document an entry delivered, as sent")
    show.add_argument("entry", type=ENTRY_NO)
    show.add_argument("--out", help="write the .docx to this file instead of text to stdout")
    _add_resend(sub, "entries", ENTRY_NO, "resend the documents of entries", nargs="+")


def _add_resend(sub, name, kind, help_text, **nargs) -> None:
    resend_parser = sub.add_parser("resend", help=help_text)
    resend_parser.add_argument(name, type=kind, metavar="ENTRY", **nargs)
    resend_parser.add_argument("--type", choices=sorted(RESEND_TYPES),
                               help="correspondence type (default: same as the entry)")
    resend_parser.add_argument("--update-merge-fields", action="store_true",
                               help="new entries with the contacts' data as it is now")
    resend_parser.add_argument("--failed-only", action="store_true",
                               help="only the entries whose delivery failed (Delivery Status "
                                    "Error)")
    resend_parser.add_argument("--include-delivered", action="store_true",
                               help="also send again to contacts whose entry was delivered "
                                    "(skipped otherwise)")


def run_logged(args, settings) -> int:
    command, user = args.logged_command, settings.user
    if command == "list":
        emit_list(logged_segments.iter_logged_segments(), args.format,
                  logged_segments.LOGGED_LIST)
    elif command in ("cancel", "uncancel"):
        changed = logged_segments.set_canceled(args.entry, command == "cancel", user=user,
                                               reason=args.reason)
        print(f"logged segment {args.entry}: {command}ed with {changed} interaction entries",
              file=sys.stderr)
    elif command == "follow-up":
        result = logged_segments.create_follow_up(
            args.entry, user=user, confirmed=args.yes, include_canceled=args.include_canceled,
            ignore_exclusion=args.ignore_exclusion)
        print(result.segment_no)
        print(logged_segments.follow_up_summary(result), file=sys.stderr)
    elif command == "delete":
        deleted = logged_segments.delete_canceled_logged_segments(args.entries, user=user,
                                                                  reason=args.reason)
        print(f"deleted {deleted} logged segments", file=sys.stderr)
    elif command == "journal":
        emit_list(cancel_journal.journal_rows(), args.format, cancel_journal.JOURNAL_LIST)
    elif command == "resend":
        return _resend(args, settings, logged_segment=args.entry)
    return 0


def run_interactions(args, settings) -> int:
    command, user = args.interactions_command, settings.user
    if command == "list":
        entry_filter = EntryFilter(**{name: getattr(args, name) for name in FILTERS})
        emit_list(interaction_log.iter_entry_rows(entry_filter), args.format,
                  interaction_log.ENTRY_LIST)
    elif command in ("cancel", "uncancel"):
        changed = interaction_log.set_canceled(
            args.entries, command == "cancel", user=user, reason=args.reason,
            remove_unique_attachments=getattr(args, "remove_attachments", False))
        print(f"{command}ed {changed} entries", file=sys.stderr)
    elif command == "evaluate":
        *numbers, value = args.arguments
        changed = interaction_log.evaluate(_entry_numbers(numbers), value)
        print(f"evaluated {changed} entries", file=sys.stderr)
    elif command == "comment":
        interaction_log.add_comment(args.entry, args.text)
    elif command == "comments":
        emit_list(interaction_log.comments(args.entry), args.format, interaction_log.COMMENT_LIST)
    elif command == "delete":
        deleted = interaction_log.delete_canceled_entries(args.entries, user=user,
                                                          reason=args.reason)
        print(f"deleted {deleted} entries", file=sys.stderr)
    elif command == "show":
        _show(args.entry, args.out)
    elif command == "resend":
        return _resend(args, settings, entry_nos=args.entries)
    return 0


def _show(entry_no: int, out: str | None) -> None:
    if out is None:
        print(sent_documents.text_as_sent(entry_no))
        return
    path = check_output_file(out)  # before the document is put together
    write_file(path, sent_documents.document_as_sent(entry_no))
    print(path, file=sys.stderr)


def _resend(args, settings, **which) -> int:
    """Status 1 when a delivery failed: a script must not take that for done."""
    result = resend.resend(correspondence_type=RESEND_TYPES.get(args.type),
                           update_merge_fields=args.update_merge_fields,
                           failed_only=args.failed_only,
                           include_delivered=args.include_delivered, smtp=settings.smtp,
                           **which)
    if args.update_merge_fields and result.entry_nos:
        print(f"new entries {', '.join(map(str, result.entry_nos))}", file=sys.stderr)
    print_resend(result)
    return 1 if result.delivery.failed else 0


def _entry_numbers(texts: list[str]) -> list[int]:
    if not texts:
        raise DomainError(_("name the entries and then the evaluation, e.g. 12 13 Positive"))
    numbers = []
    for text in texts:
        try:
            numbers.append(ENTRY_NO(text))
        except ArgumentTypeError as exc:
            if not text.strip().lstrip("+-").isdecimal():
                raise DomainError(_("{text!r} is not an entry number").format(text=text)) from None
            raise DomainError(_("entry: {reason}").format(reason=exc)) from None
    return numbers
