"""Word's date (`\\@`) and number (`\\#`) pictures, applied to merged text.

Dates: an ISO date or date-time value in a picture of `d dd ddd dddd M MM MMM MMMM yy yyyy H HH
h hh m mm s ss AM/PM am/pm` and 'quoted text'; any other value is shown as it is.

Numbers (a subset of Word's, see docs/word-fields.md): a value that is a number — optional sign,
digits, `,` grouping thousands, `.` before decimals — in a picture of `0` (a digit, shown even
when zero), `#` (a digit when there is one), `x` (drops the digits to its left), `.` (the decimal
point; the decimals are rounded half away from zero), `,` or a space between digit places (groups
thousands with that character), `-` / `+` (the sign), 'quoted text' and any other character as
literal text (`$`, `%` — Word does not multiply by 100 — `kr`). Up to three sections split by
`;` are for positive, negative and zero values. Text that is not a number is shown as it is.
"""
import datetime
import functools
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

_DATE_TOKEN = re.compile(r"'[^']*'|[dD]{1,4}|M{1,4}|[yY]{4}|[yY]{2}|[hH]{1,2}|m{1,2}|s{1,2}"
                         r"|AM/PM|am/pm|.", re.S)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_NUMBER = re.compile(r"([+-]?)(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d+))?")
_NUMBER_START = frozenset("+-.0123456789")
_PICTURE_TOKEN = re.compile(r"'[^']*'|.", re.S)
_PLACES = "0#x"


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


def parse_number(text: str) -> Decimal | None:
    """The number `text` holds ("1234", "-1,234.50", "+.5"), or None when it is not one."""
    text = text.strip()
    if not text or text[0] not in _NUMBER_START:  # most text: no need for the expression
        return None
    match = _NUMBER.fullmatch(text)
    if match is None or not (match.group(2) or match.group(3)):
        return None
    sign, whole, decimals = match.groups()
    return Decimal(f"{sign}{whole.replace(',', '') or '0'}.{decimals or '0'}")


def format_number(value: str, picture: str) -> str:
    """`value` in a Word number picture ("#,##0.00", "0%", "$#,##0.00;($#,##0.00)"); a value
    that is not a number as it is."""
    number = parse_number(value)
    if number is None or not picture:
        return value
    sections = _sections(picture)
    if number < 0 and len(sections) > 1:
        return sections[1].format(-number, signed=False)
    if number == 0 and len(sections) > 2:
        return sections[2].format(number, signed=False)
    return sections[0].format(number, signed=True)


@functools.lru_cache(maxsize=128)
def _sections(picture: str) -> list["_Section"]:
    """A picture read once (a merge shows it for every letter): its sections."""
    sections, current = [], []
    for token in _PICTURE_TOKEN.findall(picture):
        if token == ";":
            sections.append(_Section.read(current))
            current = []
        else:
            current.append(token)
    return [*sections, _Section.read(current)]


@dataclass(frozen=True)
class _Section:
    """One section of a number picture: the literal text before and after its digit part, and
    what the digit part asks for."""
    prefix: tuple[str, ...]
    suffix: tuple[str, ...]
    has_sign: bool
    has_digits: bool
    quantum: Decimal = Decimal(1)
    required_decimals: int = 0
    has_point: bool = False
    whole_places: int = 0
    keep_places: int | None = None  # x: only this many digits, the rest dropped
    minimum_whole: int = 0
    separator: str | None = None
    after_decimals: str = ""

    @classmethod
    def read(cls, tokens: list[str]) -> "_Section":
        places = [index for index, token in enumerate(tokens) if token in _PLACES]
        if not places:  # a picture of text alone ("-" for zero) shows just that text
            return cls(tuple(tokens), (), True, False)
        first, last = places[0], places[-1]
        core = tokens[first:last + 1]
        point = core.index(".") if "." in core else len(core)
        whole_picture, decimal_picture = core[:point], core[point + 1:]
        decimal_places = [token for token in decimal_picture if token in _PLACES]
        whole_places = [token for token in whole_picture if token in _PLACES]
        return cls(
            prefix=tuple(tokens[:first]), suffix=tuple(tokens[last + 1:]),
            has_sign=any(token in "+-" for token in tokens[:first] + tokens[last + 1:]),
            has_digits=True,
            quantum=Decimal(1).scaleb(-len(decimal_places)),
            required_decimals=decimal_places.count("0"),
            has_point=bool(decimal_picture),
            whole_places=len(whole_places),
            keep_places=(len(whole_places) - whole_places.index("x")
                         if "x" in whole_places else None),
            minimum_whole=whole_places.count("0"),
            separator=next((token for index, token in enumerate(whole_picture)
                            if token in ", " and 0 < index < len(whole_picture) - 1), None),
            after_decimals="".join(token for token in decimal_picture if token not in _PLACES))

    def format(self, number: Decimal, signed: bool) -> str:
        """`number` in this section; `signed`: a negative number shows its minus sign (the
        first section of a picture, which has to serve negative numbers too)."""
        prefix = "".join(_literal(token, number) for token in self.prefix)
        if not self.has_digits:
            return prefix
        suffix = "".join(_literal(token, number) for token in self.suffix)
        text = self._digits(abs(number))
        if signed and number < 0 and not self.has_sign:
            return "-" + prefix + text + suffix
        return prefix + text + suffix

    def _digits(self, number: Decimal) -> str:
        """The digits of a non-negative number: places, grouping, decimal point."""
        rounded = number.quantize(self.quantum, rounding=ROUND_HALF_UP)
        whole, _, decimals = f"{rounded:f}".partition(".")
        while len(decimals) > self.required_decimals and decimals.endswith("0"):
            decimals = decimals[:-1]
        if self.keep_places is not None:  # x drops the digits left of it, shows the rest
            whole = whole.rjust(self.keep_places, "0")[-self.keep_places:]
        else:
            whole = whole.lstrip("0").rjust(self.minimum_whole, "0")
        if self.separator and whole:
            groups = [whole[max(end - 3, 0):end] for end in range(len(whole), 0, -3)]
            whole = self.separator.join(reversed(groups))
        if not decimals and not self.required_decimals:
            return whole + self.after_decimals if self.has_point else whole
        return f"{whole}.{decimals}{self.after_decimals}"


def _literal(token: str, number: Decimal) -> str:
    if token.startswith("'"):
        return token[1:-1]
    if token == "-":
        return "-" if number < 0 else " "
    if token == "+":
        return "-" if number < 0 else "+" if number > 0 else " "
    return token
