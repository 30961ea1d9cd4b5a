"""A MERGEFIELD instruction as Word writes it, the switches Word's fields share, and the value a
merge field shows for a data row.

` MERGEFIELD "Contact Name" \\* Upper \\b "Dear " \\f ", " \\* MERGEFORMAT ` names a field (quoted
when it holds spaces) and formats its value: a date picture (`\\@ "d MMMM yyyy"`, for ISO dates)
or a number picture (`\\# "#,##0.00"`, for numbers; pictures.py), then the case
(`\\* Upper|Lower|Caps|FirstCap`), then text before/after a non-blank value (`\\b`, `\\f`).
`\\* MERGEFORMAT` keeps the result's formatting, which is what the merge does anyway;
`\\* CHARFORMAT` takes the formatting of the field code instead. The IF field (conditions.py)
takes the same `\\*`, `\\@` and `\\#` switches. The field language as a whole:
docs/word-fields.md.
"""
import re
from dataclasses import dataclass, field

from segtui.domain.documents.merge_fields import normalise
from segtui.domain.documents.word.pictures import format_date, format_number

__all__ = ["MergeField", "Switches", "field_type", "format_date", "parse_instruction",
           "read_switches", "tokens"]

_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|“([^”]*)”|(\S+)')
_ESCAPE = re.compile(r"\\(.)")
_SWITCHES_WITH_ARGUMENT = ("\\*", "\\@", "\\#", "\\b", "\\f")
_CASES = {"upper": str.upper, "lower": str.lower,
          "caps": lambda text: " ".join(word[:1].upper() + word[1:] for word in text.split(" ")),
          "firstcap": lambda text: text[:1].upper() + text[1:]}


@dataclass(frozen=True)
class Switches:
    """The formatting switches of a field: how its text is shown."""
    case: str | None = None
    before: str = ""
    after: str = ""
    date_picture: str | None = None
    number_picture: str | None = None
    char_format: bool = False

    def format(self, value: str) -> str:
        """`value` through the pictures and the case switch (not `\\b` / `\\f`)."""
        if self.date_picture:
            value = format_date(value, self.date_picture)
        if self.number_picture:
            value = format_number(value, self.number_picture)
        if self.case:
            value = _CASES[self.case](value)
        return value


@dataclass(frozen=True)
class MergeField:
    """One MERGEFIELD: the name as written and how its value is shown."""
    name: str
    switches: Switches = Switches()
    key: str = field(init=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "key", normalise(self.name))

    @property
    def char_format(self) -> bool:
        return self.switches.char_format

    def show(self, value: str) -> str:
        """The text Word shows for `value`."""
        if not value:
            return ""
        return self.switches.before + self.switches.format(value) + self.switches.after

    def text(self, row: dict[str, str]) -> str:
        """The text shown for a data row (keys normalised); empty when the row has no such
        field."""
        return self.show(row.get(self.key, ""))

    def merge_fields(self) -> list["MergeField"]:
        return [self]


def tokens(instruction: str) -> list[str]:
    """The words of an instruction, quoted ones unquoted."""
    found = []
    for quoted, curly, bare in _TOKEN.findall(instruction):
        found.append(_ESCAPE.sub(r"\1", quoted) if quoted else curly or bare)
    return found


def field_type(instruction: str) -> str:
    """The type of a field by its instruction (MERGEFIELD, IF, PAGE, = …), upper case."""
    words = instruction.split(None, 1)
    return words[0].upper() if words else ""


def read_switches(words: list[str]) -> tuple[list[str], Switches]:
    """The words that are not switches (in order) and the switches among `words`; a switch's
    argument may be glued to it (`\\*Upper`) or be the next word."""
    rest, options, position = [], {}, 0
    while position < len(words):
        word = words[position]
        switch = word[:2].lower() if word.startswith("\\") else None
        if switch in _SWITCHES_WITH_ARGUMENT:
            argument = word[2:]
            if len(argument) > 1 and argument[0] == argument[-1] == '"':  # \#"0.00"
                argument = argument[1:-1]
            if not argument and position + 1 < len(words):
                position += 1
                argument = words[position]
            _option(options, switch, argument)
        elif switch is None:
            rest.append(word)
        position += 1
    return rest, Switches(**options)


def parse_instruction(instruction: str) -> MergeField | None:
    """The merge field an instruction text names, or None when it is another kind of field
    (IF, PAGE, DATE, …) or names no field."""
    words = tokens(instruction)
    if not words or words[0].upper() != "MERGEFIELD":
        return None
    rest, switches = read_switches(words[1:])
    return MergeField(rest[0], switches) if rest else None


def _option(options: dict, switch: str, argument: str) -> None:
    if switch == "\\*":
        word = argument.lower()
        if word in _CASES:
            options["case"] = word
        elif word == "charformat":
            options["char_format"] = True
    elif switch == "\\b":
        options["before"] = argument
    elif switch == "\\f":
        options["after"] = argument
    elif switch == "\\@":
        options["date_picture"] = argument
    elif switch == "\\#":
        options["number_picture"] = argument
