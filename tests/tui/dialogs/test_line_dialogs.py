"""The small dialogs of the Segment form, driven by keys at 80×24 over the known CRM: adding a
line, editing a line's own fields, the personal text, the letter preview and the criteria."""
import datetime
import io
from decimal import Decimal

import pytest
from tests.support.crm import build_crm
from docx import Document
from textual.widgets import Input, Static, TextArea
from tests.support.tui import settle, wait_for

from segtui.config import Settings
from segtui.domain.documents.personal_text import personal_text, set_personal_text
from segtui.domain.segments.saved_criteria import save_criteria
from segtui.domain.segments.lines import add_line, get_line, set_line_field
from segtui.domain.segments.queries import line_rows
from segtui.domain.segments.headers import create_segment, get_segment
from segtui.domain.documents.template_documents import import_document
from segtui.store.models import SavedSegmentCriteria, SegmentLine
from segtui.tui.app import SegtuiApp
from segtui.tui.dialogs.confirm import ConfirmDialog
from segtui.tui.dialogs.criteria_view import CriteriaViewDialog
from segtui.tui.dialogs.line import AddLineDialog, LineDialog
from segtui.tui.dialogs.lookup import LookupDialog
from segtui.tui.dialogs.personal_text import PersonalTextDialog
from segtui.tui.dialogs.save_criteria import SaveCriteriaDialog
from segtui.tui.dialogs.text_view import PreviewDialog

USER = "TESTER"


def letter(greeting: str) -> bytes:
    document = Document()
    document.add_paragraph(f"{greeting} «Contact_Name»,")
    document.add_paragraph("Our spring offer is here.")
    document.add_paragraph("Kind regards")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def segment(sqlite_database):
    return make_segment()


def make_segment() -> str:
    """A LETTER segment (real Word documents) with lines for P-ANNA (SVE) and P-BERT (ENU)."""
    build_crm()
    import_document("LETTER", "ENU", letter("Dear"), replace=True)
    import_document("LETTER", "SVE", letter("Hej"), replace=True)
    segment_no = create_segment(user=USER, description="Spring", template="LETTER",
                                salesperson="AH", date=datetime.date(2026, 1, 15))
    for contact_no in ("P-ANNA", "P-BERT"):
        add_line(segment_no, contact_no, user=USER)
    return segment_no


@pytest.fixture
def settings(segment):
    return Settings(db_target="crm.db", is_default_db=False, user=USER)


def line_of(segment_no: str, contact_no: str) -> int:
    return next(row["line_no"] for row in line_rows(segment_no) if row["contact_no"] == contact_no)


def contacts(segment_no: str) -> list[str]:
    return [row["contact_no"] for row in line_rows(segment_no)]


def shown(pilot, selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).content)


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(char, char) for char in text])


# --- a new line ---------------------------------------------------------------------------

async def test_a_line_is_added_for_a_typed_contact_no(settings, segment):
    results = []
    async with SegtuiApp(settings).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(AddLineDialog(segment), results.append)
        await settle(pilot)
        await type_text(pilot, "p-carl")
        await pilot.press("enter")
        await settle(pilot)
    assert contacts(segment) == ["P-ANNA", "P-BERT", "P-CARL"]
    assert results == [line_of(segment, "P-CARL")]


async def test_a_contact_is_picked_from_the_list_with_f4(settings, segment):
    results = []
    async with SegtuiApp(settings).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(AddLineDialog(segment), results.append)
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(pilot.app.screen, LookupDialog)
        await type_text(pilot, "carl")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, AddLineDialog),
                       "the Add Line dialog")
        assert pilot.app.screen.query_one(Input).value == "P-CARL"
        await pilot.press("enter")
        await settle(pilot)
    assert results == [line_of(segment, "P-CARL")]


async def test_an_unknown_contact_is_refused_beside_the_field(settings, segment):
    results = []
    async with SegtuiApp(settings).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(AddLineDialog(segment), results.append)
        await settle(pilot)
        await type_text(pilot, "nobody")
        await pilot.press("enter")
        await settle(pilot)
        assert "contact NOBODY does not exist" in shown(pilot, "#add-line-message")
        assert isinstance(pilot.app.screen, AddLineDialog)
    assert results == []
    assert contacts(segment) == ["P-ANNA", "P-BERT"]


@pytest.mark.parametrize("contact_no, warning", [
    ("P-ANNA", "is already on line"), ("P-EMIL", "has Exclude from Segment")])
async def test_SL6_SL7_a_warning_needs_a_second_enter(settings, segment, contact_no, warning):
    results = []
    async with SegtuiApp(settings).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(AddLineDialog(segment), results.append)
        await settle(pilot)
        await type_text(pilot, contact_no)
        await pilot.press("enter")
        await settle(pilot)
        assert warning in shown(pilot, "#add-line-message")
        assert results == [] and contacts(segment).count(contact_no) == (contact_no == "P-ANNA")
        await pilot.press("enter")
        await settle(pilot)
    assert len(results) == 1
    assert get_line(segment, results[0]).contact == contact_no


# --- a line's own fields ------------------------------------------------------------------

async def test_description_and_cost_are_the_line_s_own(settings, segment):
    line_no = line_of(segment, "P-BERT")
    results = []
    async with SegtuiApp(settings).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(LineDialog(segment, line_no), results.append)
        await settle(pilot)
        assert "Bert Lund" in shown(pilot, "#line-info")
        await pilot.press("ctrl+u")
        await type_text(pilot, "Bert's offer")
        await pilot.press("enter")
        await settle(pilot)
        for _field in ("corr. type", "language", "subject", "date", "cost"):
            await pilot.press("tab")
        await pilot.press("ctrl+u", *"12.50")
        await pilot.press("escape")  # saves the field being edited, then closes
        await settle(pilot)
    assert results == [True]
    line = get_line(segment, line_no)
    assert (line.description, line.cost) == ("Bert's offer", Decimal("12.50"))
    assert get_line(segment, line_of(segment, "P-ANNA")).cost != Decimal("12.50")
    assert get_segment(segment).description == "Spring"


async def test_a_bad_value_shows_beside_the_field_and_is_kept(settings, segment):
    line_no = line_of(segment, "P-BERT")
    async with SegtuiApp(settings).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(LineDialog(segment, line_no))
        await settle(pilot)
        for _field in ("corr. type", "language", "subject", "date"):
            await pilot.press("tab")
        await pilot.press("ctrl+u", *"2026-13-01", "enter")
        await settle(pilot)
        row = pilot.app.screen.query_one("#line-date")
        assert "Date" in str(row.query_one(".field-message", Static).content)
        assert row.text == "2026-13-01"
    assert get_line(segment, line_no).date == datetime.date(2026, 1, 15)


async def test_another_template_makes_the_line_unique(settings, segment):
    line_no = line_of(segment, "P-BERT")
    results = []
    async with SegtuiApp(settings).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(LineDialog(segment, line_no), results.append)
        await settle(pilot)
        await pilot.press("shift+tab", "ctrl+u", *"email", "enter")
        await settle(pilot)
        assert "Document: Unique" in shown(pilot, "#line-info")
        await pilot.press("escape")
        await settle(pilot)
    assert results == [True]
    row = next(row for row in line_rows(segment) if row["line_no"] == line_no)
    assert (row["interaction_template_code"], row["document"]) == ("EMAIL", "Unique")


# --- personal text ------------------------------------------------------------------------

async def test_a_personal_text_makes_the_document_unique_and_removing_it_inherited(settings,
                                                                                   segment):
    line_no = line_of(segment, "P-ANNA")
    results = []
    async with SegtuiApp(settings).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(PersonalTextDialog(segment, line_no), results.append)
        await settle(pilot)
        await type_text(pilot, "We met at the fair.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert results == [True]
        assert line_rows(segment)[0]["document"] == "Unique"
        assert personal_text(segment, line_no) == "We met at the fair."

        pilot.app.push_screen(PersonalTextDialog(segment, line_no), results.append)
        await settle(pilot)
        assert pilot.app.screen.query_one(TextArea).text == "We met at the fair."
        await pilot.press("ctrl+d")
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
    assert results == [True, True]
    assert line_rows(segment)[0]["document"] == "Inherited"


async def test_escape_with_changes_asks_to_discard_them(settings, segment):
    line_no = line_of(segment, "P-ANNA")
    results = []
    async with SegtuiApp(settings).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(PersonalTextDialog(segment, line_no), results.append)
        await settle(pilot)
        await type_text(pilot, "not kept")
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("enter")  # the default: No, keep editing
        assert isinstance(pilot.app.screen, PersonalTextDialog)
        assert pilot.app.screen.query_one(TextArea).text == "not kept"
        await pilot.press("escape", "y")
        await settle(pilot)
    assert results == [False]
    assert line_rows(segment)[0]["document"] == "Inherited"


async def test_a_line_without_a_document_says_why(settings, segment):
    plain = create_segment(user=USER, date=datetime.date(2026, 1, 15))
    line_no = add_line(plain, "P-GUS", user=USER)
    async with SegtuiApp(settings).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(PersonalTextDialog(plain, line_no))
        await settle(pilot)
        await type_text(pilot, "hello")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "SL4" in shown(pilot, "#personal-text-message")
        assert isinstance(pilot.app.screen, PersonalTextDialog)


# --- preview and criteria -----------------------------------------------------------------

async def test_the_preview_is_the_merged_letter(settings, segment):
    line_no = line_of(segment, "P-ANNA")
    set_personal_text(segment, line_no, "[bold]literal[/bold]")
    results = []
    async with SegtuiApp(settings).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(PreviewDialog(segment, line_no), results.append)
        await settle(pilot)
        text = pilot.app.screen.query_one(TextArea).text
        assert "Hej Anna Berg," in text and "[bold]literal[/bold]" in text
        await pilot.press("q")
    assert results == [None]


async def test_the_criteria_view_lists_the_actions(settings, segment):
    async with SegtuiApp(settings).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(CriteriaViewDialog(segment))
        await settle(pilot)
        text = shown(pilot, "#criteria-view")
        assert "#1 Add Contacts" in text and "manual entry" in text
        assert "contact.no" in text and "P-BERT" in text


async def test_saving_criteria_under_a_taken_code_is_refused_then_a_new_code_saves(settings,
                                                                                    segment):
    save_criteria(segment, "TAKEN", user=USER)
    results = []
    async with SegtuiApp(settings).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(SaveCriteriaDialog(segment), results.append)
        await settle(pilot)
        await type_text(pilot, "taken")
        await pilot.press("enter")
        await settle(pilot)
        assert "Saved Segment Criteria TAKEN already exists" in shown(
            pilot, "#save-criteria-message")
        await pilot.press("ctrl+u", *"spring", "tab", *"Spring offer", "ctrl+s")
        await settle(pilot)
    assert results == ["SPRING"]
    assert SavedSegmentCriteria.get_by_id("SPRING").description == "Spring offer"
    assert SegmentLine.select().where(SegmentLine.segment == segment).count() == 2


async def test_a_field_someone_else_changed_meanwhile_is_not_overwritten(settings, segment):
    """R3: two people editing one line never silently overwrite each other."""
    line_no = line_of(segment, "P-BERT")
    async with SegtuiApp(settings).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(LineDialog(segment, line_no))
        await settle(pilot)
        set_line_field(segment, line_no, "description", "Theirs")  # another user, meanwhile
        await pilot.press("ctrl+u")
        await type_text(pilot, "Mine")
        await pilot.press("enter")
        await settle(pilot)
        row = pilot.app.screen.query_one("#line-description")
        message = str(row.query_one(".field-message", Static).content)
        assert "changed meanwhile" in message and "Theirs" in message
        assert row.text == "Mine"  # what was typed stays
        assert get_line(segment, line_no).description == "Theirs"
        await pilot.press("enter")  # having seen theirs, a second Enter saves over it
        await settle(pilot)
        assert get_line(segment, line_no).description == "Mine"


async def test_P9_ctrl_r_gives_the_focused_field_the_header_s_value_again(settings, segment):
    line_no = line_of(segment, "P-BERT")
    set_line_field(segment, line_no, "description", "Bert's offer")
    results = []
    async with SegtuiApp(settings).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(LineDialog(segment, line_no), results.append)
        await settle(pilot)
        assert "Description" in shown(pilot, "#line-info")   # listed among the own values
        await pilot.press("ctrl+r")                           # the description is focused
        await wait_for(pilot, lambda: "none, all from the header" in shown(pilot, "#line-info"))
        assert pilot.app.screen.query_one("#line-description Input", Input).value == "Spring"
        await pilot.press("escape")
        await settle(pilot)
    assert results == [True]
    assert get_line(segment, line_no).description == "Spring"
