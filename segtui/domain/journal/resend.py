"""Resend Attachments (S-09, X5, X6) for interaction entries or a logged segment.

Only entries with a Word document qualify. Without Update Merge Fields the entries themselves
are queued again (In Progress, optionally with another correspondence type) and delivered with
the merge data they kept; with it, each gets a new entry — a copy dated today, "Resend: " before
its description, the contact's data as it is now — which is delivered instead.

An entry and the copies made of it (Original Entry No.) are one letter to one contact: a resend
sends the newest of them, once. A letter one of whose entries was delivered (Delivered At) is
not sent again unless `include_delivered`; `failed_only` sends only letters whose newest entry's
delivery failed (Delivery Status Error).
"""
import datetime
from dataclasses import dataclass, field
from pathlib import Path

from segtui.domain.journal import mail
from segtui.domain.setup import numbering
from segtui.domain.journal.delivery import (
    FIRST_REASONS, DeliveryReport, Progress, deliver_entries)
from segtui.domain.errors import DomainError
from segtui.i18n import _
from segtui.domain.journal.logged_segments import get_logged_segment
from segtui.domain.documents.merge_data import refreshed_snapshot
from peewee import Case

from segtui.store.connection import write_transaction
from segtui.store.enums import CorrespondenceType, DeliveryStatus
from segtui.store.models import InteractionLogEntry

E = InteractionLogEntry
NOT_COPIED = {"entry_no", "date", "time_of_interaction", "description", "delivery_status",
              "delivery_error", "merge_data", "correspondence_type", "evaluation", "canceled",
              "delivered_at", "original_entry_no"}
# the letter an entry belongs to: the entry it is a copy of, else itself
LETTER = Case(None, [(E.original_entry_no > 0, E.original_entry_no)], E.entry_no)
QUALIFIES = (E.attachment_no != 0) & E.merge_data.is_null(False)  # a Word document to send


@dataclass
class ResendResult:
    entry_nos: list[int]
    """The entries delivered: the old ones, or the new ones with Update Merge Fields."""
    delivery: DeliveryReport
    skipped: list[tuple[int, str]] = field(default_factory=list)
    """(entry no., contact no.) of each letter already delivered and so not sent again."""
    not_failed: int = 0
    """With `failed_only`: the letters left alone because their delivery did not fail."""


def resend(entry_nos: list[int] | None = None, *, logged_segment: int | None = None,
           correspondence_type: CorrespondenceType | None = None,
           update_merge_fields: bool = False, failed_only: bool = False,
           include_delivered: bool = False, out_dir: Path | None = None,
           smtp: mail.SmtpSettings | None = None,
           progress: Progress | None = None) -> ResendResult:
    """Resend the entries named, or those of a logged segment; `correspondence_type` None is
    "Same as Entry". `failed_only`: only those whose delivery failed; `include_delivered`: also
    those delivered before (else they are skipped and named in `skipped`)."""
    if correspondence_type == CorrespondenceType.BLANK:
        raise DomainError(_("resend needs a correspondence type: Hard Copy, Email or Fax"))
    with write_transaction():
        entries, skipped, not_failed = _chosen(
            _with_copies(_qualifying(entry_nos, logged_segment)), failed_only=failed_only,
            include_delivered=include_delivered)
        if correspondence_type is None:
            untyped = next((entry for entry in entries if not entry.correspondence_type), None)
            if untyped is not None:
                raise DomainError(_("Correspondence Type must have a value in Interaction Log "
                                    "Entry: Entry No.={entry_no} (choose a type to "
                                    "resend it with)").format(entry_no=untyped.entry_no))
        if not entries:
            queued = []
        elif update_merge_fields:
            queued = _copy_entries(entries, correspondence_type)
        else:
            queued = [entry.entry_no for entry in entries]
            changes = {E.delivery_status: DeliveryStatus.IN_PROGRESS, E.delivery_error: ""}
            if correspondence_type is not None:
                changes[E.correspondence_type] = correspondence_type
            E.update(changes).where(E.entry_no.in_(queued)).execute()
    report = (deliver_entries(queued, out_dir=out_dir, smtp=smtp, progress=progress) if queued
              else DeliveryReport())
    return ResendResult(queued, report, skipped, not_failed)


def skipped_names(result: ResendResult, limit: int = FIRST_REASONS) -> str:
    """The first `limit` letters skipped as delivered, "entry N (contact C), …", "… and K
    more"."""
    names = [_("entry {entry_no} (contact {contact})").format(entry_no=entry_no, contact=contact)
             for entry_no, contact in result.skipped[:limit]]
    if len(result.skipped) > limit:
        names.append(_("… and {count:,} more").format(count=len(result.skipped) - limit))
    return ", ".join(names)


def _chosen(entries: list, *, failed_only: bool, include_delivered: bool):
    """Of the qualifying `entries`, the newest entry of each letter to send; the letters
    skipped as delivered, (entry no., contact no.); how many were left alone as not failed."""
    letters: dict[int, list] = {}
    for entry in entries:
        letters.setdefault(entry.original_entry_no or entry.entry_no, []).append(entry)
    chosen, skipped, not_failed = [], [], 0
    for key in sorted(letters):
        members = letters[key]
        newest = max(members, key=lambda entry: entry.entry_no)
        delivered = [entry for entry in members if entry.delivered_at is not None]
        if delivered and not include_delivered:
            shown = max(delivered, key=lambda entry: entry.entry_no)
            skipped.append((shown.entry_no, shown.contact_no))
        elif failed_only and newest.delivery_status != DeliveryStatus.ERROR:
            not_failed += 1
        else:
            chosen.append(newest)
    return sorted(chosen, key=lambda entry: entry.entry_no), skipped, not_failed


def _with_copies(selection) -> list:
    """The entries of `selection` and every other qualifying entry of their letters (the
    original of a copy named, the copies of an original named), in one query."""
    letters = E.select(LETTER).where(selection)
    return list(E.select().where(LETTER.in_(letters) & QUALIFIES).order_by(E.entry_no))


def _qualifying(entry_nos: list[int] | None, logged_segment: int | None):
    """Where the qualifying entries named are (refused when there are none)."""
    if (entry_nos is None) == (logged_segment is None):
        raise DomainError(_("name either interaction log entries or one logged segment"))
    if logged_segment is not None:
        get_logged_segment(logged_segment)
        selection = E.logged_segment_entry_no == logged_segment
    else:
        wanted = sorted(set(entry_nos))
        found = {no for (no,) in E.select(E.entry_no).where(E.entry_no.in_(wanted)).tuples()}
        missing = [str(no) for no in wanted if no not in found]
        if missing:
            raise DomainError(_("interaction log entry {entries} does not exist").format(
                entries=", ".join(missing)))
        selection = E.entry_no.in_(wanted)
    if not E.select().where(selection & QUALIFIES).exists():
        raise DomainError(_("There is nothing to send. Only Microsoft Word documents can be "
                            "resent."))
    return selection & QUALIFIES


def _copy_entries(entries: list, correspondence_type: CorrespondenceType | None) -> list[int]:
    now = datetime.datetime.now()
    first = numbering.next_entry_numbers("interaction_entry", len(entries))
    copied = [name for name in E._meta.fields if name not in NOT_COPIED]
    rows = []
    for offset, entry in enumerate(entries):
        description = f"Resend: {entry.description}"[:E.description.max_length]
        rows.append({**{name: getattr(entry, name) for name in copied},
                     "entry_no": first + offset, "date": now.date(),
                     "time_of_interaction": now.time().replace(microsecond=0),
                     "description": description,
                     "correspondence_type": correspondence_type or entry.correspondence_type,
                     "delivery_status": DeliveryStatus.IN_PROGRESS,
                     "original_entry_no": entry.original_entry_no or entry.entry_no,
                     "merge_data": refreshed_snapshot(entry.merge_data, now.date())})
    for start in range(0, len(rows), 500):
        E.insert_many(rows[start:start + 500]).execute()
    return [row["entry_no"] for row in rows]
