"""Reading user-typed values (CLI arguments, form fields) into typed values, with clear refusals."""
import datetime
import decimal
from enum import IntEnum

from segtui.domain.errors import DomainError
from segtui.domain.text_chars import printable
from segtui.i18n import _, every_translation

TRUE_WORDS = {"YES", "Y", "TRUE", "1", "ON", "JA"}
FALSE_WORDS = {"NO", "N", "FALSE", "0", "OFF", "NEJ", ""}
LARGEST_32 = 2**31 - 1
"""The largest number an integer column holds on PostgreSQL (entry numbers, versions)."""
LARGEST_64 = 2**63 - 1
"""The largest number a big integer column holds (line numbers), and SQLite's largest."""


def refusal(label: str | None, message: str) -> DomainError:
    """The error for a bad value: "Date: '2026-13-01' is not a date …" (no label: no prefix)."""
    return DomainError(f"{_(label)}: {message}" if label else message)


def parse_date(label: str | None, text: str) -> datetime.date | None:
    if text.strip() == "":
        return None
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        raise refusal(label, _("{text!r} is not a date (write YYYY-MM-DD)").format(
            text=text)) from None


def parse_amount(label: str, text: str, maximum: int = 10**12) -> decimal.Decimal:
    """A non-negative amount such as a cost or a duration."""
    try:
        value = decimal.Decimal(text.strip().replace(",", ".") or "0")
    except decimal.InvalidOperation:
        raise refusal(label, _("{text!r} is not a number").format(text=text)) from None
    if not value.is_finite() or value < 0 or value >= maximum:
        raise refusal(label, _("{text!r} must be a number from 0 to {maximum}").format(
            text=text, maximum=maximum - 1))
    return value.quantize(decimal.Decimal("0.01"))


def amount_text(value) -> str:
    """An amount as shown and exported: two decimals."""
    return f"{decimal.Decimal(value or 0):.2f}"


def parse_bool(label: str | None, text: str) -> bool:
    word = text.strip().upper()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise refusal(label, _("{text!r} is not yes or no").format(text=text))


def option_label(member: IntEnum) -> str:
    """How an option shows to a user: "Hard Copy", "" for the blank option."""
    return "" if member.name == "BLANK" else member.name.replace("_", " ").title()


def _option_key(text: str) -> str:
    """What an option is compared by: letters and digits only, upper case ("hard-copy" is
    "Hard Copy" is "HARD_COPY")."""
    return "".join(char for char in text.upper() if char.isalnum())


def option_member(text: str, enum: type[IntEnum]) -> IntEnum | None:
    """The member `text` names, by its name or its label in any language segtui speaks
    ("Utskrift" is Hard Copy whatever the UI language), or None. An empty `text` is not a
    member: punctuation or an emoji alone names nothing, it is not the blank option."""
    wanted = _option_key(text)
    if not wanted:
        return None
    for member in enum:
        if member.name == "BLANK":
            continue
        names = {member.name, *every_translation(option_label(member))}
        if wanted in {_option_key(name) for name in names}:
            return member
    return None


def option_choices(enum: type[IntEnum]) -> str:
    """The labels of an option's values (the blank one left out) as the user reads them."""
    labels = [option_label(member) for member in enum if member.name != "BLANK"]
    return ", ".join(_(label) for label in labels)


def parse_option(label: str | None, text: str, enum: type[IntEnum]) -> IntEnum:
    """An option value from its name or label (either language); empty is the blank option
    where the option has one. Anything else is refused, naming the values."""
    if text.strip() == "" and "BLANK" in enum.__members__:
        return enum["BLANK"]
    member = option_member(text, enum)
    if member is not None:
        return member
    if "BLANK" in enum.__members__:
        raise refusal(label, _("{text!r} is not one of: {choices} (or empty)").format(
            text=text, choices=option_choices(enum)))
    raise refusal(label, _("{text!r} is not one of: {choices}").format(
        text=text, choices=option_choices(enum)))


def parse_whole_number(label: str | None, text: str, minimum: int, maximum: int) -> int:
    """A whole number from `minimum` to `maximum` (what the column that keeps it can hold:
    a number out of range is refused here, never handed to the database)."""
    digits = text.strip()
    # the length test first: int() of thousands of digits is slow, then refused by Python
    if not digits or len(digits) > 40 or not (digits.lstrip("+-").isdecimal()
                                              and digits.lstrip("+-").isascii()
                                              and len(digits) - len(digits.lstrip("+-")) <= 1):
        raise refusal(label, _("{text!r} is not a whole number").format(text=text))
    number = int(digits)
    if not minimum <= number <= maximum:
        raise refusal(label, _("{text} is out of range: write a number from {minimum} to "
                               "{maximum}").format(text=digits, minimum=minimum,
                                                   maximum=maximum))
    return number


def normal_code(text: str) -> str:
    """A code or number as stored (contact no., segment no., saved criteria code …): what was
    typed, without surrounding blanks, in capitals. The one place codes are normalised."""
    return text.strip().upper()


def parse_code(label: str, text: str, length: int) -> str:
    code = normal_code(text)
    if len(code) > length:
        raise refusal(label, _("{text!r} is longer than {length} characters").format(
            text=text, length=length))
    if not code.isprintable():  # C0, DEL, C1, bidi marks, zero-width: a code shows as it is
        raise refusal(label, _("{text!r} contains control characters").format(text=text))
    return code


def parse_text(label: str, text: str, length: int) -> str:
    if len(text) > length:
        raise refusal(label, _("the text is longer than {length} characters").format(length=length))
    if not printable(text):
        raise refusal(label, _("the text contains control characters"))
    return text
