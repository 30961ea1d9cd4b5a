"""Contact import from CSV: good files, every kind of bad row, --update, codes, duplicates."""
import pytest

from segtui.domain.contacts.cards import CONTACT_SERIES, classification
from segtui.domain.contacts.importing.import_file import import_contacts
from segtui.domain.errors import DomainError
from segtui.domain.segments.lines import add_line
from segtui.domain.segments.headers import create_segment
from segtui.store.enums import ContactType, CorrespondenceType
from segtui.store.models import Contact, ContactMailingGroup, MailingGroup, NoSeries


def write(tmp_path, text: str, name="contacts.csv", encoding="utf-8", bom=False,
          errors="strict") -> str:
    path = tmp_path / name
    data = text.encode(encoding, errors)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return str(path)


def contact(no: str) -> Contact:
    return Contact.get_by_id(no)


def codes(no: str, kind: str) -> list[str]:
    return [row["code"] for row in classification(no)[kind]]


def snapshot() -> list[tuple]:
    return sorted(Contact.select().tuples())


GOOD = (
    "No.;Name;Company;E-Mail;Mailing Groups;Industry Groups;Job Responsibilities;Post Code;"
    "Correspondence Type;Exclude from Segment\n"
    "C-NEW;New Co AB;;info@new.se;NEWSLETTER;RETAIL|wholesale;;12345;Hard Copy;no\n"
    "P-X1;Xena One;New Co AB;xena@new.se;newsletter | XMAS;;PURCHASE;12345;E-Mail;Yes\n"
    "P-X2;Xavier Two;C-ACME;;;;;;;\n"
)


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_a_good_file_creates_contacts_with_their_classification(crm, tmp_path, delimiter):
    path = write(tmp_path, GOOD.replace(";", delimiter), bom=delimiter == ",")
    report = import_contacts(path)
    assert (report.rows, report.created, report.updated, report.rejected) == (3, 3, 0, [])
    assert report.written
    company, anna, xavier = contact("C-NEW"), contact("P-X1"), contact("P-X2")
    assert (company.type, company.company_no_id, company.company_name) == (
        ContactType.COMPANY, "C-NEW", "New Co AB")
    assert (anna.type, anna.company_no_id, anna.company_name) == (
        ContactType.PERSON, "C-NEW", "New Co AB")
    assert (anna.search_name, anna.email, anna.correspondence_type, anna.exclude_from_segment) \
        == ("XENA ONE", "xena@new.se", CorrespondenceType.EMAIL, True)
    assert (xavier.company_no_id, xavier.company_name) == ("C-ACME", "Acme Retail AB")
    assert codes("C-NEW", "industry_groups") == ["RETAIL", "WHOLESALE"]
    assert codes("P-X1", "mailing_groups") == ["NEWSLETTER", "XMAS"]
    assert codes("P-X1", "job_responsibilities") == ["PURCHASE"]
    assert codes("P-X1", "industry_groups") == ["RETAIL", "WHOLESALE"]  # through its company


def test_headers_by_alias_and_a_name_made_of_its_parts(crm, tmp_path):
    NoSeries.insert(code=CONTACT_SERIES, description="Contacts", prefix="CT", width=4,
                    last_no=7).execute()
    path = write(tmp_path, "first name,Last Name,e_mail,ZIP,company\n"
                           "Ida,Holm,ida@holm.se,11120,acme retail ab\n")
    report = import_contacts(path)
    assert report.rejected == [] and report.created == 1
    ida = contact("CT0008")
    assert (ida.name, ida.first_name, ida.surname, ida.post_code, ida.type, ida.company_no_id) \
        == ("Ida Holm", "Ida", "Holm", "11120", ContactType.PERSON, "C-ACME")
    assert NoSeries.get_by_id(CONTACT_SERIES).last_no == 8


BAD = (
    "No.,Name,E-Mail,Company No.,Mailing Groups\n"
    "P-OK1,Good One,one@ok.se,,NEWSLETTER\n"      # 2
    "P-NONAME,,x@ok.se,,\n"                         # 3 missing name
    "P-MAIL,Bad Mail,not-an-address,,\n"            # 4 bad e-mail
    "P-CODE,Bad Code,,,NOSUCH\n"                    # 5 unknown code
    "P-COMP,Bad Company,,C-NONE,\n"                 # 6 unknown company
    "P-COUNT,Too Few\n"                             # 7 wrong column count
    "P-ENC,Caf\xe9,,,\n"                            # 8 Windows-1252: read as such
    '"P-MULTI","Two\nLines",,,\n'                   # 9 (file lines 9-10) line break in a name
    "P-OK2,Good Two,two@ok.se,C-ACME,\n"            # 10 (file line 11)
)


def test_each_bad_row_is_refused_with_its_row_column_and_reason(crm, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(BAD.encode("cp1252"))
    before = snapshot()
    report = import_contacts(str(path))
    found = {(r.row, r.column): r.reason for r in report.rejected}
    assert set(found) == {(3, "Name"), (4, "E-Mail"), (5, "Mailing Groups"), (6, "Company No."),
                          (7, ""), (9, "Name")}
    assert "needs a name" in found[3, "Name"]
    assert "'not-an-address' is not an e-mail address" in found[4, "E-Mail"]
    assert "NOSUCH does not exist" in found[5, "Mailing Groups"]
    assert "no company has the No. or name C-NONE" in found[6, "Company No."]
    assert "2 fields, the header has 5" in found[7, ""]
    assert "line break" in found[9, "Name"]
    assert (report.rows, report.created, report.rejected_rows) == (9, 3, 6)
    assert report.encoding == "cp1252" and contact("P-ENC").name == "Café"
    after = snapshot()
    assert len(after) == len(before) + 3 and set(before) <= set(after)
    assert contact("P-OK1").email == "one@ok.se" and contact("P-OK2").company_no_id == "C-ACME"
    assert codes("P-OK1", "mailing_groups") == ["NEWSLETTER"]


def test_a_utf8_file_with_a_broken_byte_refuses_that_row(crm, tmp_path):
    """A byte-order mark says UTF-8: a byte that is not UTF-8 refuses its row, not the file."""
    path = write(tmp_path, "No.;Name\nP-A;Åsa\nP-B;Caf\udce9\n", bom=True,
                 encoding="utf-8", errors="surrogateescape")
    report = import_contacts(path)
    assert [(r.row, r.column) for r in report.rejected] == [(3, "Name")]
    assert "not UTF-8" in report.rejected[0].reason
    assert report.encoding == "utf-8-sig" and contact("P-A").name == "Åsa"


def test_all_or_nothing_and_dry_run_write_nothing(crm, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(BAD.encode("latin-1"))
    before = snapshot()
    strict = import_contacts(str(path), all_or_nothing=True)
    assert not strict.written and strict.created == 3 and strict.rejected_rows == 6
    dry = import_contacts(write(tmp_path, GOOD), dry_run=True)
    assert not dry.written and dry.created == 3 and dry.rejected == []
    assert snapshot() == before


def test_unknown_codes_are_created_only_when_asked(crm, tmp_path):
    path = write(tmp_path, "No.,Name,Mailing Groups,Country\nP-NEW,New,SPRING|NEWSLETTER,NO\n")
    refused = import_contacts(path)
    assert [(r.column, r.reason[:24]) for r in refused.rejected] == [
        ("Mailing Groups", "SPRING does not exist (-"), ("Country", "NO does not exist (--cre")]
    report = import_contacts(path, create_codes=True)
    assert report.new_codes == {"mailing_groups": ["SPRING"], "country_code": ["NO"]}
    assert MailingGroup.get_by_id("SPRING").description == "SPRING"
    assert codes("P-NEW", "mailing_groups") == ["NEWSLETTER", "SPRING"]
    assert contact("P-NEW").country_code == "NO"


def test_a_number_that_exists_is_refused_without_update(crm, tmp_path):
    path = write(tmp_path, "No.,Name\nP-ANNA,Anna Changed\nP-NEW,New\nP-NEW,Twice\n")
    report = import_contacts(path)
    assert [(r.row, r.reason) for r in report.rejected] == [
        (2, "contact P-ANNA exists already (--update changes it)"),
        (4, "No. P-NEW is on row 3 already")]
    assert contact("P-ANNA").name == "Anna Berg"


def test_update_changes_only_the_columns_of_the_file(crm, tmp_path):
    anna = contact("P-ANNA")
    mailing = codes("P-ANNA", "mailing_groups")
    path = write(tmp_path, "No.,City,Job Responsibilities\nP-ANNA,Göteborg,SALES|IT\n")
    report = import_contacts(path, update=True)
    assert (report.created, report.updated, report.rejected) == (0, 1, [])
    changed = contact("P-ANNA")
    assert changed.city == "Göteborg" and changed.name == anna.name
    assert (changed.email, changed.company_no_id) == (anna.email, anna.company_no_id)
    assert codes("P-ANNA", "job_responsibilities") == ["IT", "SALES"]
    assert codes("P-ANNA", "mailing_groups") == mailing


def test_update_by_email_and_its_refusals(crm, tmp_path):
    NoSeries.insert(code=CONTACT_SERIES, description="Contacts", prefix="CT", width=4,
                    last_no=0).execute()
    email = contact("P-BERT").email
    Contact.update(email="twin@example.com").where(Contact.no.in_(["P-CARL", "P-DORA"])).execute()
    path = write(tmp_path, "Name,E-Mail,Type\n"
                           f"Bert Renamed,{email.upper()},\n"
                           "Somebody,twin@example.com,\n"
                           "Brand New,new@example.com,Person\n"
                           "Acme as person,,\n")
    report = import_contacts(path, update=True)
    assert contact("P-BERT").name == "Bert Renamed"
    assert [(r.line, r.column) for r in report.rejected] == [(3, "E-Mail")]
    assert "2 contacts have this e-mail address" in report.rejected[0].reason
    assert report.updated == 1 and report.created == 2


def test_update_refuses_a_type_change_and_a_company_change_on_segment_lines(crm, tmp_path):
    segment = create_segment(user="TESTER", description="x")
    add_line(segment, "P-ANNA", user="TESTER")
    path = write(tmp_path, "No.,Type,Company No.\nC-ACME,Person,\nP-ANNA,,C-BOLT\n"
                           "P-BERT,,C-BOLT\n")
    report = import_contacts(path, update=True)
    reasons = {r.line: r.reason for r in report.rejected}
    assert "is a Company: an import cannot make it a Person" in reasons[2]
    assert "on unlogged segments, so its company cannot change" in reasons[3]
    bert = contact("P-BERT")
    assert (bert.company_no_id, bert.company_name) == ("C-BOLT", "Bolt Wholesale GmbH")
    assert contact("P-ANNA").company_no_id == "C-ACME"


def test_renaming_a_company_renames_it_on_its_persons(crm, tmp_path):
    import_contacts(write(tmp_path, "No.,Name\nC-ACME,Acme Group AB\n"), update=True)
    assert contact("C-ACME").company_name == "Acme Group AB"
    assert contact("P-ANNA").company_name == "Acme Group AB"


def test_possible_duplicates_are_reported_and_imported(crm, tmp_path):
    anna = contact("P-ANNA")
    path = write(tmp_path, "No.,Name,E-Mail,Post Code\n"
                           f"P-D1,Someone,{anna.email},\n"
                           f"P-D2,{anna.name},,{anna.post_code}\n"
                           "P-D3,Twin,twin@x.se,\n"
                           "P-D4,Other,TWIN@x.se,\n")
    report = import_contacts(path)
    assert report.created == 4 and report.rejected == []
    assert [(n.row, n.message) for n in report.duplicates] == [
        (2, "the same e-mail address as contact P-ANNA"),
        (3, "the same name and post code as contact P-ANNA"),
        (5, "the same e-mail address as row 4")]


def test_classification_belongs_where_nav_keeps_it(crm, tmp_path):
    path = write(tmp_path, "No.,Name,Type,Company No.,Industry Groups,Job Responsibilities\n"
                           "C-JOB,Jobs Inc,Company,,,SALES\n"
                           "P-LONE,Lone Wolf,Person,,RETAIL,\n"
                           "P-ACME,Acme Person,Person,C-ACME,WHOLESALE,\n")
    report = import_contacts(path)
    reasons = {r.line: (r.column, r.reason) for r in report.rejected}
    assert reasons[2] == ("Job Responsibilities",
                          "a company has no job responsibilities; they belong to its persons")
    assert reasons[3][0] == "Industry Groups"
    assert "WHOLESALE" in codes("C-ACME", "industry_groups")  # the person's go to its company


def test_persons_of_a_refused_company_are_refused_too(crm, tmp_path):
    path = write(tmp_path, "Name,Type,Company,E-Mail\n"
                           "Broken Co,Company,,bad\n"
                           "Ann Broken,Person,Broken Co,\n")
    NoSeries.insert(code=CONTACT_SERIES, description="Contacts", prefix="CT", width=4,
                    last_no=0).execute()
    report = import_contacts(path)
    assert [(r.line, r.column) for r in report.rejected] == [(2, "E-Mail"), (3, "Company")]
    assert NoSeries.get_by_id(CONTACT_SERIES).last_no == 0


def test_rows_without_a_number_need_the_contact_series(crm, tmp_path):
    report = import_contacts(write(tmp_path, "Name\nNo Number\n"))
    assert report.created == 0 and "number series CONT" in report.rejected[0].reason


@pytest.mark.parametrize("text, message", [
    ("", "is empty"),
    ("No.,Nmae\nP-1,x\n", "'Nmae' is not a contact field (did you mean 'Name'?)"),
    ("E-Mail,email\n", "the columns 'E-Mail' and 'email' are the same field"),
    ("No.,,Name\n", "column 2 has no name"),
])
def test_a_bad_header_refuses_the_file(crm, tmp_path, text, message):
    before = snapshot()
    with pytest.raises(DomainError, match=message.replace("(", r"\(").replace(")", r"\)")
                       .replace(".", r"\.").replace("?", r"\?")):
        import_contacts(write(tmp_path, text))
    assert snapshot() == before


def test_a_missing_file_is_a_clear_refusal(crm, tmp_path):
    with pytest.raises(DomainError, match="cannot read"):
        import_contacts(str(tmp_path / "nope.csv"))


def test_a_cancel_during_the_import_writes_nothing(crm, tmp_path):
    rows = "".join(f"P-C{i:05d},Person {i},NEWSLETTER\n" for i in range(6_000))
    path = write(tmp_path, "No.,Name,Mailing Groups\n" + rows)
    before = snapshot()
    links = ContactMailingGroup.select().count()

    def cancel(done, total):
        if done < total:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_contacts(path, progress=cancel)
    assert snapshot() == before and ContactMailingGroup.select().count() == links
    assert import_contacts(path).created == 6_000  # the staging left nothing behind
