"""The import's writes: numbers, missing codes, new contacts, changed contacts, classification.

Every step is one set-based statement from the staging tables; the caller runs them all in one
transaction. A changed contact gets only the columns the file has; its classification of a
column the file has is replaced by the row's codes.
"""
from itertools import islice

from peewee import Case, fn

from segtui.domain.setup import numbering
from segtui.domain.contacts.cards import CONTACT_SERIES
from segtui.domain.contacts.file_columns import COLUMNS_BY_NAME
from segtui.domain.contacts.importing.checks import COMPANY, PERSON
from segtui.domain.contacts.importing.companies import NEW_COMPANY_ROWS
from segtui.domain.contacts.importing.rows import CODE_TABLES
from segtui.domain.contacts.importing.staging import (
    VALUE_COLUMNS, ImportCode, ImportPair, ImportRow)
from segtui.store.bulk import bulk_insert
from segtui.store.models import (
    Contact, ContactIndustryGroup, ContactJobResponsibility, ContactMailingGroup,
    ContactProfileAnswer, NoSeries, Salesperson)

LINKS = {"mailing_groups": (ContactMailingGroup, ContactMailingGroup.mailing_group),
         "industry_groups": (ContactIndustryGroup, ContactIndustryGroup.industry_group),
         "job_responsibilities": (ContactJobResponsibility,
                                  ContactJobResponsibility.job_responsibility)}
PAGE = 10_000


def number_new_rows() -> None:
    """New rows without a No. take the next numbers of series CONT, in the order of the file
    (the companies --create-companies adds first)."""
    count = ImportRow.select().where(ImportRow.no == "").count()
    if not count:
        return
    first = numbering.reserve(CONTACT_SERIES, count)
    series = NoSeries.get_by_id(CONTACT_SERIES)
    ImportPair.delete().execute()
    bulk_insert(ImportPair, (ImportPair.row, ImportPair.value),
                ((line, numbering.format_number(series.prefix, series.width, first + index))
                 for index, line in enumerate(_unnumbered_rows())))
    ImportRow.update(no=ImportPair.select(ImportPair.value).where(
        ImportPair.row == ImportRow.row)).where(ImportRow.no == "").execute()


def link_file_companies() -> None:
    """Persons whose company is a row of the file get that row's (now final) No."""
    other = ImportRow.alias()
    ImportRow.update(company_no=other.select(other.no).where(
        other.row == ImportRow.company_row)).where(ImportRow.company_row.is_null(False)).execute()


def _unnumbered_rows():
    last = NEW_COMPANY_ROWS
    while True:
        page = [line for (line,) in ImportRow.select(ImportRow.row).where(
            (ImportRow.no == "") & (ImportRow.row > last)).order_by(ImportRow.row)
            .limit(PAGE).tuples()]
        yield from page
        if len(page) < PAGE:
            return
        last = page[-1]


def missing_codes(present: set[str]) -> dict[str, list[str]]:
    """The codes the rows use that no code table has yet, by column (for --create-codes)."""
    missing = {}
    for name, model in CODE_TABLES.items():
        if name in present:
            missing[name] = [code for (code,) in ImportCode.select(ImportCode.code).distinct()
                             .where((ImportCode.kind == name) & ImportCode.code.not_in(
                                 model.select(model._meta.primary_key)))
                             .order_by(ImportCode.code).tuples()]
    for name in ("country_code", "language_code", "salesperson_code"):
        if name in present:
            model, value = COLUMNS_BY_NAME[name].master, getattr(
                ImportRow, COLUMNS_BY_NAME[name].attr)
            missing[name] = [code for (code,) in ImportRow.select(value).distinct()
                             .where((value != "") & value.not_in(
                                 model.select(model._meta.primary_key)))
                             .order_by(value).tuples()]
    return {name: codes for name, codes in missing.items() if codes}


def create_codes(missing: dict[str, list[str]]) -> None:
    for name, codes in missing.items():
        model = CODE_TABLES.get(name) or COLUMNS_BY_NAME[name].master
        label = Salesperson.name if model is Salesperson else (
            model.description if hasattr(model, "description") else model.name)
        for start in range(0, len(codes), 500):
            model.insert_many([(code, code) for code in islice(codes, start, start + 500)],
                              fields=[model._meta.primary_key, label]).execute()


def _value(column, kept=""):
    """A staged value as written; `kept` stands for an Address 2 the row leaves as it is."""
    value = getattr(ImportRow, column.attr)
    if column.name == "address_2":
        return fn.COALESCE(value, kept)
    return fn.NULLIF(value, "") if column.name == "salesperson_code" else value


def insert_new_contacts(present: set[str]) -> None:
    """The new rows as contacts: the companies first, so the persons' companies exist."""
    columns = [column for column in VALUE_COLUMNS if column.name in _staged_names(present)]
    fields = [Contact.no, Contact.type, Contact.search_name, Contact.company_no,
              *(getattr(Contact, column.attr) for column in columns)]
    for kind in (COMPANY, PERSON):
        company = ImportRow.no if kind == COMPANY else ImportRow.company_no
        query = (ImportRow.select(ImportRow.no, ImportRow.type, ImportRow.search_name, company,
                                  *(_value(column) for column in columns))
                 .where(ImportRow.match_no.is_null() & (ImportRow.type == kind)))
        Contact.insert_from(query, fields).execute()


def _staged_names(present: set[str]) -> set[str]:
    """The name is staged whenever the file has it or the parts it is composed of; Address 2
    whenever the file has an address (its second line goes there)."""
    return (present | ({"name"} if present & {"first_name", "middle_name", "surname"} else set())
            | ({"address_2"} if "address" in present else set()))


def update_matched_contacts(present: set[str]) -> None:
    """The columns the file has, on the contacts the rows match."""
    matched = Contact.no.in_(ImportRow.select(ImportRow.match_no).where(
        ImportRow.match_no.is_null(False)))

    def staged(expression):
        return ImportRow.select(expression).where(ImportRow.match_no == Contact.no)

    changes = {getattr(Contact, column.attr): staged(_value(column, Contact.address_2))
               for column in VALUE_COLUMNS if column.name in _staged_names(present)}
    if "name" in _staged_names(present):
        changes[Contact.search_name] = staged(ImportRow.search_name)
    if present & {"company_no", "company_name"}:
        changes[Contact.company_no] = staged(Case(ImportRow.type, [(COMPANY, ImportRow.no)],
                                                  ImportRow.company_no))
    if changes:
        Contact.update(changes).where(matched).execute()
        if Contact.company_no in changes:
            ContactProfileAnswer.update(contact_company_no=fn.COALESCE(
                Contact.select(Contact.company_no).where(
                    Contact.no == ContactProfileAnswer.contact), "")).where(
                ContactProfileAnswer.contact.in_(ImportRow.select(ImportRow.match_no).where(
                    ImportRow.type == PERSON))).execute()


def refresh_company_names() -> None:
    """A company's company name is its name; a person's is its company's name."""
    imported_companies = ImportRow.select(ImportRow.no).where(ImportRow.type == COMPANY)
    Contact.update(company_name=Contact.name).where(
        Contact.no.in_(imported_companies)).execute()
    company = Contact.alias()
    Contact.update(company_name=fn.COALESCE(
        company.select(company.name).where(company.no == Contact.company_no), "")).where(
        (Contact.type == PERSON)
        & (Contact.no.in_(ImportRow.select(ImportRow.no).where(ImportRow.type == PERSON))
           | Contact.company_no.in_(imported_companies))).execute()


def write_classification(present: set[str]) -> None:
    """Replace the classification of each column the file has; a person's industry groups go to
    its company when the company's own row is not in the file."""
    for name, (link, code_field) in LINKS.items():
        if name not in present:
            continue
        holders = ImportRow.type == COMPANY if name == "industry_groups" else ImportRow.row > 0
        link.delete().where(link.contact.in_(ImportRow.select(ImportRow.match_no).where(
            ImportRow.match_no.is_null(False) & holders))).execute()
        rows = (ImportRow.select(ImportRow.no, ImportCode.code)
                .join(ImportCode, on=(ImportCode.row == ImportRow.row))
                .where((ImportCode.kind == name) & holders))
        link.insert_from(rows, [link.contact, code_field]).execute()
    if "industry_groups" in present:
        taken = ContactIndustryGroup.select().where(
            (ContactIndustryGroup.contact == ImportRow.company_no)
            & (ContactIndustryGroup.industry_group == ImportCode.code))
        rows = (ImportRow.select(ImportRow.company_no, ImportCode.code).distinct()
                .join(ImportCode, on=(ImportCode.row == ImportRow.row))
                .where((ImportCode.kind == "industry_groups") & (ImportRow.type == PERSON)
                       & ImportRow.company_row.is_null() & ImportRow.company_no.is_null(False)
                       & ~fn.EXISTS(taken)))
        ContactIndustryGroup.insert_from(
            rows, [ContactIndustryGroup.contact, ContactIndustryGroup.industry_group]).execute()
