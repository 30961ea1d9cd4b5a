"""Data on screen, shown literally: the one place where a text from the database or a file is made
fit to draw.

The rule: a text that comes from data is never markup (no styles, no links, no `@click` actions),
and no character of it reaches the terminal that the terminal would act on or that would hide a
difference. Every screen draws data through this module:

- `printable(text)` — the text with each such character as a visible symbol: control characters
  (C0 as the Control Pictures ␀…␟, DEL as ␡, C1 by their ISO 6429 names), bidirectional
  overrides, embeddings, isolates and marks, zero-width and other invisible characters as their
  short name in angle brackets (⟨RLO⟩, ⟨ZWJ⟩, ⟨U+E0001⟩). An emoji sequence (emoji joined by
  U+200D ZWJ, with their skin tones and presentation selectors, and the tag sequences of
  subdivision flags) stays as it is: there the joiner is the data and the sequence one picture,
  and nothing is hidden that the pictures do not show. A ZWJ anywhere else (between letters, at
  an end) is shown, as it would make two names that look the same differ. One rule for every
  text, names and codes as much as letters and comments: it is what makes it checkable;
- `printable_lines(text)` — a long text for a read-only TextArea: line breaks and tabs kept;
- `literal(text)` — a `Literal`, the rich Text of `printable(text)` (a Text is never read as
  markup); text appended to a `Literal` is made printable too, and a deliberate line break is
  `line_break()`;
- `literal_title(text)` — the Content of `printable(text)`, for a border title (a str there would
  be read as markup);
- `literal_grid(rows, width)` — a two-column grid of literal cells;
- `markup_safe(text)` — `printable(text)` escaped, for the few places Textual reads a str as
  markup and takes nothing else (the command palette's help text and search highlight).

`OutputGuard`, a line filter of the app, is the last line of defence: whatever a widget draws,
such characters and links are taken out of every line before it goes to the terminal (and noted
in `caught`, which the tests read).
"""
import re
from collections.abc import Sequence

from rich.segment import Segment
from rich.table import Table
from rich.text import Text
from textual.content import Content
from textual.filter import LineFilter
from textual.markup import escape

C1_NAMES = ("PAD HOP BPH NBH IND NEL SSA ESA HTS HTJ VTS PLD PLU RI SS2 SS3 "
            "DCS PU1 PU2 STS CCH MW SPA EPA SOS SGC SCI CSI ST OSC PM APC").split()
NAMES = {
    "\u00ad": "SHY", "\u034f": "CGJ", "\u061c": "ALM", "\u115f": "HF", "\u1160": "HF",
    "\u180e": "MVS", "\u200b": "ZWSP", "\u200c": "ZWNJ", "\u200d": "ZWJ", "\u200e": "LRM",
    "\u200f": "RLM", "\u2028": "LSEP", "\u2029": "PSEP", "\u202a": "LRE", "\u202b": "RLE",
    "\u202c": "PDF", "\u202d": "LRO", "\u202e": "RLO", "\u2060": "WJ", "\u2061": "FA",
    "\u2062": "IT", "\u2063": "IS", "\u2064": "IP", "\u2066": "LRI", "\u2067": "RLI",
    "\u2068": "FSI", "\u2069": "PDI", "\u3164": "HF", "\ufeff": "BOM", "\uffa0": "HF",
} | {chr(0x80 + index): name for index, name in enumerate(C1_NAMES)}

# Characters never drawn as they are: controls, line and paragraph separators, and the format
# characters (Unicode category Cf) with the invisible fillers and joiners that look like nothing.
HIDDEN = ("[\x00-\x1f\x7f-\x9f\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
          "\u115f\u1160\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff\uffa0"
          "\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
          "\U0001d173-\U0001d17a\U000e0000-\U000e007f]")
# An emoji (approximately Extended_Pictographic), with its skin tone or presentation selector.
EMOJI = ("[\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21aa\u231a-\u23ff\u24c2\u25aa-\u27bf"
         "\u2934\u2935\u2b05-\u2b55\u3030\u303d\u3297\u3299\U0001f000-\U0001faff]"
         "[\ufe0e\ufe0f\U0001f3fb-\U0001f3ff\u20e3]*")
# What stays as it is: emoji joined by ZWJ, and a subdivision flag (black flag, tags, cancel tag).
KEPT = f"{EMOJI}(?:\u200d{EMOJI})+|\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f"
_PATTERN = re.compile(f"({KEPT})|{HIDDEN}")
_HIDDEN = re.compile(HIDDEN)


def symbol(char: str) -> str:
    """The visible stand-in of one hidden character."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7f:
        return "\u2421"
    name = NAMES.get(char) or f"U+{code:04X}"
    return f"\u27e8{name}\u27e9"


def _shown(match: re.Match) -> str:
    return match[1] or symbol(match[0])


def _kept(match: re.Match) -> str:
    return match[1] or ""


def printable(text: object) -> str:
    """`text` (None is "") with every hidden character as its visible symbol."""
    if text is None:
        return ""
    text = str(text)
    if not _HIDDEN.search(text):
        return text
    return _PATTERN.sub(_shown, text)


def printable_lines(text: object) -> str:
    """A long text to read: each line printable, the line breaks and tabs kept."""
    lines = ("" if text is None else str(text)).replace("\r\n", "\n").split("\n")
    return "\n".join("\t".join(printable(part) for part in line.split("\t")) for line in lines)


class Literal(Text):
    """A rich Text that holds only printable text: whatever is appended is made printable, and
    it is never read as markup. A line break of its own is `line_break()`."""

    def __init__(self, text: object = "", *args, **kwargs) -> None:
        super().__init__(printable(text), *args, **kwargs)

    @classmethod
    def from_markup(cls, *args, **kwargs):
        raise TypeError("data is never markup")

    @classmethod
    def from_ansi(cls, *args, **kwargs):
        raise TypeError("data is never read as terminal codes")

    def append(self, text, style=None) -> "Literal":
        if not isinstance(text, Literal):
            text = printable(text.plain if isinstance(text, Text) else text)
        super().append(text, style)
        return self

    def append_text(self, text: Text) -> "Literal":
        if not isinstance(text, Literal):
            return self.append(text)
        super().append_text(text)
        return self

    def line_break(self) -> "Literal":
        """Start a new line (a line feed in the data itself shows as ␊)."""
        Text.append(self, "\n")
        return self

    def copy(self) -> "Literal":
        copied = self.blank_copy()
        Text.append(copied, self.plain)  # printable already, its own line breaks kept
        copied._spans[:] = self._spans
        return copied

    def blank_copy(self, plain: str = "") -> "Literal":
        return Literal(plain, style=self.style, justify=self.justify, overflow=self.overflow,
                       no_wrap=self.no_wrap, end=self.end, tab_size=self.tab_size)


def literal(text: object = "", style="", **kwargs) -> Literal:
    """`text` to draw literally (a Text: never markup), every hidden character visible."""
    if isinstance(text, Literal) and not style and not kwargs:
        return text
    return Literal(text.plain if isinstance(text, Text) else text, style=style, **kwargs)


def literal_lines(lines: Sequence[object], style="", **kwargs) -> Literal:
    """Lines of text, one below the other, each drawn literally."""
    text = Literal(style=style, **kwargs)
    for number, line in enumerate(lines):
        if number:
            text.line_break()
        text.append(line)
    return text


def literal_title(text: object) -> Content:
    """`text` as a border title: Content, which Textual never reads as markup."""
    return Content(printable(text))


def literal_styled(text: object, style) -> Content:
    """`text` drawn in a widget's own visual style (a toggle button): Content, never markup."""
    return Content.assemble((printable(text), style))


def literal_grid(rows: Sequence[tuple[object, object]], key_width: int) -> Table:
    """Two columns of literal cells, the first bold and at least `key_width` wide (the keys
    of the help screen)."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True, min_width=key_width)
    table.add_column()
    for key, description in rows:
        table.add_row(literal(key), literal(description))
    return table


def markup_safe(text: object) -> str:
    """`text` printable and escaped, for a str that Textual reads as markup."""
    return escape(printable(text))


class OutputGuard(LineFilter):
    """Takes every hidden character (raw, where a widget drew data without `printable`) and every
    link out of the lines drawn, so neither reaches the terminal; `caught` keeps what it took."""

    KEEP = 100  # what `caught` remembers at most

    def __init__(self) -> None:
        super().__init__()
        self.caught: list[str] = []

    def apply(self, segments: list[Segment], background) -> list[Segment]:
        guarded = []
        for segment in segments:
            text, style, control = segment
            if control is None and _HIDDEN.search(text):
                kept = _PATTERN.sub(_kept, text)
                if kept != text:
                    self._note(text)
                    text = kept
            if style is not None and style.link:
                self._note(f"link {style.link}")
                style = style.update_link(None)
            guarded.append(Segment(text, style, control) if control is None else segment)
        return guarded

    def _note(self, what: str) -> None:
        if len(self.caught) < self.KEEP:
            self.caught.append(what)
