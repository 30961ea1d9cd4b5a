"""Segment headers: create, find, change (with propagation to the lines), delete
(M-01…M-08, H1–H11).

A header change updates the lines that still use the header's interaction template (the others
are override lines and keep their values), unless the caller says not to update the lines; of
those, only the lines that inherit the field: a value set on a line is its own (P7, own_fields).
"""
import datetime
from dataclasses import dataclass
from enum import IntEnum

from peewee import Case, PostgresqlDatabase, fn

from segtui.domain.setup import numbering
from segtui.domain.documents import segment_documents
from segtui.domain.errors import DomainError
from segtui.domain.segments.own_fields import (
    TEMPLATE_DERIVED, Own, bit_of, inherits, is_own, without_own)
from segtui.i18n import _
from segtui.domain.values import (
    parse_amount, parse_bool, parse_code, parse_date, parse_option, parse_text, normal_code)
from segtui.store.connection import db, write_transaction
from segtui.store.enums import CorrespondenceType, InformationFlow, InitiatedBy
from segtui.store.models import (
    Campaign, Contact, InteractionTemplate, Language, Salesperson, SegmentHeader,
    SegmentInteractionLanguage, SegmentLine, SegmentLineRemoved, UserSetup)


@dataclass(frozen=True)
class HeaderField:
    """A header field a user may set: how its value is read and which line field follows it."""
    attr: str
    label: str
    kind: str                      # text | code | date | amount | bool | option
    line_attr: str | None = None
    enum: type[IntEnum] | None = None
    length: int = 100


HEADER_FIELDS = {field.attr: field for field in [
    HeaderField("description", "Description", "text", "description", length=100),
    HeaderField("campaign", "Campaign No.", "code", "campaign", length=20),
    HeaderField("salesperson", "Salesperson Code", "code", "salesperson", length=20),
    HeaderField("date", "Date", "date", "date"),
    HeaderField("interaction_template", "Interaction Template Code", "code", length=10),
    HeaderField("unit_cost", "Unit Cost (LCY)", "amount", "cost"),
    HeaderField("unit_duration", "Unit Duration (Min.)", "amount", "duration"),
    HeaderField("correspondence_type_default", "Correspondence Type (Default)", "option",
                "correspondence_type", CorrespondenceType),
    HeaderField("language_code_default", "Language Code (Default)", "code", length=10),
    HeaderField("subject_default", "Subject (Default)", "text", length=100),
    HeaderField("campaign_target", "Campaign Target", "bool", "campaign_target"),
    HeaderField("campaign_response", "Campaign Response", "bool", "campaign_response"),
    HeaderField("information_flow", "Information Flow", "option", "information_flow",
                InformationFlow),
    HeaderField("initiated_by", "Initiated By", "option", "initiated_by", InitiatedBy),
    HeaderField("send_word_docs_as_attmt", "Send Word Docs. as Attmt.", "bool",
                "send_word_doc_as_attmt"),
    HeaderField("ignore_contact_corres_type", "Ignore Contact Corres. Type", "bool"),
]}
FIELD_ALIASES = {"template": "interaction_template", "interaction_template_code":
                 "interaction_template", "campaign_no": "campaign", "salesperson_code":
                 "salesperson", "cost": "unit_cost", "duration": "unit_duration",
                 "correspondence_type": "correspondence_type_default", "language":
                 "language_code_default", "language_code": "language_code_default",
                 "subject": "subject_default"}
NEEDS_TEMPLATE = {"unit_cost", "unit_duration", "language_code_default", "information_flow",
                  "initiated_by", "ignore_contact_corres_type"}
NEEDS_CAMPAIGN = {"campaign_target", "campaign_response"}


def header_field(name: str) -> HeaderField:
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    key = FIELD_ALIASES.get(key, key)
    if key not in HEADER_FIELDS:
        raise DomainError(_("a segment has no field {name!r} (fields: {fields})").format(
            name=name, fields=", ".join(HEADER_FIELDS)))
    return HEADER_FIELDS[key]


def parse_header_value(field: HeaderField, text: str):
    """A typed value for `field` from what the user typed; master codes must exist."""
    if field.kind == "text":
        return parse_text(field.label, text, field.length)
    if field.kind == "date":
        return parse_date(field.label, text)
    if field.kind == "amount":
        return parse_amount(field.label, text)
    if field.kind == "bool":
        return parse_bool(field.label, text)
    if field.kind == "option":
        return parse_option(field.label, text, field.enum)
    code = parse_code(field.label, text, field.length)
    if not code:
        return None if field.attr in ("campaign", "salesperson", "interaction_template") else ""
    check_master(field.attr, code)
    return code


CODE_LENGTHS = {"campaign": 20, "salesperson": 20, "interaction_template": 10,
                "language_code_default": 10, "language_code": 10}
"""The length of each code a header or a line keeps (the column's)."""


def check_master(attr: str, code: str) -> None:
    """Refuse a code that its master table does not have (header and line fields alike)."""
    if attr in ("language_code_default", "language_code") and not Language.select().where(
            Language.code == code).exists():
        if attr == "language_code_default":
            raise DomainError(_("Language Code (Default): language {code} does not exist")
                              .format(code=code))
        raise DomainError(_("Language Code: language {code} does not exist").format(code=code))
    if attr == "campaign" and not Campaign.select().where(Campaign.no == code).exists():
        raise DomainError(_("Campaign No.: campaign {code} does not exist").format(code=code))
    if attr == "interaction_template" and not InteractionTemplate.select().where(
            InteractionTemplate.code == code).exists():
        raise DomainError(_("Interaction Template Code: template {code} does not exist").format(
            code=code))
    if attr == "salesperson":
        salesperson = Salesperson.get_or_none(Salesperson.code == code)
        if salesperson is None:
            raise DomainError(_("Salesperson Code: salesperson {code} does not exist").format(
                code=code))
        if salesperson.blocked:
            raise DomainError(_("Salesperson Code: salesperson {code} is blocked").format(
                code=code))


def normal_segment_no(text: str) -> str:
    """A segment number as stored: what was typed, without surrounding blanks, in capitals."""
    return normal_code(text)


def get_segment(segment_no: str) -> SegmentHeader:
    """The segment header; inside a write on PostgreSQL its row is locked (FOR UPDATE), so two
    users changing one segment queue up instead of interleaving (SQLite has one writer anyway)."""
    query = SegmentHeader.select().where(SegmentHeader.no == normal_segment_no(segment_no))
    if isinstance(db.obj, PostgresqlDatabase) and db.in_transaction():
        query = query.for_update()
    header = query.first()
    if header is None:
        raise DomainError(_("segment {segment_no} does not exist").format(segment_no=segment_no))
    return header


def create_segment(*, user: str, description: str = "", template: str | None = None,
                   salesperson: str | None = None, campaign: str | None = None,
                   date: datetime.date | None = None) -> str:
    """A new segment numbered from the series; Date = today, salesperson from the user setup."""
    description = parse_header_value(HEADER_FIELDS["description"], description)
    with write_transaction():
        segment_no = numbering.next_code("segment")
        if salesperson is None:
            # a default whose salesperson was blocked since is not offered (S-17)
            salesperson = (UserSetup.select(UserSetup.salesperson)
                           .join(Salesperson, on=UserSetup.salesperson == Salesperson.code)
                           .where((UserSetup.user_id == user) & ~Salesperson.blocked)
                           .scalar())
        SegmentHeader.insert(no=segment_no, description=description,
                             date=date or datetime.date.today(), no_series=numbering.series_for(
                                 "segment"), modified_by=user,
                             modified_at=datetime.datetime.now()).execute()
        changes = {"salesperson": salesperson, "campaign": campaign,
                   "interaction_template": template}
        for attr, value in changes.items():
            if value:
                change_header(segment_no, attr, value, user=user, update_lines=True)
    return segment_no


def delete_segment(segment_no: str) -> None:
    """Delete the header with its lines, criteria, history and documents (H11); every document
    only the segment held (its header's, its lines' and its removed lines' own) goes too (C12),
    unless something else uses it (a logged interaction: then it is read-only and kept)."""
    with write_transaction():
        header = get_segment(segment_no)
        attachments = segment_documents.detach_documents(header.no, True)
        for model in (SegmentLine, SegmentLineRemoved):
            attachments += [number for (number,) in model.select(model.attachment).where(
                (model.segment == header.no) & model.attachment.is_null(False))
                .distinct().tuples()]
        SegmentHeader.delete().where(SegmentHeader.no == header.no).execute()
        segment_documents.purge_attachments(sorted(set(attachments)))


def header_lines(header: SegmentHeader):
    """Lines that follow the header: those with the header's interaction template."""
    same_template = (SegmentLine.interaction_template.is_null()
                     if header.interaction_template is None
                     else SegmentLine.interaction_template == header.interaction_template)
    return (SegmentLine.segment == header.no) & same_template


def change_header(segment_no: str, attr: str, value, *, user: str,
                  update_lines: bool = True, create_language_document: bool = False,
                  expected_version: int | None = None) -> int:
    """Set one header field to a typed value; returns how many lines were updated.

    `update_lines` is the answer to "update the segment lines?" (default Yes).
    `expected_version` is the header version the user saw (optimistic locking): when someone
    changed the header since, nothing is written and the refusal says who and when.
    """
    with write_transaction():
        header = get_segment(segment_no)
        if expected_version is not None and header.version != expected_version:
            raise changed_meanwhile(header)
        field = HEADER_FIELDS[attr]
        if field.kind == "code" and value:
            check_master(attr, value)
        _check_enabled(header, field, value)
        if attr == "interaction_template":
            updated = _change_template(header, value, update_lines)
        elif attr == "language_code_default":
            updated = _change_default_language(header, value, create_language_document)
        elif attr == "subject_default":
            updated = _change_subject(header, value, update_lines)
        else:
            updated = _change_plain(header, field, value, update_lines)
        SegmentHeader.update(version=SegmentHeader.version + 1, modified_by=user,
                             modified_at=datetime.datetime.now()).where(
            SegmentHeader.no == header.no).execute()
    return updated


def changed_meanwhile(header: SegmentHeader) -> DomainError:
    """The refusal of a save based on an older version of the header."""
    moment = header.modified_at.strftime("%Y-%m-%d %H:%M:%S") if header.modified_at else "?"
    return DomainError(_("segment {no} was changed by {user} at {time}; reload (F5) to see the "
                         "change, then make yours again").format(
                             no=header.no, user=header.modified_by or "?", time=moment))


def _check_enabled(header: SegmentHeader, field: HeaderField, value) -> None:
    """S-06: fields that only make sense with a template, flag or campaign."""
    reason = disabled_reason(header, field.attr)
    if reason and (field.attr not in NEEDS_CAMPAIGN or value):
        raise DomainError(reason)


def disabled_reason(header: SegmentHeader, attr: str) -> str | None:
    """Why the header field `attr` cannot be set now (S-06), or None."""
    label = _(HEADER_FIELDS[attr].label)
    if attr in NEEDS_TEMPLATE and not header.interaction_template:
        return _("{label} can only be set when the segment has an interaction template").format(
            label=label)
    if attr in NEEDS_CAMPAIGN and not header.campaign:
        return _("{label} can only be set when the segment has a campaign").format(label=label)
    if attr == "correspondence_type_default" and not header.ignore_contact_corres_type:
        return _("Correspondence Type (Default) can only be set when Ignore Contact Corres. Type "
                 "is on")
    if attr == "subject_default" and not SegmentInteractionLanguage.select().where(
            (SegmentInteractionLanguage.segment == header.no)
            & (SegmentInteractionLanguage.segment_line_no == 0)
            & (SegmentInteractionLanguage.language_code == header.language_code_default)).exists():
        return _("Subject (Default) can only be set when the segment has a document in its "
                 "default language")
    return None


def _change_plain(header: SegmentHeader, field: HeaderField, value, update_lines: bool) -> int:
    """M-07, P7: the header field, and the lines on the header template that inherit it."""
    values = {field.attr: value}
    if field.attr == "campaign" and not value:
        values.update(campaign_target=False, campaign_response=False)
    SegmentHeader.update(**values).where(SegmentHeader.no == header.no).execute()
    if not update_lines or field.line_attr is None:
        return 0
    if field.attr == "correspondence_type_default" and not value:
        return 0
    # a line that owns its campaign keeps its target and response with it
    line_values = {HEADER_FIELDS[attr].line_attr: new for attr, new in values.items()}
    return SegmentLine.update(**line_values).where(
        header_lines(header) & inherits(SegmentLine.own_fields, bit_of(field.line_attr))
    ).execute()


def _change_subject(header: SegmentHeader, subject: str, update_lines: bool) -> int:
    """S-02: only lines still carrying the old default subject take the new one."""
    old = header.subject_default
    SegmentHeader.update(subject_default=subject).where(SegmentHeader.no == header.no).execute()
    SegmentInteractionLanguage.update(subject=subject).where(
        (SegmentInteractionLanguage.segment == header.no)
        & (SegmentInteractionLanguage.segment_line_no == 0)
        & (SegmentInteractionLanguage.language_code == header.language_code_default)).execute()
    if not update_lines:
        return 0
    return SegmentLine.update(subject=subject).where(
        header_lines(header) & (SegmentLine.language_code == header.language_code_default)
        & (SegmentLine.subject == old) & inherits(SegmentLine.own_fields, Own.SUBJECT)).execute()


def _change_default_language(header: SegmentHeader, language: str, create: bool) -> int:
    """H7: the default language needs a header document; create one only when asked."""
    documents = segment_documents.header_documents(header.no)
    if language not in documents:
        if not create:
            raise DomainError(_("Language Code (Default): the segment has no document in "
                                "language {language}; create it first").format(
                                    language=language or _("(blank)")))
        template_docs = {row.language_code: row for row in
                         segment_documents.template_documents(header.interaction_template)}
        source = template_docs.get(language)
        SegmentInteractionLanguage.insert(
            segment=header.no, segment_line_no=0, language_code=language,
            description=f"{header.interaction_template} {language}".strip()[:50],
            attachment=segment_documents.copy_attachment(source.attachment if source else None),
            subject="").execute()
        subject = ""
    else:
        subject = documents[language].subject
    SegmentHeader.update(language_code_default=language, subject_default=subject).where(
        SegmentHeader.no == header.no).execute()
    header = get_segment(header.no)
    return apply_language_rule(header)


def apply_language_rule(header: SegmentHeader, condition=True) -> int:
    """P3, the language rule for lines that inherit: the contact's language when the header has a
    document in it, else the default; attachment and subject follow the chosen document.

    P7: a line whose language is its own keeps it (and its document), a line whose subject is
    its own keeps that. A handful of UPDATEs, one per header language, never one per line.
    """
    if not header.interaction_template:
        return 0
    documents = segment_documents.header_documents(header.no)
    following = header_lines(header) & condition & SegmentLine.line_no.not_in(
        SegmentInteractionLanguage.select(SegmentInteractionLanguage.segment_line_no).where(
            (SegmentInteractionLanguage.segment == header.no)
            & (SegmentInteractionLanguage.segment_line_no > 0))) \
        & inherits(SegmentLine.own_fields, Own.LANGUAGE)

    def subject(text):
        return Case(None, [(is_own(SegmentLine.own_fields, Own.SUBJECT), SegmentLine.subject)],
                    text)

    updated = 0
    for language, document in documents.items():
        speakers = Contact.select(Contact.no).where(Contact.language_code == language)
        updated += SegmentLine.update(
            language_code=language, attachment=document.attachment,
            subject=subject(document.subject)
        ).where(following & SegmentLine.contact.in_(speakers)).execute()
    default = documents.get(header.language_code_default)
    others = Contact.select(Contact.no).where(Contact.language_code.in_(list(documents)))
    updated += SegmentLine.update(
        language_code=header.language_code_default if default else "",
        attachment=default.attachment if default else None,
        subject=subject(default.subject if default else ""),
    ).where(following & (SegmentLine.contact.not_in(others) | SegmentLine.contact.is_null())
            ).execute()
    return updated


def _change_template(header: SegmentHeader, code: str | None, update_lines: bool) -> int:
    """M-03, M-04, M-08, H5: copy the template into the header, rebuild its documents and,
    when asked, re-apply the template to every line."""
    has_lines = SegmentLine.select().where(SegmentLine.segment == header.no).exists()
    if has_lines and not update_lines:
        documents = SegmentInteractionLanguage.select(SegmentInteractionLanguage.attachment).where(
            (SegmentInteractionLanguage.segment == header.no)
            & (SegmentInteractionLanguage.segment_line_no == 0))
        if SegmentLine.select().where((SegmentLine.segment == header.no)
                                      & SegmentLine.attachment.in_(documents)).exists():
            raise DomainError(_("Interaction Template Code may not be modified without updating "
                                "lines when inherited attachments exist"))
    template = InteractionTemplate.get_or_none(InteractionTemplate.code == code) if code else None
    values = template_header_values(template, header)
    SegmentHeader.update(**values).where(SegmentHeader.no == header.no).execute()
    old_documents = segment_documents.build_header_documents(header.no, code)
    updated = 0
    if update_lines:
        header = get_segment(header.no)
        updated = reapply_template(header, template)
    segment_documents.purge_attachments(old_documents)
    return updated


def template_header_values(template: InteractionTemplate | None, header: SegmentHeader) -> dict:
    """The header fields a template sets (all cleared when the template is cleared)."""
    if template is None:
        return dict(interaction_template=None, interaction_group=None, language_code_default="",
                    unit_cost=0, unit_duration=0, information_flow=0, initiated_by=0,
                    campaign_target=False, campaign_response=False,
                    correspondence_type_default=0, ignore_contact_corres_type=False,
                    subject_default="")
    return dict(
        interaction_template=template.code, interaction_group=template.interaction_group,
        language_code_default=template.language_code_default, unit_cost=template.unit_cost,
        unit_duration=template.unit_duration, information_flow=template.information_flow,
        initiated_by=template.initiated_by,
        campaign_target=template.campaign_target if (header.campaign or template.campaign)
        else False,
        campaign_response=template.campaign_response if (header.campaign or template.campaign)
        else False,
        correspondence_type_default=template.correspondence_type_default,
        ignore_contact_corres_type=template.ignore_contact_corres_type,
        campaign=header.campaign or template.campaign, subject_default="")


def reapply_template(header: SegmentHeader, template: InteractionTemplate | None) -> int:
    """P4, the line template change, for every line of the segment, set-based; what the
    template gives is no line's own any more (P8).

    The lines' own documents go, so the copies Go Back restores from lose theirs too and follow
    the header's template from now on (C11, C12).
    """
    lines = SegmentLine.segment == header.no
    purge = segment_documents.detach_documents(
        header.no, SegmentInteractionLanguage.segment_line_no > 0)
    copies = SegmentLineRemoved.segment == header.no
    purge += [number for (number,) in SegmentLineRemoved.select(SegmentLineRemoved.attachment)
              .where(copies & SegmentLineRemoved.attachment.is_null(False)).distinct().tuples()]
    SegmentLineRemoved.update(
        interaction_template=template.code if template else None, attachment=None,
        own_fields=without_own(SegmentLineRemoved.own_fields, TEMPLATE_DERIVED)).where(
        copies).execute()
    if template is None:
        updated = SegmentLine.update(
            interaction_template=None, interaction_group=None, attachment=None, language_code="",
            subject="", cost=0, duration=0, information_flow=0, initiated_by=0,
            campaign_target=False, campaign_response=False,
            own_fields=without_own(SegmentLine.own_fields, TEMPLATE_DERIVED)).where(
            lines).execute()
        segment_documents.purge_attachments(purge)
        return updated
    updated = SegmentLine.update(
        interaction_template=template.code, interaction_group=template.interaction_group,
        description=Case(None, [(SegmentLine.description == "", template.description)],
                         SegmentLine.description),
        cost=template.unit_cost, duration=template.unit_duration,
        information_flow=template.information_flow, initiated_by=template.initiated_by,
        campaign_target=template.campaign_target, campaign_response=template.campaign_response,
        campaign=header.campaign or template.campaign,
        own_fields=without_own(SegmentLine.own_fields, TEMPLATE_DERIVED),
    ).where(lines).execute()
    apply_template_correspondence_type(header, template, lines)
    apply_language_rule(header)
    segment_documents.purge_attachments(purge)
    return updated


def apply_template_correspondence_type(header: SegmentHeader, template: InteractionTemplate,
                                       lines) -> None:
    """P2, template variant: header default, template default, contact's type, or unchanged."""
    if header.ignore_contact_corres_type and header.correspondence_type_default:
        SegmentLine.update(correspondence_type=header.correspondence_type_default).where(
            lines).execute()
        return
    if template.ignore_contact_corres_type:
        SegmentLine.update(correspondence_type=template.correspondence_type_default).where(
            lines).execute()
        return
    for member in CorrespondenceType:
        if member == CorrespondenceType.BLANK and not template.correspondence_type_default:
            continue
        new = template.correspondence_type_default if member == CorrespondenceType.BLANK \
            else member
        contacts = Contact.select(Contact.no).where(Contact.correspondence_type == member)
        SegmentLine.update(correspondence_type=new).where(
            lines & SegmentLine.contact.in_(contacts)).execute()


def segment_totals(segment_no: str) -> tuple[int, object, object]:
    """No. of Lines, Cost (LCY) and Duration (Min.) of a segment (FlowFields)."""
    return (SegmentLine.select(fn.COUNT(SegmentLine.line_no),
                               fn.COALESCE(fn.SUM(SegmentLine.cost), 0),
                               fn.COALESCE(fn.SUM(SegmentLine.duration), 0))
            .where(SegmentLine.segment == segment_no).tuples().get())
