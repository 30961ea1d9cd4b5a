"""Set-based making of segment lines: one INSERT … SELECT fills every new line from header and
contact, and one brings back the lines Go Back restores.

This is M-05 in SQL (`FreshLine`): header values are constants of the statement; the
salesperson falls back to the contact's, the correspondence type and the language follow the
rules P1 and P3, and the attachment and subject come from the header document of the chosen
language. Add Contacts, manual lines, Reuse Segment and follow-up segments all go through here,
and so does Go Back (C11): a restored line takes the same values for all it inherits.
"""
from peewee import JOIN, Case, Cast, Value, fn

from segtui.domain.documents.segment_documents import purge_attachments
from segtui.domain.segments.own_fields import Own, bit_of, is_own
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


def header_document(document, segment_no: str, language):
    """Join condition: `document` (an alias of the segment documents) is the header document of
    the segment in `language` (a code or an SQL expression)."""
    return ((document.segment == segment_no) & (document.segment_line_no == 0)
            & (document.language_code == language))


def header_attachments(segment_no: str):
    """The attachments of the segment's header documents (a subquery)."""
    return SegmentInteractionLanguage.select(SegmentInteractionLanguage.attachment).where(
        (SegmentInteractionLanguage.segment == segment_no)
        & (SegmentInteractionLanguage.segment_line_no == 0)
        & SegmentInteractionLanguage.attachment.is_null(False))


class FreshLine:
    """What a line of `header` takes from the header and its contact now (M-05): one SQL
    expression per line field, for a SELECT whose FROM has Contact and `join_documents`.

    Adding lines and Go Back's restore (C11) both take their values from here, so a line that
    comes back inherits exactly what a line added now would.
    """

    def __init__(self, header: SegmentHeader):
        self.header = header
        self.template = (InteractionTemplate.get_or_none(InteractionTemplate.code
                                                         == header.interaction_template)
                         if header.interaction_template else None)
        self.doc = SegmentInteractionLanguage.alias("doc")  # in the contact's language
        self.default_doc = SegmentInteractionLanguage.alias("default_doc")

    def join_documents(self, query):
        """`query` with the header documents of the contact's and of the default language."""
        header = self.header
        return (query
                .join_from(Contact, self.doc, JOIN.LEFT_OUTER,
                           on=header_document(self.doc, header.no, Contact.language_code))
                .join_from(Contact, self.default_doc, JOIN.LEFT_OUTER,
                           on=header_document(self.default_doc, header.no,
                                              header.language_code_default)))

    def values(self) -> dict:
        """Line field name -> its value for a new line (FRESH_FIELDS)."""
        header, template = self.header, self.template
        if template is None:
            language, subject = Value(""), Value("")
            attachment = typed(None, SegmentLine.attachment)
        else:
            # P3: the contact's language when the header has a document in it, else the default;
            # the document and subject are those of the language chosen
            has_doc = self.doc.language_code.is_null(False)
            language = Case(None, [(has_doc, Contact.language_code)],
                            header.language_code_default)
            attachment = Case(None, [(has_doc, self.doc.attachment)],
                              self.default_doc.attachment)
            subject = fn.COALESCE(Case(None, [(has_doc, self.doc.subject)],
                                       self.default_doc.subject), "")
        return {
            "campaign": typed(header.campaign, SegmentLine.campaign),
            "salesperson": fn.COALESCE(typed(header.salesperson, SegmentLine.salesperson),
                                       Contact.salesperson),
            "correspondence_type": correspondence_type_expression(header, template),
            "interaction_template": typed(header.interaction_template,
                                          SegmentLine.interaction_template),
            "cost": typed(header.unit_cost, SegmentLine.cost),
            "duration": typed(header.unit_duration, SegmentLine.duration),
            "attachment": attachment,
            "campaign_response": typed(header.campaign_response, SegmentLine.campaign_response),
            "information_flow": Value(header.information_flow),
            "initiated_by": Value(header.initiated_by),
            "evaluation": Value(0),
            "campaign_target": typed(header.campaign_target, SegmentLine.campaign_target),
            "language_code": language,
            "description": Value(header.description),
            "date": typed(header.date, SegmentLine.date),
            "contact_company_no": fn.COALESCE(Contact.company_no, ""),
            "interaction_group": typed(header.interaction_group, SegmentLine.interaction_group),
            "send_word_doc_as_attmt": typed(header.send_word_docs_as_attmt,
                                            SegmentLine.send_word_doc_as_attmt),
            "subject": subject,
        }


FRESH_FIELDS = ["campaign", "salesperson", "correspondence_type", "interaction_template", "cost",
                "duration", "attachment", "campaign_response", "information_flow",
                "initiated_by", "evaluation", "campaign_target", "language_code", "description",
                "date", "contact_company_no", "interaction_group", "send_word_doc_as_attmt",
                "subject"]
"""The fields a new line takes from header and contact, in the order of LINE_COLUMNS."""

LINE_COLUMNS = ([SegmentLine.segment, SegmentLine.line_no, SegmentLine.contact]
                + [getattr(SegmentLine, name) for name in FRESH_FIELDS]
                + [SegmentLine.source_action_no, SegmentLine.own_fields])

CONTACT_ORDER = [Contact.company_name, fn.COALESCE(Contact.company_no, ""), Contact.type,
                 Contact.name, Contact.no]


def _own_campaign(header: SegmentHeader, campaign):
    """P7: a campaign given per line (Reuse Segment's entry campaign) is the line's own where it
    is not the header's, so a header campaign change or Go Back does not replace it."""
    if header.campaign is None:
        differs = campaign.is_null(False)
    else:
        differs = campaign.is_null() | (campaign != header.campaign)
    return Case(None, [(differs, int(Own.CAMPAIGN))], 0)


def insert_lines(header: SegmentHeader, rows, *, action_no: int, order_by=None,
                 campaign=None, line_no: int | None = None) -> int:
    """Append one line per row of `rows` (a query whose FROM has Contact) and their history.

    Rows are numbered in `order_by` order (NAV's company-name order by default) from the last
    line number + 10 000, or get `line_no` when exactly one line replaces another. `campaign`
    replaces the header campaign (Reuse Segment takes each entry's campaign). Returns the count.
    """
    fresh = FreshLine(header)
    base = last_line_no(header.no)
    if line_no is None:
        numbering = base + LINE_STEP * fn.ROW_NUMBER().over(order_by=order_by or CONTACT_ORDER)
    else:
        numbering = Value(line_no)
    values, own = fresh.values(), Value(0)
    if campaign is not None:
        values["campaign"], own = campaign, _own_campaign(header, campaign)
    query = fresh.join_documents(rows.select(
        typed(header.no, SegmentLine.segment), numbering, Contact.no,
        *[values[name] for name in FRESH_FIELDS], Value(action_no), own))
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
    """Delete the lines matching `condition`, keeping a copy and history rows for Go Back.

    A copy keeps the line's own document only: a header document is left out (C12), as Go Back
    takes the header's document as it is then, and the copy must not keep an old one alive.
    """
    lines = SegmentLine.select().where((SegmentLine.segment == segment_no) & condition)
    record_history(segment_no, action_no, lines, HistoryAction.DELETION)
    columns = SegmentLine._meta.sorted_fields
    own_attachment = Case(None, [(SegmentLine.attachment.in_(header_attachments(segment_no)),
                                  typed(None, SegmentLine.attachment))], SegmentLine.attachment)
    SegmentLineRemoved.insert_from(
        lines.select(*[own_attachment if field.name == "attachment" else field
                       for field in columns], Value(action_no)),
        [getattr(SegmentLineRemoved, field.name) for field in columns]
        + [SegmentLineRemoved.segment_action_no]).as_rowcount().execute()
    return SegmentLine.delete().where((SegmentLine.segment == segment_no) & condition).execute()


HEADER_ONLY = ("description", "salesperson", "date", "send_word_doc_as_attmt", "evaluation")
"""Fields a line takes from the header whatever its template (an override line's too)."""
TEMPLATE_GIVEN = ("campaign", "correspondence_type", "cost", "duration", "campaign_target",
                  "campaign_response")
"""Fields a line can own that an override line has from its own template (M-09)."""
TEMPLATE_ONLY = ("interaction_template", "interaction_group", "information_flow", "initiated_by")
"""Fields that are never a line's own: the header's template's, or an override line's."""


def restore_lines(header: SegmentHeader, action_no: int) -> int:
    """C11: bring back the lines criteria action `action_no` removed, at their line numbers, as
    a line added now would be (FreshLine: the header and the contact as they are now), keeping
    what was the line's own: its own values (P7), its own documents, and for an override line
    (a template other than the header's, M-09) its template and what the template gave it.

    One INSERT … SELECT from the copies; a copy's own document whose row went meanwhile (P6)
    gets its row back, so the line shows "Unique" again. Returns how many lines came back.
    """
    removed = SegmentLineRemoved
    copies = (removed.segment == header.no) & (removed.segment_action_no == action_no)
    # the documents the copies hold, read first: none at all means no copy (nothing to restore)
    held = [number for (number,) in removed.select(removed.attachment).where(copies)
            .distinct().tuples()]
    if not held:
        return 0
    held = [number for number in held if number is not None]
    fresh = FreshLine(header)
    values = fresh.values()
    if header.interaction_template is None:
        follows, override = removed.interaction_template.is_null(), \
            removed.interaction_template.is_null(False)
    else:
        follows = removed.interaction_template == header.interaction_template
        override = (removed.interaction_template.is_null()
                    | (removed.interaction_template != header.interaction_template))
    own_row = SegmentInteractionLanguage.alias("own_row")
    own_documents = override | fn.EXISTS(own_row.select(own_row.segment_line_no).where(
        (own_row.segment == header.no) & (own_row.segment_line_no == removed.line_no))) | (
        removed.attachment.is_null(False)
        & removed.attachment.not_in(header_attachments(header.no)))

    def own(*names):
        return is_own(removed.own_fields, sum(bit_of(name) for name in names))

    def kept(name, keep):
        return Case(None, [(keep, getattr(removed, name))], values[name])

    chosen = {name: kept(name, own(name)) for name in HEADER_ONLY}
    if not header.description:  # an override line took its template's description then
        chosen["description"] = kept("description", own("description") | override)
    chosen.update({name: kept(name, own(name) | override) for name in TEMPLATE_GIVEN})
    chosen.update({name: kept(name, override) for name in TEMPLATE_ONLY})
    chosen["contact_company_no"] = values["contact_company_no"]
    # P3 for what inherits; an own language takes the header document of that language (P5)
    line_doc = SegmentInteractionLanguage.alias("line_doc")
    language_own = own("language_code") & follows
    chosen["language_code"] = kept("language_code", own_documents | language_own)
    chosen["attachment"] = Case(None, [(own_documents, removed.attachment),
                                       (language_own, line_doc.attachment)],
                                values["attachment"])
    chosen["subject"] = Case(None, [(own_documents | own("subject"), removed.subject),
                                    (language_own, fn.COALESCE(line_doc.subject, ""))],
                             values["subject"])
    fields = SegmentLine._meta.sorted_fields
    query = fresh.join_documents(
        removed.select(*[chosen.get(field.name, getattr(removed, field.name))
                         for field in fields])
        .join(Contact, on=(Contact.no == removed.contact)))  # SL8: a copy's contact stays
    query = query.join_from(removed, line_doc, JOIN.LEFT_OUTER,
                            on=header_document(line_doc, header.no, removed.language_code))
    restored = SegmentLine.insert_from(query.where(copies), fields).as_rowcount().execute()
    if held:
        _restore_own_document_rows(header.no, copies)
    removed.delete().where(copies).execute()
    purge_attachments(held)
    return restored


def _restore_own_document_rows(segment_no: str, copies) -> None:
    """A copy's own document whose row was dropped while the line was away (P6) gets its row back
    in the line's language, as `personal_text` writes it."""
    removed, row = SegmentLineRemoved, SegmentInteractionLanguage.alias("row")
    rows = removed.select(
        removed.segment, removed.line_no, removed.language_code,
        fn.SUBSTR(removed.description, 1, 50), removed.attachment, removed.subject).where(
        copies & removed.attachment.is_null(False)
        & removed.attachment.not_in(header_attachments(segment_no))
        & ~fn.EXISTS(row.select(row.segment_line_no).where(
            (row.segment == segment_no) & (row.segment_line_no == removed.line_no)
            & (row.language_code == removed.language_code))))
    SegmentInteractionLanguage.insert_from(rows, [
        SegmentInteractionLanguage.segment, SegmentInteractionLanguage.segment_line_no,
        SegmentInteractionLanguage.language_code, SegmentInteractionLanguage.description,
        SegmentInteractionLanguage.attachment, SegmentInteractionLanguage.subject]).execute()
