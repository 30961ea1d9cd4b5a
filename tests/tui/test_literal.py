"""segtui.tui.literal: what a data text becomes before it is drawn."""
import pytest
from rich.segment import Segment
from rich.style import Style
from textual.content import Content

from segtui.tui.literal import (
    Literal, OutputGuard, literal, literal_lines, literal_title, markup_safe, printable,
    printable_lines)

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # man, woman, girl: one emoji
SCOTLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"


@pytest.mark.parametrize("text, shown", [
    ("\x1b[31mred", "␛[31mred"),
    ("\x1b]0;TITLE\x07x", "␛]0;TITLE␇x"),
    ("a\tb\r\nc\x00", "a␉b␍␊c␀"),
    ("del\x7f", "del␡"),
    ("c1\x85\x9b", "c1⟨NEL⟩⟨CSI⟩"),
    ("\u202eevil\u202c", "⟨RLO⟩evil⟨PDF⟩"),
    ("\u2066iso\u2069", "⟨LRI⟩iso⟨PDI⟩"),
    ("Ann\u200dBerg\u200b", "Ann⟨ZWJ⟩Berg⟨ZWSP⟩"),
    ("\ufeffBOM\u2060", "⟨BOM⟩BOM⟨WJ⟩"),
    ("soft\u00adhyphen", "soft⟨SHY⟩hyphen"),
    ("line\u2028sep", "line⟨LSEP⟩sep"),
    ("tag\U000e0001", "tag⟨U+E0001⟩"),
    ("[bold red]x[/]", "[bold red]x[/]"),
    (None, ""),
    (1234, "1234"),
])
def test_printable_shows_every_hidden_character(text, shown):
    assert printable(text) == shown


@pytest.mark.parametrize("emoji", [
    FAMILY, "\U0001f469\u200d\U0001f4bb", "\U0001f44d\U0001f3fd",
    "\U0001f3f3\ufe0f\u200d\U0001f308", SCOTLAND])
def test_emoji_sequences_stay_emoji(emoji):
    assert printable(f"Kim {emoji} AB") == f"Kim {emoji} AB"


def test_a_joiner_outside_an_emoji_sequence_is_shown():
    assert printable(f"{FAMILY}\u200d") == f"{FAMILY}⟨ZWJ⟩"
    assert printable("\u200d\U0001f469") == "⟨ZWJ⟩\U0001f469"


def test_printable_is_idempotent():
    text = "\x1b]0;T\x07\u202e\u200d" + FAMILY
    assert printable(printable(text)) == printable(text)


def test_a_literal_makes_whatever_is_appended_printable():
    text = literal("a\x1b", style="bold")
    text.append("\x07b", "red")
    text.line_break()
    text = text + "\u202ez"
    assert isinstance(text, Literal)
    assert text.plain == "a␛␇b\n⟨RLO⟩z"
    assert Literal.assemble(("\x1b", "bold"), "\u200b").plain == "␛⟨ZWSP⟩"
    with pytest.raises(TypeError):
        Literal.from_markup("[bold]x[/]")


def test_lines_titles_and_markup_safe_text():
    assert literal_lines(["a\nb", "c"]).plain == "a␊b\nc"
    assert printable_lines("a\tb\r\nc\x1b") == "a\tb\nc␛"
    title = literal_title("[link=file:///etc/passwd]x[/link]\x1b")
    assert isinstance(title, Content) and title.plain == "[link=file:///etc/passwd]x[/link]␛"
    assert Content.from_markup(markup_safe("[@click=app.quit]q[/]\x07")).plain == (
        "[@click=app.quit]q[/]␇")


def test_the_output_guard_takes_hidden_characters_and_links_out():
    guard = OutputGuard()
    segments = guard.apply([Segment("ok " + FAMILY), Segment("\x1b]0;T\x07", Style(bold=True)),
                            Segment("x", Style(link="file:///etc/passwd"))], None)
    assert [segment.text for segment in segments] == ["ok " + FAMILY, "]0;T", "x"]
    assert not any(segment.style and segment.style.link for segment in segments)
    assert len(guard.caught) == 2


async def test_every_notification_is_literal(crm_settings):
    from segtui.tui.app import SegtuiApp

    app = SegtuiApp(crm_settings)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.screen.notify("[bold red]x[/]\x1b]0;T\x07", title="[link=file:///x]t[/link]")
        await pilot.pause()
        notification = list(app._notifications)[-1]
        assert notification.markup is False
        assert notification.message == "[bold red]x[/]␛]0;T␇"
        assert notification.title == "[link=file:///x]t[/link]"
