"""Set-based making of segment lines: one INSERT … SELECT fills every new line from header and
contact.

This is M-05 in SQL: header values are constants of the statement; the
salesperson falls back to the contact's, the correspondence type and the language follow the
rules P1 and P3, and the attachment and subject come from the header document of the chosen
language. Add Contacts, manual lines, Reuse Segment and follow-up segments all go through here.
"""
from peewee import JOIN, Case, Cast, Value, fn

from segtui.store.enums import HistoryAction
from segtui.store.models import (
    Contact, InteractionTemplate, SegmentHeader, SegmentHistory, SegmentInteractionLanguage,
    SegmentLine, SegmentLineRemoved)

LINE_STEP = 10_000
SQL_TYPES = {"DATE": "DATE", "TIME": "TIME", "INT": "INTEGER", "DECIMAL": "NUMERIC",
             "BOOL": "BOOLEAN", "VARCHAR": "VARCHAR", "TEXT": "TEXT"}


def typed(value, field):
    """A constant for an INSERT … SELECT; NULL is cast so PostgreSQL knows its type."""
    if value is None:
        return Cast(Value(None), SQL_TYPES.get(field.field_type, "VARCHAR"))
    return Value(field.db_value(value), converter=False)


def last_line_no(segment_no: str) -> int:
    """The highest line number the segment has used, counting lines Go Back may restore."""
    current = (SegmentLine.select(fn.MAX(SegmentLine.line_no))
               .where(SegmentLine.segment == segment_no).scalar()) or 0
    removed = (SegmentLineRemoved.select(fn.MAX(SegmentLineRemoved.line_no))
               .where(SegmentLineRemoved.segment == segment_no).scalar()) or 0
    return max(current, removed)


def correspondence_type_expression(header: SegmentHeader, template: InteractionTemplate | None,
                                   contact=Contact):
    """P1, contact variant: the header default when it overrides, else template or contact."""
    if header.ignore_contact_corres_type and header.correspondence_type_default:
        return Value(header.correspondence_type_default)
    if template is not None:
        if template.ignore_contact_corres_type:
            return Value(template.correspondence_type_default)
        return Case(None, [(contact.correspondence_type == 0,
                            template.correspondence_type_default)], contact.correspondence_type)
    return contact.correspondence_type


LINE_COLUMNS = [
    SegmentLine.segment, SegmentLine.line_no, SegmentLine.contact, SegmentLine.campaign,
    SegmentLine.salesperson, SegmentLine.correspondence_type, SegmentLine.interaction_template,
    SegmentLine.cost, SegmentLine.duration, SegmentLine.attachment, SegmentLine.campaign_response,
    SegmentLine.information_flow, SegmentLine.initiated_by, SegmentLine.evaluation,
    SegmentLine.campaign_target, SegmentLine.language_code, SegmentLine.description,
    SegmentLine.date, SegmentLine.contact_company_no, SegmentLine.interaction_group,
    SegmentLine.send_word_doc_as_attmt, SegmentLine.subject, SegmentLine.source_action_no,
]

CONTACT_ORDER = [Contact.company_name, fn.COALESCE(Contact.company_no, ""), Contact.type,
                 Contact.name, Contact.no]


def insert_lines(header: SegmentHeader, rows, *, action_no: int, order_by=None,
                 campaign=None, line_no: int | None = None) -> int:
    """Append one line per row of `rows` (a query whose FROM has Contact) and their history.

    Rows are numbered in `order_by` order (NAV's company-name order by default) from the last
    line number + 10 000, or get `line_no` when exactly one line replaces another. `campaign`
    replaces the header campaign (Reuse Segment takes each entry's campaign). Returns the count.
    """
    template = (InteractionTemplate.get_or_none(InteractionTemplate.code
                                                == header.interaction_template)
                if header.interaction_template else None)
    doc = SegmentInteractionLanguage.alias("doc")
    default_doc = SegmentInteractionLanguage.alias("default_doc")
    base = last_line_no(header.no)
    if line_no is None:
        numbering = base + LINE_STEP * fn.ROW_NUMBER().over(order_by=order_by or CONTACT_ORDER)
    else:
        numbering = Value(line_no)
    if template is None:
        language, attachment, subject = Value(""), typed(None, SegmentLine.attachment), Value("")
    else:
        language = Case(None, [(doc.language_code.is_null(False), Contact.language_code)],
                        header.language_code_default)
        attachment = fn.COALESCE(doc.attachment, default_doc.attachment)
        subject = fn.COALESCE(doc.subject, default_doc.subject, "")
    values = [
        typed(header.no, SegmentLine.segment), numbering, Contact.no,
        campaign if campaign is not None else typed(header.campaign, SegmentLine.campaign),
        fn.COALESCE(typed(header.salesperson, SegmentLine.salesperson), Contact.salesperson),
        correspondence_type_expression(header, template),
        typed(header.interaction_template, SegmentLine.interaction_template),
        typed(header.unit_cost, SegmentLine.cost),
        typed(header.unit_duration, SegmentLine.duration),
        attachment, typed(header.campaign_response, SegmentLine.campaign_response),
        Value(header.information_flow), Value(header.initiated_by), Value(0),
        typed(header.campaign_target, SegmentLine.campaign_target), language,
        Value(header.description), typed(header.date, SegmentLine.date),
        fn.COALESCE(Contact.company_no, ""),
        typed(header.interaction_group, SegmentLine.interaction_group),
        typed(header.send_word_docs_as_attmt, SegmentLine.send_word_doc_as_attmt), subject,
        Value(action_no),
    ]
    query = (rows.select(*values)
             .join_from(Contact, doc, JOIN.LEFT_OUTER,
                        on=(doc.segment == header.no) & (doc.segment_line_no == 0)
                        & (doc.language_code == Contact.language_code))
             .join_from(Contact, default_doc, JOIN.LEFT_OUTER,
                        on=(default_doc.segment == header.no) & (default_doc.segment_line_no == 0)
                        & (default_doc.language_code == header.language_code_default)))
    inserted = SegmentLine.insert_from(query, LINE_COLUMNS).as_rowcount().execute()
    new_lines = ((SegmentLine.line_no > base) if line_no is None
                 else (SegmentLine.line_no == line_no))
    added = SegmentLine.select().where((SegmentLine.segment == header.no) & new_lines)
    record_history(header.no, action_no, added, HistoryAction.INSERTION)
    return inserted


def record_history(segment_no: str, action_no: int, lines, action_taken: HistoryAction) -> None:
    """One history row per line of `lines` (a SegmentLine query): what Go Back undoes."""
    SegmentHistory.insert_from(
        lines.select(Value(segment_no), Value(action_no), SegmentLine.line_no,
                     fn.COALESCE(SegmentLine.contact, ""), Value(int(action_taken))),
        [SegmentHistory.segment, SegmentHistory.segment_action_no, SegmentHistory.segment_line_no,
         SegmentHistory.contact_no, SegmentHistory.action_taken]).as_rowcount().execute()


def remove_lines(segment_no: str, action_no: int, condition) -> int:
    """Delete the lines matching `condition`, keeping a copy and history rows for Go Back."""
    lines = SegmentLine.select().where((SegmentLine.segment == segment_no) & condition)
    record_history(segment_no, action_no, lines, HistoryAction.DELETION)
    columns = SegmentLine._meta.sorted_fields
    SegmentLineRemoved.insert_from(
        lines.select(*columns, Value(action_no)),
        [getattr(SegmentLineRemoved, field.name) for field in columns]
        + [SegmentLineRemoved.segment_action_no]).as_rowcount().execute()
    return SegmentLine.delete().where((SegmentLine.segment == segment_no) & condition).execute()
