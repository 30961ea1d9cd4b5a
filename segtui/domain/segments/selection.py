"""Add / Reduce / Refine contacts, Go Back and Reuse Segment (M-10 … M-20, M-24).

Each action records an Action criteria row with its Filter rows, then changes the lines with a
few set-based statements; history rows (and copies of removed lines) let Go Back undo exactly
the last action. `dry_run=True` answers how many lines would change without writing anything.
"""
import dataclasses
import datetime
from dataclasses import dataclass, field

from peewee import fn

from segtui.domain.segments.criteria_sources import CriteriaSet, qualifying_condition
from segtui.domain.errors import DomainError
from segtui.i18n import _
from segtui.domain.segments.line_builder import insert_lines, remove_lines, restore_lines
from segtui.domain.documents.segment_documents import detach_documents, purge_attachments
from segtui.domain.segments.headers import get_segment
from segtui.domain.segments.logged_reuse import (
    ReuseCriteria, ReuseOptions, ReuseResult, previews, reuse_summary, taken_entries)
from segtui.store.connection import refresh_statistics, write_transaction
from segtui.store.enums import (
    ActionOrigin, ContactType, CriteriaAction, CriteriaLineType, HistoryAction)
from segtui.store.models import (
    Contact, InteractionLogEntry, SegmentCriteriaLine, SegmentHistory,
    SegmentInteractionLanguage, SegmentLine, SegmentLineRemoved)

LINE_TABLES = (SegmentLine, SegmentLineRemoved, SegmentHistory)  # what the actions change


@dataclass(frozen=True)
class AddOptions:
    """The four options of Add Contacts."""
    allow_existing: bool = False
    expand_companies: bool = False
    related_companies: bool = False
    ignore_exclusion: bool = False


@dataclass
class ActionResult:
    """What an action did (or, in a dry run, would do)."""
    action_no: int
    count: int
    contact_nos: list[str] = field(default_factory=list)
    dry_run: bool = False


def action_count(segment_no: str) -> int:
    """No. of Criteria Actions (a FlowField): the Action rows of the segment."""
    return (SegmentCriteriaLine.select()
            .where((SegmentCriteriaLine.segment == segment_no)
                   & (SegmentCriteriaLine.type == CriteriaLineType.ACTION)).count())


def record_action(segment_no: str, action: CriteriaAction, criteria: CriteriaSet, *, user: str,
                  options: AddOptions = AddOptions(), entire_companies: bool = False,
                  origin: ActionOrigin = ActionOrigin.CRITERIA, origin_ref: str = "") -> int:
    """Write the Action row and its Filter rows; returns the action's ordinal number."""
    last = (SegmentCriteriaLine.select(fn.MAX(SegmentCriteriaLine.line_no))
            .where(SegmentCriteriaLine.segment == segment_no).scalar()) or 0
    views = criteria.views()
    flags = dict(allow_existing_contacts=options.allow_existing,
                 expand_contact=options.expand_companies,
                 allow_company_with_persons=options.related_companies,
                 ignore_exclusion=options.ignore_exclusion, entire_companies=entire_companies)
    rows = [dict(segment=segment_no, line_no=last + 1, type=CriteriaLineType.ACTION,
                 action=action, no_of_filters=len(views), origin=origin, origin_ref=origin_ref,
                 user_id=user, created_at=datetime.datetime.now(), **flags)]
    for offset, (table, view) in enumerate(views, start=2):
        rows.append(dict(segment=segment_no, line_no=last + offset, type=CriteriaLineType.FILTER,
                         action=action, table_name=table, view=view, no_of_filters=0,
                         origin=origin, origin_ref=origin_ref, user_id=user,
                         created_at=datetime.datetime.now(), **flags))
    SegmentCriteriaLine.insert_many(rows).execute()
    return action_count(segment_no)


def selected_contacts(criteria: CriteriaSet, options: AddOptions, segment_no: str):
    """The contacts Add Contacts would insert: a query over Contact, nothing read yet."""
    matching = Contact.select(Contact.no)
    condition = qualifying_condition(criteria)
    if condition is not None:
        matching = matching.where(condition)
    selection = Contact.no.in_(matching)
    if options.expand_companies:
        companies = Contact.select(Contact.company_no).where(
            Contact.no.in_(matching) & Contact.company_no.is_null(False))
        selection = Contact.company_no.in_(companies) | (
            Contact.no.in_(matching) & Contact.company_no.is_null())
    if options.related_companies:
        chosen = Contact.select(Contact.no).where(selection)
        employers = Contact.select(Contact.company_no).where(
            Contact.no.in_(chosen) & (Contact.type == ContactType.PERSON)
            & Contact.company_no.is_null(False))
        selection = Contact.no.in_(chosen) | Contact.no.in_(employers)
    query = Contact.select().where(selection)
    if not options.ignore_exclusion:
        query = query.where(Contact.exclude_from_segment == False)  # noqa: E712
    if not options.allow_existing:
        # NOT EXISTS, not NOT IN: PostgreSQL cannot hash a large NOT IN list in its work_mem
        existing = SegmentLine.select(SegmentLine.line_no).where(
            (SegmentLine.segment == segment_no) & (SegmentLine.contact == Contact.no))
        query = query.where(~fn.EXISTS(existing))
    return query


def add_contacts(segment_no: str, criteria: CriteriaSet, *, user: str,
                 options: AddOptions = AddOptions(), all_contacts: bool = False,
                 dry_run: bool = False, list_contacts: bool = False,
                 origin: ActionOrigin = ActionOrigin.CRITERIA,
                 origin_ref: str = "") -> ActionResult:
    """M-10 … M-15: add a line for every qualifying contact (BC meaning of related companies)."""
    if not criteria and not all_contacts:
        raise DomainError(_("Add Contacts without any criterion would add every contact; "
                            "give a criterion, or ask for all contacts explicitly (--all)"))
    header = get_segment(segment_no)
    query = selected_contacts(criteria, options, header.no)
    if dry_run:
        return _preview(query.select(Contact.no), list_contacts)
    with write_transaction():
        header = get_segment(segment_no)
        action_no = record_action(header.no, CriteriaAction.ADD_CONTACTS, criteria, user=user,
                                  options=options, origin=origin, origin_ref=origin_ref)
        count = insert_lines(header, selected_contacts(criteria, options, header.no),
                             action_no=action_no)
        refresh_statistics(*LINE_TABLES)
    return ActionResult(action_no, count)


def _preview(contact_query, list_contacts: bool) -> ActionResult:
    if list_contacts:
        numbers = [row[0] for row in contact_query.order_by(Contact.no).tuples()]
        return ActionResult(0, len(numbers), numbers, dry_run=True)
    return ActionResult(0, contact_query.count(), dry_run=True)


def matching_line_contacts(segment_no: str, criteria: CriteriaSet, entire_companies: bool):
    """M-16, M-17: the set M of contacts whose lines Reduce removes (Refine keeps), widened to whole
    companies with Entire Companies. Without it, matching contacts need no restriction to the
    segment's own: only lines are ever removed."""
    condition = qualifying_condition(criteria)
    if not entire_companies:
        matching = Contact.select(Contact.no)
        return matching.where(condition) if condition is not None else matching
    line_companies = SegmentLine.select(SegmentLine.contact_company_no).where(
        (SegmentLine.segment == segment_no) & (SegmentLine.contact_company_no != ""))
    line_contacts = SegmentLine.select(SegmentLine.contact).where(
        (SegmentLine.segment == segment_no) & SegmentLine.contact.is_null(False))
    matching = Contact.select(Contact.no).where(
        Contact.no.in_(line_contacts) | Contact.company_no.in_(line_companies))
    if condition is not None:
        matching = matching.where(condition)
    companies = Contact.select(Contact.company_no).where(
        Contact.no.in_(matching) & Contact.company_no.is_null(False))
    return Contact.select(Contact.no).where(
        Contact.no.in_(matching) | Contact.company_no.in_(companies))


def remove_contacts(segment_no: str, action: CriteriaAction, criteria: CriteriaSet, *,
                    user: str, entire_companies: bool = False, all_lines: bool = False,
                    dry_run: bool = False, list_contacts: bool = False,
                    origin: ActionOrigin = ActionOrigin.CRITERIA,
                    origin_ref: str = "") -> ActionResult:
    """M-16, M-17: Reduce removes the lines whose contact matches, Refine those that do not."""
    if not criteria and action == CriteriaAction.REDUCE and not all_lines:
        raise DomainError(_("Reduce without any criterion would remove every line; give a "
                            "criterion, or ask for all lines explicitly (--all)"))
    if not criteria and action == CriteriaAction.REFINE:
        raise DomainError(_("Refine without any criterion would keep every line; give a "
                            "criterion"))
    header = get_segment(segment_no)
    matching = matching_line_contacts(header.no, criteria, entire_companies)
    condition = (SegmentLine.contact.in_(matching) if action == CriteriaAction.REDUCE
                 else ~fn.EXISTS(matching.where(Contact.no == SegmentLine.contact))
                 & SegmentLine.contact.is_null(False))
    if dry_run:
        lines = SegmentLine.select(SegmentLine.contact).where(
            (SegmentLine.segment == header.no) & condition)
        if list_contacts:
            numbers = [row[0] for row in lines.order_by(SegmentLine.line_no).tuples()]
            return ActionResult(0, len(numbers), numbers, dry_run=True)
        return ActionResult(0, lines.count(), dry_run=True)
    with write_transaction():
        get_segment(segment_no)
        action_no = record_action(header.no, action, criteria, user=user,
                                  entire_companies=entire_companies, origin=origin,
                                  origin_ref=origin_ref)
        count = remove_lines(header.no, action_no, condition)
        refresh_statistics(*LINE_TABLES)
    return ActionResult(action_no, count)


def go_back_size(segment_no: str) -> ActionResult:
    """What Go Back would undo now: the last criteria action's number and how many lines it
    added or removed (the question before Go Back says it); action 0 when there is none."""
    header = get_segment(segment_no)
    action_no = action_count(header.no)
    if action_no == 0:
        return ActionResult(0, 0)
    return ActionResult(action_no, SegmentHistory.select().where(
        (SegmentHistory.segment == header.no)
        & (SegmentHistory.segment_action_no == action_no)).count())


def go_back(segment_no: str) -> ActionResult:
    """M-20: undo the last criteria action exactly: delete the lines it added (by line number),
    restore the lines it removed in today's context with what was their own (C11), drop its
    criteria rows.

    C4: with no criteria action there is nothing to undo (action number 0 in the result).
    """
    with write_transaction():
        header = get_segment(segment_no)
        action_no = action_count(header.no)
        if action_no == 0:
            return ActionResult(0, 0)
        history = SegmentHistory.select(SegmentHistory.segment_line_no).where(
            (SegmentHistory.segment == header.no)
            & (SegmentHistory.segment_action_no == action_no))
        inserted = history.where(SegmentHistory.action_taken == HistoryAction.INSERTION)
        purge = detach_documents(header.no,
                                 SegmentInteractionLanguage.segment_line_no.in_(inserted))
        removed_now = SegmentLine.delete().where(
            (SegmentLine.segment == header.no) & SegmentLine.line_no.in_(inserted)).execute()
        restored = _restore_removed_lines(header, action_no)
        purge_attachments(purge)
        SegmentHistory.delete().where((SegmentHistory.segment == header.no)
                                      & (SegmentHistory.segment_action_no == action_no)).execute()
        last_action_line = (SegmentCriteriaLine.select(fn.MAX(SegmentCriteriaLine.line_no))
                            .where((SegmentCriteriaLine.segment == header.no)
                                   & (SegmentCriteriaLine.type == CriteriaLineType.ACTION))
                            .scalar())
        SegmentCriteriaLine.delete().where((SegmentCriteriaLine.segment == header.no)
                                           & (SegmentCriteriaLine.line_no >= last_action_line)
                                           ).execute()
        refresh_statistics(*LINE_TABLES)
    return ActionResult(action_no, removed_now + restored)


def _restore_removed_lines(header, action_no: int) -> int:
    """C11: the lines the action removed come back in today's context, keeping their own."""
    return restore_lines(header, action_no)


def _actions_before_reuse(segment_no: str) -> tuple[str, int]:
    """The segment's number and its criteria actions: a reuse asks first when there are any."""
    number = get_segment(segment_no).no
    return number, action_count(number)


@dataclass(frozen=True)
class ReuseQuestion:
    """C9's Yes/No question before a reuse; the safe answer, and the default, is No."""
    text: str


def reuse_question(segment_no: str, what: str) -> ReuseQuestion | None:
    """C9: the question to ask before reusing `what` (e.g. "Logged Segment") on the segment,
    asked when the segment already has criteria actions; None when there is nothing to ask.

    The TUI shows it as a confirmation; the CLI has no one to ask and refuses instead unless
    told `--yes` (`check_reuse_allowed`, on the same condition).
    """
    number, existing = _actions_before_reuse(segment_no)
    if not existing:
        return None
    return ReuseQuestion(_("Segment {no} already contains {count} No. of Criteria Actions. Are "
                           "you sure you want to reuse a {what}?").format(
                               no=number, count=existing, what=what))


def reuse_logged_question(segment_no: str) -> ReuseQuestion | None:
    """The question before Reuse Logged Segment (`reuse_question`)."""
    return reuse_question(segment_no, _("Logged Segment"))


def check_reuse_allowed(segment_no: str, confirmed: bool, what: str) -> None:
    """C9: reusing into a segment that already has criteria actions needs a confirmation."""
    number, existing = _actions_before_reuse(segment_no)
    if existing and not confirmed:
        raise DomainError(_("segment {segment_no} already contains {existing} criteria actions; "
                            "confirm to reuse {what} anyway (--yes)").format(
                                segment_no=number, existing=existing, what=what))


def reuse_logged_segment(segment_no: str, entry_no: int, *, user: str,
                         include_canceled: bool = False, ignore_exclusion: bool = False,
                         dry_run: bool = False, confirmed: bool = False,
                         origin: ActionOrigin = ActionOrigin.LOGGED_SEGMENT,
                         origin_ref: str = "", empty_ok: bool = False) -> ReuseResult:
    """M-24 as users ask: one line per interaction of the logged segment, with its campaign;
    canceled entries (unless `include_canceled`) and contacts marked Exclude from Segment or
    Privacy Blocked (unless `ignore_exclusion`) are skipped, and counted (C14).

    A reuse that would add no line is refused and says why (C15) unless `empty_ok` (a replay
    by Reuse Criteria, where an action may add nothing, as Add Contacts may); a dry run answers
    the same counts. The action stores the options it applied, for Reuse Criteria (C16).
    C9: on a segment that already has criteria actions only when `confirmed`.
    """
    if not dry_run:
        check_reuse_allowed(segment_no, confirmed, _("a logged segment"))
    options = ReuseOptions(include_canceled, ignore_exclusion)
    if dry_run:
        get_segment(segment_no)
        return previews(entry_no)[options]
    with write_transaction():
        header = get_segment(segment_no)
        result = dataclasses.replace(previews(entry_no)[options], dry_run=False)
        if not result.count and not empty_ok:
            raise DomainError(reuse_summary(result))
        result.action_no = record_action(
            header.no, CriteriaAction.ADD_CONTACTS, ReuseCriteria.of_reuse(entry_no, options),
            user=user, options=AddOptions(allow_existing=True, ignore_exclusion=ignore_exclusion),
            origin=origin, origin_ref=origin_ref or str(entry_no))
        campaign = fn.NULLIF(InteractionLogEntry.campaign_no, "")
        result.count = insert_lines(header, taken_entries(entry_no, options),
                                    action_no=result.action_no,
                                    order_by=[InteractionLogEntry.entry_no], campaign=campaign)
        result.segment_no = header.no
    return result

