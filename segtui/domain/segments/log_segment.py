"""Log a segment (M-25 … M-29): one Interaction Log Entry per contact line, then the segment
is gone.

`preflight` says, without writing, what a log would write, which lines block it and which
contacts it would downgrade or warn about; `log_segment` checks the same, then writes the Logged
Segment, campaign entries and entries (an entry with a document keeps its merge data snapshot,
so the document can be shown and delivered as it was at log time), marks the documents
read-only, optionally creates the follow-up segment and deletes the segment — all in one
transaction of a few set-based statements. `log_and_deliver` is the Log action both front ends
call: the log, then (when asked) the delivery of what it queued, in one report.

Rules chosen where NAV and Business Central differ: an Email line whose contact has no e-mail
address is logged with a blank correspondence type and a warning (BC); when the log also
delivers, such a line blocks instead, as nothing could be sent to it. Fax likewise with the fax
number.
"""
import datetime
from dataclasses import dataclass, field

from peewee import JOIN, Case, IntegrityError, Value, fn

from segtui.domain.setup import numbering
from segtui.domain.journal import delivery as journal_delivery
from segtui.domain.journal.delivery import DeliveryReport
from segtui.domain.journal.mail import SmtpSettings
from segtui.domain.segments.selection import reuse_logged_segment
from segtui.domain.segments.no_address import notes as no_address_notes, without_address
from segtui.domain.errors import DomainError
from segtui.i18n import _
from segtui.domain.documents.merge_data import snapshot_column, with_sources
from segtui.domain.documents.template_check import field_warnings, segment_document_checks
from segtui.domain.segments.headers import (
    create_segment, delete_segment, get_segment, normal_segment_no)
from segtui.store.connection import write_transaction
from segtui.store.enums import CorrespondenceType, DeliveryStatus
from segtui.store.models import (
    Attachment, CampaignEntry, Contact, InteractionLogEntry, InteractionTemplate, LoggedSegment,
    SegmentHeader, SegmentLine)


@dataclass(frozen=True)
class LineNote:
    """One line the log has something to say about."""
    line_no: int
    contact_no: str
    reason: str


@dataclass
class LogReport:
    """What a log wrote (or, in a pre-flight, would write) and what it found."""
    segment_no: str
    entries: int = 0
    queued_for_delivery: int = 0
    blocking: list[LineNote] = field(default_factory=list)
    downgraded: list[LineNote] = field(default_factory=list)
    warnings: list[LineNote] = field(default_factory=list)
    # with delivery: the unknown and not evaluated fields of the documents the letters are
    # merged from, one line each naming the document (template_check.field_warnings)
    document_warnings: list[str] = field(default_factory=list)
    without_address: int = 0  # lines among blocking or downgraded lacking their address (L8)
    logged_segment_entry_no: int = 0
    follow_up_segment_no: str = ""


@dataclass
class LogOutcome:
    """What the Log action did, for a front end to show: what was logged (`report`, with the
    follow-up segment), then what the delivery did (`delivery`, None when nothing was queued
    for it) or, when it could not run at all, why (`delivery_failure`) — the log stays."""
    report: LogReport
    delivery: DeliveryReport | None = None
    delivery_failure: str = ""


def _contact_lines(segment_no: str):
    return (SegmentLine.segment == segment_no) & SegmentLine.contact.is_null(False)


def _notes(query, reason: str) -> list[LineNote]:
    return [LineNote(line_no, contact_no or "", reason)
            for line_no, contact_no in query.order_by(SegmentLine.line_no).tuples()]


def _address_notes(lines) -> list[LineNote]:
    """L8, L9 per contact: why the line cannot reach it ("prefers E-mail, has no e-mail
    address")."""
    return [LineNote(note.line_no, note.contact_no, note.reason)
            for note in no_address_notes(lines)]


def _queued(deliver: bool):
    """Lines delivery takes: those with a correspondence type. NAV also queues a blank line whose
    template has a default type, then skips it at delivery; D1: segtui never
    queues them, so they are not left "In Progress" for ever."""
    if not deliver:
        return Value(False)
    return SegmentLine.correspondence_type != CorrespondenceType.BLANK


def deliverable_lines(segment_no: str) -> int:
    """How many lines delivery would take: Deliver is offered, and ticked at first, only when
    there are some (L16)."""
    return SegmentLine.select().where(_contact_lines(normal_segment_no(segment_no))
                                      & _queued(True)).count()


def _lines_with_contacts(segment_no: str):
    return (SegmentLine.select(SegmentLine.line_no, SegmentLine.contact)
            .join(Contact, on=(Contact.no == SegmentLine.contact))
            .join_from(SegmentLine, InteractionTemplate, JOIN.LEFT_OUTER,
                       on=(InteractionTemplate.code == SegmentLine.interaction_template))
            .where(_contact_lines(segment_no)))


def preflight(segment_no: str, *, deliver: bool = False, follow_up: bool = False,
              check_documents: bool = True) -> LogReport:
    """Everything the log would refuse, downgrade or warn about; writes nothing. With `deliver`
    (and `check_documents`), the field warnings of the documents delivered.

    Raises DomainError for what refuses the whole segment (L0, L1, L2, L15).
    """
    logged = LoggedSegment.get_or_none(LoggedSegment.segment_no == normal_segment_no(segment_no))
    if logged is not None:
        raise DomainError(_("Logged Segment for Segment No. {segment_no} already exists "
                            "(logged segment {entry_no})").format(
                                segment_no=logged.segment_no, entry_no=logged.entry_no))
    header = get_segment(segment_no)
    if not header.description.strip():
        raise DomainError(_("segment {segment_no} needs a description before it can be logged")
                          .format(segment_no=header.no))
    if follow_up:
        numbering.series_for("segment")
    lines = _lines_with_contacts(header.no)
    report = LogReport(header.no, entries=lines.count())
    if report.entries == 0:
        raise DomainError(_("Segment {segment_no} is empty: it has no line with a contact").format(
            segment_no=header.no))
    report.blocking = sorted(
        _notes(lines.where(SegmentLine.date.is_null()), _("no date"))
        + _notes(lines.where(SegmentLine.salesperson.is_null()), _("no salesperson"))
        + _notes(lines.where(SegmentLine.interaction_template.is_null()),
                 _("no interaction template")),
        key=lambda note: note.line_no)
    if deliver:
        report.blocking += _notes(
            lines.where(_queued(True) & SegmentLine.attachment.is_null()),
            _("queued for delivery but has no document"))
        report.blocking += _address_notes(lines)
        report.blocking.sort(key=lambda note: note.line_no)
        report.queued_for_delivery = lines.where(_queued(True)).count()
        if check_documents:
            report.document_warnings = field_warnings(segment_document_checks(header.no))
    else:
        report.downgraded = _address_notes(lines)
    report.without_address = lines.where(without_address()).count()
    report.warnings = sorted(
        _notes(lines.where(Contact.exclude_from_segment == True),  # noqa: E712
               _("contact is marked Exclude from Segment"))
        + _notes(lines.where(Contact.privacy_blocked == True),  # noqa: E712
                 _("contact is privacy blocked")),
        key=lambda note: note.line_no)
    return report


def log_segment(segment_no: str, *, user: str, deliver: bool = False,
                follow_up: bool = False) -> LogReport:
    """Log the segment (M-25 … M-29); refused as a whole while any line blocks it."""
    with write_transaction():
        # get_segment locks the header row on PostgreSQL: a second log of the same segment
        # waits here, then finds it logged.
        # the documents' fields are a warning already shown: not parsed again inside the write
        report = preflight(segment_no, deliver=deliver, follow_up=follow_up,
                           check_documents=False)
        if report.blocking:
            first = report.blocking[0]
            raise DomainError(_("segment {segment_no} cannot be logged: {count} lines block it, "
                                "the first is line {line_no} ({contact_no}): {reason}").format(
                                    segment_no=report.segment_no, count=len(report.blocking),
                                    line_no=first.line_no, contact_no=first.contact_no,
                                    reason=first.reason))
        header = get_segment(segment_no)
        try:
            _write_log(header, report, user=user, deliver=deliver)
        except IntegrityError:
            raise DomainError(_("Logged Segment for Segment No. {segment_no} already exists")
                              .format(segment_no=header.no)) from None
        if follow_up:
            report.follow_up_segment_no = create_segment(
                user=user, description=f"Follow-up on segment {header.no}"[:100],
                campaign=header.campaign)
            reuse_logged_segment(report.follow_up_segment_no, report.logged_segment_entry_no,
                                 user=user, ignore_exclusion=True, confirmed=True)
        delete_segment(header.no)
    return report


def log_and_deliver(segment_no: str, *, user: str, deliver: bool = False,
                    follow_up: bool = False, smtp: SmtpSettings | None = None) -> LogOutcome:
    """The Log action (M-25 … M-30): log the segment, then, when `deliver` queued entries,
    deliver them (Send Attachments).

    The log commits before delivery starts, so a delivery that cannot run at all (its folder
    cannot be made, say) is caught and kept in `delivery_failure` instead of hiding the
    committed log; a refused log raises DomainError and writes nothing. `smtp` is the SMTP server
    of the settings (None: none is set up, so e-mail entries fail with that reason).
    """
    outcome = LogOutcome(log_segment(segment_no, user=user, deliver=deliver,
                                     follow_up=follow_up))
    if outcome.report.queued_for_delivery:
        try:
            outcome.delivery = journal_delivery.deliver_logged_segment(
                outcome.report.logged_segment_entry_no, smtp=smtp)
        except (DomainError, OSError) as error:
            outcome.delivery_failure = str(error)
    return outcome


def _write_log(header: SegmentHeader, report: LogReport, *, user: str, deliver: bool) -> None:
    today = datetime.date.today()
    logged_no = numbering.next_entry_numbers("logged_segment", 1)
    report.logged_segment_entry_no = logged_no
    LoggedSegment.insert(entry_no=logged_no, segment_no=header.no,
                         description=header.description, creation_date=today,
                         user_id=user).execute()
    _write_campaign_entries(header, logged_no, user)
    first_entry = numbering.next_entry_numbers("interaction_entry", report.entries)
    downgrade = without_address()
    correspondence = Case(None, [(downgrade, CorrespondenceType.BLANK)],
                          SegmentLine.correspondence_type)
    queued = _queued(deliver) & ~downgrade
    rows = (SegmentLine.select(
        first_entry - 1 + fn.ROW_NUMBER().over(order_by=[SegmentLine.line_no]),
        SegmentLine.contact, SegmentLine.contact_company_no, SegmentLine.date,
        SegmentLine.description, SegmentLine.information_flow, SegmentLine.initiated_by,
        fn.COALESCE(SegmentLine.attachment, 0), SegmentLine.cost, SegmentLine.duration,
        Value(user), fn.COALESCE(SegmentLine.interaction_group, ""),
        SegmentLine.interaction_template, fn.COALESCE(SegmentLine.campaign, ""),
        fn.COALESCE(CampaignEntry.entry_no, 0), SegmentLine.campaign_response,
        SegmentLine.campaign_target, Value(header.no), SegmentLine.evaluation,
        SegmentLine.time_of_interaction, SegmentLine.attempt_failed, SegmentLine.salesperson,
        Case(None, [(queued, DeliveryStatus.IN_PROGRESS)], DeliveryStatus.BLANK),
        correspondence, SegmentLine.contact_alt_address_code, Value(logged_no),
        SegmentLine.send_word_doc_as_attmt, SegmentLine.language_code, SegmentLine.subject,
        SegmentLine.opportunity_no,
        Case(None, [(SegmentLine.attachment.is_null(), None)], snapshot_column(header.no)))
        .join(Contact, on=(Contact.no == SegmentLine.contact))
        .join_from(SegmentLine, InteractionTemplate, JOIN.LEFT_OUTER,
                   on=(InteractionTemplate.code == SegmentLine.interaction_template))
        .join_from(SegmentLine, CampaignEntry, JOIN.LEFT_OUTER,
                   on=(CampaignEntry.register_no == logged_no)
                   & (CampaignEntry.campaign == SegmentLine.campaign))
        .where(_contact_lines(header.no)))
    rows = with_sources(rows)
    E = InteractionLogEntry
    InteractionLogEntry.insert_from(rows, [
        E.entry_no, E.contact_no, E.contact_company_no, E.date, E.description,
        E.information_flow, E.initiated_by, E.attachment_no, E.cost, E.duration, E.user_id,
        E.interaction_group_code, E.interaction_template_code, E.campaign_no,
        E.campaign_entry_no, E.campaign_response, E.campaign_target, E.segment_no, E.evaluation,
        E.time_of_interaction, E.attempt_failed, E.salesperson_code, E.delivery_status,
        E.correspondence_type, E.contact_alt_address_code, E.logged_segment_entry_no,
        E.send_word_docs_as_attmt, E.interaction_language_code, E.subject, E.opportunity_no,
        E.merge_data,
    ]).as_rowcount().execute()
    report.queued_for_delivery = (InteractionLogEntry.select()
                                  .where((E.logged_segment_entry_no == logged_no)
                                         & (E.delivery_status == DeliveryStatus.IN_PROGRESS))
                                  .count())
    used = SegmentLine.select(SegmentLine.attachment).where(
        _contact_lines(header.no) & SegmentLine.attachment.is_null(False))
    Attachment.update(read_only=True).where(Attachment.no.in_(used)).execute()


def _write_campaign_entries(header: SegmentHeader, logged_no: int, user: str) -> None:
    """M-27: one campaign entry per campaign of the segment's contact lines, dated by the
    campaign's first line (by date), with that line's salesperson."""
    campaigns = list(SegmentLine.select(SegmentLine.campaign, fn.MIN(SegmentLine.date))
                     .where(_contact_lines(header.no) & SegmentLine.campaign.is_null(False))
                     .group_by(SegmentLine.campaign).order_by(SegmentLine.campaign).tuples())
    if not campaigns:
        return
    first = numbering.next_entry_numbers("campaign_entry", len(campaigns))
    rows = []
    for offset, (campaign, date) in enumerate(campaigns):
        salesperson = (SegmentLine.select(SegmentLine.salesperson)
                       .where(_contact_lines(header.no) & (SegmentLine.campaign == campaign))
                       .order_by(SegmentLine.date, SegmentLine.line_no).limit(1).scalar())
        rows.append(dict(entry_no=first + offset, campaign=campaign,
                         description=header.description, date=date, user_id=user,
                         segment_no=header.no, register_no=logged_no,
                         salesperson_code=salesperson or ""))
    CampaignEntry.insert_many(rows).execute()
