"""What the rule K6 tests share: the columns of each list's table, read from the model alone
(not from the lists' own column definitions), and CRM rows whose seldom-set columns are set."""
import datetime

from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.domain.segments.selection import add_contacts
from segtui.store.enums import InformationFlow, InitiatedBy
from segtui.store.models import (
    CancelJournal, Contact, InteractionLogEntry, InteractionTmplLanguage, InterLogEntryCommentLine,
    LoggedSegment, SegmentCriteriaLine, SegmentHeader, SegmentLine)

USER = "TESTER"
# list -> (table, {column: the list's key for it}, {columns the list leaves out})
TABLES = {
    "interactions list": (InteractionLogEntry, {}, {"merge_data"}),
    "interactions comments": (InterLogEntryCommentLine, {}, set()),
    "logged list": (LoggedSegment, {}, set()),
    "logged journal": (CancelJournal, {}, set()),
    "segment list": (SegmentHeader, {"no": "segment_no"}, set()),
    "segment show": (SegmentHeader, {"no": "segment_no"}, set()),
    "segment show lines": (SegmentLine, {}, set()),
    "segment criteria": (SegmentCriteriaLine, {}, set()),
    "template documents": (InteractionTmplLanguage, {}, set()),
    # the search name is made from the name (a contact file's import ignores it)
    "contacts export": (Contact, {}, {"search_name"}),
}


def table_columns(listing: str) -> set[str]:
    """Every column of the table behind `listing`, by the key the list must give it."""
    model, rename, left_out = TABLES[listing]
    return {rename.get(field.column_name, field.column_name)
            for field in model._meta.sorted_fields if field.column_name not in left_out}


def set_seldom_columns(entry_no: int) -> None:
    """Give CRM entry `entry_no` a value in each column a plain log leaves at its default."""
    InteractionLogEntry.update(
        information_flow=InformationFlow.INBOUND, initiated_by=InitiatedBy.THEM,
        campaign_target=True, campaign_response=True, attempt_failed=True,
        send_word_docs_as_attmt=True, time_of_interaction=datetime.time(10, 30),
        contact_alt_address_code="HOME", opportunity_no="OP00042",
    ).where(InteractionLogEntry.entry_no == entry_no).execute()


def criteria_segment(segment_no: str) -> None:
    """An Add Contacts action with a filter on `segment_no`."""
    add_contacts(segment_no, parse_criteria(["mailing=NEWSLETTER"]), user=USER)
