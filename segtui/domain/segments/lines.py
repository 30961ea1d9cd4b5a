"""Lines by hand: add a contact, change a line's contact or its own fields, remove a line.

Manual edits are recorded as criteria actions with history (M-18), so Go Back undoes
them like any Add or Reduce. A line whose template differs from the header's is an override line
with its own documents (M-09) and header propagation leaves it alone. A field set on a line is
the line's own from then on (P7): header changes and Go Back keep it.

`save_line_fields` is the "change a line's fields" action of both front ends: parse, check that
no one changed the fields since the person read them (compare-and-set), store — all in one
transaction.
"""
from collections.abc import Iterable, Mapping

from segtui.domain.documents import segment_documents
from segtui.domain.segments.selection import action_count, record_action
from segtui.domain.segments.criteria_sources import CriteriaSet, parse_criterion
from segtui.domain.errors import DomainError
from segtui.i18n import _
from segtui.domain.segments.line_builder import insert_lines, remove_lines
from segtui.domain.segments.own_fields import Own, TEMPLATE_DERIVED, bit_of, with_own, without_own
from segtui.domain.segments.headers import (
    CODE_LENGTHS, apply_template_correspondence_type, check_master, get_segment,
    normal_segment_no)
from segtui.domain.segments.queries import line_rows
from segtui.domain.values import (
    parse_amount, parse_bool, parse_code, parse_date, parse_option, parse_text, normal_code)
from segtui.store.connection import db, write_transaction
from segtui.store.enums import ActionOrigin, CorrespondenceType, CriteriaAction, Evaluation
from segtui.store.models import (
    Contact, InteractionTemplate, SegmentCriteriaLine, SegmentHistory,
    SegmentInteractionLanguage, SegmentLine, SegmentLineRemoved)

LINE_FIELDS = {
    "description": ("Description", "text"), "salesperson": ("Salesperson Code", "code"),
    "campaign": ("Campaign No.", "code"), "date": ("Date", "date"),
    "cost": ("Cost (LCY)", "amount"), "duration": ("Duration (Min.)", "amount"),
    "correspondence_type": ("Correspondence Type", "option"),
    "interaction_template": ("Interaction Template Code", "code"),
    "language_code": ("Language Code", "code"), "subject": ("Subject", "text"),
    "campaign_target": ("Campaign Target", "bool"),
    "campaign_response": ("Campaign Response", "bool"),
    "send_word_doc_as_attmt": ("Send Word Doc. As Attmt.", "bool"),
    "evaluation": ("Evaluation", "option"),
}
LINE_ALIASES = {"template": "interaction_template", "language": "language_code",
                "campaign_no": "campaign", "salesperson_code": "salesperson"}
CONTACT = "contact"  # the line's contact: changed through change_line_contact, not a field
# Where each field's value is found in a row of `read_line` (queries.line_rows).
VALUE_KEYS = {CONTACT: "contact_no", "interaction_template": "interaction_template_code",
              "salesperson": "salesperson_code", "campaign": "campaign_no"}


def _contact(contact_no: str) -> Contact:
    contact = Contact.get_or_none(Contact.no == normal_code(contact_no))
    if contact is None:
        raise DomainError(_("contact {contact_no} does not exist").format(contact_no=contact_no))
    return contact


def _manual_criteria(contact_no: str) -> CriteriaSet:
    return CriteriaSet.of([parse_criterion(f"contact.no='{contact_no}'")])


def get_line(segment_no: str, line_no: int, *, lock: bool = False) -> SegmentLine:
    """The line; with `lock`, inside a write transaction, no one else may change it until the
    transaction ends (PostgreSQL locks the row; SQLite's write transaction holds the file)."""
    query = SegmentLine.select().where((SegmentLine.segment == normal_segment_no(segment_no))
                                       & (SegmentLine.line_no == line_no))
    if lock and db.obj.for_update:
        query = query.for_update()
    line = query.first()
    if line is None:
        raise DomainError(_("segment {segment_no} has no line {line_no}").format(
            segment_no=segment_no, line_no=line_no))
    return line


def add_line(segment_no: str, contact_no: str, *, user: str) -> int:
    """A line for one contact, filled from header and contact; returns its line number.

    No duplicate or exclusion check (SL6, SL7): a person may add whom they want by hand.
    """
    with write_transaction():
        header = get_segment(segment_no)
        contact = _contact(contact_no)
        action_no = record_action(header.no, CriteriaAction.ADD_CONTACTS,
                                  _manual_criteria(contact.no), user=user,
                                  origin=ActionOrigin.MANUAL)
        insert_lines(header, Contact.select().where(Contact.no == contact.no),
                     action_no=action_no)
        return (SegmentHistory.select(SegmentHistory.segment_line_no)
                .where((SegmentHistory.segment == header.no)
                       & (SegmentHistory.segment_action_no == action_no)).scalar())


def add_line_warnings(segment_no: str, contact_no: str) -> list[str]:
    """SL6, SL7: why adding `contact_no` by hand may be unwanted (allowed all the same).

    Refuses an unknown segment or contact, as adding would.
    """
    header = get_segment(segment_no)
    contact = _contact(contact_no)
    warnings = []
    on_lines = [no for (no,) in SegmentLine.select(SegmentLine.line_no).where(
        (SegmentLine.segment == header.no) & (SegmentLine.contact == contact.no))
        .order_by(SegmentLine.line_no).tuples()]
    if on_lines:
        warnings.append(_("contact {contact} is already on line {lines} of segment {segment}")
                        .format(contact=contact.no, segment=header.no,
                                lines=", ".join(str(no) for no in on_lines)))
    if contact.exclude_from_segment:
        warnings.append(_("contact {contact} has Exclude from Segment").format(contact=contact.no))
    return warnings


def _take_off(segment_no: str, line: SegmentLine, user: str) -> None:
    """Remove a line by hand: with a contact it is a Reduce that Go Back can undo (M-18)."""
    where = SegmentLine.line_no == line.line_no
    if line.contact:
        action_no = record_action(segment_no, CriteriaAction.REDUCE,
                                  _manual_criteria(line.contact), user=user,
                                  origin=ActionOrigin.MANUAL)
        remove_lines(segment_no, action_no, where)
    else:
        SegmentLine.delete().where((SegmentLine.segment == segment_no) & where).execute()


def remove_line(segment_no: str, line_no: int, *, user: str,
                reset_criteria_when_empty: bool = True) -> bool:
    """Remove one line; with a contact it is recorded as a Reduce that Go Back undoes.

    M-43: when the segment becomes empty and has more than one criteria action, the criteria are
    reset unless told otherwise. Returns True when the criteria were reset.
    """
    with write_transaction():
        header = get_segment(segment_no)
        line = get_line(header.no, line_no)
        _take_off(header.no, line, user)
        return reset_criteria_if_empty(header.no) if reset_criteria_when_empty else False


def reset_criteria_if_empty(segment_no: str) -> bool:
    """M-43, inside the caller's transaction: when the segment has no line left and more than
    one criteria action, reset its criteria; True when it did."""
    empty = not SegmentLine.select().where(SegmentLine.segment == segment_no).exists()
    if not empty or action_count(segment_no) <= 1:
        return False
    # Nothing can be restored any more: the removed lines' own documents go too (C12).
    purge = segment_documents.detach_documents(
        segment_no, SegmentInteractionLanguage.segment_line_no > 0)
    purge += [number for (number,) in SegmentLineRemoved.select(SegmentLineRemoved.attachment)
              .where((SegmentLineRemoved.segment == segment_no)
                     & SegmentLineRemoved.attachment.is_null(False)).distinct().tuples()]
    for model in (SegmentCriteriaLine, SegmentHistory, SegmentLineRemoved):
        model.delete().where(model.segment == segment_no).execute()
    segment_documents.purge_attachments(purge)
    return True


def change_line_contact(segment_no: str, line_no: int, contact_no: str, *, user: str) -> None:
    """A new contact on an existing line: a Reduce of the old contact, then an Add of the new
    one on the same line number, rebuilt from header and contact (M-18, P6)."""
    with write_transaction():
        header = get_segment(segment_no)
        line = get_line(header.no, line_no)
        contact = _contact(contact_no)
        _take_off(header.no, line, user)
        # P6: the old contact's own documents do not pass to the new one (the removed copy
        # of the line keeps its attachment for Go Back).
        purge = segment_documents.detach_documents(
            header.no, SegmentInteractionLanguage.segment_line_no == line_no)
        add_no = record_action(header.no, CriteriaAction.ADD_CONTACTS,
                               _manual_criteria(contact.no), user=user,
                               origin=ActionOrigin.MANUAL)
        insert_lines(header, Contact.select().where(Contact.no == contact.no),
                     action_no=add_no, line_no=line_no)
        segment_documents.purge_attachments(purge)


def line_field(name: str) -> str:
    key = name.strip().lower().replace("-", "_")
    key = LINE_ALIASES.get(key, key)
    if key not in LINE_FIELDS:
        raise DomainError(_("a segment line has no field {name!r} (fields: {fields})").format(
            name=name, fields=", ".join(LINE_FIELDS)))
    return key


def parse_line_value(attr: str, text: str):
    label, kind = LINE_FIELDS[attr]
    if kind == "text":
        return parse_text(label, text, 100)
    if kind == "date":
        return parse_date(label, text)
    if kind == "amount":
        return parse_amount(label, text)
    if kind == "bool":
        return parse_bool(label, text)
    if kind == "option":
        enum = Evaluation if attr == "evaluation" else CorrespondenceType
        return parse_option(label, text, enum)
    # the same checks as the same code on the header: its length, and that it exists
    code = parse_code(label, text, CODE_LENGTHS[attr])
    if code:
        check_master(attr, code)
    if attr in ("salesperson", "campaign", "interaction_template"):
        return code or None
    return code


def set_line_field(segment_no: str, line_no: int, attr: str, value) -> None:
    """Change one field of one line: from now on the value is the line's own (P7), which header
    changes and Go Back keep. The template is the exception: it makes an override line (M-09)."""
    with write_transaction():
        header = get_segment(segment_no)
        line = get_line(header.no, line_no)
        if attr == "interaction_template":
            _change_line_template(header, line, value)
        elif attr == "language_code":
            _change_line_language(header, line, value)
        else:
            if attr in ("campaign_target", "campaign_response") and value and not line.campaign:
                raise DomainError(_("{label} can only be set on a line with a campaign").format(
                    label=_(LINE_FIELDS[attr][0])))
            values = {attr: value, "own_fields": with_own(SegmentLine.own_fields, bit_of(attr))}
            if attr == "campaign" and not value:
                values.update(campaign_target=False, campaign_response=False)
            SegmentLine.update(**values).where((SegmentLine.segment == header.no)
                                               & (SegmentLine.line_no == line_no)).execute()


def _line_documents(segment_no: str, line_no: int) -> dict[str, SegmentInteractionLanguage]:
    rows = SegmentInteractionLanguage.select().where(
        (SegmentInteractionLanguage.segment == segment_no)
        & (SegmentInteractionLanguage.segment_line_no == line_no))
    return {row.language_code: row for row in rows}


def _change_line_language(header, line: SegmentLine, language: str) -> None:
    """SL2 and P5: the document and subject of the chosen language (own or header's). The
    language is the line's own from now on (P7); the subject is the document's again."""
    if not line.interaction_template:
        raise DomainError(_("Language Code can only be set on a line with an interaction "
                            "template"))
    documents = _line_documents(header.no, line.line_no)
    if line.interaction_template == header.interaction_template:
        # A line following the header has own documents only where it has a personal text.
        documents = {**segment_documents.header_documents(header.no), **documents}
    document = documents.get(language)
    own = without_own(with_own(SegmentLine.own_fields, Own.LANGUAGE), Own.SUBJECT)
    SegmentLine.update(language_code=language,
                       attachment=document.attachment if document else None,
                       subject=document.subject if document else "", own_fields=own).where(
        (SegmentLine.segment == header.no) & (SegmentLine.line_no == line.line_no)).execute()


def _change_line_template(header, line: SegmentLine, code: str | None) -> None:
    """M-09: a line template different from the header's makes an override line with its own
    copies of the template documents; the header's template makes it inherit again. What the
    template gives is no longer the line's own (P8)."""
    if not line.contact:
        raise DomainError(_("Interaction Template Code needs a contact on the line"))
    where = (SegmentLine.segment == header.no) & (SegmentLine.line_no == line.line_no)
    purge = segment_documents.detach_documents(
        header.no, SegmentInteractionLanguage.segment_line_no == line.line_no)
    template = InteractionTemplate.get_or_none(InteractionTemplate.code == code) if code else None
    contact = Contact.get_by_id(line.contact)
    values = dict(interaction_template=code, attachment=None, language_code="", subject="",
                  correspondence_type=0, interaction_group=None, cost=0, duration=0,
                  information_flow=0, initiated_by=0, campaign_target=False,
                  campaign_response=False,
                  own_fields=without_own(SegmentLine.own_fields, TEMPLATE_DERIVED))
    if template is not None:
        values.update(
            interaction_group=template.interaction_group,
            description=line.description or template.description,
            cost=template.unit_cost, duration=template.unit_duration,
            information_flow=template.information_flow, initiated_by=template.initiated_by,
            campaign_target=template.campaign_target,
            campaign_response=template.campaign_response,
            campaign=header.campaign or template.campaign)
        if code == header.interaction_template:
            documents = segment_documents.header_documents(header.no)
            language = (contact.language_code if contact.language_code in documents
                        else header.language_code_default)
        else:
            documents = segment_documents.build_line_documents(
                header.no, line.line_no, code, values["description"])
            language = next((choice for choice in (contact.language_code,
                                                   template.language_code_default)
                             if choice in documents), next(iter(documents), ""))
        document = documents.get(language)
        values.update(language_code=language if document or not documents else "",
                      attachment=document.attachment if document else None,
                      subject=document.subject if document else "")
    SegmentLine.update(**values).where(where).execute()
    if template is not None:
        apply_template_correspondence_type(header, template, where)
    segment_documents.purge_attachments(purge)


def read_line(segment_no: str, line_no: int) -> dict:
    """One line as `queries.line_rows` shows it (refused when the segment has no such line)."""
    header = get_segment(segment_no)
    get_line(header.no, line_no)
    return line_rows(header.no, after=line_no - 1, limit=1)[0]


def _field_label(attr: str) -> str:
    return _("Contact No.") if attr == CONTACT else _(LINE_FIELDS[attr][0])


def save_line_fields(segment_no: str, line_no: int,
                     texts: Mapping[str, str] | Iterable[tuple[str, str]], *, user: str,
                     started_from: Mapping[str, object] | None = None) -> dict:
    """Parse and store what was typed into fields of one line (`texts`: field → text, or
    (field, text) pairs applied in order; a field is a LINE_FIELDS key, or CONTACT for the
    line's contact), all or nothing; returns the line as `read_line` gives it now.

    `started_from` holds, for each field it names, the value the person started from (as
    `read_line` gave it). When the line holds another value now, someone else changed it
    meanwhile: nothing is written, and the DomainError says what the value is now. Without it
    the fields are saved whatever they hold.
    """
    with write_transaction():
        header = get_segment(segment_no)
        get_line(header.no, line_no, lock=True)  # no one changes it between check and save
        if started_from:
            now = read_line(header.no, line_no)
            for attr, was in started_from.items():
                value = now[VALUE_KEYS.get(attr, attr)]
                if value != was:
                    raise DomainError(_("{field} of line {line} was changed meanwhile to "
                                        "“{value}”; Enter saves yours over it").format(
                                            field=_field_label(attr), line=line_no, value=value))
        for attr, text in texts.items() if isinstance(texts, Mapping) else texts:
            if attr == CONTACT:
                change_line_contact(header.no, line_no, text, user=user)
            else:
                set_line_field(header.no, line_no, attr, parse_line_value(attr, text))
        return read_line(header.no, line_no)
