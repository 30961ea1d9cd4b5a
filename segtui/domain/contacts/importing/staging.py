"""The import's scratch tables: every good row of the file, and its classification codes.

Temporary tables of the import's own connection: the checks that need the database (numbers
that exist, companies by name, e-mail matches, duplicates) and the writes are set-based SQL
between these tables and the contact tables.
"""
from peewee import BooleanField, CharField, IntegerField, Model

from segtui.domain.contacts.file_columns import CONTACT_COLUMNS
from segtui.store.connection import db

# The contact fields a row carries as they are written to the contact (the No., the type and
# the company are resolved first and have their own staging columns).
VALUE_COLUMNS = tuple(column for column in CONTACT_COLUMNS if column.attr and column.name not in (
    "no", "type", "company_no", "company_name"))


def _value_field(column):
    if column.name == "address_2":
        return CharField(null=True, default="")  # None: an update keeps the contact's
    if column.kind == "bool":
        return BooleanField(default=False)
    if column.kind == "option":
        return IntegerField(default=0)
    return CharField(default="")


def _meta(table_name: str, **options) -> type:
    """A Meta for a temporary table (Peewee reads only a Meta's own attributes)."""
    return type("Meta", (), {"database": db, "temporary": True, "table_name": table_name,
                             **options})


ImportRow = type("ImportRow", (Model,), {
    "__doc__": "One good row of the file: its spreadsheet row, the values, and how it is "
               "resolved. A company --create-companies adds has a negative row.",
    "row": IntegerField(primary_key=True),
    "no": CharField(default="", index=True),        # given, then matched or numbered
    "type": IntegerField(null=True),                # as given; None: kept or derived
    "derived_type": IntegerField(default=0),        # for a new contact without a type
    "company_ref": CharField(default="", index=True),  # the company's No. or name, upper-cased
    "company_text": CharField(default=""),          # … as the file writes it
    "company_no": CharField(null=True),
    "company_row": IntegerField(null=True),         # the company is a row of this file
    "company_named": BooleanField(default=False),   # company_ref is a name, not a No.
    "search_name": CharField(default="", index=True),
    "email_key": CharField(default="", index=True),
    "match_no": CharField(null=True, index=True),   # --update: the contact this row changes
    **{column.attr: _value_field(column) for column in VALUE_COLUMNS},
    "Meta": _meta("segtui_import_row", indexes=((("search_name", "post_code"), False),)),
})

ImportCode = type("ImportCode", (Model,), {
    "__doc__": "A classification code a row gives (kind: the column name, e.g. mailing_groups).",
    "row": IntegerField(index=True),
    "kind": CharField(),
    "code": CharField(),
    "Meta": _meta("segtui_import_code", primary_key=False),
})

ImportPair = type("ImportPair", (Model,), {
    "__doc__": "A value found for a row by a query (its contact by e-mail, its new number).",
    "row": IntegerField(primary_key=True),
    "value": CharField(),
    "Meta": _meta("segtui_import_pair"),
})

ImportName = type("ImportName", (Model,), {
    "__doc__": "The search name of a company row that was refused (its persons get no new "
               "company in its place).",
    "name": CharField(index=True),
    "Meta": _meta("segtui_import_name", primary_key=False),
})

STAGING = (ImportRow, ImportCode, ImportPair, ImportName)


def create_staging() -> None:
    db.obj.drop_tables(STAGING, safe=True)
    db.obj.create_tables(STAGING)


def drop_staging() -> None:
    db.obj.drop_tables(STAGING, safe=True)
