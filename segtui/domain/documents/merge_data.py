"""The merge data of a segment line: one dict of field values per contact (M-33).

The values grow from a *snapshot*: the raw contact, salesperson, line and company data of one
line, built by the database as one JSON text (`snapshot_column`). The log stores that snapshot
in each interaction entry that has a document, so the document can later be merged again
exactly as it was sent (`values_from_snapshot`), whatever has changed since; `line_values`
reads the same snapshots for a segment in line order, a page at a time, so a 100k-line segment
never sits in memory.

Salutations follow built-in formulas per language (formal and informal, by the contact's
salutation code F / M / COMPANY); the mail address is NAV's block: name, company, address lines,
post code and city, and the country when it is not the company's own.
"""
import datetime
import json
from collections.abc import Iterator

from peewee import JOIN, SqliteDatabase, Value, fn

from segtui.domain.errors import DomainError
from segtui.domain.documents.merge_fields import ADDRESS_LINES
from segtui.store.connection import db
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
CONTACT_FIELDS = ("no", "type", "company_name", "name", "name_2", "first_name", "surname",
                  "salutation_code", "job_title", "address", "address_2", "post_code", "city",
                  "county", "country_code", "phone_no", "mobile_phone_no", "fax_no", "email",
                  "home_page", "vat_registration_no")
SALESPERSON_FIELDS = ("name", "job_title", "phone_no", "email")
LAYOUT = 1
COMPANY_FIELDS = {"Company_Info_Name": "company_name", "Company_Info_Address": "company_address",
                  "Company_Info_Post_Code": "company_post_code",
                  "Company_Info_City": "company_city", "Company_Info_Phone_No": "company_phone_no",
                  "Company_Info_Email": "company_email"}
SNAPSHOT_KEYS = ("line_no", "date", "campaign_no", "description", "subject", "language_code",
                 "correspondence_type", "segment_no", *CONTACT_FIELDS, "country_name",
                 "salesperson_code", *(f"salesperson_{name}" for name in SALESPERSON_FIELDS),
                 *COMPANY_FIELDS, "Company_Info_Country_Name", "home_country")
"""What a snapshot holds, in the order of its stored JSON array (layout `LAYOUT`)."""


def salutations(language: str, code: str, first_name: str, surname: str) -> tuple[str, str]:
    """(formal, informal) salutation; a formula whose names are blank falls back politely."""
    formal_by_code, formal_fallback, informal = SALUTATIONS.get(language, SALUTATIONS["ENU"])
    names = {"first_name": first_name.strip(), "surname": surname.strip()}
    formula = formal_by_code.get(code.upper())
    formal = formula.format(**names) if formula and all(
        names[key] for key in ("first_name", "surname") if "{" + key + "}" in formula) \
        else formal_fallback
    return formal, informal.format(**names).strip() if names["first_name"] else formal


def mail_address(snapshot: dict) -> list[str]:
    """The postal address block of a contact snapshot, one line per item, blanks left out."""
    lines = [snapshot["name"], snapshot["name_2"]]
    if snapshot["type"] == ContactType.PERSON and snapshot["company_name"]:
        lines.append(snapshot["company_name"])
    lines += [snapshot["address"], snapshot["address_2"],
              f"{snapshot['post_code']} {snapshot['city']}".strip(), snapshot["county"]]
    country = snapshot["country_code"]
    if country and country != snapshot["home_country"]:
        lines.append(snapshot["country_name"] or country)
    return [line for line in lines if line and line.strip()]


def _company_data() -> dict[str, str]:
    """The company's own data (Marketing Setup), the same in every snapshot of a log."""
    setup = MarketingSetup.get_or_none(MarketingSetup.id == 1) or MarketingSetup()
    country = CountryRegion.get_or_none(CountryRegion.code == setup.company_country_code)
    data = {key: getattr(setup, name) or "" for key, name in COMPANY_FIELDS.items()}
    data["Company_Info_Country_Name"] = country.name if country else \
        setup.company_country_code or ""
    data["home_country"] = setup.company_country_code or ""
    return data


def _snapshot_columns(segment_no: str) -> dict:
    return {
        "line_no": SegmentLine.line_no, "date": SegmentLine.date,
        "campaign_no": fn.COALESCE(SegmentLine.campaign, ""),
        "description": SegmentLine.description, "subject": SegmentLine.subject,
        "language_code": SegmentLine.language_code,
        "correspondence_type": SegmentLine.correspondence_type, "segment_no": Value(segment_no),
        **{name: getattr(Contact, name) for name in CONTACT_FIELDS},
        "country_name": fn.COALESCE(CountryRegion.name, ""),
        "salesperson_code": fn.COALESCE(SegmentLine.salesperson, ""),
        **{f"salesperson_{name}": fn.COALESCE(getattr(Salesperson, name), "")
           for name in SALESPERSON_FIELDS},
        **{key: Value(value) for key, value in _company_data().items()},
    }


def snapshot_column(segment_no: str):
    """The snapshot of a segment line as JSON text, for a query made by `with_sources`.

    The JSON is an array: the layout version, then the values in `SNAPSHOT_KEYS` order — half
    the size of an object with the same keys, which the log writes for every entry.
    """
    columns = _snapshot_columns(segment_no)
    values = [Value(LAYOUT), *(columns[key] for key in SNAPSHOT_KEYS)]
    if isinstance(db.obj, SqliteDatabase):
        return fn.json_array(*values)
    return fn.json_build_array(*values).cast("TEXT")


def refreshed_snapshot(text: str, date: datetime.date) -> str:
    """A stored snapshot with the contact, salesperson and company data as they are now and
    the given document date (Resend with Update Merge Fields)."""
    snapshot = read_snapshot(text)
    contact = Contact.get_or_none(Contact.no == snapshot["no"])
    if contact is None:
        raise DomainError(f"contact {snapshot['no']} no longer exists")
    country = CountryRegion.get_or_none(CountryRegion.code == contact.country_code)
    seller = Salesperson.get_or_none(Salesperson.code == snapshot["salesperson_code"])
    snapshot.update({name: getattr(contact, name) for name in CONTACT_FIELDS})
    snapshot.update({f"salesperson_{name}": getattr(seller, name) if seller else ""
                     for name in SALESPERSON_FIELDS})
    snapshot.update(_company_data(), country_name=country.name if country else "",
                    date=date.isoformat())
    return json.dumps([LAYOUT, *(snapshot[key] for key in SNAPSHOT_KEYS)], ensure_ascii=False)


def read_snapshot(text: str) -> dict:
    """The snapshot dict of a stored JSON text."""
    layout, *values = json.loads(text)
    if layout != LAYOUT:
        raise DomainError(f"merge data of layout {layout} cannot be read by this version")
    return dict(zip(SNAPSHOT_KEYS, values))


def with_sources(query):
    """Join what a snapshot reads to a query of segment lines that already joins Contact."""
    return (query.join_from(SegmentLine, Salesperson, JOIN.LEFT_OUTER,
                            on=(Salesperson.code == SegmentLine.salesperson))
            .join_from(Contact, CountryRegion, JOIN.LEFT_OUTER,
                       on=(CountryRegion.code == Contact.country_code)))


def line_values(segment_no: str, line_nos: list[int] | None = None
                ) -> Iterator[tuple[SegmentLine, dict[str, str]]]:
    """(line, merge values) for each contact line of the segment, in line order."""
    header = SegmentHeader.get_by_id(segment_no)
    snapshot = snapshot_column(header.no).alias("snapshot")
    after = 0
    while True:
        query = with_sources(
            SegmentLine.select(SegmentLine, snapshot)
            .join(Contact, on=(Contact.no == SegmentLine.contact))
            .where((SegmentLine.segment == header.no) & (SegmentLine.line_no > after))
            .order_by(SegmentLine.line_no).limit(PAGE))
        if line_nos is not None:
            query = query.where(SegmentLine.line_no.in_(line_nos))
        rows = list(query)
        for line in rows:
            yield line, values_from_snapshot(read_snapshot(line.snapshot))
        if len(rows) < PAGE:
            return
        after = rows[-1].line_no


def values_from_snapshot(snapshot: dict) -> dict[str, str]:
    """The merge values (field name → text) of one snapshot."""
    address = mail_address(snapshot)
    formal, informal = salutations(snapshot["language_code"], snapshot["salutation_code"],
                                   snapshot["first_name"], snapshot["surname"])
    values = {
        "Entry_No": str(snapshot["line_no"]), "Contact_No": snapshot["no"],
        "Contact_Company_Name": snapshot["company_name"], "Contact_Name": snapshot["name"],
        "Contact_Name_2": snapshot["name_2"], "Contact_Address": snapshot["address"],
        "Contact_Address_2": snapshot["address_2"], "Contact_Post_Code": snapshot["post_code"],
        "Contact_City": snapshot["city"], "Contact_County": snapshot["county"],
        "Contact_Country_Name": snapshot["country_name"],
        "Contact_Job_Title": snapshot["job_title"], "Contact_Phone_No": snapshot["phone_no"],
        "Contact_Fax_No": snapshot["fax_no"], "Contact_Email": snapshot["email"],
        "Contact_Mobile_Phone_No": snapshot["mobile_phone_no"],
        "Contact_VAT_Registration_No": snapshot["vat_registration_no"],
        "Contact_Home_Page": snapshot["home_page"], "Contact_Mail_Address": "\n".join(address),
        "Salutation_Formal": formal, "Salutation_Informal": informal,
        "Salesperson_Code": snapshot["salesperson_code"],
        "Salesperson_Name": snapshot["salesperson_name"],
        "Salesperson_Job_Title": snapshot["salesperson_job_title"],
        "Salesperson_Phone_No": snapshot["salesperson_phone_no"],
        "Salesperson_Email": snapshot["salesperson_email"],
        "Document_Date": str(snapshot["date"] or ""),
        "Document_Campaign_No": snapshot["campaign_no"],
        "Document_Segment_No": snapshot["segment_no"],
        "Document_Description": snapshot["description"],
        "Document_Subject": snapshot["subject"],
        "Fax_Mail_To": snapshot["fax_no"]
        if snapshot["correspondence_type"] == CorrespondenceType.FAX else snapshot["email"],
        "Personal_Text": "",  # a personal text is in the line's own document already
        **{key: snapshot[key] for key in (*COMPANY_FIELDS, "Company_Info_Country_Name")},
    }
    values.update({name: address[index] if index < len(address) else ""
                   for index, name in enumerate(ADDRESS_LINES)})
    return values
