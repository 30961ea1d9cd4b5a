"""Contact files as Excel on a Swedish Windows saves them: Swedish headers, `;`, CRLF, a BOM or
Windows-1252, cells of several lines, emoji; --create-companies; rows numbered as the sheet."""
import gettext

import pytest

from segtui.domain.contacts.cards import CONTACT_SERIES
from segtui.domain.contacts.file_columns import (
    CONTACT_COLUMNS, HEADER_KEYS, column_for_header, header_key, header_table)
from segtui.domain.contacts.importing.headers_sv import SWEDISH_HEADERS
from segtui.domain.contacts.importing.import_file import import_contacts
from segtui.domain.errors import DomainError
from segtui.locale_build import DOMAIN, LOCALE_DIR
from segtui.store.enums import ContactType
from segtui.store.models import Contact, ContactIndustryGroup, NoSeries

BOM = b"\xef\xbb\xbf"


def excel_bytes(rows: list[list[str]], encoding="utf-8", bom=True) -> bytes:
    """A sheet as Excel writes "CSV UTF-8" (or, with cp1252 and no BOM, "CSV"): `;` between
    cells, CRLF after each row, a cell quoted when it holds `;`, `"` or a line break (which
    stays LF, as Alt+Enter types it), quotes doubled."""
    def cell(text: str) -> str:
        if any(char in text for char in ';"\n\r'):
            return '"' + text.replace('"', '""') + '"'
        return text
    text = "".join(";".join(cell(value) for value in row) + "\r\n" for row in rows)
    return (BOM if bom else b"") + text.encode(encoding)


def save(tmp_path, data: bytes, name="kontakter.csv") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.fixture
def series(crm):
    NoSeries.insert(code=CONTACT_SERIES, description="Contacts", prefix="KT", width=4,
                    last_no=0).execute()


def by_name(name: str) -> Contact:
    return Contact.get(Contact.name == name)


HEADERS = ["Företag", "Kontaktperson", "Gatuadress", "Postnummer", "Postort", "Land",
           "E-postadress", "Telefon", "Mobil", "Hemsida"]
SHEET = [
    HEADERS,
    ["Acme Retail AB", "Åsa Öberg", "Storgatan 1\nc/o Lindqvist", "123 45", "Malmö", "SE",
     "asa@acme.se", "040-12 34 56", "070-123 45 67", "www.acme.se"],          # row 2, lines 2-3
    ["Ny Firma AB", "Örjan Ek 👨‍👩‍👧", "Box 12", "", "Lund", "SE", "orjan@nyfirma.se",
     "", "", ""],                                                             # row 3, line 4
    ["ny firma ab", "Märta Ek 👍🏽", "", "", "", "SE", "inte-en-adress", "", "", ""],  # row 4
    ["Acme Retail AB", "Två\nRader", "", "", "", "", "", "", "", ""],          # row 5, lines 6-7
    ["Acme Retail AB", "Ida 🇸🇪 1️⃣", "Väg 2\r\nVåning 3\r\nRum 4", "", "", "", "", "", "",
     ""],                                                                     # row 6, lines 8-10
    ["NY FIRMA AB", "Kalle Ek", "", "", "", "", "", "", "", ""],               # row 7, line 11
]


def test_an_excel_sheet_with_swedish_headers_imports_its_good_rows(series, tmp_path):
    path = save(tmp_path, excel_bytes(SHEET))
    report = import_contacts(path, create_companies=True)
    found = {(r.row, r.column): (r.line, r.reason) for r in report.rejected}
    assert sorted(found) == [(4, "E-postadress"), (5, "Kontaktperson"), (6, "Gatuadress")]
    assert found[4, "E-postadress"][0] == 5
    assert found[5, "Kontaktperson"] == (
        6, "the text has a line break (only an address can have two lines)")
    assert found[6, "Gatuadress"][0] == 8 and "has 3 lines" in found[6, "Gatuadress"][1]
    assert (report.rows, report.created, report.rejected_rows) == (6, 3, 3)
    assert report.new_companies == ["Ny Firma AB"]
    asa = by_name("Åsa Öberg")
    assert (asa.address, asa.address_2, asa.post_code, asa.city, asa.country_code,
            asa.email, asa.phone_no, asa.mobile_phone_no, asa.home_page, asa.company_no_id) == (
        "Storgatan 1", "c/o Lindqvist", "123 45", "Malmö", "SE", "asa@acme.se",
        "040-12 34 56", "070-123 45 67", "www.acme.se", "C-ACME")
    company = by_name("Ny Firma AB")
    assert (company.no, company.type, company.company_no_id) == (
        "KT0001", ContactType.COMPANY, "KT0001")
    orjan, kalle = by_name("Örjan Ek 👨‍👩‍👧"), by_name("Kalle Ek")
    assert (orjan.no, orjan.type, orjan.company_no_id, orjan.company_name) == (
        "KT0003", ContactType.PERSON, "KT0001", "Ny Firma AB")
    assert (kalle.company_no_id, kalle.address_2) == ("KT0001", "")


def test_without_create_companies_a_missing_company_is_refused_with_the_way_out(series,
                                                                                 tmp_path):
    path = save(tmp_path, excel_bytes(SHEET))
    before = Contact.select().count()
    report = import_contacts(path)
    reasons = {r.row: r.reason for r in report.rejected if r.column == "Företag"}
    assert reasons == {row: f"no company is named {SHEET[row - 1][0]} (--create-companies "
                            "creates it)" for row in (3, 7)}
    assert report.new_companies == [] and Contact.select().count() == before + 1


def test_create_companies_on_a_dry_run_or_all_or_nothing_writes_nothing(series, tmp_path):
    path = save(tmp_path, excel_bytes(SHEET))
    before = sorted(Contact.select().tuples())
    dry = import_contacts(path, create_companies=True, dry_run=True)
    strict = import_contacts(path, create_companies=True, all_or_nothing=True)
    for report in (dry, strict):
        assert (report.written, report.new_companies, report.created) == (
            False, ["Ny Firma AB"], 3)
    assert sorted(Contact.select().tuples()) == before
    assert NoSeries.get_by_id(CONTACT_SERIES).last_no == 0


def test_a_new_company_takes_its_persons_industries_and_is_not_made_for_a_refused_row(
        series, tmp_path):
    rows = [["Namn", "Företagsnamn", "Branschgrupper", "E-post"],
            ["Eva Lind", "Lind & Co", "RETAIL", ""],
            ["Per Lind", "LIND & CO", "WHOLESALE", ""],
            ["Trasig AB", "", "", "inte-mejl"],     # a company row, refused
            ["Olle Tr", "Trasig AB", "", ""]]
    report = import_contacts(save(tmp_path, excel_bytes(rows)), create_companies=True)
    assert report.new_companies == ["Lind & Co"]
    assert {r.row: r.reason for r in report.rejected}[5].startswith(
        "the row of company Trasig AB is refused")
    lind = by_name("Lind & Co")
    assert sorted(code for (code,) in ContactIndustryGroup.select(
        ContactIndustryGroup.industry_group).where(
        ContactIndustryGroup.contact == lind.no).tuples()) == ["RETAIL", "WHOLESALE"]
    assert report.warnings == []


def test_create_companies_without_a_number_series_is_refused_by_row(crm, tmp_path):
    rows = [["Nr", "Namn", "Företag"], ["P-NY", "Ny Person", "Okänd AB"]]
    report = import_contacts(save(tmp_path, excel_bytes(rows)), create_companies=True)
    assert [(r.row, r.column) for r in report.rejected] == [(2, "Företag")]
    assert "number series CONT" in report.rejected[0].reason
    assert report.new_companies == []


def test_a_windows_1252_file_is_read_as_excel_wrote_it(crm, tmp_path):
    rows = [["Nr", "Namn", "Ort", "Postnr."], ["P-SV1", "Åsa Ängström", "Göteborg", "411 01"]]
    path = save(tmp_path, excel_bytes(rows, encoding="cp1252", bom=False))
    report = import_contacts(path)
    assert report.rejected == [] and report.encoding == "cp1252"
    assert [(n.row, "Windows-1252" in n.message) for n in report.warnings] == [(1, True)]
    saved = Contact.get_by_id("P-SV1")
    assert (saved.name, saved.city, saved.post_code) == ("Åsa Ängström", "Göteborg", "411 01")


def test_a_utf8_file_without_bom_stays_utf8(crm, tmp_path):
    rows = [["Nr", "Namn"], ["P-U1", "Åsa"]]
    report = import_contacts(save(tmp_path, excel_bytes(rows, bom=False)))
    assert report.encoding == "utf-8-sig" and report.warnings == []
    assert Contact.get_by_id("P-U1").name == "Åsa"


def test_nav_swedish_captions_and_option_words(crm, tmp_path):
    rows = [["Nr", "Typ", "Namn", "Söknamn", "Företagsnr.", "Adress", "Adress 2", "Postnr.",
             "Ort", "Land/region-kod", "Telefonnr.", "E-post", "Uteslut från segment",
             "Korrespondenstyp", "Språkkod"],
            ["C-SV", "Företag", "Svea AB", "SVEA", "", "Gatan 1", "", "111 11", "Stockholm",
             "SE", "08-1", "info@svea.se", "Nej", "E-post", "SVE"],
            ["P-SV", "Person", "Sven Svea", "SVEN", "C-SV", "", "", "", "", "", "", "", "Ja",
             "Papperskopia", ""]]
    report = import_contacts(save(tmp_path, excel_bytes(rows)))
    assert report.rejected == []
    assert [n.message for n in report.warnings] == [
        "the column 'Söknamn' is not imported: the search name is made from the name"]
    svea, sven = Contact.get_by_id("C-SV"), Contact.get_by_id("P-SV")
    assert (svea.type, svea.language_code, sven.type, sven.company_no_id,
            sven.exclude_from_segment, int(sven.correspondence_type)) == (
        ContactType.COMPANY, "SVE", ContactType.PERSON, "C-SV", True, 1)


def test_an_address_of_two_lines_and_address_2_both_given_is_refused(crm, tmp_path):
    rows = [["Nr", "Namn", "Adress", "Adress 2"],
            ["P-A1", "Anna A", "Väg 1\nTrappa 2", "c/o X"],
            ["P-A2", "Anna B", "Väg 1\n" + "x" * 51, ""],
            ["P-A3", "Anna C", "Väg 1\n\nTrappa 2\n", ""]]
    report = import_contacts(save(tmp_path, excel_bytes(rows)))
    reasons = {r.row: r.reason for r in report.rejected}
    assert reasons[2].startswith("the address has two lines and Adress 2 has a text too")
    assert "longer than 50 characters" in reasons[3]
    assert (Contact.get_by_id("P-A3").address, Contact.get_by_id("P-A3").address_2) == (
        "Väg 1", "Trappa 2")


def test_an_update_with_a_one_line_address_keeps_address_2(crm, tmp_path):
    Contact.update(address="Old 1", address_2="c/o Kept").where(Contact.no == "P-ANNA").execute()
    rows = [["Nr", "Adress"], ["P-ANNA", "Ny väg 9"]]
    assert import_contacts(save(tmp_path, excel_bytes(rows)), update=True).rejected == []
    anna = Contact.get_by_id("P-ANNA")
    assert (anna.address, anna.address_2) == ("Ny väg 9", "c/o Kept")
    rows = [["Nr", "Adress"], ["P-ANNA", "Ny väg 9\nPlan 3"]]
    assert import_contacts(save(tmp_path, excel_bytes(rows)), update=True).rejected == []
    assert Contact.get_by_id("P-ANNA").address_2 == "Plan 3"


@pytest.mark.parametrize("name", ["An\u200dna", "Anna\u200b", "\u200d👩", "Anna\x1b[31m",
                                  "Anna\u202e", "🏴\U000e0067"])
def test_format_characters_outside_an_emoji_are_still_refused(crm, tmp_path, name):
    rows = [["Nr", "Namn"], ["P-Z", name]]
    report = import_contacts(save(tmp_path, excel_bytes(rows)))
    assert [r.reason for r in report.rejected] == ["the text contains control characters"]


def test_rows_are_counted_as_the_sheet_shows_them_blank_rows_too(crm, tmp_path):
    data = (BOM + "Nr;Namn;E-post\r\nP-1;\"Ett\r\nTvå\";\r\n\r\n;;\r\nP-2;B;nej\r\n"
            .encode())
    report = import_contacts(save(tmp_path, data))
    assert [(r.row, r.line) for r in report.rejected] == [(2, 2), (5, 6)]


def test_every_swedish_caption_of_the_ui_names_its_column():
    swedish = gettext.translation(DOMAIN, LOCALE_DIR, languages=["sv"])
    for column in CONTACT_COLUMNS:
        caption = swedish.gettext(column.label)
        if caption != column.label:
            assert column_for_header(caption) == column.name, caption


def test_no_header_names_two_columns():
    for name, texts in SWEDISH_HEADERS.items():
        assert {HEADER_KEYS[header_key(text)] for text in texts} == {name}
    with pytest.raises(ValueError, match="would name both"):
        header_table({**SWEDISH_HEADERS, "city": (*SWEDISH_HEADERS["city"], "Namn")})


def test_an_unknown_swedish_header_is_refused_with_the_nearest_one(crm, tmp_path):
    with pytest.raises(DomainError, match="did you mean 'Postnummer'"):
        import_contacts(save(tmp_path, excel_bytes([["Namn", "Postnumer"], ["A", "1"]])))


def test_a_row_with_a_company_and_no_contact_person_is_the_company(series, tmp_path):
    rows = [["Nr", "Företag", "Kontaktperson", "E-post"],
            ["", "Fjäll AB", "", "info@fjall.se"],
            ["", "FJÄLL AB", "Åsa Öberg", "asa@fjall.se"],
            ["P-ANNA", "Acme Retail AB", "", ""]]
    report = import_contacts(save(tmp_path, excel_bytes(rows)), update=True)
    assert [(r.row, r.column) for r in report.rejected] == [(4, "Type")]
    assert "cannot make it a Company" in report.rejected[0].reason
    fjall, asa = by_name("Fjäll AB"), by_name("Åsa Öberg")
    assert (fjall.type, fjall.email, fjall.company_name) == (
        ContactType.COMPANY, "info@fjall.se", "Fjäll AB")
    assert (asa.company_no_id, report.new_companies) == (fjall.no, [])
    assert Contact.get_by_id("P-ANNA").type == ContactType.PERSON


def test_a_country_may_be_named_in_swedish_or_as_the_database_names_it(crm, tmp_path):
    rows = [["Nr", "Namn", "Land"], ["P-L1", "Ett", "Sverige"], ["P-L2", "Två", " germany "],
            ["P-L3", "Tre", "se"], ["P-L4", "Fyra", "Atlantis"], ["P-L5", "Fem", "Finland"]]
    report = import_contacts(save(tmp_path, excel_bytes(rows)))
    assert {r.row: r.reason for r in report.rejected} == {
        5: "ATLANTIS does not exist (--create-codes creates missing codes)",
        6: "FINLAND does not exist (--create-codes creates missing codes)"}  # no FI in the table
    assert [Contact.get_by_id(no).country_code for no in ("P-L1", "P-L2", "P-L3")] == [
        "SE", "DE", "SE"]


def test_excel_unicode_text_utf16_with_tabs_is_read(crm, tmp_path):
    data = "Nr\tNamn\tOrt\r\nP-U16\tÅsa 👩‍💻\tMalmö\r\n".encode("utf-16")
    report = import_contacts(save(tmp_path, data, name="kontakter.txt"))
    assert report.rejected == [] and report.encoding == "utf-16"
    assert (Contact.get_by_id("P-U16").name, Contact.get_by_id("P-U16").city) == (
        "Åsa 👩‍💻", "Malmö")


def test_an_update_without_a_name_column_still_moves_a_person_to_a_company(crm, tmp_path):
    rows = [["Nr", "Företag"], ["P-ANNA", "Acme Retail AB"]]
    Contact.update(company_no=None, company_name="").where(Contact.no == "P-ANNA").execute()
    report = import_contacts(save(tmp_path, excel_bytes(rows)), update=True)
    assert (report.rejected, report.updated) == ([], 1)
    anna = Contact.get_by_id("P-ANNA")
    assert (anna.type, anna.company_no_id) == (ContactType.PERSON, "C-ACME")
