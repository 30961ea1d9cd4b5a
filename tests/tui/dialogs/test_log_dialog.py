"""The Log dialog: options, the pre-flight report recomputed per option, refusals, the request."""

import pytest
from tests.support.crm import LOGGED_ENTRY
from tests.support.documents import docx, letter_segment
from textual.widgets import Static
from tests.support.tui import settle, wait_for

from segtui.domain.demo import documents as demo_documents
from segtui.domain.documents.template_documents import import_document
from segtui.domain.segments.log_segment import LineNote
from segtui.store.enums import CorrespondenceType
from segtui.store.models import Contact, LoggedSegment, SegmentHeader, SegmentLine
from segtui.tui.app import SegtuiApp
from segtui.tui.dialogs.confirm import ConfirmDialog
from segtui.tui.dialogs.log_segment import LogDialog, LogRequest, note_lines

SIZE = (80, 24)
HARD_COPY = CorrespondenceType.HARD_COPY


def text_of(pilot, selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


async def open_dialog(pilot, segment_no: str, results: list) -> None:
    pilot.app.push_screen(LogDialog(segment_no), results.append)
    await settle(pilot)


async def test_a_blocking_line_is_listed_and_refuses_the_log(crm_settings):
    # P-BERT has no salesperson
    segment_no = letter_segment("P-BERT", "P-ANNA", description="Spring letter", salesperson=None)
    app = SegtuiApp(crm_settings)
    results = []
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, segment_no, results)
        assert text_of(pilot, "#log-summary").startswith(
            "2 interaction log entries will be written")
        assert "P-BERT" in text_of(pilot, "#log-blocked")
        assert "no salesperson" in text_of(pilot, "#log-blocked")
        assert app.screen.query_one("#log-blocked-title").display
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert results == []
        assert isinstance(app.screen, LogDialog)
        assert "refused" in text_of(pilot, "#log-message")
        assert "P-BERT" in text_of(pilot, "#log-message")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert results == []
    assert SegmentHeader.get_or_none(SegmentHeader.no == segment_no) is not None
    assert not LoggedSegment.select().where(LoggedSegment.segment_no == segment_no).exists()


async def test_ticking_deliver_recomputes_the_report(crm_settings):
    segment_no = letter_segment("P-ANNA", "P-CARL")       # P-ANNA: Email; P-CARL: Hard Copy
    Contact.update(email="").where(Contact.no == "P-ANNA").execute()
    app = SegtuiApp(crm_settings)
    results = []
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, segment_no, results)
        assert app.screen.query_one("#log-deliver").value  # ticked: lines have a type
        summary = text_of(pilot, "#log-summary")
        assert summary == ("2 interaction log entries will be written · "
                           "2 queued for delivery")
        assert "P-ANNA" in text_of(pilot, "#log-blocked")
        assert not app.screen.query_one("#log-downgraded").display
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert results == []
        await pilot.press("space")                 # untick: the line is downgraded instead
        await settle(pilot)
        assert "queued" not in text_of(pilot, "#log-summary")
        assert "P-ANNA" in text_of(pilot, "#log-downgraded")
        assert not app.screen.query_one("#log-blocked").display
        await pilot.press("ctrl+l")
        await settle(pilot)
    assert results == [LogRequest(deliver=False, follow_up=False)]


async def test_deliver_is_off_and_disabled_when_no_line_has_a_type(crm_settings):
    segment_no = letter_segment("P-BERT", "P-DORA", template="MEETING")  # no channel: no document
    app = SegtuiApp(crm_settings)
    results = []
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, segment_no, results)
        deliver = app.screen.query_one("#log-deliver")
        assert not deliver.value and deliver.disabled
        await pilot.press("space")                 # the focus is on Create follow-up segment
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
    assert results == [LogRequest(deliver=False, follow_up=True)]


async def test_a_clean_segment_returns_the_ticked_options(crm_settings):
    segment_no = letter_segment("P-CARL", "P-DORA")
    app = SegtuiApp(crm_settings)
    results = []
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, segment_no, results)
        assert app.screen.query_one("#log-clean").display
        assert app.screen.query_one("#log-deliver").value   # ticked at first
        await pilot.press("tab", "space")            # Create follow-up segment
        await settle(pilot)
        assert text_of(pilot, "#log-summary").endswith("2 queued for delivery")
        await pilot.press("ctrl+l")
        await settle(pilot)
    assert results == [LogRequest(deliver=True, follow_up=True)]
    assert SegmentHeader.get_or_none(SegmentHeader.no == segment_no) is not None  # not logged


async def test_escape_cancels(crm_settings):
    segment_no = letter_segment("P-CARL")
    app = SegtuiApp(crm_settings)
    results = []
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, segment_no, results)
        await pilot.press("escape")
        await settle(pilot)
    assert results == [None]


@pytest.mark.parametrize("case, expected", [
    ("logged", "already exists"),
    ("empty", "is empty"),
    ("no description", "needs a description"),
])
async def test_a_segment_that_cannot_be_logged_shows_why(crm_settings, case, expected):
    segment_no = {"logged": lambda: LoggedSegment.get_by_id(LOGGED_ENTRY).segment_no,
                  "empty": lambda: letter_segment(),
                  "no description": lambda: letter_segment("P-CARL", description="")}[case]()
    app = SegtuiApp(crm_settings)
    results = []
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, segment_no, results)
        assert expected in text_of(pilot, "#log-message")
        assert text_of(pilot, "#log-summary") == ""
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert results == []
        assert expected in text_of(pilot, "#log-message")


def test_long_lists_are_cut_and_counted():
    notes = [LineNote(n, f"C{n}", "no date") for n in range(1, 251)]
    text = note_lines(notes).plain.splitlines()
    assert len(text) == 201
    assert text[-1] == "… and 50 more"


def test_user_data_stays_plain_text():
    text = note_lines([LineNote(10000, "[bold]x", "no date")]).plain
    assert "[bold]x" in text


async def test_each_blocked_contact_says_why_and_h_switches_them_to_hard_copy(crm_settings):
    segment_no = letter_segment("P-ANNA", "P-GUS", "P-CARL")  # P-ANNA, P-GUS prefer E-mail
    Contact.update(email="").where(Contact.no.in_(["P-ANNA", "P-GUS"])).execute()
    app = SegtuiApp(crm_settings)
    results = []
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, segment_no, results)
        blocked = text_of(pilot, "#log-blocked")
        assert blocked.count("prefers E-mail, has no e-mail address") == 2
        assert "P-ANNA" in blocked and "P-GUS" in blocked
        assert "2 lines lack their address" in text_of(pilot, "#log-fix")
        await pilot.press("h")
        await wait_for(pilot, lambda: app.screen.query_one("#log-clean").display)
        assert not app.screen.query_one("#log-blocked").display
        assert not app.screen.query_one("#log-fix").display
        assert app.screen.lines_changed
    types = {contact: kind for contact, kind in SegmentLine.select(
        SegmentLine.contact, SegmentLine.correspondence_type)
        .where(SegmentLine.segment == segment_no).tuples()}
    assert types == {"P-ANNA": HARD_COPY, "P-GUS": HARD_COPY, "P-CARL": HARD_COPY}


async def test_x_asks_with_the_count_then_removes_the_lines(crm_settings):
    segment_no = letter_segment("P-ANNA", "P-GUS", "P-CARL")
    Contact.update(email="").where(Contact.no.in_(["P-ANNA", "P-GUS"])).execute()
    app = SegtuiApp(crm_settings)
    results = []
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, segment_no, results)
        await pilot.press("space")                 # untick Deliver: the lines are downgraded
        await wait_for(pilot, lambda: "P-GUS" in text_of(pilot, "#log-downgraded"))
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert "Remove 2 lines whose contacts lack their address?" in str(
            app.screen.query_one(".dialog-message", Static).render())
        await pilot.press("n")                     # No: nothing changes
        await wait_for(pilot, lambda: isinstance(app.screen, LogDialog))
        assert SegmentLine.select().where(SegmentLine.segment == segment_no).count() == 3
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, LogDialog)
                       and app.screen.query_one("#log-clean").display)
        assert text_of(pilot, "#log-summary").startswith("1 interaction log entry")
    assert [contact for (contact,) in SegmentLine.select(SegmentLine.contact)
            .where(SegmentLine.segment == segment_no).tuples()] == ["P-CARL"]


async def test_h_and_x_do_nothing_when_every_line_has_its_address(crm_settings):
    segment_no = letter_segment("P-ANNA", "P-CARL")
    app = SegtuiApp(crm_settings)
    results = []
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, segment_no, results)
        assert not app.screen.query_one("#log-fix").display
        await pilot.press("h", "x")
        await settle(pilot)
        assert isinstance(app.screen, LogDialog) and not app.screen.lines_changed


async def test_deliver_is_ticked_at_first_for_hard_copy_lines_too(crm_settings):
    # M-30 / L16: on when a line has a correspondence type; Hard Copy is one (M-34 delivers it)
    segment_no = letter_segment("P-CARL", "P-DORA")     # both Hard Copy
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, segment_no, [])
        deliver = app.screen.query_one("#log-deliver")
        assert deliver.value and not deliver.disabled
        assert str(deliver.render()).startswith("[x] Deliver")
        assert str(app.screen.query_one("#log-follow-up").render()).startswith(
            "[ ] Create follow-up segment")


async def test_with_deliver_ticked_the_documents_unknown_fields_are_warned_of(crm_settings):
    import_document("LETTER", "ENU", demo_documents.letter_docx("ENU"), replace=True)
    import_document("LETTER", "SVE", docx("Hej «Contact_Nmae»"), replace=True)
    segment_no = letter_segment("P-ANNA", "P-CARL")
    app = SegtuiApp(crm_settings)
    results = []
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, segment_no, results)
        assert app.screen.query_one("#log-deliver").value
        assert app.screen.query_one("#log-documents-title").display
        assert text_of(pilot, "#log-documents") == (
            "the header document (SVE): unknown field «Contact_Nmae» in body: it stays empty "
            "(did you mean Contact_Name?)")
        await pilot.press("space")                 # no delivery: no letter leaves
        await settle(pilot)
        assert not app.screen.query_one("#log-documents-title").display
        assert not app.screen.query_one("#log-documents").display
        await pilot.press("space")
        await settle(pilot)
        assert app.screen.query_one("#log-documents").display
        await pilot.press("ctrl+l")                # a warning, not a refusal
        await settle(pilot)
    assert results == [LogRequest(deliver=True, follow_up=False)]
