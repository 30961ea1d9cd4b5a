"""The Segment Log (M-38, S-08, S-15): logged segments, cancel and un-cancel, follow-up, deletion.

Canceling a logged segment cascades to its interaction entries and campaign entries; every
change is journaled with its reason.
"""
from collections.abc import Iterator
from dataclasses import dataclass

from peewee import fn

from segtui.domain.journal import cancel_journal
from segtui.domain.segments.logged_reuse import (
    ReuseOptions, ReuseResult, count_entries, no_line_reason, reuse_summary)
from segtui.domain.segments.selection import reuse_logged_segment
from segtui.domain.errors import DomainError
from segtui.domain.journal.logged_segment_pages import counts
from segtui.domain.output.list_columns import ListColumns
from segtui.i18n import _
from segtui.domain.segments.headers import create_segment
from segtui.store.connection import write_transaction
from segtui.store.enums import ActionOrigin
from segtui.store.models import (
    CampaignEntry, InteractionLogEntry, LoggedSegment, SegmentCriteriaLine, SegmentHeader)

PAGE_SIZE = 1000  # logged segments per query when streaming the Segment Log
# `logged list` (K6): every column of the logged segment and its two counts (M-37)
LOGGED_KEYS = ("entry_no", "creation_date", "user_id", "segment_no", "description",
               "no_of_interactions", "no_of_campaign_entries", "canceled")
LOGGED_LIST = ListColumns(LoggedSegment, table=LOGGED_KEYS, first=LOGGED_KEYS,
                          computed=("no_of_interactions", "no_of_campaign_entries"))


def get_logged_segment(entry_no: int) -> LoggedSegment:
    logged = LoggedSegment.get_or_none(LoggedSegment.entry_no == entry_no)
    if logged is None:
        raise DomainError(_("logged segment {entry_no} does not exist").format(entry_no=entry_no))
    return logged


def list_logged_segments(*, newest_first: bool = False) -> list[dict]:
    """M-37: entry, date, user, segment no., description, interactions, campaign entries,
    canceled. The counts take the entries whose Canceled equals the logged segment's."""
    order = LoggedSegment.entry_no.desc() if newest_first else LoggedSegment.entry_no
    return _logged_values(_logged_query().order_by(order))


def iter_logged_segments(*, page_size: int = PAGE_SIZE) -> Iterator[dict]:
    """Every logged segment as `list_logged_segments` gives it, oldest first, `page_size` per
    query (keyset on entry no.), so memory does not grow with the Segment Log."""
    after = 0
    while True:
        page = _logged_values(_logged_query().where(LoggedSegment.entry_no > after)
                              .order_by(LoggedSegment.entry_no).limit(page_size))
        yield from page
        if len(page) < page_size:
            return
        after = page[-1]["entry_no"]


def _logged_query():
    return LoggedSegment.select(*LOGGED_LIST.fields, *counts())


def _logged_values(query) -> list[dict]:
    return [LOGGED_LIST.values(logged, no_of_interactions=logged.n,
                               no_of_campaign_entries=logged.c)
            for logged in query.objects()]


def set_canceled(entry_no: int, canceled: bool, *, user: str, reason: str) -> int:
    """M-38: cancel (or un-cancel) a logged segment with its interactions and campaign entries.

    Returns how many interaction entries changed; the journal records it with the reason.
    """
    reason = cancel_journal.required_reason(reason)
    with write_transaction():
        logged = get_logged_segment(entry_no)
        if logged.canceled == canceled:
            if canceled:
                raise DomainError(_("logged segment {entry_no} is already canceled").format(
                    entry_no=entry_no))
            raise DomainError(_("logged segment {entry_no} is already not canceled").format(
                entry_no=entry_no))
        LoggedSegment.update(canceled=canceled).where(
            LoggedSegment.entry_no == entry_no).execute()
        changed = InteractionLogEntry.update(canceled=canceled).where(
            InteractionLogEntry.logged_segment_entry_no == entry_no).execute()
        CampaignEntry.update(canceled=canceled).where(
            CampaignEntry.register_no == entry_no).execute()
        cancel_journal.record("cancel segment" if canceled else "uncancel segment", user=user,
                              reason=reason, count=changed, logged_segment_entry_no=entry_no)
    return changed


def follow_up_description(segment_no: str) -> str:
    """The description a follow-up segment is given (S-15, M-29)."""
    return f"Follow-up on segment {segment_no}"[:100]


def follow_up_segments(entry_no: int) -> list[str]:
    """The open segments that follow up logged segment `entry_no`, in number order: made by
    Create Follow-up Segment or by Log with a follow-up, i.e. still described so and filled by
    a reuse of this logged segment."""
    logged = get_logged_segment(entry_no)
    reused = SegmentCriteriaLine.select(SegmentCriteriaLine.segment).where(
        (SegmentCriteriaLine.origin == ActionOrigin.LOGGED_SEGMENT)
        & (SegmentCriteriaLine.origin_ref == str(entry_no)))
    query = (SegmentHeader.select(SegmentHeader.no)
             .where((SegmentHeader.description == follow_up_description(logged.segment_no))
                    & SegmentHeader.no.in_(reused))
             .order_by(SegmentHeader.no))
    return [no for (no,) in query.tuples()]


@dataclass(frozen=True)
class FollowUpQuestion:
    """The Yes/No question before another follow-up of a logged segment; the default is No."""
    text: str
    existing: tuple[str, ...]


def follow_up_question(entry_no: int) -> FollowUpQuestion | None:
    """The question to ask before a follow-up of logged segment `entry_no` when one is open
    already (None: nothing to ask). The TUI asks it; the CLI refuses unless told `--yes`
    (`create_follow_up(confirmed=…)`, on the same condition)."""
    existing = follow_up_segments(entry_no)
    if not existing:
        return None
    return FollowUpQuestion(_("Logged segment {entry} already has a follow-up segment: {nos}. "
                              "Create another one?").format(entry=entry_no,
                                                           nos=", ".join(existing)),
                            tuple(existing))


def create_follow_up(entry_no: int, *, user: str, confirmed: bool = False,
                     include_canceled: bool = False,
                     ignore_exclusion: bool = False) -> ReuseResult:
    """S-15: a new segment "Follow-up on segment <No.>" with the same campaign and contacts,
    filled by a reuse of the logged segment with the same options and report (C14); its
    `segment_no` is the new segment.

    The logged segment does not keep its header's campaign; the campaign most of its entries
    carry (possibly none) stands for it, as most lines follow the header. Lines with another
    campaign keep theirs through Reuse Segment.

    C15: a follow-up that would have no line is not made (an empty segment helps no one and
    would count as an open follow-up): refused with the reason, nothing written, no number used.
    When a follow-up of it is open already (`follow_up_segments`), only when `confirmed`.
    """
    options = ReuseOptions(include_canceled, ignore_exclusion)
    with write_transaction():
        logged = get_logged_segment(entry_no)
        existing = follow_up_segments(entry_no)
        if existing and not confirmed:
            raise DomainError(_("logged segment {entry} already has a follow-up segment ({nos}); "
                                "confirm to create another (--yes)").format(
                                    entry=entry_no, nos=", ".join(existing)))
        counted = count_entries(entry_no, options)
        if not counted.count:
            raise DomainError(_("no follow-up segment created: {reason}").format(
                reason=no_line_reason(counted)))
        E = InteractionLogEntry
        campaign = (E.select(E.campaign_no).where(E.logged_segment_entry_no == entry_no)
                    .group_by(E.campaign_no)
                    .order_by(fn.COUNT(E.entry_no).desc(), E.campaign_no).limit(1).scalar())
        segment_no = create_segment(user=user,
                                    description=follow_up_description(logged.segment_no),
                                    campaign=campaign or None)
        return reuse_logged_segment(segment_no, entry_no, user=user,
                                    include_canceled=include_canceled,
                                    ignore_exclusion=ignore_exclusion, confirmed=True)


def follow_up_summary(result: ReuseResult, hints: tuple[str, str] | None = None) -> str:
    """What a follow-up did, in one line: its segment, the lines and the entries skipped."""
    return _("follow-up segment {no}: {summary}").format(
        no=result.segment_no, summary=reuse_summary(result, hints))


def delete_canceled_logged_segments(entry_nos: list[int], *, user: str, reason: str) -> int:
    """S-08: delete canceled logged segments, unlinking their entries (which stay in the log)."""
    reason = cancel_journal.required_reason(reason)
    if not entry_nos:
        raise DomainError(_("name at least one logged segment"))
    entry_nos = sorted(set(entry_nos))
    with write_transaction():
        for entry_no in entry_nos:
            if not get_logged_segment(entry_no).canceled:
                raise DomainError(_("logged segment {entry_no} is not canceled; only canceled "
                                    "logged segments can be deleted").format(entry_no=entry_no))
        counts = dict(InteractionLogEntry.select(InteractionLogEntry.logged_segment_entry_no,
                                                 fn.COUNT(InteractionLogEntry.entry_no))
                      .where(InteractionLogEntry.logged_segment_entry_no.in_(entry_nos))
                      .group_by(InteractionLogEntry.logged_segment_entry_no).tuples())
        InteractionLogEntry.update(logged_segment_entry_no=0).where(
            InteractionLogEntry.logged_segment_entry_no.in_(entry_nos)).execute()
        CampaignEntry.update(register_no=0).where(
            CampaignEntry.register_no.in_(entry_nos)).execute()
        deleted = LoggedSegment.delete().where(LoggedSegment.entry_no.in_(entry_nos)).execute()
        for entry_no in entry_nos:
            cancel_journal.record("delete segment", user=user, reason=reason,
                                  count=counts.get(entry_no, 0), logged_segment_entry_no=entry_no)
    return deleted
