"""NAV filter expressions (`a|b`, `a..b`, `..b`, `a..`, `<>a`, `*`, `''`) turned into Peewee
conditions.

A filter is parsed against the kind of the field it applies to, so `2026-13-01` on a date or
`abc` on a number is refused with a message naming the value; text matches ignore case.
Grammar: alternatives separated by `|`, each a conjunction of parts separated by `&`; a part is
`''` (blank), `<>v`, `<v`, `<=v`, `>v`, `>=v`, `a..b`, `..b`, `a..`, or a value that may contain
`*` (any run of characters) and `?` (one character). A value in single quotes is taken literally
(`'a|b'`; a quote inside is written twice).
"""
import decimal
import operator
import re
from dataclasses import dataclass
from enum import IntEnum
from functools import reduce

from peewee import (
    SQL, BigIntegerField, Expression, Field, FieldAlias, ForeignKeyField, IntegerField, NodeList,
    fn)

from segtui.domain.errors import DomainError
from segtui.i18n import _
from segtui.domain.values import (
    LARGEST_32, LARGEST_64, option_choices, option_member, parse_bool, parse_date,
    parse_whole_number)

TEXT, CODE, INTEGER, DECIMAL, DATE, BOOLEAN, OPTION = (
    "text", "code", "integer", "decimal", "date", "boolean", "option")
COMPARISONS = (("<>", operator.ne), ("<=", operator.le), (">=", operator.ge),
               ("<", operator.lt), (">", operator.gt))
OPERATOR_MARKS = "<>="  # only at the start of a part; inside a value they must be quoted
LARGEST_AMOUNT = 10**15  # filters on amounts: what the database's numbers can hold


class FilterError(DomainError):
    """A filter expression that cannot be understood; the message says which part and why."""


@dataclass(frozen=True)
class FieldKind:
    """How values of one filterable field are read and compared."""
    kind: str
    enum: type[IntEnum] | None = None
    nullable: bool = False


@dataclass(frozen=True)
class Token:
    text: str
    quoted: bool


def _split(expression: str, separator: str) -> list[list[Token]]:
    """Split on `separator` outside quotes; each piece is a list of text/quoted tokens."""
    pieces, current, buffer, i = [], [], [], 0
    while i < len(expression):
        char = expression[i]
        if char == "'":
            end = i + 1
            literal = []
            while True:
                if end >= len(expression):
                    raise FilterError(_("a quote is not closed in {expression!r}").format(
                        expression=expression))
                if expression[end] == "'":
                    if end + 1 < len(expression) and expression[end + 1] == "'":
                        literal.append("'")
                        end += 2
                        continue
                    break
                literal.append(expression[end])
                end += 1
            if buffer:
                current.append(Token("".join(buffer), False))
                buffer = []
            current.append(Token("".join(literal), True))
            i = end + 1
            continue
        if char == separator:
            if buffer:
                current.append(Token("".join(buffer), False))
            pieces.append(current)
            current, buffer = [], []
        else:
            buffer.append(char)
        i += 1
    if buffer:
        current.append(Token("".join(buffer), False))
    pieces.append(current)
    return pieces


def _join(tokens: list[Token]) -> tuple[str, bool]:
    """The text of a run of tokens, and whether any of it was quoted (literal)."""
    return "".join(token.text for token in tokens), any(token.quoted for token in tokens)


def _strip(tokens: list[Token]) -> list[Token]:
    if tokens and not tokens[0].quoted:
        tokens = [Token(tokens[0].text.lstrip(), False), *tokens[1:]]
    if tokens and not tokens[-1].quoted:
        tokens = [*tokens[:-1], Token(tokens[-1].text.rstrip(), False)]
    return [token for token in tokens if token.quoted or token.text]


class _Compiler:
    """Builds the condition of one expression for one column of a given kind."""

    def __init__(self, column, kind: FieldKind):
        self.column = column
        self.kind = kind

    # -- values ------------------------------------------------------------------------------
    def value(self, text: str):
        kind = self.kind.kind
        if kind in (TEXT, CODE):
            if not text.isprintable():
                raise FilterError(_("{text!r} contains control characters").format(text=text))
            return text.upper()
        if kind == INTEGER:
            # what the column holds: 32 bits on PostgreSQL unless it is a big integer
            largest = _largest(self.column)
            try:
                return parse_whole_number(None, text, -largest - 1, largest)
            except DomainError as exc:
                raise FilterError(str(exc)) from None
        if kind == DECIMAL:
            try:
                number = decimal.Decimal(text.strip().replace(",", "."))
            except decimal.InvalidOperation:
                raise FilterError(_("{text!r} is not a number").format(text=text)) from None
            if not number.is_finite() or abs(number) >= LARGEST_AMOUNT:
                raise FilterError(_("{text!r} is not a number from -{largest} to {largest}")
                                  .format(text=text, largest=LARGEST_AMOUNT - 1))
            return number
        if kind == OPTION:
            # only the option's values: a blank is written '' (punctuation is no blank)
            member = option_member(text, self.kind.enum)
            if member is None:
                raise FilterError(_("{text!r} is not one of: {choices} (a blank is written '')")
                                  .format(text=text, choices=option_choices(self.kind.enum)))
            return int(member)
        try:
            if kind == DATE:
                return parse_date(None, text)
            return parse_bool(None, text)
        except DomainError as exc:
            raise FilterError(str(exc)) from None

    @property
    def target(self):
        """The column as compared: upper-cased for free text so matching ignores case."""
        return fn.UPPER(self.column) if self.kind.kind == TEXT else self.column

    @property
    def is_textual(self) -> bool:
        return self.kind.kind in (TEXT, CODE)

    # -- parts -------------------------------------------------------------------------------
    def blank(self):
        if self.is_textual:
            condition = self.column == ""
            return condition | self.column.is_null() if self.kind.nullable else condition
        if self.kind.kind in (INTEGER, DECIMAL, OPTION, BOOLEAN):
            condition = self.column == 0 if self.kind.kind != BOOLEAN else self.column == False  # noqa: E712
            return condition | self.column.is_null() if self.kind.nullable else condition
        return self.column.is_null()

    def pattern(self, text: str):
        escaped = text.upper().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        like = escaped.replace("*", "%").replace("?", "_")
        return NodeList((self.target, SQL("LIKE"), like, SQL("ESCAPE '\\'")))

    def equals(self, tokens: list[Token]):
        text, quoted = _join(tokens)
        if not quoted and text == "":
            raise FilterError(_("a value is missing"))
        if self.is_textual and not quoted and ("*" in text or "?" in text):
            return self.pattern(text)
        if not self.is_textual and not quoted and ("*" in text or "?" in text):
            raise FilterError(_("wildcards (*) only work on text fields, not in {text!r}").format(
                text=text))
        return self.target == self.value(text)

    def part(self, tokens: list[Token]):
        tokens = _strip(tokens)
        if not tokens:
            raise FilterError(_("an alternative is empty (look for || or a | at either end)"))
        if len(tokens) == 1 and tokens[0].quoted and tokens[0].text == "":
            return self.blank()
        head = tokens[0]
        if not head.quoted:
            for symbol, compare in COMPARISONS:
                if head.text.startswith(symbol):
                    rest = _strip([Token(head.text[len(symbol):], False), *tokens[1:]])
                    _refuse_misplaced_operator(rest)
                    return self.comparison(symbol, compare, rest)
        _refuse_misplaced_operator(tokens)
        text, quoted = _join(tokens)
        if not quoted and ".." in text:
            return self.range(text)
        return self.equals(tokens)

    def comparison(self, symbol, compare, tokens):
        if symbol == "<>":
            if len(tokens) == 1 and tokens[0].quoted and tokens[0].text == "":
                return ~self.blank()
            condition = ~self.equals(tokens)
            return condition | self.column.is_null() if self.kind.nullable else condition
        text, _quoted = _join(tokens)
        if text == "":
            raise FilterError(_("{symbol} needs a value after it").format(symbol=symbol))
        return compare(self.target, self.value(text))

    def range(self, text: str):
        if text.count("..") > 1:
            raise FilterError(_("{text!r} has more than one '..'").format(text=text))
        low, high = (side.strip() for side in text.split(".."))
        if not low and not high:
            raise FilterError(_("a range needs at least one end (a..b, ..b or a..)"))
        if self.kind.kind == BOOLEAN:
            raise FilterError(_("a yes/no field cannot take a range"))
        conditions = []
        if low:
            conditions.append(self.target >= self.value(low))
        if high:
            conditions.append(self.target <= self.value(high))
        return reduce(operator.and_, conditions)

    def expression(self, expression: str):
        if expression.strip() == "":
            raise FilterError(_("the filter is empty (write '' to match a blank value)"))
        alternatives = []
        for alternative in _split(expression, "|"):
            parts = []
            for part in _split_tokens(alternative, "&"):
                parts.append(self.part(part))
            alternatives.append(reduce(operator.and_, parts))
        return reduce(operator.or_, alternatives)


def _refuse_misplaced_operator(tokens: list[Token]) -> None:
    """`<`, `>` and `=` only start a part (`<>a`, `>=5`): elsewhere unquoted — `..;;<>`,
    `a<>b` — they are a slip, the same for every kind of field. Text and code fields would
    otherwise take them as characters of a value and quietly match nothing."""
    for token in tokens:
        if not token.quoted and any(mark in token.text for mark in OPERATOR_MARKS):
            text = "".join(item.text for item in tokens)
            mark = re.search(f"[{OPERATOR_MARKS}]+", token.text).group()
            raise FilterError(_("{mark!r} in {text!r} is out of place: an operator only starts "
                                "a part (<>a, >=a); quote a value that holds it ('a<b')")
                              .format(mark=mark, text=text))


def _split_tokens(tokens: list[Token], separator: str) -> list[list[Token]]:
    """Split an already tokenised alternative on `separator` outside quoted tokens."""
    pieces, current = [], []
    for token in tokens:
        if token.quoted:
            current.append(token)
            continue
        chunks = token.text.split(separator)
        for index, chunk in enumerate(chunks):
            if index:
                pieces.append(current)
                current = []
            if chunk:
                current.append(Token(chunk, False))
    pieces.append(current)
    return pieces


def _largest(column) -> int:
    """The largest number `column` holds (an integer column is 32 bits on PostgreSQL)."""
    if isinstance(column, FieldAlias):
        column = column.field
    if isinstance(column, ForeignKeyField):
        column = column.rel_field
    if isinstance(column, IntegerField) and not isinstance(column, BigIntegerField):
        return LARGEST_32
    return LARGEST_64


def condition(column: Field | Expression, expression: str, kind: FieldKind):
    """The Peewee condition selecting rows whose `column` matches the NAV filter `expression`."""
    return _Compiler(column, kind).expression(expression)
