"""Save a segment's criteria under a code and replay them on another segment (M-22, M-23)."""
import json
from dataclasses import dataclass

from peewee import fn

from segtui.domain.segments.selection import (
    ActionResult, AddOptions, ReuseQuestion, action_count, add_contacts, check_reuse_allowed,
    remove_contacts, reuse_logged_segment, reuse_question)
from segtui.domain.segments.logged_reuse import ReuseResult, stored_reuse
from segtui.domain.segments.criteria_sources import CriteriaSet
from segtui.domain.errors import DomainError
from segtui.i18n import _
from segtui.domain.segments.headers import get_segment
from segtui.domain.values import parse_code, parse_text
from segtui.store.connection import write_transaction
from segtui.store.enums import ActionOrigin, CriteriaAction, CriteriaLineType
from segtui.store.models import SavedSegmentCriteria, SavedSegmentCriteriaLine, SegmentCriteriaLine
from segtui.domain.values import normal_code

COPIED = ["line_no", "type", "action", "table_name", "view", "allow_existing_contacts",
          "expand_contact", "allow_company_with_persons", "ignore_exclusion", "entire_companies",
          "no_of_filters"]


@dataclass(frozen=True)
class SavedCriteriaInfo:
    code: str
    description: str
    user_id: str
    no_of_actions: int


def save_criteria(segment_no: str, code: str, *, user: str, description: str = "") -> str:
    """C6–C8: copy every criteria row of the segment under a new, unique code."""
    code = parse_code("Code", code, 10)
    description = parse_text("Description", description, 50)
    if not code:
        raise DomainError(_("Code must have a value"))
    with write_transaction():
        header = get_segment(segment_no)
        if action_count(header.no) == 0:
            raise DomainError(_("segment {segment_no} has no criteria actions to save "
                                "(No. of Criteria Actions must have a value)").format(
                                    segment_no=header.no))
        if SavedSegmentCriteria.select().where(SavedSegmentCriteria.code == code).exists():
            raise DomainError(_("Saved Segment Criteria {code} already exists").format(code=code))
        SavedSegmentCriteria.insert(code=code, description=description, user_id=user).execute()
        columns = [getattr(SegmentCriteriaLine, name) for name in COPIED]
        SavedSegmentCriteriaLine.insert_from(
            SegmentCriteriaLine.select(fn.UPPER(code), *columns)
            .where(SegmentCriteriaLine.segment == header.no),
            [SavedSegmentCriteriaLine.segment_criteria]
            + [getattr(SavedSegmentCriteriaLine, name) for name in COPIED]).as_rowcount().execute()
    return code


def list_saved_criteria() -> list[SavedCriteriaInfo]:
    actions = (SavedSegmentCriteriaLine.select(fn.COUNT(SavedSegmentCriteriaLine.line_no))
               .where((SavedSegmentCriteriaLine.segment_criteria == SavedSegmentCriteria.code)
                      & (SavedSegmentCriteriaLine.type == CriteriaLineType.ACTION)))
    rows = (SavedSegmentCriteria.select(SavedSegmentCriteria.code,
                                        SavedSegmentCriteria.description,
                                        SavedSegmentCriteria.user_id, actions.alias("n"))
            .order_by(SavedSegmentCriteria.code).tuples())
    return [SavedCriteriaInfo(*row) for row in rows]


def delete_saved_criteria(code: str) -> None:
    with write_transaction():
        deleted = SavedSegmentCriteria.delete().where(
            SavedSegmentCriteria.code == normal_code(code)).execute()
    if not deleted:
        raise DomainError(_("saved criteria {code} do not exist").format(code=code))


def reuse_criteria_question(segment_no: str) -> ReuseQuestion | None:
    """C9: the question before reusing saved criteria on the segment, or None when the segment
    has no criteria actions yet (`selection.reuse_question`)."""
    return reuse_question(segment_no, _("Saved Segment Criteria"))


def reuse_criteria(segment_no: str, code: str, *, user: str,
                   confirmed: bool = False) -> list[ActionResult]:
    """M-23: replay each saved action in order as a new action of the segment, with its stored
    filters and options (Entire Companies honoured on Refine too). All or nothing.

    C9: on a segment that already has criteria actions only when `confirmed`.
    """
    code = normal_code(code)
    check_reuse_allowed(segment_no, confirmed, _("a Saved Segment Criteria"))
    saved = SavedSegmentCriteria.get_or_none(SavedSegmentCriteria.code == code)
    if saved is None:
        raise DomainError(_("saved criteria {code} do not exist").format(code=code))
    rows = list(SavedSegmentCriteriaLine.select()
                .where(SavedSegmentCriteriaLine.segment_criteria == code)
                .order_by(SavedSegmentCriteriaLine.line_no))
    results = []
    with write_transaction():
        get_segment(segment_no)
        for index, row in enumerate(rows):
            if row.type != CriteriaLineType.ACTION:
                continue
            filters = rows[index + 1:index + 1 + row.no_of_filters]
            views = [(f.table_name, f.view) for f in filters]
            results.append(_replay(segment_no, row, views, code, user))
    return results


def _replay(segment_no, row, views, code: str, user: str) -> ActionResult | ReuseResult:
    origin = dict(origin=ActionOrigin.SAVED_CRITERIA, origin_ref=code)
    reuse = stored_reuse(views) if row.action == CriteriaAction.ADD_CONTACTS else None
    if reuse is not None:
        # C16: a reuse replays as the same reuse, not as Add Contacts over the interaction
        # source (which would take each contact once, with the header's campaign)
        entry_no, options = reuse
        return reuse_logged_segment(segment_no, entry_no, user=user,
                                    include_canceled=options.include_canceled,
                                    ignore_exclusion=options.ignore_exclusion, confirmed=True,
                                    empty_ok=True, **origin)
    criteria = CriteriaSet.from_views(views)
    if row.action == CriteriaAction.ADD_CONTACTS:
        options = AddOptions(row.allow_existing_contacts, row.expand_contact,
                             row.allow_company_with_persons, row.ignore_exclusion)
        return add_contacts(segment_no, criteria, user=user, options=options, all_contacts=True,
                            **origin)
    return remove_contacts(segment_no, CriteriaAction(row.action), criteria, user=user,
                           entire_companies=row.entire_companies, all_lines=True, **origin)


def saved_criteria_lines(code: str) -> list[dict]:
    """The saved rows as plain values, for the saved-criteria list and card."""
    return [dict(line_no=row.line_no, type=CriteriaLineType(row.type).name.title(),
                 action=CriteriaAction(row.action).name.replace("_", " ").title(),
                 table_name=row.table_name,
                 filters=json.loads(row.view)["filters"] if row.view else {})
            for row in SavedSegmentCriteriaLine.select()
            .where(SavedSegmentCriteriaLine.segment_criteria == normal_code(code))
            .order_by(SavedSegmentCriteriaLine.line_no)]
