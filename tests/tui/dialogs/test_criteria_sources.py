"""The criteria dialog at 80×24, keys only (issue 18): every source one key away, the options and
the count always in view, nothing to scroll in English or Swedish, a malformed filter refused
beside its field as the CLI refuses it, hints that read as hints."""
import datetime

import pytest
from textual.widgets import Checkbox, Input, OptionList, Static
from tests.support.criteria_dialog import (
    SOURCE_KEYS, choose_source, criteria_counted, criteria_message, criteria_status,
    type_criterion)
from tests.support.tui import settle

from segtui.domain.errors import DomainError
from segtui.domain.segments.criteria_sources import parse_criterion
from segtui.domain.segments.headers import create_segment
from segtui.store.enums import CriteriaAction
from segtui.tui.app import SegtuiApp
from segtui.tui.dialogs.criteria import CriteriaDialog
from segtui.tui.dialogs.criteria_fields import PAGES, page_fields
from segtui.tui.screens.help import HelpScreen

SIZE = (80, 24)
ADD, REDUCE = CriteriaAction.ADD_CONTACTS, CriteriaAction.REDUCE
MALFORMED = "..;;<>"


@pytest.fixture
def segment_no(crm_settings) -> str:
    return create_segment(user="TESTER", description="Spring letter", template="LETTER",
                          salesperson="AH", date=datetime.date(2026, 1, 15))


async def open_dialog(pilot, segment_no: str, action=ADD, results=None) -> CriteriaDialog:
    pilot.app.push_screen(CriteriaDialog(segment_no, action),
                          None if results is None else results.append)
    await criteria_counted(pilot)
    return pilot.app.screen


def shown_in(screen, widget) -> bool:
    """Drawn whole on the screen and not scrolled out of its container."""
    region = widget.region
    return (widget.display and region.height > 0 and screen.region.contains_region(region)
            and all(ancestor.region.contains_region(region)
                    for ancestor in widget.ancestors if getattr(ancestor, "region", None)
                    and ancestor is not screen.app and ancestor.region.area))


async def test_every_source_is_one_key_away_from_a_field_and_from_the_list(segment_no,
                                                                             crm_settings):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, segment_no)
        assert isinstance(pilot.app.focused, OptionList)  # the sources
        prompts = [str(option.prompt) for option in dialog.query_one(OptionList).options]
        assert [prompt.split()[0] for prompt in prompts] == list(SOURCE_KEYS.values())
        for page, _name, key in PAGES:
            await pilot.press("tab")  # into a field of the source shown, or an option
            await pilot.press(f"alt+{key}")  # one key, while a field has focus
            await settle(pilot)
            assert dialog.page == page
            assert pilot.app.focused is dialog.field_input(page_fields(page)[0])
            others = [other for other, *_rest in PAGES if other != page]
            assert all(not dialog.query_one(f"#page-{other}").display for other in others)
        await pilot.press("shift+tab")  # back to the list: the key alone
        assert isinstance(pilot.app.focused, OptionList)
        await pilot.press("i")
        await settle(pilot)
        assert dialog.page == "industry"
        assert pilot.app.focused is dialog.field_input("industry.code")
        await pilot.press("c")  # in a field a letter is typed, not a source key
        assert dialog.field_input("industry.code").value == "c" and dialog.page == "industry"


async def test_the_source_keys_are_in_the_key_hint_and_in_f1(segment_no, crm_settings):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, segment_no)
        hint = str(dialog.query_one(".criteria-box").border_subtitle)
        assert "alt+key source" in hint and "f4 pick" in hint
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HelpScreen)
        lines = [" ".join(line.split()) for widget in pilot.app.screen.query(".help-table")
                 for line in (widget.render_line(y).text for y in range(widget.size.height))]
        for _page, name, key in PAGES:
            assert f"{key} alt+{key} Source: {name}" in lines
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is dialog


@pytest.mark.parametrize("action", [ADD, REDUCE])
async def test_the_count_and_the_options_stay_in_view_on_every_field(segment_no, crm_settings,
                                                                     action):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, segment_no, action)
        screen = pilot.app.screen
        always = [dialog.query_one("#criteria-count"), dialog.query_one("#criteria-ok"),
                  *dialog.query(Checkbox)]
        assert len(always) == (6 if action == ADD else 3)
        for page, _name, _key in PAGES:
            await choose_source(pilot, page)
            for index, key in enumerate(page_fields(page)):
                if index:
                    await pilot.press("tab")
                assert pilot.app.focused is dialog.field_input(key)
                assert shown_in(screen, pilot.app.focused), key
                assert all(shown_in(screen, widget) for widget in always), key
        assert dialog.query_one("#criteria-count").region.height == 1


@pytest.mark.parametrize("lang", ["en", "sv"])
async def test_no_source_needs_scrolling_in_english_or_swedish(segment_no, crm_settings,
                                                                request, lang):
    if lang == "sv":
        request.getfixturevalue("swedish")
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, segment_no)
        sources = dialog.query_one(OptionList)
        assert sources.max_scroll_y == 0 and sources.region.height >= len(PAGES)
        for option in range(len(PAGES)):
            assert "\n" not in str(sources.get_option_at_index(option).prompt)
        # a refused filter's message (the longest the parser gives) in the last field
        for page, _name, _key in PAGES:
            await type_criterion(pilot, page_fields(page)[-1], MALFORMED)
            pane = dialog.query_one(f"#page-{page}")
            assert pane.max_scroll_y == 0, page
            for key in page_fields(page):
                assert shown_in(pilot.app.screen, dialog.field_input(key)), key
            message = dialog.query_one(f"#field-{page_fields(page)[-1].replace('.', '-')}"
                                       " .criteria-message", Static)
            assert shown_in(pilot.app.screen, message), page
            for label in dialog.query(".criteria-label"):
                if label.display and label.region.area:
                    assert label.region.width >= len(str(label.render()).rstrip())


async def test_a_malformed_filter_is_refused_beside_its_field_as_the_cli_refuses_it(
        segment_no, crm_settings):
    results = []
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, segment_no, results=results)
        assert criteria_status(dialog).startswith("Would add")
        field = await type_criterion(pilot, "business.code", MALFORMED)
        with pytest.raises(DomainError) as cli:
            parse_criterion(f"business.code={MALFORMED}")
        assert criteria_message(dialog, "business.code") == str(cli.value).removeprefix(
            f"business.code={MALFORMED}: ")
        assert "out of place" in criteria_message(dialog, "business.code")
        shown = str(dialog.query_one("#field-business-code .criteria-message").render())
        assert shown.startswith("✗ ")  # marked in words, not only in red
        status = criteria_status(dialog)
        assert "Fix the filter" in status and not any(char.isdigit() for char in status)
        assert "Business Relation ✗" in str(
            dialog.query_one(OptionList).get_option("business").prompt)
        await pilot.press("ctrl+s")
        await criteria_counted(pilot)
        assert results == [] and pilot.app.screen is dialog
        await choose_source(pilot, "contact")  # elsewhere the count names the source to fix
        assert criteria_status(dialog) == "✗ Fix the filter in Business Relation first"
        await pilot.press("ctrl+s")  # Apply goes back to the refused field
        await criteria_counted(pilot)
        assert results == [] and dialog.page == "business" and pilot.app.focused is field
        await pilot.press("ctrl+u")
        await criteria_counted(pilot)
        assert criteria_message(dialog, "business.code") == ""
        assert criteria_status(dialog).startswith("Would add")


@pytest.mark.parametrize("key, text", [("contact.post_code", "10000..<20000"),
                                       ("contact.search_name", "A<>B"),
                                       ("interaction.date", "2026-13-01"),
                                       ("contact.type", "Robot"),
                                       ("mailing.code", "X=Y")])
async def test_every_kind_of_field_refuses_what_the_cli_refuses(segment_no, crm_settings,
                                                                key, text):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, segment_no)
        await type_criterion(pilot, key, text)
        with pytest.raises(DomainError) as cli:
            parse_criterion(f"{key}={text}")
        assert criteria_message(dialog, key) == str(cli.value).removeprefix(f"{key}={text}: ")
        assert "Fix the filter" in criteria_status(dialog)


@pytest.mark.parametrize("lang, example", [("en", "e.g. "), ("sv", "t.ex. ")])
async def test_hints_read_as_hints(segment_no, crm_settings, request, lang, example):
    if lang == "sv":
        request.getfixturevalue("swedish")
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, segment_no)
        inputs = {field.id: field for field in dialog.query(".criteria-input").results(Input)}
        assert inputs["input-contact-no"].placeholder == f"{example}C0001|C0002"
        assert inputs["input-industry-code"].placeholder == (
            "f4 lists the codes" if lang == "en" else "f4 visar koderna")
        if lang == "sv":
            assert inputs["input-contact-type"].placeholder == "t.ex. Företag|Person"
            assert "eller" in inputs["input-profile-answer"].placeholder
        assert all(field.placeholder for field in inputs.values())
        style = inputs["input-contact-no"].get_component_rich_style("input--placeholder")
        assert style.italic
