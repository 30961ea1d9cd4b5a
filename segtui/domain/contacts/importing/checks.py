"""The import's checks that need other rows or the contacts: set-based queries over the staging.

Each check finds the rows it refuses with one query, reports them with their row, column and
reason, and takes them out of the staging, so later checks and the writes never see them. The
order matters: a company row refused before the persons are matched to their companies makes
its persons refused too, with the reason that their company is unknown.
"""
import operator
from dataclasses import dataclass, field
from functools import reduce

from peewee import JOIN, fn

from segtui.domain.contacts.cards import CONTACT_SERIES
from segtui.domain.contacts.importing import companies as new_companies
from segtui.domain.contacts.importing.staging import ImportCode, ImportPair, ImportRow
from segtui.domain.values import option_label
from segtui.i18n import _
from segtui.store.bulk import bulk_insert
from segtui.store.enums import ContactType
from segtui.store.models import Contact, NoSeries, SegmentLine

COMPANY, PERSON = new_companies.COMPANY, ContactType.PERSON.value
CHUNK = 500


@dataclass(frozen=True, slots=True)
class Rejection:
    """A row that is not imported: its spreadsheet row (the header is row 1), the column
    (header) and why; `line` is the file line the row starts on, filled in at the end."""
    row: int
    column: str
    reason: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Notice:
    """A row that is imported but worth a look (a possible duplicate, a value not used);
    `row` and `line` as in a Rejection."""
    row: int
    message: str
    line: int | None = None


@dataclass
class Findings:
    rejected: list[Rejection] = field(default_factory=list)
    duplicates: list[Notice] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)


class Checks:
    """Runs the checks of one import: `present` are the file's columns, `header_of(name)` the
    header the file uses for a column."""

    def __init__(self, present: set[str], header_of, update: bool, findings: Findings,
                 create_companies: bool = False) -> None:
        self.present = present
        self.header_of = header_of
        self.update = update
        self.findings = findings
        self.create_companies = create_companies

    def run(self) -> None:
        self._repeated_numbers()
        self._existing_numbers()
        if self.update:
            self._match_by_email()
        self._repeated_matches()
        self._new_rows_complete()
        self._types()
        self._company_classification()
        self._companies()
        if self.present & {"company_no", "company_name"}:
            self._company_changes_on_segments()
        self._person_industries()
        if self.create_companies:
            new_companies.drop_unused()
        self._duplicates()

    # --- reporting -----------------------------------------------------------------------------

    def _reject(self, rows, column: str, reason) -> None:
        """Refuse every (row, *values) of `rows`; `reason(*values)` says why."""
        header = self.header_of(column) if column else ""
        refused = []
        for row, *values in rows:
            self.findings.rejected.append(Rejection(row, header, reason(*values)))
            refused.append(row)
        for start in range(0, len(refused), CHUNK):
            chunk = refused[start:start + CHUNK]
            if self.create_companies:
                new_companies.remember_refused(chunk)
            ImportRow.delete().where(ImportRow.row.in_(chunk)).execute()
            ImportCode.delete().where(ImportCode.row.in_(chunk)).execute()

    # --- numbers and matches -------------------------------------------------------------------

    def _repeated_numbers(self) -> None:
        earlier = ImportRow.alias()
        rows = (ImportRow.select(ImportRow.row, ImportRow.no, fn.MIN(earlier.row))
                .join(earlier, on=((earlier.no == ImportRow.no) & (earlier.row < ImportRow.row)))
                .where(ImportRow.no != "").group_by(ImportRow.row, ImportRow.no).tuples())
        self._reject(list(rows), "no", lambda no, first: _(
            "No. {no} is on row {first} already").format(no=no, first=first))

    def _existing_numbers(self) -> None:
        existing = ImportRow.no.in_(Contact.select(Contact.no))
        if self.update:
            ImportRow.update(match_no=ImportRow.no).where(
                (ImportRow.no != "") & existing).execute()
            return
        rows = ImportRow.select(ImportRow.row, ImportRow.no).where(
            (ImportRow.no != "") & existing).tuples()
        self._reject(list(rows), "no", lambda no: _(
            "contact {no} exists already (--update changes it)").format(no=no))

    def _match_by_email(self) -> None:
        """A row without a No. changes the one contact that has its e-mail address."""
        matches = (Contact.select(ImportRow.row, fn.COUNT(Contact.no), fn.MIN(Contact.no))
                   .join(ImportRow, JOIN.CROSS)  # see _by_email
                   .where(_by_email() & (ImportRow.no == "") & (ImportRow.email_key != ""))
                   .group_by(ImportRow.row).tuples())
        found, several = [], []
        for line, count, contact_no in matches:
            (found if count == 1 else several).append((line, count, contact_no))
        self._reject([(line, count) for line, count, _no in several], "email", lambda count: _(
            "{count} contacts have this e-mail address; give the No. of the one to "
            "change").format(count=count))
        ImportPair.delete().execute()
        bulk_insert(ImportPair, (ImportPair.row, ImportPair.value),
                    ((line, contact_no) for line, _count, contact_no in found))
        ImportRow.update(
            match_no=ImportPair.select(ImportPair.value).where(ImportPair.row == ImportRow.row),
            no=ImportPair.select(ImportPair.value).where(ImportPair.row == ImportRow.row),
        ).where(ImportRow.row.in_(ImportPair.select(ImportPair.row))).execute()

    def _repeated_matches(self) -> None:
        earlier = ImportRow.alias()
        rows = (ImportRow.select(ImportRow.row, ImportRow.match_no, fn.MIN(earlier.row))
                .join(earlier, on=((earlier.match_no == ImportRow.match_no)
                                   & (earlier.row < ImportRow.row)))
                .group_by(ImportRow.row, ImportRow.match_no).tuples())
        self._reject(list(rows), "email" if "no" not in self.present else "no",
                     lambda no, first: _("row {first} changes contact {no} already").format(
                         first=first, no=no))

    def _new_rows_complete(self) -> None:
        new = ImportRow.match_no.is_null()
        nameless = ImportRow.select(ImportRow.row).where(new & (ImportRow.search_name == ""))
        self._reject(list(nameless.tuples()), "name", lambda: _("a new contact needs a name"))
        if not NoSeries.select().where(NoSeries.code == CONTACT_SERIES).exists():
            unnumbered = ImportRow.select(ImportRow.row).where(new & (ImportRow.no == ""))
            self._reject(list(unnumbered.tuples()), "no" if "no" in self.present else "",
                         lambda: _("the row has no No. and no number series {series} numbers "
                                   "contacts; give a No. or create the series in "
                                   "Setup").format(series=CONTACT_SERIES))

    def _types(self) -> None:
        """A changed contact keeps its type (it cannot change here); a new one without a type
        is a person when it names a company or a first name or surname, else a company."""
        old = Contact.select(Contact.type).where(Contact.no == ImportRow.match_no)
        changed = (ImportRow.select(ImportRow.row, ImportRow.match_no, ImportRow.type, old)
                   .where(ImportRow.match_no.is_null(False) & ImportRow.type.is_null(False)
                          & (ImportRow.type != old)).tuples())
        self._reject(list(changed), "type", lambda no, new, was: _(
            "contact {no} is a {was}: an import cannot make it a {new} (change the type on the "
            "contact card)").format(no=no, was=option_label(ContactType(int(was))),
                                    new=option_label(ContactType(int(new)))))
        ImportRow.update(type=old).where(
            ImportRow.match_no.is_null(False) & ImportRow.type.is_null()).execute()
        ImportRow.update(type=ImportRow.derived_type).where(ImportRow.type.is_null()).execute()
        ImportRow.update(company_ref="").where(ImportRow.type == COMPANY).execute()

    # --- companies -----------------------------------------------------------------------------

    def _company_classification(self) -> None:
        rows = (ImportRow.select(ImportRow.row).distinct()
                .join(ImportCode, on=(ImportCode.row == ImportRow.row))
                .where((ImportRow.type == COMPANY)
                       & (ImportCode.kind == "job_responsibilities")).tuples())
        self._reject(list(rows), "job_responsibilities", lambda: _(
            "a company has no job responsibilities; they belong to its persons"))

    def _companies(self) -> None:
        """Each person's company: an existing company or a company row of the file, by No.,
        else by name (with --create-companies, a new company of that name); refused when there
        is none or several."""
        other = ImportRow.alias()
        wanted = (ImportRow.type == PERSON) & (ImportRow.company_ref != "")
        ImportRow.update(company_no=Contact.select(Contact.no).where(
            (Contact.no == ImportRow.company_ref) & (Contact.type == COMPANY))).where(
                wanted).execute()
        open_ = wanted & ImportRow.company_no.is_null()
        ImportRow.update(company_row=other.select(other.row).where(
            (other.no == ImportRow.company_ref) & (other.type == COMPANY))).where(
                open_).execute()
        open_ = open_ & ImportRow.company_row.is_null()
        named = Contact.select(fn.COUNT(Contact.no)).where(
            (Contact.search_name == ImportRow.company_ref) & (Contact.type == COMPANY))
        named_here = other.select(fn.COUNT(other.row)).where(
            (other.search_name == ImportRow.company_ref) & (other.type == COMPANY)
            & other.match_no.is_null())
        count = fn.COALESCE(named, 0) + fn.COALESCE(named_here, 0)  # `+` of queries is UNION
        ambiguous = (ImportRow.select(ImportRow.row, ImportRow.company_text, count)
                     .where(open_ & (count > 1)).tuples())
        self._reject(list(ambiguous), self._company_column(), lambda ref, count: _(
            "{count} companies are named {ref}; give the company's No.").format(
                count=count, ref=ref))
        ImportRow.update(company_no=Contact.select(fn.MIN(Contact.no)).where(
            (Contact.search_name == ImportRow.company_ref) & (Contact.type == COMPANY))).where(
                open_).execute()
        ImportRow.update(company_row=other.select(fn.MIN(other.row)).where(
            (other.search_name == ImportRow.company_ref) & (other.type == COMPANY)
            & other.match_no.is_null())).where(open_ & ImportRow.company_no.is_null()).execute()
        if self.create_companies:
            self._new_companies(open_ & ImportRow.company_no.is_null())
        missing = (ImportRow.select(ImportRow.row, ImportRow.company_text, Contact.type,
                                    ImportRow.company_named)
                   .join(Contact, JOIN.LEFT_OUTER, on=(Contact.no == ImportRow.company_ref))
                   .where(open_ & ImportRow.company_no.is_null()
                          & ImportRow.company_row.is_null()).tuples())
        self._reject(list(missing), self._company_column(), lambda ref, kind, named: _(
            "contact {ref} is a person, not a company").format(ref=ref) if kind == PERSON
            else _("no company is named {ref} (--create-companies creates it)").format(ref=ref)
            if named else _("no company has the No. or name {ref}").format(ref=ref))

    def _new_companies(self, open_) -> None:
        """--create-companies: see `contact_import_companies`."""
        wanted = open_ & (ImportRow.company_named == True)  # noqa: E712 - SQL
        column = self._company_column()
        self._reject(list(new_companies.of_refused_rows(wanted)), column, lambda ref: _(
            "the row of company {ref} is refused, so no company is created for it; mend that "
            "row").format(ref=ref))
        if not NoSeries.select().where(NoSeries.code == CONTACT_SERIES).exists():
            rows = ImportRow.select(ImportRow.row, ImportRow.company_text).where(wanted)
            self._reject(list(rows.tuples()), column, lambda ref: _(
                "no number series {series} numbers contacts, so company {ref} cannot be "
                "created; create the series in Setup").format(series=CONTACT_SERIES, ref=ref))
        new_companies.add(wanted)

    def _company_column(self) -> str:
        return "company_no" if "company_no" in self.present else "company_name"

    def _company_changes_on_segments(self) -> None:
        """SL9: a person on unlogged segment lines keeps its company."""
        old = Contact.select(fn.COALESCE(Contact.company_no, "")).where(
            Contact.no == ImportRow.match_no)
        changed = (ImportRow.company_row.is_null(False)
                   | (fn.COALESCE(ImportRow.company_no, "") != old))
        rows = (ImportRow.select(ImportRow.row, ImportRow.match_no)
                .where((ImportRow.type == PERSON) & ImportRow.match_no.is_null(False) & changed
                       & ImportRow.match_no.in_(SegmentLine.select(SegmentLine.contact)))
                .tuples())
        self._reject(list(rows), self._company_column(), lambda no: _(
            "contact {no} is on unlogged segments, so its company cannot change").format(no=no))

    def _person_industries(self) -> None:
        """A person's industry groups are its company's: refused without a company; when the
        company's own row is in the file, that row decides and a difference is pointed out."""
        industry = (ImportCode.row == ImportRow.row) & (ImportCode.kind == "industry_groups")
        rows = (ImportRow.select(ImportRow.row).distinct().join(ImportCode, on=industry)
                .where((ImportRow.type == PERSON) & ImportRow.company_no.is_null()
                       & ImportRow.company_row.is_null()).tuples())
        self._reject(list(rows), "industry_groups", lambda: _(
            "a person's industry groups are its company's, and this person has no company"))
        company_code = ImportCode.alias()
        person_code = ImportCode.alias()
        differs = (ImportRow.select(ImportRow.row, ImportRow.company_row).where(
            (ImportRow.type == PERSON) & ImportRow.company_row.is_null(False)
            & (fn.EXISTS(person_code.select().where(
                (person_code.row == ImportRow.row) & (person_code.kind == "industry_groups")
                & person_code.code.not_in(company_code.select(company_code.code).where(
                    (company_code.row == ImportRow.company_row)
                    & (company_code.kind == "industry_groups"))))))).tuples())
        for line, company_row in differs:
            self.findings.warnings.append(Notice(line, _(
                "industry groups are kept on the company: the company's own row (row {row}) "
                "decides, this row's were not used").format(row=company_row)))

    # --- possible duplicates -------------------------------------------------------------------

    def _duplicates(self) -> None:
        """New rows that look like a contact that exists, or like an earlier new row. Each
        check is one pass over an index, so a million rows sharing names cost no more."""
        new = ImportRow.match_no.is_null()
        found: dict[int, str] = {}
        email = (Contact.select(ImportRow.row, fn.MIN(Contact.no))
                 .join(ImportRow, JOIN.CROSS)
                 .where(_by_email() & new & (ImportRow.email_key != ""))
                 .group_by(ImportRow.row).tuples())
        for line, contact_no in email:
            found[line] = _("the same e-mail address as contact {no}").format(no=contact_no)
        # every contact probes the rows' (name, post code) index: never the other way round,
        # where each row would read every contact of the same name
        named = (Contact.select(ImportRow.row, fn.MIN(Contact.no))
                 .join(ImportRow, JOIN.CROSS)
                 .where((Contact.search_name == ImportRow.search_name)
                        & (Contact.post_code == ImportRow.post_code)
                        & new & (ImportRow.post_code != ""))
                 .group_by(ImportRow.row).tuples())
        for line, contact_no in named:
            found.setdefault(line, _("the same name and post code as contact {no}").format(
                no=contact_no))
        for keys, blank, message in (
                ((ImportRow.email_key,), ImportRow.email_key == "",
                 _("the same e-mail address as row {row}")),
                ((ImportRow.search_name, ImportRow.post_code), ImportRow.post_code == "",
                 _("the same name and post code as row {row}"))):
            for line, first in _repeats(keys, new & ~blank):
                found.setdefault(line, message.format(row=first))
        self.findings.duplicates.extend(Notice(line, message)
                                        for line, message in sorted(found.items()))



def _by_email():
    """A contact and a row with the same e-mail address. Joined contact first (CROSS JOIN keeps
    SQLite to that order): each contact's address is upper-cased once and looked up in the
    rows' index; the other way round would upper-case every contact for every row."""
    return (Contact.email != "") & (fn.UPPER(Contact.email) == ImportRow.email_key)


def _repeats(keys: tuple, wanted):
    """(row, first row) of each wanted row whose `keys` an earlier wanted row has."""
    first = fn.MIN(ImportRow.row).alias("first")
    groups = (ImportRow.select(*keys, first).where(wanted).group_by(*keys)
              .having(fn.COUNT(ImportRow.row) > 1).alias("repeated"))
    condition = reduce(operator.and_, [key == getattr(groups.c, key.column_name)
                                       for key in keys])
    return (ImportRow.select(ImportRow.row, groups.c.first).join(groups, on=condition)
            .where(wanted & (ImportRow.row > groups.c.first)).tuples())
