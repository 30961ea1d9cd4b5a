"""Demo segments: logged ones with their interaction history, and open ones with lines.

Everything is made by the services a user's commands call (create, template, Add Contacts,
Log, cancel), so the demo follows every business rule without stating any of them again; only
the clock is replaced by the demo's fixed dates, so the same seed gives the same rows.
"""
from dataclasses import dataclass
from datetime import date, datetime

from peewee import Case, fn

from segtui.domain.segments import selection
from segtui.domain.journal import logged_segments
from segtui.domain.segments import log_segment
from segtui.domain.segments import headers as segments
from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.store.models import (
    CancelJournal,
    InteractionLogEntry,
    LoggedSegment,
    SegmentCriteriaLine,
    SegmentHeader,
    SegmentInteractionLanguage,
    SegmentLine,
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
        self._make(plan)
        self.segments += 1

    def _make(self, plan: Plan) -> str:
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
        selection.add_contacts(segment_no, parse_criteria(list(plan.criteria)),
                                       user=self.user)
        SegmentCriteriaLine.update(created_at=self.moment).where(
            SegmentCriteriaLine.segment == segment_no).execute()
        return segment_no

    def log(self, plan: Plan) -> None:
        """A segment made like an open one, then logged by the Log service itself; the demo's
        fixed dates replace the clock, and the plan's evaluations and cancel follow."""
        segment_no = self._make(plan)
        if not SegmentLine.select().where(SegmentLine.segment == segment_no).exists():
            segments.delete_segment(segment_no)     # no contacts: nothing to log
            return
        report = log_segment.log_segment(segment_no, user=self.user)
        logged_no = report.logged_segment_entry_no
        LoggedSegment.update(creation_date=plan.date).where(
            LoggedSegment.entry_no == logged_no).execute()
        if plan.evaluated:
            InteractionLogEntry.update(evaluation=self._evaluation()).where(
                InteractionLogEntry.logged_segment_entry_no == logged_no).execute()
        if plan.canceled:
            logged_segments.set_canceled(logged_no, True, user=self.user,
                                         reason="Sent by mistake (demo data)")
            CancelJournal.update(created_at=self.moment).where(
                CancelJournal.logged_segment_entry_no == logged_no).execute()
        self.logged += 1
        self.entries += report.entries

    def _evaluation(self):
        """Evaluated interactions get one of the five evaluations or none, spread by number."""
        contact_no = InteractionLogEntry.contact_no
        last_digit = fn.SUBSTR(contact_no, fn.LENGTH(contact_no), 1)
        return Case(last_digit, [(str(digit), (digit + self.seed) % 6) for digit in range(10)],
                    0)
