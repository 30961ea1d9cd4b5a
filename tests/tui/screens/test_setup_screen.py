"""The Setup screen: code tables created, edited and deleted by keys; template documents imported
and checked; saved criteria read and deleted (issue 7 §4)."""
import datetime

import pytest
from tests.support.documents import docx
from textual.widgets import TextArea
from tests.support.tui import settle, wait_for

from segtui.domain.segments.selection import add_contacts
from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.domain.segments.saved_criteria import save_criteria
from segtui.domain.segments.headers import create_segment
from segtui.store.models import (
    Attachment, InteractionTmplLanguage, MailingGroup, SavedSegmentCriteria, Salesperson,
    UserSetup)
from segtui.tui.app import SegtuiApp
from segtui.tui.dialogs.confirm import ConfirmDialog
from segtui.tui.dialogs.lookup import LookupDialog
from segtui.tui.dialogs.text_view import TextViewDialog
from segtui.tui.screens.setup import SetupScreen
from segtui.tui.screens.setup_pages.path import PathDialog
from segtui.tui.screens.setup_pages.record import RecordDialog
from segtui.tui.screens.setup_pages.templates import DocumentsDialog
from segtui.tui.widgets.paged_table import PagedTable

SIZE = (80, 24)
PAGES = ["no_series", "salespeople", "campaigns", "languages", "mailing_groups",
         "industry_groups", "job_responsibilities", "business_relations", "interaction_groups",
         "interaction_templates", "saved_criteria", "users"]


@pytest.fixture(autouse=True)
def setup_mode(monkeypatch):
    monkeypatch.setattr(SegtuiApp, "MODES", {**SegtuiApp.MODES, "setup": SetupScreen})


async def open_page(pilot, page: str) -> None:
    """Show the Setup screen, move down the list of pages to `page` and go into its list."""
    await pilot.app.switch_mode("setup")
    await settle(pilot)
    for _step in range(PAGES.index(page)):
        await pilot.press("down")
    await pilot.press("enter")
    await settle(pilot)
    assert pilot.app.screen.page.id == f"setup-{page}"


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)


async def filter_to(pilot, text: str) -> None:
    await pilot.press("slash")
    await type_text(pilot, text)
    await pilot.press("enter")
    await settle(pilot)


def shown_codes(pilot) -> list[str]:
    return [row[0] for row in pilot.app.screen.page.table.window]


def messages(pilot) -> list[str]:
    return [str(notification.message) for notification in pilot.app._notifications]


async def test_create_a_salesperson_then_edit_its_name(crm_settings):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_page(pilot, "salespeople")
        assert shown_codes(pilot) == ["AH", "BL", "PS"]
        await pilot.press("n")
        assert isinstance(pilot.app.screen, RecordDialog)
        await type_text(pilot, "jd")
        await pilot.press("tab")
        await type_text(pilot, "Jane Doe")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, SetupScreen)
        assert Salesperson.get_by_id("JD").name == "Jane Doe"
        assert shown_codes(pilot) == ["AH", "BL", "JD", "PS"]

        await filter_to(pilot, "jd")
        assert shown_codes(pilot) == ["JD"]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, RecordDialog)
        await pilot.press("ctrl+u")  # the name field has the focus: empty it
        await type_text(pilot, "Jane Dale")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, SetupScreen)
    assert Salesperson.get_by_id("JD").name == "Jane Dale"


async def test_a_duplicate_code_is_refused_in_the_card(crm_settings):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_page(pilot, "salespeople")
        await pilot.press("n")
        await type_text(pilot, "ah")
        await pilot.press("tab")
        await type_text(pilot, "Someone")
        await pilot.press("ctrl+s")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, RecordDialog)
        assert "Salesperson AH already exists" in str(dialog.query_one("#record-error").render())
        await pilot.press("escape")
        await settle(pilot)
    assert Salesperson.get_by_id("AH").name == "Annette Hill"
    assert Salesperson.select().count() == 3


async def test_a_mailing_group_in_use_is_not_deleted_an_unused_one_is(crm_settings):
    MailingGroup.create(code="UNUSED", description="Nobody")
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_page(pilot, "mailing_groups")
        await filter_to(pilot, "newsletter")
        await pilot.press("d")
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert any("Mailing group NEWSLETTER is in use" in message and "3 contacts" in message
                   for message in messages(pilot))
        assert shown_codes(pilot) == ["NEWSLETTER"]

        await pilot.press("escape")  # clear the filter
        await filter_to(pilot, "unused")
        await pilot.press("d")
        await pilot.press("enter")  # the default answer is No
        await settle(pilot)
        assert MailingGroup.get_or_none(MailingGroup.code == "UNUSED") is not None
        await pilot.press("d")
        await pilot.press("y")
        await settle(pilot)
        assert shown_codes(pilot) == []
    assert MailingGroup.get_or_none(MailingGroup.code == "UNUSED") is None
    assert MailingGroup.get_or_none(MailingGroup.code == "NEWSLETTER") is not None


async def open_documents(pilot, template: str, language_row: int) -> DocumentsDialog:
    await open_page(pilot, "interaction_templates")
    await filter_to(pilot, template)
    await pilot.press("o")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, DocumentsDialog)
    for _step in range(language_row):
        await pilot.press("down")
    return dialog


async def import_path(pilot, path) -> None:
    await pilot.press("i")
    assert isinstance(pilot.app.screen, PathDialog)
    await type_text(pilot, str(path))
    await pilot.press("enter")
    await settle(pilot)


def documents_message(dialog) -> str:
    return str(dialog.query_one("#documents-message").render())


async def test_importing_a_file_that_is_not_word_is_refused(crm_settings, tmp_path,
                                                           monkeypatch):
    monkeypatch.chdir(tmp_path)  # paths are typed relative to the working folder
    bad = tmp_path / "notes.docx"
    bad.write_text("just some text, renamed\n")
    attachments = Attachment.select().count()
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        dialog = await open_documents(pilot, "meeting", 2)  # (none), DEU, ENU
        assert dialog.current.language == "ENU" and not dialog.current.has_document
        await import_path(pilot, bad.name)
        assert pilot.app.screen is dialog
        assert "notes.docx is not a Word document (.docx)" in documents_message(dialog)
        assert not dialog.current.has_document
    assert Attachment.select().count() == attachments
    assert not InteractionTmplLanguage.select().where(
        InteractionTmplLanguage.interaction_template == "MEETING").exists()


async def test_import_a_word_document_then_check_its_fields(crm_settings, tmp_path,
                                                            monkeypatch):
    monkeypatch.chdir(tmp_path)
    good = tmp_path / "meeting.docx"
    good.write_bytes(docx("Dear «Contact_Name»", "See you in «Contact_Cty»"))
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        dialog = await open_documents(pilot, "meeting", 2)
        await import_path(pilot, good.name)
        assert "Imported" in documents_message(dialog)
        assert dialog.current.language == "ENU" and dialog.current.has_document
        warning = pilot.app.screen  # an unknown field: the check shows at once, as a warning
        assert isinstance(warning, TextViewDialog)
        text = warning.query_one(TextArea).text
        assert text.splitlines() == [
            "2 merge fields · 1 unknown", "",
            "! unknown field «Contact_Cty» in body: it stays empty (did you mean Contact_City?)",
            "✓ Contact_Name"]
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is dialog
        await pilot.press("k")                      # the same check, asked for
        await settle(pilot)
        assert pilot.app.screen.query_one(TextArea).text == text
        await pilot.press("escape")

        await import_path(pilot, good.name)  # a second import asks first (default No)
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is dialog

        await pilot.press("x")
        assert isinstance(pilot.app.screen, PathDialog)
        await pilot.press("ctrl+u")
        await type_text(pilot, "copy.docx")
        await pilot.press("enter")
        await settle(pilot)
        assert "Saved to" in documents_message(dialog)
        assert (tmp_path / "copy.docx").read_bytes() == good.read_bytes()
    row = InteractionTmplLanguage.get(
        (InteractionTmplLanguage.interaction_template == "MEETING")
        & (InteractionTmplLanguage.language_code == "ENU"))
    assert bytes(Attachment.get_by_id(row.attachment).file) == good.read_bytes()


async def test_remove_a_document_after_asking(crm_settings):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        dialog = await open_documents(pilot, "letter", 3)  # (none), DEU, ENU, SVE
        assert dialog.current.language == "SVE" and dialog.current.has_document
        await pilot.press("r")
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert not dialog.current.has_document
    row = InteractionTmplLanguage.get(
        (InteractionTmplLanguage.interaction_template == "LETTER")
        & (InteractionTmplLanguage.language_code == "SVE"))
    assert row.attachment is None


async def test_saved_criteria_are_listed_with_their_lines_and_deleted(crm_settings):
    segment = create_segment(user="TESTER", description="Retail", template="LETTER",
                             salesperson="AH", date=datetime.date(2026, 1, 15))
    add_contacts(segment, parse_criteria(["industry=RETAIL"]), user="TESTER")
    save_criteria(segment, "RETAIL", user="TESTER", description="Retail companies")
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_page(pilot, "saved_criteria")
        row = pilot.app.screen.page.highlighted_row
        assert (row.code, row.description, row.user_id, row.no_of_actions) == (
            "RETAIL", "Retail companies", "TESTER", 1)
        await pilot.press("n")  # saved criteria are made on a segment, not here
        assert isinstance(pilot.app.screen, SetupScreen)
        await pilot.press("enter")
        await settle(pilot)
        view = pilot.app.screen
        assert isinstance(view, TextViewDialog)
        lines = view.query_one(TextArea).text.splitlines()
        assert lines[0].split() == ["1", "Add", "Contacts"]
        assert "RETAIL" in lines[1]
        await pilot.press("escape")
        await pilot.press("d")
        await pilot.press("y")
        await settle(pilot)
    assert SavedSegmentCriteria.select().count() == 0


async def test_s17_user_setup_by_keys_offers_no_blocked_salesperson(crm_settings):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_page(pilot, "users")
        assert shown_codes(pilot) == []
        await pilot.press("n")
        assert isinstance(pilot.app.screen, RecordDialog)
        await type_text(pilot, "clerk")
        await pilot.press("tab")
        await pilot.press("f4")
        await settle(pilot)
        lookup = pilot.app.screen
        assert isinstance(lookup, LookupDialog)
        offered = [row.code for row in lookup.query_one(PagedTable).window]
        assert offered and "BL" not in offered  # BL is blocked
        await type_text(pilot, "peter")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, RecordDialog), "the card")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, SetupScreen)
        assert [tuple(row) for row in pilot.app.screen.page.table.window] == [("CLERK", "PS")]

        await pilot.press("enter")  # the card, the salesperson field has the focus
        await settle(pilot)
        await pilot.press("ctrl+u")
        await type_text(pilot, "bl")
        await pilot.press("enter")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, RecordDialog)
        field = dialog.query_one("#record-salesperson")
        assert field.has_class("invalid")
        assert "salesperson BL is blocked" in str(field.query_one(".field-message").render())
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, SetupScreen)
    assert UserSetup.get_by_id("CLERK").salesperson == "PS"


async def test_s17_user_setup_page_in_swedish_refuses_blocked_salesperson(crm_settings, swedish):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_page(pilot, "users")
        page = pilot.app.screen.page
        headings = [str(column.label) for column in page.table.columns.values()]
        assert headings[:2] == ["Användar-ID", "Säljare"]
        await pilot.press("n", *"clerk", "tab", *"bl", "ctrl+s")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, RecordDialog)
        assert "säljaren BL är spärrad" in str(dialog.query_one("#record-error").render())
        await pilot.press("escape")
        await settle(pilot)
    assert not UserSetup.select().exists()
