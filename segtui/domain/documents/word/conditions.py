"""Word's IF field, evaluated per data row:
`{ IF { MERGEFIELD City } = "Stockholm" "Välkommen!" "Welcome!" \\* Upper }`.

The code is read as Word reads it: words separated by spaces, "quoted text" as one word (`\\"`
and `\\\\` inside it for a quotation mark and a backslash, curly quotes “…” too), and a nested
field (a MERGEFIELD, another IF, any other field by the text it shows) as part of the word it
sits in — outside quotation marks its value is one word however many spaces it holds. After IF:
expression 1, an operator (`=`, `<>`, `<`, `>`, `<=`, `>=`), expression 2, the text if true and
the text if false (either may be left out: empty), then switches (`\\*` case, `\\@`, `\\#`;
fields.py) applied to the chosen text.

Comparison: as numbers when both sides are numbers (pictures.parse_number), else as text, case
sensitive. With `=` and `<>` and expression 2 in quotation marks, `*` stands for any text and
`?` for any one character (Word's wildcards).
"""
import functools
import operator
import re
from dataclasses import dataclass, field

from segtui.domain.documents.word.fields import MergeField, Switches, read_switches
from segtui.domain.documents.word.pictures import parse_number

_OPERATORS = {"=": operator.eq, "<>": operator.ne, "<": operator.lt, ">": operator.gt,
              "<=": operator.le, ">=": operator.ge}
_QUOTES = {'"': '"', "“": "”"}


@dataclass(frozen=True)
class Constant:
    """A nested field segtui does not evaluate: the text the template shows for it."""
    shown: str

    def text(self, row: dict[str, str]) -> str:
        return self.shown

    def merge_fields(self) -> list[MergeField]:
        return []


@dataclass(frozen=True)
class Word:
    """One word of a field code: literal text and nested fields, and whether it was quoted."""
    parts: tuple
    quoted: bool
    literal: str | None = field(init=False, compare=False)
    """The word's text when it holds no nested field (the same for every data row)."""

    def __post_init__(self):
        literal = "".join(self.parts) if all(isinstance(part, str) for part in self.parts) \
            else None
        object.__setattr__(self, "literal", literal)

    def text(self, row: dict[str, str]) -> str:
        if self.literal is not None:
            return self.literal
        return "".join(part if isinstance(part, str) else part.text(row) for part in self.parts)

    def merge_fields(self) -> list[MergeField]:
        return [merge_field for part in self.parts if not isinstance(part, str)
                for merge_field in part.merge_fields()]


@dataclass(frozen=True)
class IfField:
    """A parsed IF field; `text(row)` is the text it shows for a data row."""
    left: Word
    operator: str
    right: Word
    if_true: Word | None
    if_false: Word | None
    switches: Switches

    def text(self, row: dict[str, str]) -> str:
        chosen = self.if_true if self.holds(row) else self.if_false
        shown = chosen.text(row) if chosen is not None else ""
        return self.switches.format(shown) if shown else shown

    def holds(self, row: dict[str, str]) -> bool:
        return compare(self.left.text(row), self.operator, self.right.text(row),
                       wildcards=self.right.quoted)

    def merge_fields(self) -> list[MergeField]:
        return [merge_field for word in (self.left, self.right, self.if_true, self.if_false)
                if word is not None for merge_field in word.merge_fields()]


def compare(left: str, operator_: str, right: str, wildcards: bool = False) -> bool:
    """`left operator right` as Word's IF compares: numbers as numbers, else text; `*` and `?`
    in a quoted right side of `=` / `<>` as wildcards."""
    if wildcards and operator_ in ("=", "<>") and ("*" in right or "?" in right):
        return (_wildcard(right).fullmatch(left) is not None) == (operator_ == "=")
    left_number, right_number = parse_number(left), parse_number(right)
    if left_number is not None and right_number is not None:
        return _OPERATORS[operator_](left_number, right_number)
    return _OPERATORS[operator_](left, right)


@functools.lru_cache(maxsize=256)
def _wildcard(pattern: str) -> re.Pattern:
    return re.compile("".join(".*" if char == "*" else "." if char == "?" else re.escape(char)
                              for char in pattern), re.S)


def words(code: list) -> list[Word]:
    """The words of a field code given as text and nested fields (objects with `text(row)`)."""
    found: list[Word] = []
    parts: list | None = None
    close = None  # the closing quotation mark while inside quotes
    buffer = ""

    def finish(quoted: bool) -> None:
        nonlocal parts, buffer
        if buffer:
            parts.append(buffer)
        found.append(Word(tuple(parts), quoted))
        parts, buffer = None, ""

    for piece in code:
        if not isinstance(piece, str):
            if parts is None:
                parts = []
            if buffer:
                parts.append(buffer)
                buffer = ""
            parts.append(piece)
            continue
        position = 0
        while position < len(piece):
            char = piece[position]
            if close is not None:
                if char == "\\" and piece[position + 1:position + 2] in ('"', "\\"):
                    buffer += piece[position + 1]
                    position += 1
                elif char == close:
                    finish(quoted=True)
                    close = None
                else:
                    buffer += char
            elif char.isspace():
                if parts is not None:
                    finish(quoted=False)
            elif char in _QUOTES:
                if parts is not None:
                    finish(quoted=False)
                parts, close = [], _QUOTES[char]
            else:
                if parts is None:
                    parts = []
                buffer += char
            position += 1
    if parts is not None:
        finish(quoted=close is not None)
    return found


def parse_if(code: list) -> IfField | None:
    """The IF field of a code (text and nested fields), or None when it is not an IF field
    segtui can evaluate (no operator where Word expects one)."""
    found = words(code)
    if not found or (found[0].literal or "").upper() != "IF" or found[0].quoted:
        return None
    operands, switch_words, position = [], [], 1
    while position < len(found):
        word = found[position]
        literal = word.literal
        if not word.quoted and literal is not None and literal.startswith("\\"):
            switch_words.append(literal)
            if len(literal) == 2 and literal[1] in "*@#bf" and position + 1 < len(found):
                position += 1
                switch_words.append(found[position].text({}))
        else:
            operands.append(word)
        position += 1
    if len(operands) < 3 or operands[1].quoted or operands[1].literal not in _OPERATORS:
        return None
    _, switches = read_switches(switch_words)
    if_true = operands[3] if len(operands) > 3 else None
    if_false = operands[4] if len(operands) > 4 else None
    return IfField(operands[0], operands[1].literal, operands[2], if_true, if_false, switches)
