"""Pick lists for code fields: pages of (code, description) rows of a master table, filterable.

Every lookup of the TUI reads through one `CodePageSource`, keyset-paged on the code (a
`KeysetPages`), so a pick list over a million contacts opens as fast as one over three
salespeople.
"""
from dataclasses import dataclass

from peewee import Expression, Field, Select, fn

from segtui.domain.errors import DomainError
from segtui.domain.paging import KeysetPages
from segtui.i18n import _
from segtui.store.enums import ContactType
from segtui.store.models import (
    BusinessRelation, Campaign, Contact, CountryRegion, IndustryGroup, InteractionGroup,
    InteractionTemplate, JobResponsibility, Language, LoggedSegment, MailingGroup,
    ProfileQuestionnaireHeader, Salesperson, SavedSegmentCriteria, SegmentHeader)


@dataclass(frozen=True, slots=True)
class CodeRow:
    """One entry of a pick list: the code chosen and what it stands for."""
    code: str
    description: str


@dataclass(frozen=True)
class Lookup:
    """A master table as a pick list: its title, key column and describing column."""
    title: str
    key: Field
    description: Field
    condition: Expression | None = None
    search: Field | None = None   # an upper-case copy of the description, when the table has one


LOOKUPS = {
    "salesperson": Lookup("Salespeople", Salesperson.code, Salesperson.name,
                          Salesperson.blocked == False),  # noqa: E712
    "campaign": Lookup("Campaigns", Campaign.no, Campaign.description),
    "interaction_template": Lookup("Interaction templates", InteractionTemplate.code,
                                   InteractionTemplate.description),
    "interaction_group": Lookup("Interaction groups", InteractionGroup.code,
                                InteractionGroup.description),
    "language": Lookup("Languages", Language.code, Language.name),
    "country": Lookup("Countries/regions", CountryRegion.code, CountryRegion.name),
    "mailing_group": Lookup("Mailing groups", MailingGroup.code, MailingGroup.description),
    "industry_group": Lookup("Industry groups", IndustryGroup.code, IndustryGroup.description),
    "job_responsibility": Lookup("Job responsibilities", JobResponsibility.code,
                                 JobResponsibility.description),
    "business_relation": Lookup("Business relations", BusinessRelation.code,
                                BusinessRelation.description),
    "profile_questionnaire": Lookup("Profile questionnaires", ProfileQuestionnaireHeader.code,
                                    ProfileQuestionnaireHeader.description),
    "saved_criteria": Lookup("Saved segment criteria", SavedSegmentCriteria.code,
                             SavedSegmentCriteria.description),
    "segment": Lookup("Segments", SegmentHeader.no, SegmentHeader.description),
    "logged_segment": Lookup("Logged segments", LoggedSegment.entry_no,
                             LoggedSegment.description),
    "contact": Lookup("Contacts", Contact.no, Contact.name, search=Contact.search_name),
    "company": Lookup("Companies", Contact.no, Contact.name,
                      Contact.type == ContactType.COMPANY, Contact.search_name),
}


def lookup(kind: str) -> Lookup:
    if kind not in LOOKUPS:
        raise DomainError(_("there is no pick list of {kind!r}").format(kind=kind))
    return LOOKUPS[kind]


class CodePageSource(KeysetPages):
    """Pages of one pick list in code order, narrowed to codes or descriptions holding a text."""

    def __init__(self, kind: str, filter_text: str = "") -> None:
        self.kind = kind
        self.filter_text = filter_text.strip()
        self._lookup = lookup(kind)
        self._numeric = self._lookup.key.field_type in ("INT", "AUTO")
        self.order_key = self._lookup.key

    def key(self, row: CodeRow):
        return int(row.code) if self._numeric else row.code

    def query(self) -> Select:
        query = self._lookup.key.model.select(self._lookup.key, self._lookup.description)
        for condition in (self._lookup.condition, self._filter()):
            if condition is not None:
                query = query.where(condition)
        return query

    def row(self, values: tuple) -> CodeRow:
        code, description = values
        return CodeRow(str(code), description or "")

    def _filter(self) -> Expression | None:
        if not self.filter_text:
            return None
        text = self.filter_text.upper()
        key = self._lookup.key.cast("TEXT") if self._numeric else self._lookup.key
        described = (self._lookup.search if self._lookup.search is not None
                     else fn.UPPER(self._lookup.description))
        return key.contains(text) | described.contains(text)
