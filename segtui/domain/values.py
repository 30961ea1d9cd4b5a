"""Reading user-typed values (CLI arguments, form fields) into typed values, with clear refusals."""
import datetime
import decimal
from enum import IntEnum

from segtui.domain.errors import DomainError
from segtui.domain.text_chars import printable
from segtui.i18n import _

TRUE_WORDS = {"YES", "Y", "TRUE", "1", "ON", "JA"}
FALSE_WORDS = {"NO", "N", "FALSE", "0", "OFF", "NEJ", ""}


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


def parse_option(label: str | None, text: str, enum: type[IntEnum]) -> IntEnum:
    wanted = "".join(char for char in text.upper() if char.isalnum())
    for member in enum:
        name = "".join(char for char in member.name if char.isalnum())
        if wanted == name or (wanted == "" and member.name == "BLANK"):
            return member
    choices = ", ".join(option_label(member) for member in enum if member.name != "BLANK")
    raise refusal(label, _("{text!r} is not one of: {choices} (or empty)").format(
        text=text, choices=choices))


def parse_code(label: str, text: str, length: int) -> str:
    code = text.strip().upper()
    if len(code) > length:
        raise refusal(label, _("{text!r} is longer than {length} characters").format(
            text=text, length=length))
    if any(ord(char) < 32 for char in code):
        raise refusal(label, _("{text!r} contains control characters").format(text=text))
    return code


def parse_text(label: str, text: str, length: int) -> str:
    if len(text) > length:
        raise refusal(label, _("the text is longer than {length} characters").format(length=length))
    if not printable(text):
        raise refusal(label, _("the text contains control characters"))
    return text
