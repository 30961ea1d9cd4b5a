"""Criteria sources of Add / Reduce / Refine: what `SOURCE.FIELD=FILTER` means and how it selects.

Each source is a table related to a candidate contact (M-11): the contact itself, its
mailing groups, profile answers, interaction log entries, the lines of open segments (set
operations between segments), job responsibilities, and — through the contact's company —
industry groups and business relations. A candidate qualifies when, for each
source that has filters, at least one related row matches all of that source's filters (AND across
sources, EXISTS within a source).
"""
import json
import operator
from dataclasses import dataclass, field
from functools import reduce

from peewee import Tuple, fn

from segtui.domain.errors import DomainError
from segtui.i18n import _
from segtui.domain.filters import (
    BOOLEAN, CODE, DATE, DECIMAL, INTEGER, OPTION, TEXT, FieldKind, FilterError, condition)
from segtui.store.enums import ContactType, CorrespondenceType, Evaluation
from segtui.store.models import (
    BusinessRelation, Campaign, Contact, ContactBusinessRelation, ContactIndustryGroup,
    ContactJobResponsibility, ContactMailingGroup, ContactProfileAnswer, CountryRegion,
    IndustryGroup, InteractionGroup, InteractionLogEntry, InteractionTemplate, JobResponsibility,
    Language, LoggedSegment, MailingGroup, ProfileQuestionnaireHeader, ProfileQuestionnaireLine,
    Salesperson, SegmentHeader, SegmentLine)


@dataclass(frozen=True)
class SourceField:
    """One filterable field: its stored column name, kind and the master table of its codes."""
    column: str
    kind: FieldKind
    master: tuple | None = None   # (model, key field, what the code is called)


@dataclass(frozen=True)
class Source:
    """A criteria source: CLI name, stored table name, its fields (alias → field) and default."""
    name: str
    table: str
    caption: str
    fields: dict[str, SourceField]
    default: str


def _code(column, master=None, nullable=False):
    return SourceField(column, FieldKind(CODE, nullable=nullable), master)


CONTACT_FIELDS = {
    "no": _code("no"),
    "name": SourceField("name", FieldKind(TEXT)),
    "search_name": _code("search_name"),
    "type": SourceField("type", FieldKind(OPTION, ContactType)),
    "company_no": _code("company_no", nullable=True),
    "company_name": SourceField("company_name", FieldKind(TEXT)),
    "salesperson": _code("salesperson_code", (Salesperson, Salesperson.code, "salesperson"), True),
    "post_code": _code("post_code"),
    "city": SourceField("city", FieldKind(TEXT)),
    "county": SourceField("county", FieldKind(TEXT)),
    "country": _code("country_code", (CountryRegion, CountryRegion.code, "country/region")),
    "territory": _code("territory_code"),
    "language": _code("language_code", (Language, Language.code, "language")),
    "email": SourceField("email", FieldKind(TEXT)),
    "phone_no": SourceField("phone_no", FieldKind(TEXT)),
    "job_title": SourceField("job_title", FieldKind(TEXT)),
    "vat_registration_no": SourceField("vat_registration_no", FieldKind(TEXT)),
    "external_id": SourceField("external_id", FieldKind(TEXT)),
    "correspondence_type": SourceField("correspondence_type",
                                       FieldKind(OPTION, CorrespondenceType)),
    "exclude_from_segment": SourceField("exclude_from_segment", FieldKind(BOOLEAN)),
    "privacy_blocked": SourceField("privacy_blocked", FieldKind(BOOLEAN)),
}

SOURCES = {source.name: source for source in [
    Source("contact", "contact", "Contact", CONTACT_FIELDS, "no"),
    Source("profile", "contact_profile_answer", "Contact Profile Answer", {
        "questionnaire": _code("profile_questionnaire_code",
                               (ProfileQuestionnaireHeader, ProfileQuestionnaireHeader.code,
                                "profile questionnaire")),
        "answer": _code("answer_code"),
        "line_no": SourceField("line_no", FieldKind(INTEGER)),
    }, "answer"),
    Source("mailing", "contact_mailing_group", "Contact Mailing Group", {
        "code": _code("mailing_group_code", (MailingGroup, MailingGroup.code, "mailing group")),
    }, "code"),
    Source("interaction", "interaction_log_entry", "Interaction Log Entry", {
        "date": SourceField("date", FieldKind(DATE, nullable=True)),
        "segment": _code("segment_no"),
        "campaign": _code("campaign_no", (Campaign, Campaign.no, "campaign")),
        "evaluation": SourceField("evaluation", FieldKind(OPTION, Evaluation)),
        "template": _code("interaction_template_code",
                          (InteractionTemplate, InteractionTemplate.code, "interaction template")),
        "group": _code("interaction_group_code",
                       (InteractionGroup, InteractionGroup.code, "interaction group")),
        "salesperson": _code("salesperson_code", (Salesperson, Salesperson.code, "salesperson")),
        "correspondence_type": SourceField("correspondence_type",
                                           FieldKind(OPTION, CorrespondenceType)),
        "canceled": SourceField("canceled", FieldKind(BOOLEAN)),
        "logged_segment": SourceField("logged_segment_entry_no", FieldKind(INTEGER),
                                      (LoggedSegment, LoggedSegment.entry_no, "logged segment")),
        "description": SourceField("description", FieldKind(TEXT)),
        "cost": SourceField("cost", FieldKind(DECIMAL)),
    }, "template"),
    Source("segment", "segment_line", "Segment", {
        "no": _code("segment_no", (SegmentHeader, SegmentHeader.no, "segment")),
    }, "no"),
    Source("jobresp", "contact_job_responsibility", "Contact Job Responsibility", {
        "code": _code("job_responsibility_code",
                      (JobResponsibility, JobResponsibility.code, "job responsibility")),
    }, "code"),
    Source("industry", "contact_industry_group", "Contact Industry Group", {
        "code": _code("industry_group_code", (IndustryGroup, IndustryGroup.code, "industry group")),
    }, "code"),
    Source("business", "contact_business_relation", "Contact Business Relation", {
        "code": _code("business_relation_code",
                      (BusinessRelation, BusinessRelation.code, "business relation")),
    }, "code"),
]}
SOURCE_ORDER = ["contact", "profile", "mailing", "interaction", "segment", "jobresp", "industry",
                "business"]
TABLE_TO_SOURCE = {source.table: source for source in SOURCES.values()}
FIELD_ALIASES = {"salesperson_code": "salesperson", "country_code": "country",
                 "territory_code": "territory", "language_code": "language", "e_mail": "email",
                 "mailing_group_code": "code", "industry_group_code": "code",
                 "job_responsibility_code": "code", "business_relation_code": "code",
                 "interaction_template_code": "template", "segment_no": "segment",
                 "campaign_no": "campaign", "logged_segment_entry_no": "logged_segment"}


@dataclass(frozen=True)
class Criterion:
    """One `SOURCE.FIELD=FILTER` as typed, resolved to its source and field."""
    source: str
    field: str
    expression: str
    text: str

    @property
    def spec(self) -> SourceField:
        return SOURCES[self.source].fields[self.field]


@dataclass
class CriteriaSet:
    """Criteria grouped by source, in NAV's source order; what one Action's Filter rows hold."""
    by_source: dict[str, list[Criterion]] = field(default_factory=dict)

    @classmethod
    def of(cls, criteria: list[Criterion]) -> "CriteriaSet":
        grouped = {}
        for criterion in criteria:
            grouped.setdefault(criterion.source, []).append(criterion)
        return cls({name: grouped[name] for name in SOURCE_ORDER if name in grouped})

    def __bool__(self) -> bool:
        return bool(self.by_source)

    def views(self) -> list[tuple[str, str]]:
        """(table name, JSON view) per source: the Filter rows stored with an Action."""
        rows = []
        for name, criteria in self.by_source.items():
            filters = {}
            for criterion in criteria:
                filters.setdefault(criterion.spec.column, []).append(criterion.expression)
            # One expression per field as typed; a field filtered twice keeps both in a list
            # (joining them with & would bind tighter than their own |).
            filters = {column: expressions[0] if len(expressions) == 1 else expressions
                       for column, expressions in filters.items()}
            rows.append((SOURCES[name].table, json.dumps({"table": SOURCES[name].table,
                                                          "filters": filters})))
        return rows

    @classmethod
    def from_views(cls, views: list[tuple[str, str]]) -> "CriteriaSet":
        """Rebuild the set from stored Filter rows (for Reuse Criteria and the criteria view)."""
        criteria = []
        for table, view in views:
            source = TABLE_TO_SOURCE.get(table)
            if source is None:
                raise DomainError(_("stored criteria name an unknown table {table!r}").format(
                    table=table))
            columns = {spec.column: alias for alias, spec in source.fields.items()}
            for column, expressions in json.loads(view)["filters"].items():
                alias = columns[column]
                for expression in filter_expressions(expressions):
                    criteria.append(Criterion(source.name, alias, expression,
                                              f"{source.name}.{alias}={expression}"))
        return cls.of(criteria)

    def describe(self) -> list[str]:
        return [criterion.text for criteria in self.by_source.values() for criterion in criteria]


def filter_expressions(stored: str | list[str]) -> list[str]:
    """The expressions a stored view holds for one field (one, or a list when filtered twice)."""
    return [stored] if isinstance(stored, str) else list(stored)


def parse_criterion(text: str) -> Criterion:
    """Read `SOURCE.FIELD=FILTER` (or `SOURCE=FILTER` for the source's main field)."""
    name, equals, expression = text.partition("=")
    if not equals:
        raise DomainError(_("{text}: a criterion is written SOURCE.FIELD=FILTER, e.g. "
                            "industry=RETAIL").format(text=text))
    source_name, _dot, field_name = name.strip().lower().partition(".")
    source = SOURCES.get(source_name)
    if source is None:
        raise DomainError(_("{text}: unknown source {source!r} (sources: {sources})").format(
            text=text, source=source_name, sources=", ".join(SOURCE_ORDER)))
    field_name = field_name.replace("-", "_") or source.default
    field_name = FIELD_ALIASES.get(field_name, field_name)
    if field_name not in source.fields:
        raise DomainError(_("{text}: {source} has no field {field!r} (fields: {fields})").format(
            text=text, source=source.name, field=field_name, fields=", ".join(source.fields)))
    criterion = Criterion(source.name, field_name, expression.strip(), text)
    try:
        _criterion_condition(criterion, SOURCE_MODELS[criterion.source])
        if criterion.source == "profile" and criterion.field == "answer":
            _check_profile_answer(criterion.expression)
        else:
            _check_codes(criterion)
    except FilterError as exc:
        raise DomainError(f"{text}: {exc}") from None
    return criterion


def parse_criteria(texts: list[str]) -> CriteriaSet:
    return CriteriaSet.of([parse_criterion(text) for text in texts])


def _exact_values(expression: str) -> list[str] | None:
    """The values of a plain `a|b|c` filter, or None when it uses ranges, wildcards or negation."""
    values = [value.strip() for value in expression.split("|")]
    if any(not value or any(mark in value for mark in "*?.<>&'=") for value in values):
        return None
    return values


def _check_codes(criterion: Criterion) -> None:
    """Refuse an exact code that does not exist in its master table (a typo finds nothing)."""
    master = criterion.spec.master
    values = _exact_values(criterion.expression)
    if master is None or values is None:
        return
    model, key, label = master
    wanted = {value.upper() for value in values}
    known = {str(row[0]) for row in model.select(key).where(key.in_(list(wanted))).tuples()}
    missing = sorted(wanted - known)
    if missing:
        raise FilterError(_("{label} {codes} does not exist").format(
            label=_(label), codes=", ".join(missing)))


def _check_profile_answer(expression: str) -> None:
    """`QUESTIONNAIRE:ANSWER`: both must exist when they are plain codes."""
    questionnaire, _colon, answer = expression.rpartition(":")
    questionnaires = _exact_values(questionnaire) if questionnaire else None
    if questionnaires:
        found = {row[0] for row in ProfileQuestionnaireHeader.select(
            ProfileQuestionnaireHeader.code).where(
            ProfileQuestionnaireHeader.code.in_([q.upper() for q in questionnaires])).tuples()}
        missing = sorted({q.upper() for q in questionnaires} - found)
        if missing:
            raise FilterError(_("profile questionnaire {codes} does not exist").format(
                codes=", ".join(missing)))
    answers = _exact_values(answer)
    if answers:
        query = ProfileQuestionnaireLine.select(ProfileQuestionnaireLine.code).where(
            ProfileQuestionnaireLine.code.in_([a.upper() for a in answers]))
        if questionnaires:
            query = query.where(ProfileQuestionnaireLine.questionnaire.in_(
                [q.upper() for q in questionnaires]))
        missing = sorted({a.upper() for a in answers} - {row[0] for row in query.tuples()})
        if missing:
            if questionnaires:
                raise FilterError(_("profile answer {codes} does not exist in {questionnaire}")
                                  .format(codes=", ".join(missing),
                                          questionnaire=questionnaire.upper()))
            raise FilterError(_("profile answer {codes} does not exist").format(
                codes=", ".join(missing)))


SOURCE_MODELS = {
    "contact": Contact, "profile": ContactProfileAnswer, "mailing": ContactMailingGroup,
    "interaction": InteractionLogEntry, "segment": SegmentLine,
    "jobresp": ContactJobResponsibility, "industry": ContactIndustryGroup,
    "business": ContactBusinessRelation,
}


def _column(model, column_name: str):
    """The field (of a model or of an alias of it) stored in `column_name`."""
    for model_field in model._meta.sorted_fields:
        if model_field.column_name == column_name:
            return getattr(model, model_field.name)
    raise KeyError(column_name)


def _criterion_condition(criterion: Criterion, model, answer_line=None):
    """The condition of one criterion on rows of its source table."""
    if criterion.source == "profile" and criterion.field == "answer":
        questionnaire, _colon, answer = criterion.expression.rpartition(":")
        line = answer_line or ProfileQuestionnaireLine
        parts = [condition(line.code, answer, FieldKind(CODE))]
        if questionnaire:
            parts.append(condition(model.questionnaire, questionnaire, FieldKind(CODE)))
        return reduce(operator.and_, parts)
    return condition(_column(model, criterion.spec.column), criterion.expression,
                     criterion.spec.kind)


def _related(source: str, criteria: list[Criterion], contact):
    """The contact has a row of `source` matching every criterion (EXISTS within the source).

    Written as `contact.no IN (SELECT contact_no FROM source WHERE …)` (through the company for
    industry groups and business relations), which lets the database start from the index of
    the filtered code instead of probing every contact.

    An interaction log entry belongs to the contact only while it is still with the company the
    entry names (C17: as in NAV, Contact No. and Contact Company No. both match): a row value
    `(no, company) IN (SELECT contact_no, contact_company_no …)`, which keeps that plan on
    SQLite and PostgreSQL. Log writes '' for a contact without company, where the contact holds
    NULL, hence the COALESCE.
    """
    model = SOURCE_MODELS[source]
    interaction = source == "interaction"
    owner = [model.contact_no, model.contact_company_no] if interaction else [model.contact]
    query = model.select(*owner)
    answer_line = None
    if source == "profile":
        answer_line = ProfileQuestionnaireLine.alias()
        query = query.join(answer_line, on=(answer_line.questionnaire == model.questionnaire)
                           & (answer_line.line_no == model.line_no))
    query = query.where(reduce(operator.and_, [_criterion_condition(item, model, answer_line)
                                               for item in criteria]))
    if interaction:
        return Tuple(contact.no, fn.COALESCE(contact.company_no, "")).in_(query)
    linked = contact.company_no if source in ("industry", "business") else contact.no
    return linked.in_(query)


def qualifying_condition(criteria: CriteriaSet, contact=Contact):
    """The WHERE condition on `contact` (a Contact model or alias) for the whole criteria set."""
    conditions = []
    for source, items in criteria.by_source.items():
        if source == "contact":
            conditions += [_criterion_condition(item, contact) for item in items]
        else:
            conditions.append(_related(source, items, contact))
    return reduce(operator.and_, conditions) if conditions else None
