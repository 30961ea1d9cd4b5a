"""Importing contacts from the Contacts screen: the dialog, the WorkDialog, the report."""
import csv
import threading

import pytest
from textual.widgets import DataTable, Static
from tests.support.tui import settle, wait_for

from segtui.domain.contacts.cards import CONTACT_SERIES
from segtui.store.models import Contact, NoSeries
from segtui.tui.screens import contacts as contacts_screen
from segtui.tui.app import SegtuiApp
from segtui.tui.dialogs.import_contacts import ImportDialog
from segtui.tui.dialogs.import_report import SHOWN_PROBLEMS, ImportReportDialog
from segtui.tui.widgets.paged_table import PagedTable

SIZE = (80, 24)
GOOD = ("No.,Name,Company,E-Mail\n"
        "C-NEW,New Co AB,,info@new.se\n"
        "P-X1,Xena One,New Co AB,xena@new.se\n")
BAD = ("No.,Name,E-Mail\n"
       "P-OK1,Okay One,one@ok.se\n"
       "P-BAD,Bad Mail,[bold]x\n"
       "P-OK2,Okay Two,\n"
       "P-ANNA,Anna Again,\n")


@pytest.fixture(autouse=True)
def in_tmp_path(monkeypatch, tmp_path):
    """The files are typed relative to tmp_path."""
    monkeypatch.chdir(tmp_path)


def write(tmp_path, text: str, name: str = "contacts.csv") -> str:
    """The file's name, as typed in the dialog (the current folder is tmp_path)."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    return name


def numbers() -> list[str]:
    return [no for (no,) in Contact.select(Contact.no).order_by(Contact.no).tuples()]


def text_of(pilot, selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


def problem_rows(pilot) -> list[list[str]]:
    table = pilot.app.screen.query_one("#import-problems", DataTable)
    return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]


async def open_import(pilot, path: str, *ticks: str) -> None:
    """Contacts screen, i, the path typed, the options ticked by keys (Tab, Space)."""
    await pilot.app.switch_mode("contacts")
    await settle(pilot)
    await pilot.press("i")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ImportDialog)
    await pilot.press(*path)
    for option in ("update", "create-codes", "create-companies", "all-or-nothing"):
        await pilot.press("tab")
        assert pilot.app.focused.id == f"import-{option}"
        if option in ticks:
            await pilot.press("space")
    await pilot.press("shift+tab", "shift+tab", "shift+tab", "shift+tab")
    assert pilot.app.focused.id == "import-path"


async def test_a_good_file_is_imported_by_keys(crm_settings, tmp_path):
    path = write(tmp_path, GOOD)
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_import(pilot, path)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ImportReportDialog)
        assert text_of(pilot, "#import-summary").startswith("Imported 2 contacts.\n"
                                                            "Rows read 2 · new 2 · changed 0")
        assert any(n.message == "Imported 2 contacts (2 new, 0 changed); 0 rows refused"
                   for n in pilot.app._notifications)
        await pilot.press("escape")
        await settle(pilot)
        shown = [row.no for row in pilot.app.screen.query_one(PagedTable).window]
        assert {"C-NEW", "P-X1"} <= set(shown)
    assert Contact.get_by_id("P-X1").company_no_id == "C-NEW"


async def test_bad_rows_are_listed_and_good_rows_imported(crm_settings, tmp_path):
    path = write(tmp_path, BAD)
    before = numbers()
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_import(pilot, path)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "refused rows 2" in text_of(pilot, "#import-summary")
        rows = problem_rows(pilot)
        assert [row[:3] for row in rows] == [["3", "refused", "E-Mail"], ["5", "refused", "No."]]
        assert rows[0][3] == "'[bold]x' is not an e-mail address (write name@domain.com)"
        assert text_of(pilot, "#import-detail") == f"Row 3, E-Mail: {rows[0][3]}"
        pilot.app.save_screenshot(str(tmp_path / "report.svg"))
        assert "'[bold]x' is not" in (tmp_path / "report.svg").read_text().replace(
            "&#x27;", "'").replace("&#160;", " ")
    assert numbers() == sorted([*before, "P-OK1", "P-OK2"])


async def test_a_check_writes_nothing_then_import_now_writes(crm_settings, tmp_path):
    path = write(tmp_path, GOOD)
    before = numbers()
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_import(pilot, path)
        await pilot.press("enter")  # Enter in the path: check
        await settle(pilot)
        assert isinstance(pilot.app.screen, ImportReportDialog)
        assert text_of(pilot, "#import-summary").startswith("Check only: nothing was written.")
        assert numbers() == before
        await pilot.press("i")
        await settle(pilot)
        assert text_of(pilot, "#import-summary").startswith("Imported 2 contacts.")
        assert not pilot.app.screen.check_action("import_now", ())
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, ImportReportDialog)
    assert numbers() == sorted([*before, "C-NEW", "P-X1"])


async def test_all_or_nothing_writes_nothing_and_offers_no_import(crm_settings, tmp_path):
    path = write(tmp_path, BAD)
    before = numbers()
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_import(pilot, path, "all-or-nothing")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert text_of(pilot, "#import-summary").startswith(
            "Nothing imported: a row was refused (all or nothing).")
        assert not pilot.app.screen.check_action("import_now", ())
    assert numbers() == before


async def test_the_options_reach_the_import(crm_settings, tmp_path):
    path = write(tmp_path, "No.,Name,Mailing Groups\nP-ANNA,Anna Changed,SPRING\n")
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_import(pilot, path, "update", "create-codes")
        await pilot.press("ctrl+s")
        await settle(pilot)
        summary = text_of(pilot, "#import-summary")
        assert "new 0 · changed 1" in summary
        assert "Codes created: mailing_groups SPRING" in summary
    assert Contact.get_by_id("P-ANNA").name == "Anna Changed"


async def test_a_missing_file_is_refused_inline_and_the_path_is_offered_again(
        crm_settings, tmp_path):
    path = write(tmp_path, GOOD)
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_import(pilot, "nope.csv")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ImportDialog)
        assert text_of(pilot, "#import-message") == f"There is no file {tmp_path}/nope.csv."
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        await pilot.press("ctrl+u", *path, "enter")  # check only
        await settle(pilot)
        await pilot.press("escape")
        await pilot.press("i")
        await settle(pilot)
        assert pilot.app.screen.query_one("#import-path").value == str(tmp_path / path)


async def test_escape_during_a_long_import_writes_nothing(crm_settings, tmp_path, monkeypatch):
    rows = "".join(f"P-C{i:05d},Person {i}\n" for i in range(30_000))
    path = write(tmp_path, "No.,Name\n" + rows)
    before = numbers()
    started, escaped = threading.Event(), threading.Event()
    real = contacts_screen.import_contacts

    def held(*args, progress, **kwargs):
        def step(done, total):
            if not started.is_set():
                started.set()
                escaped.wait(10)
            progress(done, total)
        return real(*args, progress=step, **kwargs)

    monkeypatch.setattr(contacts_screen, "import_contacts", held)
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_import(pilot, path)
        await pilot.press("ctrl+s")
        await wait_for(pilot, started.is_set, "the import's first step", settling=False)
        await pilot.press("escape")
        escaped.set()
        await settle(pilot)
        assert any("Canceled" in str(n.message) for n in pilot.app._notifications)
        assert not isinstance(pilot.app.screen, ImportReportDialog)
    assert numbers() == before


async def test_the_report_is_saved_as_csv_and_long_lists_are_cut(crm_settings, tmp_path,
                                                                 monkeypatch):
    monkeypatch.setattr("segtui.tui.dialogs.import_report.SHOWN_PROBLEMS", 1)
    path = write(tmp_path, BAD, name="people.csv")
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_import(pilot, path)
        await pilot.press("enter")
        await settle(pilot)
        assert len(problem_rows(pilot)) == 1
        assert text_of(pilot, "#import-more") == "… and 1 more: s saves the full report"
        await pilot.press("s")
        await settle(pilot)
        default = pilot.app.screen.query_one("#path-input").value
        assert default.endswith("/output/imports/people-report.csv")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ImportReportDialog)
        assert any(n.message == f"Report saved to {default}" for n in pilot.app._notifications)
    with open(default, encoding="utf-8", newline="") as file:
        saved = list(csv.reader(file))
    assert saved == [["row", "line", "kind", "column", "message"],
                     ["3", "3", "refused", "E-Mail",
                      "'[bold]x' is not an e-mail address (write name@domain.com)"],
                     ["5", "5", "refused", "No.",
                      "contact P-ANNA exists already (--update changes it)"]]
    assert SHOWN_PROBLEMS == 1_000


async def test_i_in_the_filter_is_typed_not_an_import(crm_settings):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await pilot.app.switch_mode("contacts")
        await settle(pilot)
        await pilot.press("slash", "i")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, ImportDialog)
        assert pilot.app.screen.query_one("#contacts-filter").value == "i"


EXCEL_SV = (b"\xef\xbb\xbf" + (
    "Företag;Kontaktperson;Gatuadress;Ort;E-post\r\n"
    "Acme Retail AB;Åsa Öberg;\"Storgatan 1\nc/o Lindqvist\";Malmö;asa@acme.se\r\n"
    "Nytt Bolag AB;Örjan 👩‍💻;Box 1;Lund;inte-mejl\r\n"
    "Nytt Bolag AB;Märta 🇸🇪;;;marta@nytt.se\r\n").encode())


async def test_create_companies_is_an_option_and_rows_show_as_the_sheet(crm_settings, tmp_path):
    NoSeries.insert(code=CONTACT_SERIES, description="Contacts", prefix="KT", width=4,
                    last_no=0).execute()
    (tmp_path / "kontakter.csv").write_bytes(EXCEL_SV)
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_import(pilot, "kontakter.csv", "create-companies")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ImportReportDialog)
        summary = text_of(pilot, "#import-summary")
        assert summary.startswith("Imported 2 contacts.")
        assert "Companies created 1: Nytt Bolag AB" in summary
        rows = problem_rows(pilot)
        assert [row[:3] for row in rows] == [["3 (line 4)", "refused", "E-post"]]
        assert text_of(pilot, "#import-detail").startswith("Row 3 (file line 4), E-post: ")
    company = Contact.get(Contact.name == "Nytt Bolag AB")
    assert Contact.get(Contact.name == "Märta 🇸🇪").company_no_id == company.no
    assert Contact.get(Contact.name == "Åsa Öberg").address_2 == "c/o Lindqvist"
