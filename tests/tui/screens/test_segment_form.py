"""The Segment form driven by keys only: header edits with their questions, lines, actions."""
import datetime

import pytest
from textual.widgets import TextArea
from tests.support.segment_form import edit_header_field, open_form
from tests.support.tui import settle

from tests.support.crm import EXCLUDED, LOGGED_ENTRY
from tests.support.criteria_dialog import type_criterion

from segtui.domain.segments.selection import action_count, add_contacts
from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.domain.demo import documents as demo_documents
from segtui.domain.segments import headers as segments
from segtui.domain.segments.saved_criteria import save_criteria
from segtui.domain.documents.template_documents import import_document
from segtui.domain.segments.headers import create_segment, get_segment
from segtui.store.connection import db
from segtui.store.models import (
    ContactMailingGroup, InteractionLogEntry, LoggedSegment, SavedSegmentCriteria, SegmentHeader,
    SegmentLine)
from segtui.tui.app import SegtuiApp
from segtui.tui.dialogs.confirm import ConfirmDialog
from segtui.tui.dialogs.merge import MergeDialog
from segtui.tui.dialogs.reuse_options import ReuseOptionsDialog
from segtui.tui.screens.segment_form import SegmentFormScreen
from segtui.tui.widgets.field_row import FieldRow


@pytest.fixture
def segment(crm_settings):
    """A LETTER segment of salesperson AH holding the retail and wholesale companies' contacts."""
    no = create_segment(user="TESTER", description="Spring mailing", template="LETTER",
                        salesperson="AH", date=datetime.date(2026, 1, 15))
    add_contacts(no, parse_criteria(["industry=RETAIL|WHOLESALE"]), user="TESTER")
    return no


def lines(segment_no: str, attr: str) -> set:
    return {getattr(line, attr) for line in
            SegmentLine.select().where(SegmentLine.segment == segment_no)}


async def edit_field(pilot, attr: str, text: str) -> None:
    await edit_header_field(pilot, attr, text)


async def test_header_change_updates_lines_when_answered_yes(crm_settings, segment):
    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        await open_form(pilot, segment)
        await edit_field(pilot, "description", "Autumn")
        assert isinstance(pilot.app.screen, ConfirmDialog)
        assert "update the segment lines" in pilot.app.screen.question
        await pilot.press("enter")  # the default is Yes
        await settle(pilot)
        assert get_segment(segment).description == "Autumn"
        assert lines(segment, "description") == {"Autumn"}


async def test_header_change_keeps_lines_when_answered_no(crm_settings, segment):
    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        await open_form(pilot, segment)
        await edit_field(pilot, "description", "Autumn")
        await pilot.press("n")
        await settle(pilot)
        assert get_segment(segment).description == "Autumn"
        assert lines(segment, "description") == {"Spring mailing"}


async def test_bad_code_shows_message_beside_field_and_changes_nothing(crm_settings, segment):
    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, segment)
        await edit_field(pilot, "salesperson", "NOBODY")
        row = form.query_one("#field-salesperson", FieldRow)
        assert row.has_class("invalid")
        assert "does not exist" in str(row.query_one(".field-message").render())
        assert get_segment(segment).salesperson == "AH"


async def test_salesperson_lookup_with_f4(crm_settings, segment):
    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        await open_form(pilot, segment)
        await pilot.press("h", "tab")  # description, then salesperson
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press("P", "S")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")  # update the lines: Yes
        await settle(pilot)
        assert get_segment(segment).salesperson == "PS"
        assert lines(segment, "salesperson") == {"PS"}


async def test_fields_needing_a_template_are_disabled_without_one(crm_settings):
    no = create_segment(user="TESTER", description="No template", date=datetime.date(2026, 1, 15))
    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, no)
        cost = form.query_one("#field-unit_cost", FieldRow)
        assert cost.editor.disabled
        assert "interaction template" in str(cost.tooltip)
        assert not form.query_one("#field-interaction_template", FieldRow).editor.disabled


async def test_template_change_declined_with_inherited_documents_is_refused(crm_settings,
                                                                           segment):
    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, segment)
        await pilot.press("h", "shift+tab")  # from description back to the tabs
        await pilot.press("right")  # the Interaction tab
        await edit_field(pilot, "interaction_template", "MEETING")
        assert "apply the Interaction Template Code MEETING" in pilot.app.screen.question
        await pilot.press("n")
        await settle(pilot)
        row = form.query_one("#field-interaction_template", FieldRow)
        assert "inherited" in str(row.query_one(".field-message").render())
        assert get_segment(segment).interaction_template == "LETTER"


async def test_lines_show_data_as_plain_text(crm_settings, segment):
    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, segment)
        await edit_field(pilot, "description", "[bold red]x[/]")
        await pilot.press("enter")
        await settle(pilot)
        table = form.lines
        drawn = [table.render_line(y).text for y in range(table.size.height)]
        assert any("[bold red]x" in line for line in drawn)


async def test_go_back_asks_with_default_no(crm_settings, segment):
    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        await open_form(pilot, segment)
        await pilot.press("b")
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("enter")  # No
        await settle(pilot)
        assert action_count(segment) == 1
        await pilot.press("b", "y")
        await settle(pilot)
        assert action_count(segment) == 0
        assert lines(segment, "contact") == set()
        assert str(pilot.app.screen.query_one("#lines-status").render()) == "No rows"


async def test_a_segment_of_100k_lines_is_read_a_page_at_a_time(crm_settings):
    no = create_segment(user="TESTER", description="Big", template="LETTER", salesperson="AH",
                        date=datetime.date(2026, 1, 15))
    db.execute_sql(
        "INSERT INTO segment_line (segment_no, line_no, contact_no, description) "
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) "
        "SELECT ?, i * 10000, 'P-ANNA', 'Big' FROM n", (no,))
    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, no)
        assert len(form.lines.window) <= 300
        assert str(form.query_one("#lines-status").render()) == "Row 1 of 100,000"
        await pilot.press("end")
        await settle(pilot)
        assert form.lines.highlighted_row.line_no == 100000 * 10000
        assert len(form.lines.window) <= 300
        assert str(form.query_one("#lines-status").render()) == "Row 100,000 of 100,000"


async def choose_in_lookup(pilot, text: str) -> None:
    """In an open pick list: search for `text`, then take the row under the cursor."""
    await settle(pilot)
    await pilot.press(*text)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_reuse_logged_segment_from_its_pick_list(crm_settings):
    no = create_segment(user="TESTER", description="Again", template="LETTER",
                        salesperson="AH", date=datetime.date(2026, 1, 15))
    expected = {entry.contact_no for entry in InteractionLogEntry.select().where(
        (InteractionLogEntry.logged_segment_entry_no == LOGGED_ENTRY)
        & (InteractionLogEntry.canceled == False))}  # noqa: E712
    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        await open_form(pilot, no)
        await pilot.press("o")
        await choose_in_lookup(pilot, str(LOGGED_ENTRY))
        assert isinstance(pilot.app.screen, ReuseOptionsDialog)
        await pilot.press("ctrl+s")  # the options as they are: skip canceled and excluded
        await settle(pilot)
        assert isinstance(pilot.app.screen, SegmentFormScreen)
    assert expected and lines(no, "contact") == expected - EXCLUDED
    assert action_count(no) == 1


async def test_C14_reuse_logged_says_what_it_skips_and_the_options_take_them(crm_settings):
    no = create_segment(user="TESTER", description="Again", template="LETTER",
                        salesperson="AH", date=datetime.date(2026, 1, 15))
    entries = [contact for contact, in InteractionLogEntry.select(InteractionLogEntry.contact_no)
               .where(InteractionLogEntry.logged_segment_entry_no == LOGGED_ENTRY)
               .order_by(InteractionLogEntry.entry_no).tuples()]
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_form(pilot, no)
        await pilot.press("o")
        await choose_in_lookup(pilot, str(LOGGED_ENTRY))
        dialog = app.screen
        assert isinstance(dialog, ReuseOptionsDialog)
        assert str(dialog.query_one("#reuse-preview").render()) == (
            f"would add 3 lines from logged segment 1; would skip 2 of its {len(entries)} "
            "entries: 1 canceled (tick Include canceled), 1 Exclude from Segment (tick Ignore "
            "exclusion)")
        await pilot.press("space", "tab", "space")  # Include canceled, Ignore exclusion
        await settle(pilot)
        assert str(dialog.query_one("#reuse-preview").render()).endswith(
            f"none of its {len(entries)} entries would be skipped")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SegmentFormScreen)
        assert [str(note.message) for note in app._notifications][-1] == (
            f"added {len(entries)} lines from logged segment 1 (criteria action 1); none of "
            f"its {len(entries)} entries skipped")
    assert [line.contact for line in SegmentLine.select().where(SegmentLine.segment == no)
            .order_by(SegmentLine.line_no)] == entries


async def test_reuse_criteria_asks_first_when_the_segment_has_actions(crm_settings, segment):
    save_criteria(segment, "RETAILWHO", user="TESTER")
    other = create_segment(user="TESTER", description="Other", template="LETTER",
                           salesperson="AH", date=datetime.date(2026, 1, 15))
    add_contacts(other, parse_criteria(["contact.no=P-GUS"]), user="TESTER")
    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        await open_form(pilot, other)
        await pilot.press("u")
        await choose_in_lookup(pilot, "RETAILWHO")
        assert isinstance(pilot.app.screen, ConfirmDialog)  # C9, default No
        await pilot.press("enter")
        await settle(pilot)
        assert action_count(other) == 1
        await pilot.press("u")
        await choose_in_lookup(pilot, "RETAILWHO")
        await pilot.press("y")
        await settle(pilot)
    assert action_count(other) == 2
    assert lines(other, "contact") == lines(segment, "contact") | {"P-GUS"}


async def test_delete_line_after_confirmation(crm_settings, segment):
    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, segment)
        await pilot.press("down")
        removed = form.lines.highlighted_row.line_no
        await pilot.press("delete")
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        assert SegmentLine.select().where(SegmentLine.segment == segment).count() == 7
        await pilot.press("delete", "y")
        await settle(pilot)
        assert form.lines.highlighted_row.line_no > removed  # on the line that followed
    assert removed not in lines(segment, "line_no")
    assert len(lines(segment, "line_no")) == 6
    assert action_count(segment) == 2  # the removal is a Reduce that Go Back undoes


async def criteria_action(pilot, key: str, field: str, text: str) -> None:
    """Open Add/Reduce/Refine with `key`, choose the source of `field` and Tab to it, type
    `text`, wait for the count, OK."""
    await pilot.press(key)
    await settle(pilot)
    await type_criterion(pilot, field, text)
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_add_reduce_refine_contacts_by_keys(crm_settings):
    no = create_segment(user="TESTER", description="Criteria", template="LETTER",
                        salesperson="AH", date=datetime.date(2026, 1, 15))
    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, no)
        await criteria_action(pilot, "a", "industry.code", "RETAIL|WHOLESALE")
        assert isinstance(pilot.app.screen, SegmentFormScreen)
        assert lines(no, "contact") == {"C-ACME", "P-ANNA", "P-BERT", "P-CARL", "C-BOLT",
                                        "P-DORA", "C-CRAFT"}
        assert str(form.query_one("#lines-status").render()) == "Row 1 of 7"
        await criteria_action(pilot, "r", "contact.type", "Company")
        assert lines(no, "contact") == {"P-ANNA", "P-BERT", "P-CARL", "P-DORA"}
        await criteria_action(pilot, "f", "contact.country", "SE")
        assert lines(no, "contact") == {"P-ANNA", "P-BERT", "P-CARL"}
        assert action_count(no) == 3
        assert form.query_one("#field-no_of_criteria_actions", FieldRow).text == "3"
        await pilot.press("b", "y")
        await settle(pilot)
        assert lines(no, "contact") == {"P-ANNA", "P-BERT", "P-CARL", "P-DORA"}


async def test_log_with_follow_up_closes_the_form_and_names_the_logged_segment(crm_settings,
                                                                                segment):
    contacts = lines(segment, "contact")
    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        await open_form(pilot, segment)
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("space", "tab", "space")  # untick Deliver, tick Create follow-up
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, SegmentFormScreen)
        logged = LoggedSegment.get(LoggedSegment.segment_no == segment)
        messages = [str(n.message) for n in pilot.app._notifications]
        assert any(f"logged segment {logged.entry_no}" in m and "Follow-up segment" in m
                   for m in messages)
    assert SegmentHeader.get_or_none(SegmentHeader.no == segment) is None
    follow_up = SegmentHeader.get(SegmentHeader.no != segment)
    assert lines(follow_up.no, "contact") == contacts - EXCLUDED
    assert InteractionLogEntry.select().where(
        InteractionLogEntry.logged_segment_entry_no == logged.entry_no).count() == len(contacts)


async def test_merge_checks_the_documents_then_writes_the_letters(crm_settings, tmp_path):
    for language in ("ENU", "SVE"):
        import_document("LETTER", language, demo_documents.letter_docx(language), replace=True)
    segment = create_segment(user="TESTER", description="Letters", template="LETTER",
                             salesperson="AH", date=datetime.date(2026, 1, 15))
    add_contacts(segment, parse_criteria(["industry=RETAIL"]), user="TESTER")
    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        await open_form(pilot, segment)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(pilot.app.screen, MergeDialog)
        await pilot.press(*str(tmp_path / "out"), "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, SegmentFormScreen)
        messages = [str(n.message) for n in pilot.app._notifications]
    letters = sorted(path.name for path in (tmp_path / "out").glob("*.docx"))
    assert any("letters written to" in message for message in messages)
    assert len(letters) == len(lines(segment, "contact")) + 1  # and the combined file


async def test_lines_by_hand_personal_text_and_save_criteria_by_keys(crm_settings):
    for language in ("ENU", "SVE"):
        import_document("LETTER", language, demo_documents.letter_docx(language), replace=True)
    no = create_segment(user="TESTER", description="By hand", template="LETTER",
                        salesperson="AH", date=datetime.date(2026, 1, 15))
    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, no)
        for contact in ("P-ANNA", "P-GUS"):
            await pilot.press("n")
            await settle(pilot)
            await pilot.press(*contact, "enter")
            await settle(pilot)
        assert lines(no, "contact") == {"P-ANNA", "P-GUS"}
        assert form.lines.highlighted_row.contact_no == "P-ANNA"
        await pilot.press("p")
        await settle(pilot)
        await pilot.press(*"Thanks", "ctrl+s")
        await settle(pilot)
        assert form.lines.highlighted_row.document == "Unique"
        await pilot.press("v")
        await settle(pilot)
        preview = pilot.app.screen
        assert "Thanks" in preview.query_one(TextArea).text
        await pilot.press("escape")
        await pilot.press("s")
        await settle(pilot)
        await pilot.press(*"HANDMADE", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, SegmentFormScreen)
    assert SavedSegmentCriteria.get_or_none(SavedSegmentCriteria.code == "HANDMADE")


async def test_apply_mailing_group_by_keys(crm_settings, segment):
    contacts = lines(segment, "contact")
    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        await open_form(pilot, segment)
        await pilot.press("i")
        await choose_in_lookup(pilot, "XMAS")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("tab", "space")  # from No to the option: delete the old ones first
        assert pilot.app.screen.option_ticked
        await pilot.press("y")
        await settle(pilot)
        messages = [str(n.message) for n in pilot.app._notifications]
    assert f"Mailing Group XMAS is now applied to Segment {segment}." in messages
    assert {row.contact for row in ContactMailingGroup.select().where(
        ContactMailingGroup.mailing_group == "XMAS")} == contacts


async def test_apply_mailing_group_asks_once_with_how_many_it_concerns(crm_settings, segment):
    """One question, saying how many contacts and lines, No by default: Enter applies
    nothing; the old assignments go only when their option is ticked."""
    before = sorted(ContactMailingGroup.select(ContactMailingGroup.contact,
                                               ContactMailingGroup.mailing_group).tuples())
    count = len(lines(segment, "contact"))
    holders = ContactMailingGroup.select().where(
        ContactMailingGroup.mailing_group == "XMAS").count()
    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        await open_form(pilot, segment)
        await pilot.press("i")
        await choose_in_lookup(pilot, "XMAS")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert dialog.question.startswith("Apply mailing group XMAS to ")
        assert f" ({count} lines) of segment {segment}?" in dialog.question
        assert dialog.option == (f"Delete old assignments first ({holders} "
                                 f"contact{'' if holders == 1 else 's'})")
        assert not dialog.option_ticked
        await pilot.press("enter")  # the default: No
        await settle(pilot)
        assert isinstance(pilot.app.screen, SegmentFormScreen)
    assert sorted(ContactMailingGroup.select(ContactMailingGroup.contact,
                                             ContactMailingGroup.mailing_group).tuples()) == before


async def test_a_save_over_someone_elses_change_is_refused_until_reloaded(crm_settings,
                                                                          segment):
    async def save(text: str) -> None:
        await edit_field(pilot, "description", text)
        if isinstance(pilot.app.screen, ConfirmDialog):  # update the lines too? Yes
            await pilot.press("enter")
            await settle(pilot)

    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, segment)
        segments.change_header(segment, "description", "Theirs", user="OTHER")  # meanwhile
        await save("Mine")
        row = form.query_one("#field-description", FieldRow)
        message = str(row.query_one(".field-message").render())
        assert f"segment {segment} was changed by OTHER at" in message and "reload" in message
        assert get_segment(segment).description == "Theirs"
        await pilot.press("f5")
        await settle(pilot)
        assert row.text == "Theirs"
        await save("Mine")
        assert get_segment(segment).description == "Mine"
