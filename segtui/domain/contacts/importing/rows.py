"""Checking one row of a contact file on its own: every cell read as its column's kind.

What needs no other row and no contact — lengths, e-mail shape, options, yes/no, codes that
must exist in the code tables — is checked here, cell by cell, so a row reports every bad cell
at once. A good row becomes a tuple for the staging table plus its classification codes.
"""
from dataclasses import dataclass, field

from segtui.domain.contacts.cards import EMAIL_SHAPE
from segtui.domain.contacts.file_columns import (
    CODES_SEPARATOR, COLUMNS_BY_NAME, ContactColumn, header_key)
from segtui.domain.contacts.importing.headers_sv import SWEDISH_COUNTRIES, SWEDISH_OPTIONS
from segtui.domain.contacts.importing.staging import VALUE_COLUMNS, ImportRow
from segtui.domain.text_chars import printable
from segtui.domain.values import FALSE_WORDS, TRUE_WORDS, option_label
from segtui.i18n import _
from segtui.store.enums import ContactType
from segtui.store.models import (
    CountryRegion, IndustryGroup, JobResponsibility, MailingGroup, Salesperson)

COMPANY = ContactType.COMPANY.value
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
    countries: dict[str, str] = field(default_factory=dict)  # a country's name -> its code
    new: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, create: bool) -> "KnownCodes":
        tables = {name: column.master for name, column in COLUMNS_BY_NAME.items()
                  if column.kind == "master"} | CODE_TABLES
        codes = {name: {row[0] for row in model.select(model._meta.primary_key).tuples()}
                 for name, model in tables.items()}
        blocked = {row[0] for row in Salesperson.select(Salesperson.code)
                   .where(Salesperson.blocked == True).tuples()}  # noqa: E712 - SQL
        countries = {name.upper(): code for name, code in SWEDISH_COUNTRIES.items()
                     if code in codes["country_code"]}
        countries.update({name.upper(): code for code, name in CountryRegion.select(
            CountryRegion.code, CountryRegion.name).tuples() if name})
        return cls(create, codes, blocked, countries)

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
    codes: list[tuple]     # (row, kind, code)


class RowReader:
    """Reads the records of one file whose columns are `columns` (names, in file order)."""

    def __init__(self, columns: list[str | None], headers: list[str], known: KnownCodes) -> None:
        self.known = known
        self.headers = headers
        self.present = {name for name in columns if name}
        self.refused_companies: set[str] = set()  # names of company rows refused here
        self._cells = [(index, COLUMNS_BY_NAME[name]) for index, name in enumerate(columns)
                       if name]
        # a reader per column; columns of few distinct values remember each cell's reading
        self._readers = [(index, column, getattr(self, f"_{column.kind}"),
                          {} if column.kind in CACHED_KINDS else None)
                         for index, column in self._cells]
        values = [column for column in VALUE_COLUMNS if column.name in self.present]
        if "name" not in self.present and self.present & set(NAME_PARTS):
            values.append(COLUMNS_BY_NAME["name"])
        if "address" in self.present and "address_2" not in self.present:
            values.append(COLUMNS_BY_NAME["address_2"])  # None unless the address has 2 lines
        self._names = bool(self.present & {"name", *NAME_PARTS})  # the file names contacts
        self._values = [column.name for column in values]
        self.fields = [ImportRow.row, ImportRow.no, ImportRow.type, ImportRow.derived_type,
                       ImportRow.company_ref, ImportRow.company_text, ImportRow.company_named,
                       ImportRow.search_name, ImportRow.email_key,
                       *(getattr(ImportRow, column.attr) for column in values)]

    def read(self, number: int, cells: list[str]) -> StagedRow | list[tuple[str, str]]:
        """The staged row (`number`: its spreadsheet row), or the bad cells as (header,
        reason)."""
        row, codes, bad, bad_columns = {}, [], [], set()
        second_line = None
        for index, column, reader, cache in self._readers:
            cell = cells[index]
            try:
                if column.name == "address":
                    value = self._address(column, _clean(cell, lines=True))
                elif cache is None:
                    value = reader(column, _clean(cell))
                elif (value := cache.get(cell, _UNREAD)) is _UNREAD:
                    value = cache[cell] = reader(column, _clean(cell))
            except BadCell as error:
                bad.append((self.headers[index], str(error)))
                bad_columns.add(column.name)
                continue
            if column.kind == "codes":
                codes.extend((number, column.name, code) for code in value)
            elif column.name == "address":
                row["address"], second_line = value
            else:
                row[column.name] = value
        if "address" in row:
            self._address_2(row, second_line, bad)
        if not row.get("name") and "name" not in bad_columns:
            composed = " ".join(row[part] for part in NAME_PARTS if row.get(part))
            if composed and len(composed) <= COLUMNS_BY_NAME["name"].length:
                row["name"] = composed
            elif (not composed and self._names and row.get("company_name")
                  and not row.get("company_no") and row.get("type") in (None, COMPANY)):
                # a sheet's row with a company and a blank contact person is the company
                # itself; said as its type, so an --update can never turn a person into it (a
                # file without a name column changes other fields, and keeps to them)
                row["name"], row["company_name"], row["type"] = row["company_name"], "", COMPANY
            elif "name" in self.present or composed:
                bad.append((self.header_of("name"), _("a contact needs a name")))
        company_ref = row.get("company_no") or row.get("company_name") or ""
        person = company_ref or any(row.get(part) for part in NAME_PARTS)
        derived = ContactType.PERSON if person else ContactType.COMPANY
        if bad:
            if not person and row.get("name") and row.get("type", COMPANY) in (None, COMPANY):
                self.refused_companies.add(row["name"].upper())
            return bad
        values = (number, row.get("no", ""), row.get("type"), int(derived),
                  company_ref.upper(), company_ref,
                  not row.get("company_no") and bool(row.get("company_name")),
                  row.get("name", "").upper(), row.get("email", "").upper(),
                  *(row.get(name, "") for name in self._values))
        return StagedRow(values, codes)

    def _address_2(self, row: dict, second_line: str | None, bad: list) -> None:
        """The second line of a two-line address goes to Address 2, unless that has a text of
        its own. Without an Address 2 column, a one-line address leaves it as it is (None)."""
        if second_line is None:
            row.setdefault("address_2", None)
        elif row.get("address_2"):
            bad.append((self.header_of("address"), _(
                "the address has two lines and {address_2} has a text too; keep the second "
                "line in one of them").format(address_2=self.header_of("address_2"))))
        else:
            row["address_2"] = second_line

    def _address(self, column: ContactColumn, text: str) -> tuple[str, str | None]:
        """An address cell: one line, or two (the second for Address 2); more is refused, as
        joining or cutting them would change what goes on the envelope."""
        lines = text.split("\n")
        if len(lines) > 2:
            raise BadCell(_("the address has {count} lines; Address and Address 2 hold one "
                            "each (put the post code and city in their columns)").format(
                                count=len(lines)))
        first = self._text(column, lines[0])
        if len(lines) == 1:
            return first, None
        length = COLUMNS_BY_NAME["address_2"].length
        if len(lines[1]) > length:
            raise BadCell(_("the address's second line (for Address 2) is longer than {length} "
                            "characters").format(length=length))
        return first, lines[1]

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
        if column.name == "country_code" and text.upper() not in self.known.codes[column.name]:
            # a sheet names the country ("Sverige", "Sweden") where NAV has its code
            text = self.known.countries.get(" ".join(text.upper().split()), text)
        code = _code(column, text)
        if code:
            self.known.check(column.name, code)
        return code


CACHED_KINDS = {"bool", "option", "codes", "master"}
_UNREAD = object()


def _clean(cell: str, lines: bool = False) -> str:
    """A cell without surrounding blanks or the export's formula guard; no control characters.
    A line break (a spreadsheet cell of several lines: LF, CRLF or CR) is refused unless
    `lines`, which gives the cell's lines joined by LF, each stripped, blank ones left out."""
    text = cell.strip()
    if text[:1] == "'" and text[1:2] in FORMULA_START:
        text = text[1:]  # an export's guard against spreadsheet formulas, taken off again
    if "\n" in text or "\r" in text:
        if not lines:
            raise BadCell(_("the text has a line break (only an address can have two lines)"))
        parts = [part.strip() for part in text.replace("\r\n", "\n").replace("\r", "\n")
                 .split("\n")]
        if not all(printable(part) for part in parts):
            raise BadCell(_("the text contains control characters"))
        return "\n".join(part for part in parts if part)
    if not printable(text):
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
    """An option's value from its label in any case or spelling, in English or as NAV's Swedish
    client writes it (blank: None for the type)."""
    choices = _OPTIONS.get(column.name)
    if choices is None:
        choices = {header_key(member.name): member for member in column.enum}
        choices.update({header_key(option_label(member)): member for member in column.enum})
        choices.update({header_key(word): column.enum[name]
                        for word, name in SWEDISH_OPTIONS.get(column.name, {}).items()})
        _OPTIONS[column.name] = choices
    key = header_key(text)
    if not key:
        return None if column.name == "type" else 0
    if key in choices:
        return int(choices[key])
    labels = ", ".join(option_label(member) for member in column.enum if option_label(member))
    raise BadCell(_("{text!r} is not one of: {choices}").format(text=text, choices=labels))
