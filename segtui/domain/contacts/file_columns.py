"""The columns of a contact file: what `contacts export` writes and `contacts import` reads.

One list for both directions, so an exported file imports again unchanged. Each column has a
snake_case name (the header an export writes), the NAV field label, and the other headers an
import accepts for it, in English here and in Swedish in `contact_headers_sv` (whatever the UI
language). Headers are compared after `header_key`: case, spaces and punctuation do not matter,
so `E-Mail`, `email` and `e_mail` are the same column.
"""
from dataclasses import dataclass
from enum import IntEnum

from segtui.domain.contacts.importing.headers_sv import SWEDISH_HEADERS
from segtui.store.enums import ContactType, CorrespondenceType
from segtui.store.models import Contact, CountryRegion, Language, Salesperson

CODES_SEPARATOR = "|"  # several codes in one cell: NEWSLETTER|XMAS


@dataclass(frozen=True)
class ContactColumn:
    """One column of a contact file.

    kind: text | code | email | bool | option | master (a code that must exist in `master`) |
    company (a company by No. or by name) | codes (classification codes joined by `|`).
    """
    name: str
    label: str
    kind: str = "text"
    length: int = 30
    enum: type[IntEnum] | None = None
    master: type | None = None
    aliases: tuple[str, ...] = ()

    @property
    def attr(self) -> str:
        """The Contact model field the column reads and writes ("" for classification)."""
        if self.kind == "codes":
            return ""
        return "salesperson" if self.name == "salesperson_code" else self.name


def _column(name, label, kind="text", length=30, *aliases, enum=None, master=None):
    return ContactColumn(name, label, kind, length, enum, master, tuple(aliases))


CONTACT_COLUMNS: tuple[ContactColumn, ...] = (
    _column("no", "No.", "code", 20, "number", "contact no", "contact number", "id"),
    _column("type", "Type", "option", 0, "contact type", enum=ContactType),
    _column("name", "Name", "text", 100, "full name", "contact name"),
    _column("name_2", "Name 2", "text", 50),
    _column("company_no", "Company No.", "company", 20, "company number"),
    _column("company_name", "Company Name", "company", 100, "company", "organisation",
            "organization"),
    _column("first_name", "First Name", "text", 30, "firstname", "given name", "forename"),
    _column("middle_name", "Middle Name", "text", 30),
    _column("surname", "Surname", "text", 30, "last name", "lastname", "family name"),
    _column("initials", "Initials", "text", 30),
    _column("job_title", "Job Title", "text", 30, "title", "position"),
    _column("address", "Address", "text", 100, "street", "address 1", "street address"),
    _column("address_2", "Address 2", "text", 50),
    _column("post_code", "Post Code", "code", 20, "postcode", "postal code", "zip",
            "zip code", "zipcode"),
    _column("city", "City", "text", 30, "town"),
    _column("county", "County", "text", 30, "state", "region"),
    _column("country_code", "Country/Region Code", "master", 10, "country", "country code",
            master=CountryRegion),
    _column("phone_no", "Phone No.", "text", 30, "phone", "telephone", "phone number"),
    _column("mobile_phone_no", "Mobile Phone No.", "text", 30, "mobile", "cell phone",
            "mobile phone"),
    _column("fax_no", "Fax No.", "text", 30, "fax"),
    _column("email", "E-Mail", "email", 80, "e-mail address", "email address", "mail"),
    _column("home_page", "Home Page", "text", 80, "website", "web site", "homepage", "url"),
    _column("vat_registration_no", "VAT Registration No.", "text", 20, "vat no", "vat"),
    _column("territory_code", "Territory Code", "code", 10, "territory"),
    _column("currency_code", "Currency Code", "code", 10, "currency"),
    _column("external_id", "External ID", "text", 20),
    _column("language_code", "Language Code", "master", 10, "language", master=Language),
    _column("salesperson_code", "Salesperson Code", "master", 20, "salesperson",
            master=Salesperson),
    _column("salutation_code", "Salutation Code", "code", 10, "salutation"),
    _column("correspondence_type", "Correspondence Type", "option", 0,
            enum=CorrespondenceType),
    _column("exclude_from_segment", "Exclude from Segment", "bool", 0),
    _column("privacy_blocked", "Privacy Blocked", "bool", 0),
    _column("minor", "Minor", "bool", 0),
    _column("parental_consent_received", "Parental Consent Received", "bool", 0),
    _column("mailing_groups", "Mailing Groups", "codes", 10, "mailing group", "mailing"),
    _column("industry_groups", "Industry Groups", "codes", 10, "industry group", "industry",
            "industries"),
    _column("job_responsibilities", "Job Responsibilities", "codes", 10,
            "job responsibility", "jobresp"),
)
COLUMNS_BY_NAME = {column.name: column for column in CONTACT_COLUMNS}
EXPORT_NAMES = tuple(column.name for column in CONTACT_COLUMNS)


def header_key(text: str) -> str:
    """A header reduced to lower-case letters and digits: `E-Mail` -> `email`."""
    return "".join(char for char in text.casefold() if char.isalnum())


def header_table(extra: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Every header key an import reads -> its column: each column's name, label and aliases,
    and the `extra` headers of each column. A key that would name two columns is an error: a
    file's column must never be read as a field it might not mean."""
    table: dict[str, str] = {}
    for column in CONTACT_COLUMNS:
        for text in (column.name, column.label, *column.aliases, *extra.get(column.name, ())):
            key = header_key(text)
            if table.setdefault(key, column.name) != column.name:
                raise ValueError(f"the header {text!r} would name both {table[key]} and "
                                 f"{column.name}")
    for key in IGNORED_HEADERS:
        if key in table:
            raise ValueError(f"the header {key!r} is a column and ignored")
    return table


# Headers of a field segtui does not import: read and left out (with a note), not refused.
# The search name is made from the name, as the contact card makes it.
IGNORED_HEADERS = {header_key(text) for text in (
    "Search Name", "search_name", "Söknamn", "Sökbegrepp")}
HEADER_KEYS = header_table(SWEDISH_HEADERS)


def column_for_header(header: str) -> str | None:
    """The column a header names, or None when it names none."""
    return HEADER_KEYS.get(header_key(header))


def ignored_header(header: str) -> bool:
    """A header of a field the import leaves out (see IGNORED_HEADERS)."""
    return header_key(header) in IGNORED_HEADERS


def model_field(column: ContactColumn):
    """The Contact model field behind a column (None for the classification columns)."""
    return getattr(Contact, column.attr) if column.attr else None
