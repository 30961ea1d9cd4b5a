"""Read-only views of segments as plain values: the list, one segment with its lines, its criteria.

Keys are the snake_case names of the fields, as the CLI's JSON and CSV promise (K4).
"""
import json
from collections.abc import Iterator

from peewee import JOIN, fn

from segtui.domain.segments.selection import action_count
from segtui.domain.segments.criteria_sources import TABLE_TO_SOURCE, filter_expressions
from segtui.domain.segments.headers import get_segment, segment_totals
from segtui.domain.output.list_columns import ListColumns
from segtui.domain.segments.profile_answer_text import profile_answer_text
from segtui.domain.segments.logged_reuse import TABLE as REUSE_TABLE, describe_reuse_view
from segtui.domain.values import amount_text
from segtui.store.enums import ActionOrigin, CriteriaAction, CriteriaLineType
from segtui.store.models import (
    Contact, SegmentCriteriaLine, SegmentHeader, SegmentInteractionLanguage, SegmentLine)

ACTION_NAMES = {CriteriaAction.ADD_CONTACTS: "Add Contacts",
                CriteriaAction.REDUCE: "Remove Contacts (Reduce)",
                CriteriaAction.REFINE: "Remove Contacts (Refine)"}
PAGE_SIZE = 1000  # lines per query when streaming a segment

# `segment show` (K6): every column of the header, with the segment's totals …
HEADER_RECORD = ListColumns(
    SegmentHeader, table=(), rename={"no": "segment_no"},
    first=("segment_no", "description", "salesperson_code", "campaign_no", "date",
           "interaction_template_code", "interaction_group_code", "language_code_default",
           "subject_default", "correspondence_type_default", "ignore_contact_corres_type",
           "unit_cost", "unit_duration", "information_flow", "initiated_by", "campaign_target",
           "campaign_response", "send_word_docs_as_attmt", "no_series", "no_of_lines", "cost",
           "duration", "no_of_criteria_actions", "version"),
    computed=("no_of_lines", "cost", "duration", "no_of_criteria_actions"))
# … and of each line, with its contact's and company's names, its document (Unique, Inherited
# or none) and why it is there
LINE_LIST = ListColumns(
    SegmentLine,
    table=("line_no", "contact_no", "contact_name", "contact_company_name",
           "interaction_template_code", "correspondence_type", "language_code", "document",
           "date", "cost", "provenance"),
    first=("segment_no", "line_no", "contact_no", "contact_name", "contact_company_name",
           "interaction_template_code", "description", "correspondence_type", "language_code",
           "document", "attachment_no", "subject", "date", "cost", "duration",
           "salesperson_code", "campaign_no", "campaign_target", "campaign_response",
           "information_flow", "initiated_by", "evaluation", "contact_company_no",
           "interaction_group_code", "send_word_doc_as_attmt", "source_action_no", "provenance"),
    computed=("contact_name", "contact_company_name", "document", "provenance"))
# `segment criteria` (K6): every column of the criteria lines; `type`, `action` and `origin`
# by their names, the action's number, its options and a Filter row's filter as typed
CRITERIA_LIST = ListColumns(
    SegmentCriteriaLine,
    table=("line_no", "type", "action", "filter_text", "options", "origin", "user_id"),
    first=("line_no", "type", "action_no", "action", "options", "origin", "user_id", "filter",
           "created_at"),
    # filter_text: the filter as read (S-18: a profile answer as "Question: Answer")
    computed=("action_no", "options", "filter", "filter_text"))


def header_values(segment_no: str) -> dict:
    header = get_segment(segment_no)
    count, cost, duration = segment_totals(header.no)
    return HEADER_RECORD.values(header, no_of_lines=count, cost=amount_text(cost),
                                duration=amount_text(duration),
                                no_of_criteria_actions=action_count(header.no))


def describe_filters(table: str, view: str, *, readable: bool = False) -> str:
    """A stored Filter row as the user would type it: `mailing.code=NEWSLETTER`; a reuse of a
    logged segment as what it applied (C16). `readable`: a profile answer as "Question: Answer"
    (S-18) where the questionnaire names it exactly."""
    reuse = describe_reuse_view(view) if table == REUSE_TABLE and view else None
    if reuse:
        return reuse
    source = TABLE_TO_SOURCE.get(table)
    filters = json.loads(view).get("filters", {}) if view else {}
    if source is None:
        return f"{table}: {filters}"
    names = {spec.column: alias for alias, spec in source.fields.items()}

    def described(column: str, expression: str) -> str:
        if readable and source.name == "profile" and names.get(column) == "answer":
            text = profile_answer_text(expression)
            if text is not None:
                return text
        return f"{source.name}.{names.get(column, column)}={expression}"

    return " ".join(described(column, expression) for column, stored in filters.items()
                    for expression in filter_expressions(stored))


def criteria_rows(segment_no: str) -> list[dict]:
    """M-21: the criteria lines in order, Action rows followed by their Filter rows."""
    header = get_segment(segment_no)
    rows = []
    action_no = 0
    for row in (SegmentCriteriaLine.select().where(SegmentCriteriaLine.segment == header.no)
                .order_by(SegmentCriteriaLine.line_no)):
        action = ACTION_NAMES[CriteriaAction(row.action)]
        if row.type == CriteriaLineType.ACTION:
            action_no += 1
            rows.append(CRITERIA_LIST.values(
                row, type="Action", action_no=action_no, action=action, options=_options(row),
                origin=_origin(row), filter="", filter_text=""))
        else:
            # a Filter row shows its filter; who and when are its Action row's
            rows.append(CRITERIA_LIST.values(
                row, type="Filter", action_no=action_no, action=action, options="", origin="",
                user_id="", filter=describe_filters(row.table_name, row.view), created_at="",
                filter_text=describe_filters(row.table_name, row.view, readable=True)))
    return rows


def _options(row: SegmentCriteriaLine) -> str:
    flags = [("allow existing", row.allow_existing_contacts),
             ("expand companies", row.expand_contact),
             ("related companies", row.allow_company_with_persons),
             ("ignore exclusion", row.ignore_exclusion),
             ("entire companies", row.entire_companies)]
    return ", ".join(name for name, on in flags if on)


def _origin(row: SegmentCriteriaLine) -> str:
    origin = ActionOrigin(row.origin)
    if origin == ActionOrigin.MANUAL:
        return "manual entry"
    if origin == ActionOrigin.LOGGED_SEGMENT:
        return f"reused logged segment {row.origin_ref}"
    if origin == ActionOrigin.SAVED_CRITERIA:
        return f"saved criteria {row.origin_ref}"
    return "criteria"


def provenance(segment_no: str) -> dict[int, str]:
    """Why lines are there, per criteria action number: "#2: industry.code=RETAIL"."""
    heads, filters = {}, {}
    for row in criteria_rows(segment_no):
        if row["type"] == "Action":
            origin = row["origin"]
            heads[row["action_no"]] = (f"#{row['action_no']}" if origin == "criteria"
                                       else f"#{row['action_no']} {origin}")
        else:
            filters.setdefault(row["action_no"], []).append(row["filter"])
    return {no: ": ".join([head, " ".join(filters[no])]) if no in filters else head
            for no, head in heads.items()}


def line_rows(segment_no: str, *, after: int = 0, limit: int | None = None) -> list[dict]:
    """Lines with contact name and company, in line order; `after`/`limit` page by line no."""
    header = get_segment(segment_no)
    return _line_page(header.no, provenance(header.no), after, limit)


def iter_line_rows(segment_no: str, *, page_size: int = PAGE_SIZE) -> Iterator[dict]:
    """Every line as `line_rows` gives it, `page_size` lines per query (keyset on line no.), so
    memory does not grow with the segment. Refuses an unknown segment before yielding."""
    header = get_segment(segment_no)
    why = provenance(header.no)

    def pages() -> Iterator[dict]:
        after = 0
        while True:
            page = _line_page(header.no, why, after, page_size)
            yield from page
            if len(page) < page_size:
                return
            after = page[-1]["line_no"]

    return pages()


def _line_page(segment_no: str, why: dict[int, str], after: int, limit: int | None) -> list[dict]:
    query = line_query(segment_no).where(SegmentLine.line_no > after).order_by(SegmentLine.line_no)
    if limit is not None:
        query = query.limit(limit)
    return [line_values(line, why) for line in query]


def line_query(segment_no: str):
    """The lines of a segment joined to their contact and company, not yet ordered or limited."""
    unique = SegmentInteractionLanguage.select(SegmentInteractionLanguage.segment_line_no).where(
        (SegmentInteractionLanguage.segment == segment_no)
        & (SegmentInteractionLanguage.segment_line_no > 0))
    company = Contact.alias("company")
    return (SegmentLine.select(SegmentLine, Contact.name.alias("contact_name"),
                               Contact.type.alias("contact_type"),
                               company.name.alias("company_name"),
                               SegmentLine.line_no.in_(unique).alias("has_unique"))
            .join(Contact, JOIN.LEFT_OUTER, on=(Contact.no == SegmentLine.contact))
            .join_from(SegmentLine, company, JOIN.LEFT_OUTER,
                       on=(company.no == fn.NULLIF(SegmentLine.contact_company_no, "")))
            .where(SegmentLine.segment == segment_no).objects())


def line_values(line, why: dict[int, str]) -> dict:
    document = "Unique" if line.has_unique else ("Inherited" if line.attachment else "")
    # NAV's Contact Name shows persons only; a company's line shows the company's own name too,
    # or the line of a company contact would have no name at all
    return LINE_LIST.values(line, contact_name=line.contact_name or "",
                            contact_company_name=line.company_name or "", document=document,
                            provenance=why.get(line.source_action_no, ""))
