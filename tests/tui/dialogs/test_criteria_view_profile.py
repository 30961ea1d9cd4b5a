"""S-18 in the TUI: the criteria view (c on the segment form) reads a profile answer as
"Question: Answer", the descriptions drawn as data (never markup), Swedish too."""
from textual.widgets import Static
from tests.support.crm import USER
from tests.support.segment_form import open_form
from tests.support.tui import settle, wait_for

from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.domain.segments.headers import create_segment
from segtui.domain.segments.selection import add_contacts
from segtui.store.models import ProfileQuestionnaireLine
from segtui.tui.app import SegtuiApp
from segtui.tui.dialogs.criteria_view import CriteriaViewDialog

QUESTION, ANSWER = "[b]Company[/b] size", "Large [red]"  # markup-like data, shown as it is


async def test_s18_criteria_view_reads_question_and_answer(crm_settings):
    line = ProfileQuestionnaireLine
    line.update(description=QUESTION).where((line.questionnaire == "CUSTOMER")
                                            & (line.line_no == 10000)).execute()
    line.update(description=ANSWER).where(line.code == "LARGE").execute()
    segment_no = create_segment(user=USER)
    add_contacts(segment_no, parse_criteria(["profile=CUSTOMER:LARGE"]), user=USER)
    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        await open_form(pilot, segment_no)
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, CriteriaViewDialog),
                       "the criteria view")
        await settle(pilot)
        text = str(pilot.app.screen.query_one("#criteria-view", Static).render())
        assert f"{QUESTION}: {ANSWER}" in text
        assert "CUSTOMER:LARGE" not in text
