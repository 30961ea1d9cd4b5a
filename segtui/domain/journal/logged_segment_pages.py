"""The Segment Log a page at a time, newest first, by keyset on the entry number (never OFFSET).

Pages run in the order shown, `entry_no DESC`: `after(key)` is the older logged segments, `before`
the newer ones. The counts follow NAV's FlowFields (M-37): the entries whose Canceled
equals the logged segment's.
"""
from dataclasses import dataclass
from datetime import date

from peewee import Expression, Select, fn

from segtui.domain.paging import KeysetPages
from segtui.store.models import CampaignEntry, InteractionLogEntry, LoggedSegment


@dataclass(frozen=True)
class LoggedSegmentRow:
    """One logged segment as plain values."""
    entry_no: int
    creation_date: date
    user_id: str
    segment_no: str
    description: str
    no_of_interactions: int
    no_of_campaign_entries: int
    canceled: bool


def logged_segment_filter(text: str) -> Expression | None:
    """Logged segments whose segment no. or description contains `text`, ignoring case."""
    text = text.strip().upper()
    if not text:
        return None
    return (fn.UPPER(LoggedSegment.segment_no).contains(text)
            | fn.UPPER(LoggedSegment.description).contains(text))


def counts() -> tuple:
    """No. of Interactions (`n`) and No. of Campaign Entries (`c`) of each logged segment: the
    entries whose Canceled equals the segment's."""
    interactions = (InteractionLogEntry.select(fn.COUNT(InteractionLogEntry.entry_no))
                    .where((InteractionLogEntry.logged_segment_entry_no == LoggedSegment.entry_no)
                           & (InteractionLogEntry.canceled == LoggedSegment.canceled)))
    campaign_entries = (CampaignEntry.select(fn.COUNT(CampaignEntry.entry_no))
                        .where((CampaignEntry.register_no == LoggedSegment.entry_no)
                               & (CampaignEntry.canceled == LoggedSegment.canceled)))
    return interactions.alias("n"), campaign_entries.alias("c")


def counted_columns() -> tuple:
    """The Segment Log's columns; the counts take entries whose Canceled equals the segment's."""
    return (LoggedSegment.entry_no, LoggedSegment.creation_date, LoggedSegment.user_id,
            LoggedSegment.segment_no, LoggedSegment.description, *counts(),
            LoggedSegment.canceled)


class LoggedSegmentPageSource(KeysetPages):
    """Pages of the logged segments, newest first, optionally narrowed by a filter text."""

    row_type = LoggedSegmentRow
    """The class each row is built as: a screen may name a subclass with display fields."""
    order_key = LoggedSegment.entry_no
    key_attribute = "entry_no"
    descending = True  # `after(key)` is the older logged segments, `before(key)` the newer ones

    def __init__(self, filter_text: str = "") -> None:
        self.filter_text = filter_text.strip()
        self._condition = logged_segment_filter(self.filter_text)

    def query(self) -> Select:
        query = LoggedSegment.select(*counted_columns())
        return query if self._condition is None else query.where(self._condition)

    def row(self, values: tuple) -> LoggedSegmentRow:
        (entry_no, creation_date, user_id, segment_no, description, interactions,
         campaign_entries, canceled) = values
        return self.row_type(entry_no, creation_date, user_id or "", segment_no,
                             description or "", interactions, campaign_entries, bool(canceled))
