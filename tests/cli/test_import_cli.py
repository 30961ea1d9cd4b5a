"""`segtui contacts import FILE.csv` as a real process: report, exit status, options, round trip."""
import json

from cli_support import assert_refused_in_one_line, run_segtui

from segtui.store.models import Contact

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
