"""A MERGEFIELD instruction as Word writes it, and the value it shows for a data row.

` MERGEFIELD "Contact Name" \\* Upper \\b "Dear " \\f ", " \\* MERGEFORMAT ` names a field (quoted
when it holds spaces) and formats its value: case (`\\* Upper|Lower|Caps|FirstCap`), text
before/after a non-blank value (`\\b`, `\\f`) and a date picture (`\\@ "d MMMM yyyy"`) for ISO
dates. `\\* MERGEFORMAT` keeps the result's formatting, which is what the merge does anyway;
`\\* CHARFORMAT` takes the formatting of the field code instead. Number pictures (`\\#`) are
not applied.
"""
import datetime
import re
from dataclasses import dataclass

_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|“([^”]*)”|(\S+)')
_ESCAPE = re.compile(r"\\(.)")
_SWITCHES_WITH_ARGUMENT = ("\\*", "\\@", "\\#", "\\b", "\\f")
_CASES = {"upper": str.upper, "lower": str.lower,
          "caps": lambda text: " ".join(word[:1].upper() + word[1:] for word in text.split(" ")),
          "firstcap": lambda text: text[:1].upper() + text[1:]}
_DATE_TOKEN = re.compile(r"'[^']*'|[dD]{1,4}|M{1,4}|[yY]{4}|[yY]{2}|[hH]{1,2}|m{1,2}|s{1,2}"
                         r"|AM/PM|am/pm|.", re.S)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class MergeField:
    """One MERGEFIELD: the name as written and how its value is shown."""
    name: str
    case: str | None = None
    before: str = ""
    after: str = ""
    date_picture: str | None = None
    char_format: bool = False

    def show(self, value: str) -> str:
        """The text Word shows for `value`."""
        if not value:
            return ""
        if self.date_picture:
            value = format_date(value, self.date_picture)
        if self.case:
            value = _CASES[self.case](value)
        return self.before + value + self.after


def _tokens(instruction: str) -> list[str]:
    tokens = []
    for quoted, curly, bare in _TOKEN.findall(instruction):
        tokens.append(_ESCAPE.sub(r"\1", quoted) if quoted else curly or bare)
    return tokens


def parse_instruction(instruction: str) -> MergeField | None:
    """The merge field an instruction text names, or None when it is another kind of field
    (IF, PAGE, DATE, …) or names no field."""
    tokens = _tokens(instruction)
    if not tokens or tokens[0].upper() != "MERGEFIELD":
        return None
    name, options, position = None, {}, 1
    while position < len(tokens):
        token = tokens[position]
        switch = token[:2].lower() if token.startswith("\\") else None
        if switch in _SWITCHES_WITH_ARGUMENT:
            argument = token[2:]
            if not argument and position + 1 < len(tokens):
                position += 1
                argument = tokens[position]
            _option(options, switch, argument)
        elif switch is None and name is None:
            name = token
        position += 1
    return MergeField(name=name, **options) if name else None


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


def format_date(value: str, picture: str) -> str:
    """An ISO date or date-time `value` in a Word date picture (`d MMMM yyyy`, `dd-MM-yy`,
    `HH:mm`, 'quoted text'); any other value as it is."""
    try:
        moment = datetime.datetime.fromisoformat(value.strip())
    except ValueError:
        return value
    return "".join(_date_part(moment, token) for token in _DATE_TOKEN.findall(picture))


def _date_part(moment: datetime.datetime, token: str) -> str:
    if token.startswith("'"):
        return token[1:-1]
    hour12 = moment.hour % 12 or 12
    parts = {
        "d": str(moment.day), "dd": f"{moment.day:02}", "ddd": _DAYS[moment.weekday()][:3],
        "dddd": _DAYS[moment.weekday()], "M": str(moment.month), "MM": f"{moment.month:02}",
        "MMM": _MONTHS[moment.month - 1][:3], "MMMM": _MONTHS[moment.month - 1],
        "yy": f"{moment.year % 100:02}", "yyyy": str(moment.year),
        "H": str(moment.hour), "HH": f"{moment.hour:02}", "h": str(hour12),
        "hh": f"{hour12:02}", "m": str(moment.minute), "mm": f"{moment.minute:02}",
        "s": str(moment.second), "ss": f"{moment.second:02}",
        "AM/PM": "AM" if moment.hour < 12 else "PM", "am/pm": "am" if moment.hour < 12 else "pm",
    }
    key = token.lower() if token[0] in "dDyY" else token
    return parts.get(key, token)
