"""The append-only journal of cancels, un-cancels and deletions in the log (who, when, why, how
many)."""
import datetime

from segtui.domain.errors import DomainError
from segtui.domain.output.list_columns import ListColumns
from segtui.i18n import _
from segtui.store.models import CancelJournal

# `logged journal` (K6): every column of the journal
JOURNAL_LIST = ListColumns(CancelJournal, table=(
    "no", "created_at", "user_id", "action", "logged_segment_entry_no", "entry_nos",
    "no_of_entries", "reason"))


def required_reason(reason: str | None) -> str:
    """A cancel or un-cancel needs a reason a colleague can read later."""
    text = (reason or "").strip()
    if not text:
        raise DomainError(_("a reason is required (--reason \"…\")"))
    if len(text) > 250:
        raise DomainError(_("the reason is longer than 250 characters"))
    if any(ord(char) < 32 for char in text):
        raise DomainError(_("the reason contains control characters"))
    return text


def number_ranges(numbers: list[int]) -> str:
    """Entry numbers written compactly: 1-3,7,9-12."""
    parts, run = [], []
    for number in sorted(set(numbers)):
        if run and number == run[-1] + 1:
            run.append(number)
            continue
        if run:
            parts.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]))
        run = [number]
    if run:
        parts.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]))
    return ",".join(parts)


def record(action: str, *, user: str, reason: str, count: int, logged_segment_entry_no: int = 0,
           entry_nos: list[int] | None = None) -> None:
    CancelJournal.insert(created_at=datetime.datetime.now().replace(microsecond=0),
                         user_id=user, action=action,
                         logged_segment_entry_no=logged_segment_entry_no,
                         entry_nos=number_ranges(entry_nos or []), no_of_entries=count,
                         reason=reason).execute()


def journal_rows() -> list[dict]:
    """Every journal row, oldest first."""
    return [JOURNAL_LIST.values(row) for row in CancelJournal.select().order_by(CancelJournal.no)]
