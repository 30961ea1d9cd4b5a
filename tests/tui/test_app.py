"""The app frame: navigation with the sections not built yet disabled, title, quitting."""
from tests.support.tui import settle

from segtui.tui.app import SegtuiApp
from segtui.tui.screens.contacts import ContactsScreen
from segtui.tui.widgets.navigation import Navigation

SIZE = (80, 24)


async def focus_navigation(pilot) -> Navigation:
    """Tab until the navigation has the focus, as a person would."""
    for _step in range(6):
        if isinstance(pilot.app.focused, Navigation):
            return pilot.app.focused
        await pilot.press("tab")
    raise AssertionError("Tab never reached the navigation")


async def test_navigation_lists_every_section(settings):
    app = SegtuiApp(settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        navigation = app.screen.query_one(Navigation)
        options = [navigation.get_option_at_index(i) for i in range(navigation.option_count)]
        assert [str(option.prompt) for option in options] == [
            "Segments", "Segment Log", "Interaction Log", "Contacts", "Setup"]
        assert not any(option.disabled for option in options)
        assert navigation.highlighted_option.id == "segments"


async def test_every_section_opens_its_screen(settings):
    app = SegtuiApp(settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for section in ("segment_log", "interaction_log", "contacts", "setup"):
            navigation = await focus_navigation(pilot)
            for _step in range(5):
                if navigation.highlighted_option.id == section:
                    break
                await pilot.press("down")
            await pilot.press("enter")
            await settle(pilot)
            assert app.current_mode == section
            assert app.screen.query_one(Navigation).highlighted_option.id == section


async def test_opening_contacts_from_the_navigation_goes_to_the_list(settings):
    app = SegtuiApp(settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_navigation(pilot)
        await pilot.press("down", "down", "down", "enter")
        assert app.focused.id == "contacts-table"
        assert isinstance(app.screen, ContactsScreen)


async def test_header_names_the_database_and_the_user(settings):
    app = SegtuiApp(settings)
    async with app.run_test(size=SIZE):
        assert app.title == "segtui"
        assert app.sub_title == "contacts.db · TESTER"


async def test_ctrl_q_quits_from_the_list_and_from_the_filter(settings):
    for keys in (["ctrl+q"], ["slash", "a", "ctrl+q"]):
        app = SegtuiApp(settings)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press(*keys)
            await pilot.pause()
            assert app.return_code == 0  # set by exit(); None while the app runs
