"""The contact card: create a contact and change it field by field, its classification, its history.

Derived fields stay in step on every change: `search_name` is the upper-cased name, a company's
`company_no` is its own number and its `company_name` its own name, a person's `company_name` is
its company's name (renaming a company updates its persons in one UPDATE). A person on segment
lines keeps its company (SL9): the lines cache it.
"""
import datetime
import re
from dataclasses import dataclass
from enum import IntEnum

from peewee import Select

from segtui.domain.setup import numbering
from segtui.domain.errors import DomainError
from segtui.domain.paging import KeysetPages
from segtui.i18n import _
from segtui.domain.setup.lookups import CodeRow
from segtui.domain.values import (
    option_label, parse_bool, parse_code, parse_option, parse_text, refusal, normal_code)
from segtui.store.connection import write_transaction
from segtui.store.enums import ContactType, CorrespondenceType, Evaluation, ProfileLineType
from segtui.store.models import (
    BusinessRelation, Contact, ContactBusinessRelation, ContactIndustryGroup,
    ContactJobResponsibility, ContactMailingGroup, ContactProfileAnswer, CountryRegion,
    IndustryGroup, InteractionLogEntry, JobResponsibility, Language, MailingGroup, NoSeries,
    ProfileQuestionnaireHeader, ProfileQuestionnaireLine, Salesperson, SegmentLine)

CONTACT_SERIES = "CONT"  # NAV's number series for contacts; without it a number must be typed
EMAIL_SHAPE = re.compile(r"[^@\s;,<>]+@[^@\s;,<>]+\.[^@\s;,<>.]+")
COMPANY, PERSON = ContactType.COMPANY, ContactType.PERSON
HOLDER_LINKS = (ContactIndustryGroup, ContactBusinessRelation)  # kept on the company


@dataclass(frozen=True)
class ContactField:
    """A contact field a user may set: its NAV label, how it is read, its length."""
    attr: str
    label: str
    kind: str = "text"        # text | code | email | bool | option | master | company
    length: int = 30
    enum: type[IntEnum] | None = None
    master: type | None = None  # the table a master code must exist in


CONTACT_FIELDS = {field.attr: field for field in [
    ContactField("no", "No.", "code", 20),
    ContactField("type", "Type", "option", enum=ContactType),
    ContactField("name", "Name", length=100),
    ContactField("name_2", "Name 2", length=50),
    ContactField("company_no", "Company No.", "company", 20),
    ContactField("first_name", "First Name"),
    ContactField("surname", "Surname"),
    ContactField("job_title", "Job Title"),
    ContactField("address", "Address", length=100),
    ContactField("address_2", "Address 2", length=50),
    ContactField("post_code", "Post Code", "code", 20),
    ContactField("city", "City"),
    ContactField("county", "County"),
    ContactField("country_code", "Country/Region Code", "master", 10, master=CountryRegion),
    ContactField("phone_no", "Phone No."),
    ContactField("mobile_phone_no", "Mobile Phone No."),
    ContactField("email", "E-Mail", "email", 80),
    ContactField("home_page", "Home Page", length=80),
    ContactField("language_code", "Language Code", "master", 10, master=Language),
    ContactField("correspondence_type", "Correspondence Type", "option",
                 enum=CorrespondenceType),
    ContactField("salesperson", "Salesperson Code", "master", 20, master=Salesperson),
    ContactField("territory_code", "Territory Code", "code", 10),
    ContactField("exclude_from_segment", "Exclude from Segment", "bool"),
    ContactField("privacy_blocked", "Privacy Blocked", "bool"),
]}
CREATE_FIRST = ("no", "type")  # set when the row is inserted; the other fields follow in order


def contact_field(attr: str) -> ContactField:
    if attr not in CONTACT_FIELDS:
        raise DomainError(_("a contact has no field {attr!r} (fields: {fields})").format(
            attr=attr, fields=", ".join(CONTACT_FIELDS)))
    return CONTACT_FIELDS[attr]


def get_contact(contact_no: str) -> Contact:
    contact = Contact.get_or_none(Contact.no == normal_code(contact_no))
    if contact is None:
        raise DomainError(_("contact {contact_no} does not exist").format(contact_no=contact_no))
    return contact


def parse_contact_value(attr: str, text: str):
    """A typed value for one field from what the user typed; codes must exist (None = blank)."""
    field = contact_field(attr)
    if field.kind == "text":
        return parse_text(field.label, text, field.length)
    if field.kind == "bool":
        return parse_bool(field.label, text)
    if field.kind == "option":
        return parse_option(field.label, text, field.enum)
    if field.kind == "email":
        address = parse_text(field.label, text.strip(), field.length)
        if address and not EMAIL_SHAPE.fullmatch(address):
            raise refusal(field.label, _(
                "{text!r} is not an e-mail address (write name@domain.com)").format(text=text))
        return address
    code = parse_code(field.label, text, field.length)
    if field.kind == "code":
        return code
    if not code:
        return None if attr in ("salesperson", "company_no") else ""
    if field.kind == "company":
        company = Contact.get_or_none(Contact.no == code)
        if company is None:
            raise refusal(field.label, _("contact {contact_no} does not exist").format(
                contact_no=code))
        if company.type != COMPANY:
            raise refusal(field.label, _("contact {code} is not a company").format(code=code))
        return code
    row = field.master.get_or_none(field.master._meta.primary_key == code)
    if row is None:
        raise refusal(field.label, _("{code} does not exist").format(code=code))
    if getattr(row, "blocked", False):
        raise refusal(field.label, _("salesperson {code} is blocked").format(code=code))
    return code


# --- reading -----------------------------------------------------------------------------------

def contact_values(contact_no: str) -> dict:
    """The contact's fields as plain values (options as labels), with its company name."""
    contact = get_contact(contact_no)
    values = {}
    for attr, field in CONTACT_FIELDS.items():
        value = getattr(contact, field.attr)  # a link reads as its code (lazy_load=False)
        if field.kind == "option":
            value = option_label(field.enum(value))
        values[attr] = "" if value is None else value
    values["company_name"] = contact.company_name
    values["is_person"] = contact.type == PERSON
    return values


# --- writing -----------------------------------------------------------------------------------

def create_contact(values: dict, *, user: str) -> str:
    """A new contact from typed texts by field (no number: the next of series CONT); returns its
    number. All fields are checked as `set_contact_field` checks them; one refusal writes nothing.
    `user` is who asks (the services that stamp rows take it too)."""
    unknown = [attr for attr in values if attr not in CONTACT_FIELDS]
    if unknown:
        contact_field(unknown[0])
    with write_transaction():
        contact_no = parse_contact_value("no", values.get("no", ""))
        if not contact_no:
            if not contact_series_exists():
                raise DomainError(_("No.: type a contact number (no number series for contacts "
                                    "is set up: create series {series} to number them)").format(
                                        series=CONTACT_SERIES))
            series = NoSeries.get_by_id(CONTACT_SERIES)
            contact_no = numbering.format_number(series.prefix, series.width,
                                                 numbering.reserve(CONTACT_SERIES))
        if Contact.select().where(Contact.no == contact_no).exists():
            raise DomainError(_("No.: contact {contact_no} already exists").format(
                contact_no=contact_no))
        kind = parse_contact_value("type", values.get("type", "Company"))
        Contact.insert(no=contact_no, type=kind).execute()
        if kind == COMPANY:
            Contact.update(company_no=contact_no).where(Contact.no == contact_no).execute()
        for attr in CONTACT_FIELDS:
            if attr not in CREATE_FIRST and attr in values:
                _set_field(get_contact(contact_no), attr, values[attr])
    return contact_no


def contact_series_exists() -> bool:
    return NoSeries.select().where(NoSeries.code == CONTACT_SERIES).exists()


def set_contact_field(contact_no: str, attr: str, text: str) -> None:
    """Parse and store what the user typed into one field, keeping derived fields in step."""
    if attr == "no":
        raise DomainError(_("No.: a contact's number cannot change"))
    with write_transaction():
        _set_field(get_contact(contact_no), attr, text)


def _set_field(contact: Contact, attr: str, text: str) -> None:
    value = parse_contact_value(attr, text)
    mine = Contact.no == contact.no
    if attr == "name":
        Contact.update(name=value, search_name=value.upper()).where(mine).execute()
        if contact.type == COMPANY:
            Contact.update(company_name=value).where(Contact.company_no == contact.no).execute()
    elif attr == "company_no":
        _change_company(contact, value)
    elif attr == "type":
        _change_type(contact, value)
    else:
        Contact.update({CONTACT_FIELDS[attr].attr: value}).where(mine).execute()


def _on_segment_lines(contact_no: str) -> bool:
    return SegmentLine.select().where(SegmentLine.contact == contact_no).exists()


def _change_company(contact: Contact, company_no: str | None) -> None:
    if contact.type != PERSON:
        if company_no in (None, contact.no):
            return
        raise DomainError(_("Company No.: a company is its own company; only a person's company "
                            "can change"))
    if company_no == contact.company_no_id:
        return
    if _on_segment_lines(contact.no):
        raise DomainError(_("Company No.: you cannot change Company No. because one or more "
                            "unlogged segments are assigned to the contact"))
    name = Contact.select(Contact.name).where(Contact.no == company_no).scalar() \
        if company_no else ""
    Contact.update(company_no=company_no, company_name=name or "").where(
        Contact.no == contact.no).execute()
    ContactProfileAnswer.update(contact_company_no=company_no or "").where(
        ContactProfileAnswer.contact == contact.no).execute()


def _change_type(contact: Contact, kind: ContactType) -> None:
    if kind == contact.type:
        return
    if _on_segment_lines(contact.no):
        raise DomainError(_("Type: you cannot change Type because one or more unlogged segments "
                            "are assigned to the contact"))
    mine = Contact.no == contact.no
    if kind == PERSON:
        persons = Contact.select().where((Contact.company_no == contact.no) & ~mine).count()
        if persons:
            raise DomainError(_("Type: company {contact_no} cannot become a person while "
                                "{persons} persons belong to it").format(
                                    contact_no=contact.no, persons=persons))
        for model, message in (
                (ContactIndustryGroup, _("Type: remove the company's industry groups before it "
                                         "becomes a person")),
                (ContactBusinessRelation, _("Type: remove the company's business relations "
                                            "before it becomes a person"))):
            if model.select().where(model.contact == contact.no).exists():
                raise DomainError(message)
        Contact.update(type=kind, company_no=None, company_name="").where(mine).execute()
        ContactProfileAnswer.update(contact_company_no="").where(
            ContactProfileAnswer.contact == contact.no).execute()
    else:
        if ContactJobResponsibility.select().where(
                ContactJobResponsibility.contact == contact.no).exists():
            raise DomainError(_("Type: remove the person's job responsibilities before it becomes "
                                "a company"))
        Contact.update(type=kind, company_no=contact.no, company_name=contact.name).where(
            mine).execute()
        ContactProfileAnswer.update(contact_company_no=contact.no).where(
            ContactProfileAnswer.contact == contact.no).execute()


# --- classification ----------------------------------------------------------------------------

def classification(contact_no: str) -> dict[str, list[dict]]:
    """The contact's mailing groups, job responsibilities, industry groups (a person's are its
    company's), business relations and profile answers, each a list of plain rows."""
    contact = get_contact(contact_no)
    holder = contact.company_no_id if contact.type == PERSON else contact.no

    def coded(link, code_field, master):
        query = (link.select(master.code, master.description)
                 .join(master, on=(code_field == master.code))
                 .where(link.contact == (holder if link in HOLDER_LINKS else contact.no))
                 .order_by(master.code).tuples())
        return [{"code": code, "description": description} for code, description in query]

    answers = (ContactProfileAnswer
               .select(ContactProfileAnswer.questionnaire, ContactProfileAnswer.line_no,
                       ProfileQuestionnaireLine.code, ProfileQuestionnaireLine.description)
               .join(ProfileQuestionnaireLine, on=(
                   (ProfileQuestionnaireLine.questionnaire == ContactProfileAnswer.questionnaire)
                   & (ProfileQuestionnaireLine.line_no == ContactProfileAnswer.line_no)))
               .where(ContactProfileAnswer.contact == contact.no)
               .order_by(ContactProfileAnswer.questionnaire, ContactProfileAnswer.line_no)
               .tuples())
    return {
        "mailing_groups": coded(ContactMailingGroup, ContactMailingGroup.mailing_group,
                                MailingGroup),
        "job_responsibilities": coded(ContactJobResponsibility,
                                      ContactJobResponsibility.job_responsibility,
                                      JobResponsibility),
        "industry_groups": [] if holder is None else coded(
            ContactIndustryGroup, ContactIndustryGroup.industry_group, IndustryGroup),
        "business_relations": [] if holder is None else coded(
            ContactBusinessRelation, ContactBusinessRelation.business_relation,
            BusinessRelation),
        "profile_answers": [{"questionnaire": questionnaire, "line_no": line_no, "code": code,
                             "description": description}
                            for questionnaire, line_no, code, description in answers],
    }


def _master_code(label: str, master, text: str) -> str:
    code = parse_code(label, text, 10)
    if not code:
        raise refusal(label, _("choose a code"))
    if not master.select().where(master.code == code).exists():
        raise refusal(label, _("{code} does not exist").format(code=code))
    return code


def _add_link(contact_no: str, label: str, link, code_field, master, code: str) -> None:
    with write_transaction():
        contact = get_contact(contact_no)
        code = _master_code(label, master, code)
        if link.select().where((link.contact == contact.no) & (code_field == code)).exists():
            raise refusal(label, _("contact {contact_no} already has {code}").format(
                contact_no=contact.no, code=code))
        link.insert({link.contact: contact.no, code_field: code}).execute()


def _remove_link(contact_no: str, label: str, link, code_field, code: str) -> None:
    with write_transaction():
        contact = get_contact(contact_no)
        code = parse_code(label, code, 10)
        removed = link.delete().where((link.contact == contact.no)
                                      & (code_field == code)).execute()
        if not removed:
            raise refusal(label, _("contact {contact_no} does not have {code}").format(
                contact_no=contact.no, code=code))


def add_mailing_group(contact_no: str, code: str) -> None:
    _add_link(contact_no, "Mailing Group", ContactMailingGroup,
              ContactMailingGroup.mailing_group, MailingGroup, code)


def remove_mailing_group(contact_no: str, code: str) -> None:
    _remove_link(contact_no, "Mailing Group", ContactMailingGroup,
                 ContactMailingGroup.mailing_group, code)


def add_job_responsibility(contact_no: str, code: str) -> None:
    """Job responsibilities are a person's; a company is refused."""
    if get_contact(contact_no).type != PERSON:
        raise DomainError(_("Job Responsibility: job responsibilities belong to persons, not to "
                            "companies"))
    _add_link(contact_no, "Job Responsibility", ContactJobResponsibility,
              ContactJobResponsibility.job_responsibility, JobResponsibility, code)


def remove_job_responsibility(contact_no: str, code: str) -> None:
    _remove_link(contact_no, "Job Responsibility", ContactJobResponsibility,
                 ContactJobResponsibility.job_responsibility, code)


def _company_only(contact_no: str) -> None:
    contact = get_contact(contact_no)
    if contact.type == PERSON:
        if not contact.company_no_id:
            raise DomainError(_("Industry Group: a person inherits industry groups from its "
                                "company, and this person has none"))
        raise DomainError(_("Industry Group: industry groups belong to its company {company_no}; "
                            "the person inherits them — change them on the company's card")
                          .format(company_no=contact.company_no_id))


def add_industry_group(contact_no: str, code: str) -> None:
    """Industry groups are a company's; its persons inherit them, so a person is refused."""
    _company_only(contact_no)
    _add_link(contact_no, "Industry Group", ContactIndustryGroup,
              ContactIndustryGroup.industry_group, IndustryGroup, code)


def remove_industry_group(contact_no: str, code: str) -> None:
    _company_only(contact_no)
    _remove_link(contact_no, "Industry Group", ContactIndustryGroup,
                 ContactIndustryGroup.industry_group, code)


def _answer_line(questionnaire: str, answer: str) -> tuple[str, int]:
    code = parse_code("Profile Questionnaire", questionnaire, 10)
    if not ProfileQuestionnaireHeader.select().where(
            ProfileQuestionnaireHeader.code == code).exists():
        raise refusal("Profile Questionnaire", _("{code} does not exist").format(
            code=code or repr(questionnaire)))
    answer_code = parse_code("Answer", answer, 10)
    line_no = (ProfileQuestionnaireLine.select(ProfileQuestionnaireLine.line_no)
               .where((ProfileQuestionnaireLine.questionnaire == code)
                      & (ProfileQuestionnaireLine.type == ProfileLineType.ANSWER)
                      & (ProfileQuestionnaireLine.code == answer_code)).scalar())
    if line_no is None:
        raise refusal("Answer", _("questionnaire {code} has no answer {answer}").format(
            code=code, answer=answer_code or _("(blank)")))
    return code, line_no


def add_profile_answer(contact_no: str, questionnaire: str, answer: str) -> None:
    """Give the contact an answer (by its code) of a profile questionnaire."""
    with write_transaction():
        contact = get_contact(contact_no)
        code, line_no = _answer_line(questionnaire, answer)
        mine = ((ContactProfileAnswer.contact == contact.no)
                & (ContactProfileAnswer.questionnaire == code)
                & (ContactProfileAnswer.line_no == line_no))
        if ContactProfileAnswer.select().where(mine).exists():
            raise refusal("Answer", _("contact {contact_no} already has answer {answer}").format(
                contact_no=contact.no, answer=answer.upper()))
        ContactProfileAnswer.insert(contact=contact.no, questionnaire=code, line_no=line_no,
                                    contact_company_no=contact.company_no_id or "",
                                    last_date_updated=datetime.date.today()).execute()


def remove_profile_answer(contact_no: str, questionnaire: str, answer: str) -> None:
    with write_transaction():
        contact = get_contact(contact_no)
        code, line_no = _answer_line(questionnaire, answer)
        removed = ContactProfileAnswer.delete().where(
            (ContactProfileAnswer.contact == contact.no)
            & (ContactProfileAnswer.questionnaire == code)
            & (ContactProfileAnswer.line_no == line_no)).execute()
        if not removed:
            raise refusal("Answer", _("contact {contact_no} does not have answer {answer}").format(
                contact_no=contact.no, answer=answer.upper()))


class ProfileAnswerPageSource(KeysetPages):
    """The answers of one questionnaire as a pick list (code, description), keyset on the code."""

    order_key = ProfileQuestionnaireLine.code
    key_attribute = "code"

    def __init__(self, questionnaire: str, filter_text: str = "") -> None:
        self.questionnaire = questionnaire
        self.filter_text = filter_text.strip().upper()

    def query(self) -> Select:
        line = ProfileQuestionnaireLine
        query = line.select(line.code, line.description).where(
            (line.questionnaire == self.questionnaire) & (line.type == ProfileLineType.ANSWER))
        if self.filter_text:
            query = query.where(line.code.contains(self.filter_text)
                                | line.description.contains(self.filter_text))
        return query

    def row(self, values: tuple) -> CodeRow:
        code, description = values
        return CodeRow(code, description or "")


# --- history -----------------------------------------------------------------------------------

def history(contact_no: str, limit: int = 100) -> list[dict]:
    """The contact's interaction log entries, newest first, as plain values."""
    contact = get_contact(contact_no)
    entry = InteractionLogEntry
    query = (entry.select(entry.entry_no, entry.date, entry.interaction_template_code,
                          entry.description, entry.segment_no, entry.salesperson_code,
                          entry.evaluation, entry.canceled)
             .where((entry.contact_no == contact.no) & (entry.postponed == False))  # noqa: E712
             .order_by(entry.date.desc(nulls="LAST"), entry.entry_no.desc())
             .limit(limit).tuples())
    return [{"entry_no": no, "date": str(day or ""), "template": template,
             "description": description, "segment_no": segment, "salesperson": salesperson,
             "evaluation": option_label(Evaluation(evaluation)), "canceled": canceled}
            for no, day, template, description, segment, salesperson, evaluation, canceled
            in query]
