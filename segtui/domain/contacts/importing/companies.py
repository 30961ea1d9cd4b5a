"""The companies `--create-companies` adds: one per company name that no company has.

A person row names its company by name; when neither the database nor a company row of the file
has a company of that name (compared as companies are matched: upper-cased), the import adds a
company row of that name to the staging, once per distinct name, with the spelling of the first
row that names it. Those rows have negative row numbers (from NEW_COMPANY_ROWS, in the order the
names first appear), so they are never reported as rows of the file and are numbered (series
CONT) and written before the persons, with the file's own companies, by the same set-based
statements. A name whose own company row in the file was refused gets no company: its persons
are refused with it, rather than joining a bare company that the mended row would duplicate.
"""
from peewee import Value, fn

from segtui.domain.contacts.importing.staging import ImportCode, ImportName, ImportRow
from segtui.store.enums import ContactType

COMPANY = ContactType.COMPANY.value
NEW_COMPANY_ROWS = -2_000_000_000
CHUNK = 500


def remember_refused(rows: list[int]) -> None:
    """The names of the new company rows among `rows`, which are being refused."""
    ImportName.insert_from(ImportRow.select(ImportRow.search_name).where(
        ImportRow.row.in_(rows) & ImportRow.match_no.is_null()
        & (fn.COALESCE(ImportRow.type, ImportRow.derived_type) == COMPANY)),
        [ImportName.name]).execute()


def of_refused_rows(wanted):
    """(row, company as written) of the `wanted` persons whose company's row was refused."""
    return ImportRow.select(ImportRow.row, ImportRow.company_text).where(
        wanted & ImportRow.company_ref.in_(ImportName.select(ImportName.name))).tuples()


def add(wanted) -> None:
    """A company row for each distinct company name of the `wanted` persons, who join it."""
    first = fn.MIN(ImportRow.row).alias("first")
    names = (ImportRow.select(ImportRow.company_ref, first).where(wanted)
             .group_by(ImportRow.company_ref).alias("names"))
    source = ImportRow.alias()
    number = fn.ROW_NUMBER().over(order_by=[names.c.first])
    given = {ImportRow.row: number + NEW_COMPANY_ROWS,
             ImportRow.type: COMPANY, ImportRow.derived_type: COMPANY,
             ImportRow.name: source.company_text, ImportRow.search_name: names.c.company_ref}
    # the staging's defaults are Peewee's, not the table's: every other column is given too
    defaults = {field: field.default for field in ImportRow._meta.sorted_fields
                if field not in given and not field.null}
    ImportRow.insert_from(
        source.select(*given.values(), *(Value(value) for value in defaults.values()))
        .join(names, on=(source.row == names.c.first)), [*given, *defaults]).execute()
    created = ImportRow.alias()
    ImportRow.update(company_row=created.select(created.row).where(
        (created.row < 0) & (created.search_name == ImportRow.company_ref))).where(
            wanted).execute()
    # the persons' industry groups are their company's: the new company has them all
    person = ImportRow.alias()
    ImportCode.insert_from(
        ImportCode.select(person.company_row, ImportCode.kind, ImportCode.code).distinct()
        .join(person, on=(person.row == ImportCode.row))
        .where((person.company_row < 0) & (ImportCode.kind == "industry_groups")),
        [ImportCode.row, ImportCode.kind, ImportCode.code]).execute()


def drop_unused() -> None:
    """A new company whose persons were all refused by a later check is not created."""
    used = ImportRow.select(ImportRow.company_row).where(ImportRow.company_row < 0)
    unused = [row for (row,) in ImportRow.select(ImportRow.row).where(
        (ImportRow.row < 0) & ImportRow.row.not_in(used)).tuples()]
    for start in range(0, len(unused), CHUNK):
        chunk = unused[start:start + CHUNK]
        ImportRow.delete().where(ImportRow.row.in_(chunk)).execute()
        ImportCode.delete().where(ImportCode.row.in_(chunk)).execute()
