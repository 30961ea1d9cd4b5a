"""Resend Attachments (S-09, X5, X6) for interaction entries or a logged segment.

Only entries with a Word document qualify. Without Update Merge Fields the entries themselves
are queued again (In Progress, optionally with another correspondence type) and delivered with
the merge data they kept; with it, each gets a new entry — a copy dated today, "Resend: " before
its description, the contact's data as it is now — which is delivered instead.
"""
import datetime
from dataclasses import dataclass
from pathlib import Path

from segtui.domain.journal import mail
from segtui.domain.setup import numbering
from segtui.domain.journal.delivery import DeliveryReport, deliver_entries
from segtui.domain.errors import DomainError
from segtui.i18n import _
from segtui.domain.journal.logged_segments import get_logged_segment
from segtui.domain.documents.merge_data import refreshed_snapshot
from segtui.store.connection import write_transaction
from segtui.store.enums import CorrespondenceType, DeliveryStatus
from segtui.store.models import InteractionLogEntry

E = InteractionLogEntry
NOT_COPIED = {"entry_no", "date", "time_of_interaction", "description", "delivery_status",
              "delivery_error", "merge_data", "correspondence_type", "evaluation", "canceled"}


@dataclass
class ResendResult:
    entry_nos: list[int]
    """The entries delivered: the old ones, or the new ones with Update Merge Fields."""
    delivery: DeliveryReport


def resend(entry_nos: list[int] | None = None, *, logged_segment: int | None = None,
           correspondence_type: CorrespondenceType | None = None,
           update_merge_fields: bool = False, out_dir: Path | None = None,
           smtp: mail.SmtpSettings | None = None) -> ResendResult:
    """Resend the entries named, or those of a logged segment; `correspondence_type` None is
    "Same as Entry"."""
    if correspondence_type == CorrespondenceType.BLANK:
        raise DomainError(_("resend needs a correspondence type: Hard Copy, Email or Fax"))
    with write_transaction():
        entries = _qualifying(entry_nos, logged_segment)
        if correspondence_type is None:
            untyped = next((entry for entry in entries if not entry.correspondence_type), None)
            if untyped is not None:
                raise DomainError(_("Correspondence Type must have a value in Interaction Log "
                                    "Entry: Entry No.={entry_no} (choose a type to "
                                    "resend it with)").format(entry_no=untyped.entry_no))
        if update_merge_fields:
            queued = _copy_entries(entries, correspondence_type)
        else:
            queued = [entry.entry_no for entry in entries]
            changes = {E.delivery_status: DeliveryStatus.IN_PROGRESS, E.delivery_error: ""}
            if correspondence_type is not None:
                changes[E.correspondence_type] = correspondence_type
            E.update(changes).where(E.entry_no.in_(queued)).execute()
    return ResendResult(queued, deliver_entries(queued, out_dir=out_dir, smtp=smtp))


def _qualifying(entry_nos: list[int] | None, logged_segment: int | None) -> list:
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
    entries = list(E.select().where(selection & (E.attachment_no != 0)
                                    & E.merge_data.is_null(False)).order_by(E.entry_no))
    if not entries:
        raise DomainError(_("There is nothing to send. Only Microsoft Word documents can be "
                            "resent."))
    return entries


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
                     "merge_data": refreshed_snapshot(entry.merge_data, now.date())})
    for start in range(0, len(rows), 500):
        E.insert_many(rows[start:start + 500]).execute()
    return [row["entry_no"] for row in rows]
