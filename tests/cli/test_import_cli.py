"""`segtui contacts import FILE.csv` as a real process: report, exit status, options, round trip."""
import json

from tests.support.cli import assert_refused_in_one_line, run_segtui

from segtui.domain.contacts.cards import CONTACT_SERIES
from segtui.store.models import Contact, NoSeries

FILE = ("No.;Name;E-Mail;Mailing Groups\n"
        "P-NEW1;New One;one@new.se;NEWSLETTER\n"
        "P-NEW2;New Two;not-mail;\n"
        "P-NEW3;New Three;;SPRING\n")


def contacts_file(tmp_path, text=FILE):
    path = tmp_path / "in.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def numbers() -> set[str]:
    return {no for (no,) in Contact.select(Contact.no).tuples()}


def test_good_rows_are_imported_and_each_refused_row_reported(crm_db, tmp_path):
    before = numbers()
    result = run_segtui(crm_db, "TESTER", "contacts", "import", contacts_file(tmp_path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[:2] == [
        "refused: row 3, E-Mail: 'not-mail' is not an e-mail address (write name@domain.com)",
        "refused: row 4, Mailing Groups: SPRING does not exist (--create-codes creates "
        "missing codes)"]
    assert lines[-1] == "imported 1 contacts (1 new, 0 changed); 2 of 3 rows refused"
    assert numbers() == before | {"P-NEW1"}


def test_all_or_nothing_dry_run_and_create_codes(crm_db, tmp_path):
    path = contacts_file(tmp_path)
    before = numbers()
    strict = run_segtui(crm_db, "TESTER", "contacts", "import", path, "--all-or-nothing")
    assert strict.returncode == 1 and "nothing imported (--all-or-nothing)" in strict.stderr
    dry = run_segtui(crm_db, "TESTER", "contacts", "import", path, "--dry-run",
                     "--create-codes", "--format", "json")
    report = json.loads(dry.stdout)
    assert (report["written"], report["created"], report["rejected_rows"]) == (False, 2, 1)
    assert report["created_codes"] == {"mailing_groups": ["SPRING"]}
    assert report["rejected"] == [{"row": 3, "line": 3, "column": "E-Mail", "reason": (
        "'not-mail' is not an e-mail address (write name@domain.com)")}]
    assert numbers() == before


def test_a_file_it_cannot_use_is_refused_in_one_line(crm_db, tmp_path):
    assert_refused_in_one_line(
        run_segtui(crm_db, "TESTER", "contacts", "import", contacts_file(tmp_path, "Nmae\nx\n")),
        ["'Nmae' is not a contact field", "did you mean 'Name'?"])
    assert_refused_in_one_line(
        run_segtui(crm_db, "TESTER", "contacts", "import", str(tmp_path / "missing.csv")),
        ["cannot read", "missing.csv"])


def test_export_then_update_import_changes_nothing(crm_db, tmp_path):
    exported = tmp_path / "contacts.csv"
    before = sorted(Contact.select().tuples())
    result = run_segtui(crm_db, "TESTER", "contacts", "export", "--out", str(exported))
    assert result.returncode == 0, result.stderr
    result = run_segtui(crm_db, "TESTER", "contacts", "import", str(exported), "--update")
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().endswith(f"{len(before)} changed); 0 of {len(before)} rows "
                                          "refused")
    assert sorted(Contact.select().tuples()) == before


EXCEL_SV = (b"\xef\xbb\xbf" + (
    "Företag;Kontaktperson;Gatuadress;Postnummer;Ort;Land;E-post;Telefon\r\n"
    "Acme Retail AB;Åsa Öberg;\"Storgatan 1\nc/o Lindqvist\";123 45;Malmö;SE;asa@acme.se;"
    "040-12 34 56\r\n"
    "nytt bolag ab;Örjan 👩‍💻;Box 1;;Lund;SE;inte-mejl;\r\n"
    "Nytt Bolag AB;Märta 🇸🇪;;;;;marta@nytt.se;\r\n"
    "Nytt Bolag AB;\"Två\nRader\";;;;;;\r\n").encode())


def excel_file(tmp_path) -> str:
    """The Swedish Excel file, and the number series its new contacts take numbers from."""
    NoSeries.insert(code=CONTACT_SERIES, description="Contacts", prefix="KT", width=4,
                    last_no=0).execute()
    path = tmp_path / "kontakter.csv"
    path.write_bytes(EXCEL_SV)
    return str(path)


def test_a_swedish_excel_file_imports_its_good_rows_and_reports_the_others_by_row(
        crm_db, tmp_path):
    path = excel_file(tmp_path)
    before = numbers()
    result = run_segtui(crm_db, "TESTER", "--lang", "sv", "contacts", "import", path,
                        "--create-companies")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("refused: row 3 (file line 4), E-post: 'inte-mejl' ")
    assert lines[1] == ("refused: row 5 (file line 6), Kontaktperson: texten har en "
                        "radbrytning (bara en adress kan ha två rader)")
    assert lines[2] == "companies created: 1: Nytt Bolag AB"
    assert lines[-1] == "imported 2 contacts (2 new, 0 changed); 2 of 4 rows refused"
    new = {Contact.get_by_id(no).name: Contact.get_by_id(no) for no in numbers() - before}
    assert set(new) == {"Åsa Öberg", "Märta 🇸🇪", "Nytt Bolag AB"}
    assert (new["Åsa Öberg"].address, new["Åsa Öberg"].address_2,
            new["Åsa Öberg"].company_no_id) == ("Storgatan 1", "c/o Lindqvist", "C-ACME")
    assert new["Märta 🇸🇪"].company_no_id == new["Nytt Bolag AB"].no


def test_create_companies_on_a_dry_run_reports_and_writes_nothing(crm_db, tmp_path):
    path = excel_file(tmp_path)
    before = numbers()
    result = run_segtui(crm_db, "TESTER", "contacts", "import", path, "--dry-run",
                        "--create-companies", "--format", "json")
    report = json.loads(result.stdout)
    assert report["created_companies"] == ["Nytt Bolag AB"] and not report["written"]
    assert [(r["row"], r["line"]) for r in report["rejected"]] == [(3, 4), (5, 6)]
    assert numbers() == before
