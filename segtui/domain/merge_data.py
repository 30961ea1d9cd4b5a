"""The merge data of a segment line: one dict of field values per contact (DOMAIN.md §2.8).

Rows are read in line order a page at a time, so a 100k-line segment never sits in memory.
Salutations follow built-in formulas per language (formal and informal, by the contact's
salutation code F / M / COMPANY); the mail address is NAV's block: name, company, address lines,
post code and city, and the country when it is not the company's own.
"""
from collections.abc import Iterator

from peewee import JOIN

from segtui.domain.merge_fields import ADDRESS_LINES
from segtui.store.enums import ContactType, CorrespondenceType
from segtui.store.models import (
    Contact, CountryRegion, MarketingSetup, Salesperson, SegmentHeader, SegmentLine)

PAGE = 500
SALUTATIONS = {
    # language: (formal by salutation code, formal fallback, informal)
    "ENU": ({"F": "Dear Ms. {surname}", "M": "Dear Mr. {surname}"}, "Dear Sir or Madam",
            "Dear {first_name}"),
    "SVE": ({"F": "Bästa {first_name} {surname}", "M": "Bästa {first_name} {surname}"},
            "Bästa kund", "Hej {first_name}"),
    "DEU": ({"F": "Sehr geehrte Frau {surname}", "M": "Sehr geehrter Herr {surname}"},
            "Sehr geehrte Damen und Herren", "Hallo {first_name}"),
}


def salutations(language: str, code: str, first_name: str, surname: str) -> tuple[str, str]:
    """(formal, informal) salutation; a formula whose names are blank falls back politely."""
    formal_by_code, formal_fallback, informal = SALUTATIONS.get(language, SALUTATIONS["ENU"])
    names = {"first_name": first_name.strip(), "surname": surname.strip()}
    formula = formal_by_code.get(code.upper())
    formal = formula.format(**names) if formula and all(
        names[key] for key in ("first_name", "surname") if "{" + key + "}" in formula) \
        else formal_fallback
    return formal, informal.format(**names).strip() if names["first_name"] else formal


def mail_address(contact: Contact, country_name: str, home_country: str) -> list[str]:
    """The postal address block of a contact, one line per item, blanks left out."""
    lines = [contact.name, contact.name_2]
    if contact.type == ContactType.PERSON and contact.company_name:
        lines.append(contact.company_name)
    lines += [contact.address, contact.address_2,
              f"{contact.post_code} {contact.city}".strip(), contact.county]
    if contact.country_code and contact.country_code != home_country:
        lines.append(country_name or contact.country_code)
    return [line for line in lines if line and line.strip()]


def company_values() -> dict[str, str]:
    setup = MarketingSetup.get_or_none(MarketingSetup.id == 1)
    if setup is None:
        return {}
    country = CountryRegion.get_or_none(CountryRegion.code == setup.company_country_code)
    return {"Company_Info_Name": setup.company_name, "Company_Info_Address": setup.company_address,
            "Company_Info_Post_Code": setup.company_post_code,
            "Company_Info_City": setup.company_city,
            "Company_Info_Country_Name": country.name if country else setup.company_country_code,
            "Company_Info_Phone_No": setup.company_phone_no,
            "Company_Info_Email": setup.company_email}


def line_values(segment_no: str, line_nos: list[int] | None = None
                ) -> Iterator[tuple[SegmentLine, dict[str, str]]]:
    """(line, merge values) for each contact line of the segment, in line order."""
    header = SegmentHeader.get_by_id(segment_no)
    company = company_values()
    home_country = (MarketingSetup.select(MarketingSetup.company_country_code)
                    .where(MarketingSetup.id == 1).scalar()) or ""
    after = 0
    while True:
        query = (SegmentLine.select(SegmentLine, Contact, Salesperson, CountryRegion)
                 .join(Contact, on=(Contact.no == SegmentLine.contact), attr="contact_row")
                 .join_from(SegmentLine, Salesperson, JOIN.LEFT_OUTER,
                            on=(Salesperson.code == SegmentLine.salesperson),
                            attr="salesperson_row")
                 .join_from(Contact, CountryRegion, JOIN.LEFT_OUTER,
                            on=(CountryRegion.code == Contact.country_code), attr="country_row")
                 .where((SegmentLine.segment == segment_no) & (SegmentLine.line_no > after))
                 .order_by(SegmentLine.line_no).limit(PAGE))
        if line_nos is not None:
            query = query.where(SegmentLine.line_no.in_(line_nos))
        rows = list(query)
        for line in rows:
            yield line, _values(line, header, company, home_country)
        if len(rows) < PAGE:
            return
        after = rows[-1].line_no


def _values(line: SegmentLine, header: SegmentHeader, company: dict, home_country: str) -> dict:
    contact = line.contact_row
    salesperson = getattr(line, "salesperson_row", None)
    seller = salesperson if salesperson is not None and salesperson.code else Salesperson()
    country = getattr(contact, "country_row", None)
    country_name = country.name if country is not None and country.code else ""
    address = mail_address(contact, country_name, home_country)
    formal, informal = salutations(line.language_code, contact.salutation_code,
                                   contact.first_name, contact.surname)
    values = {
        "Entry_No": str(line.line_no), "Contact_No": contact.no,
        "Contact_Company_Name": contact.company_name, "Contact_Name": contact.name,
        "Contact_Name_2": contact.name_2, "Contact_Address": contact.address,
        "Contact_Address_2": contact.address_2, "Contact_Post_Code": contact.post_code,
        "Contact_City": contact.city, "Contact_County": contact.county,
        "Contact_Country_Name": country_name, "Contact_Job_Title": contact.job_title,
        "Contact_Phone_No": contact.phone_no, "Contact_Fax_No": contact.fax_no,
        "Contact_Email": contact.email, "Contact_Mobile_Phone_No": contact.mobile_phone_no,
        "Contact_VAT_Registration_No": contact.vat_registration_no,
        "Contact_Home_Page": contact.home_page, "Contact_Mail_Address": "\n".join(address),
        "Salutation_Formal": formal, "Salutation_Informal": informal,
        "Salesperson_Code": line.salesperson or "",
        "Salesperson_Name": seller.name, "Salesperson_Job_Title": seller.job_title,
        "Salesperson_Phone_No": seller.phone_no, "Salesperson_Email": seller.email,
        "Document_Date": str(line.date or ""), "Document_Campaign_No": line.campaign or "",
        "Document_Segment_No": header.no, "Document_Description": line.description,
        "Document_Subject": line.subject,
        "Fax_Mail_To": contact.fax_no if line.correspondence_type == CorrespondenceType.FAX
        else contact.email,
        **company,
    }
    values.update({name: address[index] if index < len(address) else ""
                   for index, name in enumerate(ADDRESS_LINES)})
    return values
