"""Demo segments: logged ones with their interaction history, and open ones with lines.

Open segments are made by the segment services themselves (create, template, Add Contacts), so
their header, documents, lines, criteria and history are what a user would get. Logged segments
are written as Log leaves them (DOMAIN.md §2.9): the segment itself is gone, its interaction
entries carry what its lines would have carried — the §2.1/§2.7 rules of `line_builder` — with
e-mail downgraded to blank for contacts without an address (BC rule, L8), and the documents
used are read-only copies of the template documents.
"""
from dataclasses import dataclass
from datetime import date, datetime

from peewee import Case, Value, fn

from segtui.domain import contact_selection, segments
from segtui.domain.criteria_sources import parse_criteria, qualifying_condition
from segtui.domain.line_builder import CONTACT_ORDER, correspondence_type_expression, typed
from segtui.domain.numbering import next_code, next_entry_numbers
from segtui.store.enums import CorrespondenceType
from segtui.store.models import (
    Attachment,
    CampaignEntry,
    Contact,
    InteractionLogEntry,
    InteractionTemplate,
    InteractionTmplLanguage,
    LoggedSegment,
    SegmentCriteriaLine,
    SegmentHeader,
    SegmentInteractionLanguage,
)


@dataclass(frozen=True)
class Plan:
    """A demo segment: its header values and the Add Contacts criteria of its lines."""
    description: str
    template: str
    date: date
    criteria: tuple[str, ...]
    subjects: dict
    salesperson: str | None = None
    campaign: str | None = None
    canceled: bool = False
    evaluated: bool = False


class SegmentBuilder:
    """Creates the demo segments of one load and counts what it made."""

    def __init__(self, user: str, moment: datetime, seed: int):
        self.user = user
        self.moment = moment
        self.seed = seed
        self.segments = 0
        self.logged = 0
        self.entries = 0

    def open(self, plan: Plan) -> None:
        """An open segment made through the services, with one Add Contacts action."""
        segment_no = segments.create_segment(
            user=self.user, description=plan.description, template=plan.template,
            salesperson=plan.salesperson, campaign=plan.campaign, date=plan.date)
        header = SegmentHeader.get_by_id(segment_no)
        for language, subject in plan.subjects.items():
            SegmentInteractionLanguage.update(subject=subject).where(
                (SegmentInteractionLanguage.segment == segment_no)
                & (SegmentInteractionLanguage.segment_line_no == 0)
                & (SegmentInteractionLanguage.language_code == language)).execute()
        SegmentHeader.update(
            subject_default=plan.subjects.get(header.language_code_default, ""),
            modified_at=self.moment).where(SegmentHeader.no == segment_no).execute()
        contact_selection.add_contacts(segment_no, parse_criteria(list(plan.criteria)),
                                       user=self.user)
        SegmentCriteriaLine.update(created_at=self.moment).where(
            SegmentCriteriaLine.segment == segment_no).execute()
        self.segments += 1

    def log(self, plan: Plan) -> None:
        """A segment as Log leaves it: logged segment, campaign entry, interaction entries."""
        template = InteractionTemplate.get_by_id(plan.template)
        header = SegmentHeader(description=plan.description, date=plan.date,
                               salesperson=plan.salesperson, campaign=plan.campaign)
        for name, value in segments.template_header_values(template, header).items():
            setattr(header, name, value)
        sources = {row.language_code: row.attachment for row in InteractionTmplLanguage.select()
                   .where(InteractionTmplLanguage.interaction_template == template.code)
                   .order_by(InteractionTmplLanguage.language_code)}
        where = (qualifying_condition(parse_criteria(list(plan.criteria)))
                 & (Contact.exclude_from_segment == False))  # noqa: E712 (SQL)
        codes = {code: code for code in [*sources, header.language_code_default]}
        language = _by_language(header, codes, "")
        if sources:
            counts = dict(Contact.select(language, fn.COUNT(Contact.no)).where(where)
                          .group_by(language).tuples())
        else:
            counts = {header.language_code_default: Contact.select().where(where).count()}
        total = sum(counts.values())
        if not total:
            return
        header.no = next_code("segment")
        logged_no = next_entry_numbers("logged_segment", 1)
        documents = self._read_only_copies({code: attachment for code, attachment
                                            in sources.items() if counts.get(code)})
        campaign_entry_no = self._campaign_entry(plan, header, logged_no)
        first = next_entry_numbers("interaction_entry", total)
        entry = InteractionLogEntry
        correspondence = correspondence_type_expression(header, template)
        email, blank = CorrespondenceType.EMAIL.value, CorrespondenceType.BLANK.value
        columns = {
            entry.entry_no: first - 1 + fn.ROW_NUMBER().over(order_by=CONTACT_ORDER),
            entry.contact_no: Contact.no,
            entry.contact_company_no: fn.COALESCE(Contact.company_no, ""),
            entry.date: typed(plan.date, entry.date),
            entry.description: Value(plan.description),
            entry.information_flow: Value(header.information_flow),
            entry.initiated_by: Value(header.initiated_by),
            entry.attachment_no: _by_language(header, documents, 0),
            entry.cost: typed(header.unit_cost, entry.cost),
            entry.duration: typed(header.unit_duration, entry.duration),
            entry.user_id: Value(self.user),
            entry.interaction_group_code: Value(template.interaction_group),
            entry.interaction_template_code: Value(template.code),
            entry.campaign_no: Value(header.campaign or ""),
            entry.campaign_entry_no: Value(campaign_entry_no),
            entry.segment_no: Value(header.no),
            entry.evaluation: self._evaluation(plan),
            entry.salesperson_code: fn.COALESCE(typed(header.salesperson, entry.salesperson_code),
                                                Contact.salesperson),
            entry.canceled: typed(plan.canceled, entry.canceled),
            entry.correspondence_type: Case(
                None, [((correspondence == email) & (Contact.email == ""), blank)],
                correspondence),
            entry.logged_segment_entry_no: Value(logged_no),
            entry.interaction_language_code: language,
            entry.subject: _by_language(header, {code: plan.subjects.get(code, "")
                                                 for code in documents}, ""),
        }
        entry.insert_from(Contact.select(*columns.values()).where(where), list(columns)) \
            .as_rowcount().execute()
        LoggedSegment.insert(entry_no=logged_no, segment_no=header.no,
                             description=plan.description, creation_date=plan.date,
                             user_id=self.user, canceled=plan.canceled).execute()
        self.logged += 1
        self.entries += total

    def _read_only_copies(self, sources: dict[str, int]) -> dict[str, int]:
        """Copies of template documents as a logged segment keeps them: language -> copy."""
        if not sources:
            return {}
        first = next_entry_numbers("attachment", len(sources))
        copies = {code: first + offset for offset, code in enumerate(sources)}
        files = dict(Attachment.select(Attachment.no, Attachment.file)
                     .where(Attachment.no.in_(list(sources.values()))).tuples())
        Attachment.insert_many([
            dict(no=copies[code], file=files[source], file_extension="docx", read_only=True,
                 last_modified=self.moment) for code, source in sources.items()]).execute()
        return copies

    def _campaign_entry(self, plan: Plan, header: SegmentHeader, logged_no: int) -> int:
        """One campaign entry per campaign and logged segment (§2.9 step 4); 0 without one."""
        if not header.campaign:
            return 0
        entry_no = next_entry_numbers("campaign_entry", 1)
        CampaignEntry.insert(entry_no=entry_no, campaign=header.campaign,
                             description=plan.description, date=plan.date, user_id=self.user,
                             segment_no=header.no, register_no=logged_no,
                             salesperson_code=header.salesperson or "",
                             canceled=plan.canceled).execute()
        return entry_no

    def _evaluation(self, plan: Plan):
        """Evaluated interactions get one of the five evaluations or none, spread by number."""
        if not plan.evaluated:
            return Value(0)
        last_digit = fn.SUBSTR(Contact.no, fn.LENGTH(Contact.no), 1)
        return Case(last_digit, [(str(digit), (digit + self.seed) % 6) for digit in range(10)],
                    0)


def _by_language(header: SegmentHeader, values: dict, missing):
    """§2.7 language rule as a value: the one of the contact's language if there is one, else
    the one of the header's default language, else `missing`."""
    default = values.get(header.language_code_default, missing)
    others = [(code, value) for code, value in values.items()
              if code != header.language_code_default]
    return Case(Contact.language_code, others, default) if others else Value(default)
