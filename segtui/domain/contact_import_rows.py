"""Checking one row of a contact file on its own: every cell read as its column's kind.

What needs no other row and no contact — lengths, e-mail shape, options, yes/no, codes that
must exist in the code tables — is checked here, cell by cell, so a row reports every bad cell
at once. A good row becomes a tuple for the staging table plus its classification codes.
"""
from dataclasses import dataclass, field

from segtui.domain.contact_cards import EMAIL_SHAPE
from segtui.domain.contact_columns import (
    CODES_SEPARATOR, COLUMNS_BY_NAME, ContactColumn, header_key)
from segtui.domain.contact_import_staging import VALUE_COLUMNS, ImportRow
from segtui.domain.values import FALSE_WORDS, TRUE_WORDS, option_label
from segtui.i18n import _
from segtui.store.enums import ContactType
from segtui.store.models import IndustryGroup, JobResponsibility, MailingGroup, Salesperson

CODE_TABLES = {"mailing_groups": MailingGroup, "industry_groups": IndustryGroup,
               "job_responsibilities": JobResponsibility}
NAME_PARTS = ("first_name", "middle_name", "surname")
FORMULA_START = ("=", "+", "-", "@")


class BadCell(Exception):
    """A cell that cannot be read: the message says why."""


@dataclass
class KnownCodes:
    """The codes each code column accepts; with `create`, unknown ones are collected instead."""
    create: bool
    codes: dict[str, set[str]]
    blocked: set[str]
    new: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, create: bool) -> "KnownCodes":
        tables = {name: column.master for name, column in COLUMNS_BY_NAME.items()
                  if column.kind == "master"} | CODE_TABLES
        codes = {name: {row[0] for row in model.select(model._meta.primary_key).tuples()}
                 for name, model in tables.items()}
        blocked = {row[0] for row in Salesperson.select(Salesperson.code)
                   .where(Salesperson.blocked == True).tuples()}  # noqa: E712 - SQL
        return cls(create, codes, blocked)

    def check(self, name: str, code: str) -> None:
        if code in self.codes[name]:
            if name == "salesperson_code" and code in self.blocked:
                raise BadCell(_("salesperson {code} is blocked").format(code=code))
            return
        if not self.create:
            raise BadCell(_("{code} does not exist (--create-codes creates missing "
                            "codes)").format(code=code))
        self.new.setdefault(name, set()).add(code)


@dataclass(frozen=True, slots=True)
class StagedRow:
    values: tuple          # in the order of RowReader.fields
    codes: list[tuple]     # (line, kind, code)


class RowReader:
    """Reads the records of one file whose columns are `columns` (names, in file order)."""

    def __init__(self, columns: list[str], headers: list[str], known: KnownCodes) -> None:
        self.known = known
        self.headers = headers
        self.present = set(columns)
        self._cells = [(index, COLUMNS_BY_NAME[name]) for index, name in enumerate(columns)]
        # a reader per column; columns of few distinct values remember each cell's reading
        self._readers = [(index, column, getattr(self, f"_{column.kind}"),
                          {} if column.kind in CACHED_KINDS else None)
                         for index, column in self._cells]
        values = [column for column in VALUE_COLUMNS if column.name in self.present]
        if "name" not in self.present and self.present & set(NAME_PARTS):
            values.append(COLUMNS_BY_NAME["name"])
        self._values = [column.name for column in values]
        self.fields = [ImportRow.line, ImportRow.no, ImportRow.type, ImportRow.derived_type,
                       ImportRow.company_ref, ImportRow.company_text, ImportRow.search_name,
                       ImportRow.email_key, *(getattr(ImportRow, column.attr) for column in values)]

    def read(self, line: int, cells: list[str]) -> StagedRow | list[tuple[str, str]]:
        """The staged row, or the bad cells as (header, reason)."""
        row, codes, bad, bad_columns = {}, [], [], set()
        for index, column, reader, cache in self._readers:
            cell = cells[index]
            try:
                if cache is None:
                    value = reader(column, _clean(cell))
                elif (value := cache.get(cell, _UNREAD)) is _UNREAD:
                    value = cache[cell] = reader(column, _clean(cell))
            except BadCell as error:
                bad.append((self.headers[index], str(error)))
                bad_columns.add(column.name)
                continue
            if column.kind == "codes":
                codes.extend((line, column.name, code) for code in value)
            else:
                row[column.name] = value
        if not row.get("name") and "name" not in bad_columns:
            composed = " ".join(row[part] for part in NAME_PARTS if row.get(part))
            if composed and len(composed) <= COLUMNS_BY_NAME["name"].length:
                row["name"] = composed
            elif "name" in self.present or composed:
                bad.append((self.header_of("name"), _("a contact needs a name")))
        if bad:
            return bad
        company_ref = row.get("company_no") or row.get("company_name") or ""
        person = company_ref or any(row.get(part) for part in NAME_PARTS)
        derived = ContactType.PERSON if person else ContactType.COMPANY
        values = (line, row.get("no", ""), row.get("type"), int(derived),
                  company_ref.upper(), company_ref, row.get("name", "").upper(),
                  row.get("email", "").upper(), *(row.get(name, "") for name in self._values))
        return StagedRow(values, codes)

    def header_of(self, name: str) -> str:
        for index, column in self._cells:
            if column.name == name:
                return self.headers[index]
        return _(COLUMNS_BY_NAME[name].label)

    # --- one reader per kind of column: (column, cleaned text) -> value, or BadCell --------

    @staticmethod
    def _text(column: ContactColumn, text: str) -> str:
        if len(text) > column.length:
            raise BadCell(_("the text is longer than {length} characters").format(
                length=column.length))
        return text

    _company = _text

    @staticmethod
    def _bool(column: ContactColumn, text: str) -> bool:
        word = text.upper()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise BadCell(_("{text!r} is not yes or no").format(text=text))

    @staticmethod
    def _option(column: ContactColumn, text: str):
        return _option(column, text)

    def _email(self, column: ContactColumn, text: str) -> str:
        text = self._text(column, text)
        if text and not EMAIL_SHAPE.fullmatch(text):
            raise BadCell(_("{text!r} is not an e-mail address (write "
                            "name@domain.com)").format(text=text))
        return text

    def _codes(self, column: ContactColumn, text: str) -> tuple[str, ...]:
        codes = []
        for part in text.split(CODES_SEPARATOR):
            code = _code(column, part.strip())
            if code and code not in codes:
                self.known.check(column.name, code)
                codes.append(code)
        return tuple(codes)

    @staticmethod
    def _code(column: ContactColumn, text: str) -> str:
        return _code(column, text)

    def _master(self, column: ContactColumn, text: str) -> str:
        code = _code(column, text)
        if code:
            self.known.check(column.name, code)
        return code


CACHED_KINDS = {"bool", "option", "codes", "master"}
_UNREAD = object()


def _clean(cell: str) -> str:
    """A cell without surrounding blanks or the export's formula guard; no control characters."""
    text = cell.strip()
    if text[:1] == "'" and text[1:2] in FORMULA_START:
        text = text[1:]  # an export's guard against spreadsheet formulas, taken off again
    if not text.isprintable():
        raise BadCell(_("the text contains control characters"))
    return text


def _code(column: ContactColumn, text: str) -> str:
    code = text.upper()
    if len(code) > column.length:
        raise BadCell(_("{text!r} is longer than {length} characters").format(
            text=text, length=column.length))
    return code


_OPTIONS: dict[str, dict] = {}


def _option(column: ContactColumn, text: str):
    """An option's value from its label in any case or spelling (blank: None for the type)."""
    choices = _OPTIONS.get(column.name)
    if choices is None:
        choices = {header_key(member.name): member for member in column.enum}
        choices.update({header_key(option_label(member)): member for member in column.enum})
        _OPTIONS[column.name] = choices
    key = header_key(text)
    if not key:
        return None if column.name == "type" else 0
    if key in choices:
        return int(choices[key])
    labels = ", ".join(option_label(member) for member in column.enum if option_label(member))
    raise BadCell(_("{text!r} is not one of: {choices}").format(text=text, choices=labels))
