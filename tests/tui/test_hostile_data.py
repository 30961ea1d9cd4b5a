"""Hostile contact data shows literally on every screen and dialog, at 80×24, by keys only.

The contacts' names, companies and cities hold Rich markup (a style, a link, an `@click` action),
terminal escape sequences (a colour, a window title), a right-to-left override, zero-width
characters, an emoji joined by ZWJ and 10,000 characters. They are imported or stored, put on a
segment, logged, commented, canceled with a hostile reason, and then every screen and dialog that
shows them is opened. Each screen, as drawn, must show the markup as typed (no style, link or
action made of it), send the terminal nothing but colours and cursor moves (what Textual would
write to it is rendered and read, and what it writes to its driver by itself is recorded), show
each hidden character as its visible symbol, fill 80×24 exactly, and leave the app running
without a traceback. (A click on the would-be `@click` name is the one mouse action: it must
quit nothing.)
"""
import datetime
import re
from contextlib import asynccontextmanager

import pytest
from tests.support.documents import docx
from textual.widgets import DataTable
from tests.support.tui import settle

from segtui.domain.contacts.importing.import_file import import_contacts
from segtui.domain.segments.lines import add_line
from segtui.domain.segments.log_segment import log_segment
from segtui.domain.segments.headers import create_segment
from segtui.domain.documents.template_documents import import_document
from segtui.store.enums import ContactType
from segtui.store.models import (
    Contact, InteractionLogEntry, InterLogEntryCommentLine, MailingGroup, SavedSegmentCriteria,
    SegmentHeader)
from segtui.tui.app import SegtuiApp
from segtui.tui.widgets.key_bar import KeyBar
from segtui.tui.widgets.navigation import Navigation

SIZE = (80, 24)
USER = "TESTER"
MARKUP = "[bold red]x[/]"
LINK = "[link=file:///etc/passwd]click[/link]"
CLICK = "[@click=app.quit]quit[/]"
CSI = "\x1b[31mred"
OSC = "\x1b]0;TITLE\x07"
RLO = "\u202eevil"
ZERO_WIDTH = "Ann\u200dBerg\u200b"
EMOJI = "Kim \U0001f469\u200d\U0001f4bb"  # woman technologist: one emoji, joined by ZWJ
LONG = "L" * 10_000
# no: (name, company name, city); the first three come in through a plain `contacts import`
HOSTILE = {
    "H1": (MARKUP, LINK, CLICK),
    "H2": (LINK, CLICK, MARKUP),
    "H3": (CLICK, MARKUP, LINK),
    "H4": (CSI, CSI + "co", CSI + "city"),
    "H5": (OSC + "name", OSC + "co", OSC + "city"),
    "H6": (RLO, "\u202eco", "\u2066ci\u2069ty"),
    "H7": (ZERO_WIDTH, "Co\u200cAB", "Ci\u2060ty\ufeff"),
    "H8": (EMOJI, "Caf\u00e9 \u2615 AB", "Ume\u00e5"),
    "H9": (LONG, "C" * 10_000, "T" * 10_000),
}
# How each name must look on screen (its start: a narrow column cuts it short).
SHOWN_NAME = {
    "H1": "[bold red]x", "H2": "[link=fil", "H3": "[@click=", "H4": "␛[31mred",
    "H5": "␛]0;TITLE␇", "H6": "⟨RLO⟩evil", "H7": "Ann⟨ZWJ⟩Berg", "H8": EMOJI,
    "H9": "LLLLLLLL",
}
SHORT_NAMES = [name[:9] for name in SHOWN_NAME.values()]  # as a narrow column shows them
SEGMENT_DESCRIPTION = MARKUP + "\x1b[31m"
LOGGED_DESCRIPTION = "\u202e" + LINK
REASON = "[bold red]why[/]"
# Everything the terminal may receive from a screen: colours and styles, cursor moves, the
# line feeds between lines.
ALLOWED_SEQUENCE = re.compile(r"\n|\x1b\[[0-9;]*m|\x1b\[[0-9]+;[0-9]+H|\x1b\[[0-9]*[ABCD]")
WRITTEN_BY_TEXTUAL = re.compile(r"\x07|\x1b\]22;[a-z-]+\x07")
HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def visible_without_emoji(text: str) -> str:
    """`text` without the ZWJ inside the emoji sequence (the one joiner meant to stay)."""
    return text.replace("\U0001f469\u200d\U0001f4bb", "")


@pytest.fixture
def hostile(crm_settings, tmp_path):
    """The hostile contacts: H1–H3 imported from a CSV file, the others stored as older data or
    another program may have stored them (the import refuses control characters); an open
    segment holding them all, a logged one holding them all, a comment, a mailing group and
    saved criteria with hostile descriptions."""
    csv = tmp_path / "hostile.csv"
    csv.write_text("No.,Name,E-Mail\n" + "".join(
        f'{no},"{HOSTILE[no][0]}",{no.lower()}@example.com\n' for no in ("H1", "H2", "H3")),
        encoding="utf-8")
    report = import_contacts(str(csv))
    assert report.created == 3, report.rejected
    Contact.insert_many([
        {"no": no, "type": ContactType.PERSON, "name": name, "search_name": name.upper()[:100],
         "email": f"{no.lower()}@example.com"}
        for no, (name, _company, _city) in HOSTILE.items() if no not in ("H1", "H2", "H3")
    ]).execute()
    for no, (_name, company, city) in HOSTILE.items():
        Contact.update(company_name=company, city=city).where(Contact.no == no).execute()
    for language in ("ENU", "SVE"):  # the letters, and so the entries "as sent", name them
        import_document("LETTER", language, docx("Dear «Contact_Name»", "Thank you."),
                        replace=True)
    segments = []
    for description in (SEGMENT_DESCRIPTION, LOGGED_DESCRIPTION):
        segment_no = create_segment(user=USER, description="x", template="LETTER",
                                    salesperson="AH", date=datetime.date(2026, 1, 15))
        SegmentHeader.update(description=description).where(
            SegmentHeader.no == segment_no).execute()
        for no in HOSTILE:
            add_line(segment_no, no, user=USER)
        segments.append(segment_no)
    log_segment(segments[1], user=USER)
    entry = InteractionLogEntry.select().where(InteractionLogEntry.contact_no == "H1").get()
    InterLogEntryCommentLine.insert(entry=entry.entry_no, line_no=10000,
                                    date=datetime.date(2026, 1, 16),
                                    comment=MARKUP + OSC + RLO).execute()
    MailingGroup.insert(code="HOSTILE", description=LINK + "\x1b[5m").execute()
    SavedSegmentCriteria.insert(code="HOSTILE", description=CLICK + "\u202e",
                                user_id=USER).execute()
    return segments[0]


class Screens:
    """Checks each screen of a running app as drawn, and what it would send the terminal."""

    def __init__(self, app, pilot) -> None:
        self.app = app
        self.pilot = pilot
        self.seen: list[str] = []
        self.written: list[str] = []

    @property
    def lines(self) -> list[str]:
        return [strip.text for strip in self.app.screen._compositor.render_strips()]

    async def keys(self, *keys: str) -> None:
        for key in keys:
            await self.pilot.press(key)
            await settle(self.pilot)

    async def type(self, text: str) -> None:
        await self.pilot.press(*text)  # the filters act at once (tests/tui/conftest.py)
        await settle(self.pilot)

    async def check(self, where: str, *shown: str) -> list[str]:
        """The screen in front is literal and sound; each of `shown` is on it."""
        await settle(self.pilot)
        app = self.app
        assert app.is_running and app._exception is None, where
        strips = app.screen._compositor.render_strips()
        assert len(strips) == SIZE[1], where
        assert all(strip.cell_length == SIZE[0] for strip in strips), where
        for strip in strips:
            for segment in strip:
                style = segment.style
                assert style is None or not style.link, (where, segment)
                assert style is None or "@click" not in (style.meta or {}), (where, segment)
        lines = [strip.text for strip in strips]
        text = "\n".join(lines)
        screen = f"{where}:\n{text}"
        assert not any(HIDDEN.search(visible_without_emoji(line)) for line in lines), screen
        for wanted in shown:
            assert wanted in text, f"{wanted!r} not shown on {screen}"
        assert app.output_guard.caught == [], (where, app.output_guard.caught)
        terminal = app.screen._compositor.render_update(full=True).render_segments(app.console)
        rest = visible_without_emoji(ALLOWED_SEQUENCE.sub("", terminal))
        assert not HIDDEN.search(rest), (where, HIDDEN.findall(rest))
        for data in self.written:  # the bell, the pointer's shape: never data
            assert WRITTEN_BY_TEXTUAL.fullmatch(data), (where, data)
        key_bars = app.screen.query(KeyBar)
        if key_bars:
            assert key_bars.first().region.y == SIZE[1] - 1, where
        self.seen.append(where)
        return lines

    async def open_section(self, section: str) -> None:
        """Through the navigation: Tab to it, the arrows to the section, Enter."""
        for _attempt in range(10):
            if isinstance(self.app.focused, Navigation):
                break
            await self.keys("tab")
        navigation = self.app.focused
        assert isinstance(navigation, Navigation)
        target = navigation.get_option_index(section)
        while navigation.highlighted != target:
            await self.keys("down" if navigation.highlighted < target else "up")
        await self.keys("enter")
        await self.check(f"section {section}")

    async def to_row(self, table_id: str, text: str) -> None:
        """Move the cursor of the table to the row whose cells hold `text`."""
        table = self.app.screen.query_one(table_id, DataTable)
        await self.keys("home")
        for _step in range(table.row_count):
            row = " ".join(str(cell) for cell in table.get_row_at(table.cursor_row))
            if text in row:
                return
            await self.keys("down")
        raise AssertionError(f"no row holds {text!r}")


@asynccontextmanager
async def walking(settings):
    """The app at 80×24 on its first screen, checked, as a `Screens`; still running at the end."""
    app = SegtuiApp(settings)
    async with app.run_test(size=SIZE, notifications=True, tooltips=True) as pilot:
        walk = Screens(app, pilot)
        write = app._driver.write

        def recorded(data: str) -> None:  # what Textual writes to the terminal by itself
            walk.written.append(data)
            write(data)
        app._driver.write = recorded
        await walk.check("segments", "[bold red]x[/]␛[31m")
        yield walk
        assert app.is_running and app._exception is None


async def test_segment_form_and_its_dialogs(hostile, crm_settings):
    async with walking(crm_settings) as walk:
        await walk.keys("enter")
        await walk.check("segment form", f"Segment {hostile} · [bold red]x[/]␛[31m",
                         *SHOWN_NAME.values())
        for no, name in SHOWN_NAME.items():
            await walk.to_row("#segment-lines", no)
            await walk.keys("e")
            await walk.check(f"line dialog {no}", name)
            await walk.keys("escape")
            await walk.keys("d")
            await walk.check(f"delete line question {no}", "Delete line", name[:4])
            await walk.keys("n")
            await walk.keys("v")
            await walk.check(f"letter preview {no}", "Letter · line")
            await walk.keys("escape")
            await walk.keys("p")
            await walk.check(f"personal text {no}", "Personal text")
            await walk.keys("escape")
        for key, where, *shown in (("c", "criteria view", "Criteria of segment"),
                                   ("l", "log dialog", "Log segment"),
                                   ("m", "merge dialog", "Merge segment"),
                                   ("a", "add contacts", "Add Contacts"),
                                   ("E", "export lines", "Export lines of segment"),
                                   ("s", "save criteria", "Save the criteria"),
                                   ("o", "reuse logged segment", "⟨RLO⟩[link=fil"),
                                   ("u", "reuse saved criteria",
                                    "[@click=app.quit]quit[/]⟨RLO⟩"),
                                   ("f1", "help", "Keys")):
            await walk.keys(key)
            await walk.check(where, *shown)
            await walk.keys("escape")
        await walk.keys("n")
        await walk.keys("f4")
        await walk.type("H")
        await walk.check("contact lookup", *(name[:8] for name in SHOWN_NAME.values()))
        await walk.keys("escape", "escape")
        await walk.keys("h")
        await walk.check("segment header", "[bold red]x[/]␛[31m")


async def test_segment_log_cancel_journal_follow_up(hostile, crm_settings):
    async with walking(crm_settings) as walk:
        await walk.open_section("segment_log")
        await walk.check("segment log", "⟨RLO⟩[link")
        await walk.to_row("#segment-log-table", "⟨RLO⟩")
        await walk.keys("c")
        await walk.check("cancel question", "Cancel logged segment")
        await walk.type(REASON)
        await walk.keys("enter")
        await walk.check("canceled notification", "canceled")
        await walk.keys("J")
        await walk.check("journal", f"Reason: {REASON}")
        await walk.keys("escape")
        await walk.keys("f")
        await walk.check("follow-up options", "Follow-up on logged segment",
                         "no line: all", "are canceled; tick")
        await walk.keys("space", "ctrl+s")
        await walk.check("follow-up segment", "follow-up segment", "from logged segment")
        await walk.keys("escape")
        await walk.to_row("#segment-log-table", "⟨RLO⟩")
        await walk.keys("enter")
        await walk.check("drill-down to the interaction log", *SHORT_NAMES)


async def test_interaction_log_as_sent_comments_filter(hostile, crm_settings):
    async with walking(crm_settings) as walk:
        await walk.open_section("interaction_log")
        await walk.check("interaction log", *SHORT_NAMES)
        for no, name in SHOWN_NAME.items():
            await walk.to_row("#interactions-table", no)
            await walk.keys("v")
            lines = await walk.check(f"as sent {no}", "As sent · entry", name[:20])
            if no == "H3":  # a click on the would-be action quits nothing
                y = next(y for y, line in enumerate(lines) if "[@click=" in line)
                x = lines[y].index("[@click=") + 3
                await walk.pilot.click(offset=(x, y))
                await walk.check("as sent H3, clicked")
            await walk.keys("escape")
        await walk.to_row("#interactions-table", "H1")
        await walk.keys("m")
        await walk.check("comments", "[bold red]x[/]␛]0;TITLE␇⟨RLO⟩evil")
        await walk.keys("escape")
        await walk.keys("e")
        await walk.check("evaluate", "Evaluate")
        await walk.keys("escape")
        await walk.keys("o")
        await walk.check("contact card from the log", "Contact H1 · [bold red]x[/]")
        await walk.keys("escape")
        await walk.open_section("interaction_log")
        await walk.keys("slash")
        await walk.check("entry filter", "Filter interaction log entries")
        await walk.type("H*")
        await walk.keys("enter")
        await walk.check("filtered log", "Contact No.: H*", *SHORT_NAMES)


async def test_contacts_cards_delete_questions_export_import(hostile, crm_settings, tmp_path):
    async with walking(crm_settings) as walk:
        await walk.open_section("contacts")
        await walk.keys("slash")
        await walk.type("H")
        await walk.keys("enter")
        await walk.check("contacts filtered", *SHORT_NAMES)
        for no, name in SHOWN_NAME.items():
            await walk.to_row("#contacts-table", no)
            await walk.keys("d")
            await walk.check(f"delete contact question {no}", f"Delete contact {no}", name[:40])
            await walk.keys("n")
            await walk.keys("enter")
            await walk.check(f"contact card {no}", f"Contact {no} · {name[:20]}")
            for tab in range(4):
                await walk.keys("ctrl+pagedown")
                await walk.check(f"contact card {no}, tab {tab + 2}")
            await walk.keys("escape")
        await walk.to_row("#contacts-table", "H1")
        await walk.keys("d", "y")  # on an open segment: refused, with a notification
        await walk.check("refused deletion", "you cannot delete contact H1")
        await walk.keys("E")
        await walk.check("export contacts", "Export Contacts")
        await walk.keys("escape")
        bad = tmp_path / "[bold red]x.csv"  # the file's name is shown in the report
        bad.write_text(f"No.,Name\nB1,ok\nB2,{'N' * 101}\n", encoding="utf-8")
        await walk.keys("i")
        await walk.check("import dialog", "Import contacts")
        await walk.type(str(bad))
        await walk.keys("enter")
        await walk.check("import report", "Import report · [bold red]x.csv", "refused")


async def test_setup_pages_records_and_saved_criteria(hostile, crm_settings):
    async with walking(crm_settings) as walk:
        await walk.open_section("setup")
        app = walk.app
        pages = app.screen.query_one("#setup-pages")
        for index in range(pages.option_count):
            await walk.check(f"setup page {index}")
            await walk.keys("down")
        await walk.keys("home")
        while app.screen.page.id != "setup-mailing_groups":
            await walk.keys("down")
        await walk.keys("enter")
        await walk.check("mailing groups", "[link=file:")
        await walk.to_row("#setup-mailing_groups .setup-table", "HOSTILE")
        await walk.keys("enter")
        await walk.check("mailing group record", "[link=file:///etc/passwd]click[/link]␛[")
        await walk.keys("escape")
        await walk.keys("d")
        await walk.check("delete mailing group question", "HOSTILE")
        await walk.keys("n")
        await walk.keys("p")
        while app.screen.page.id != "setup-saved_criteria":
            await walk.keys("down")
        await walk.keys("enter")
        await walk.to_row("#setup-saved_criteria .setup-table", "HOSTILE")
        await walk.check("saved criteria", "[@click=app")
        await walk.keys("enter")
        await walk.check("saved criteria lines", "Saved criteria HOSTILE")


async def test_palette_and_help_over_hostile_titles(hostile, crm_settings):
    async with walking(crm_settings) as walk:
        await walk.open_section("contacts")
        await walk.keys("slash")
        await walk.type("H3")
        await walk.keys("enter", "enter")
        await walk.check("contact card H3", "Contact H3 · [@click=app.quit]quit[/]")
        await walk.keys("ctrl+p")
        await walk.type("contact")
        await walk.check("palette", "[@click=app.quit]quit[/]", "contact card")
        await walk.type(MARKUP)
        await walk.check("palette searching markup", MARKUP)
        await walk.keys("escape")
        await walk.keys("f1")
        await walk.check("help over the card", "Keys")
        await walk.keys("escape")
