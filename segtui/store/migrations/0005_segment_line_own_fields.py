"""Schema version 5: a segment line knows which of its values are its own (explicit inheritance).

`own_fields` is a bit mask on `segment_line` and on the copies Go Back restores from
(`segment_line_removed`): a set bit says the person set that field on the line, so header
changes leave it alone and Go Back keeps it (segtui/domain/segments/own_fields.py holds the bits;
they are written out here as they were when this migration shipped).

Lines of an earlier database have no record of what was set by hand, so the mask is derived
from what differs from the header now, in a few set-based UPDATEs: a description, salesperson,
campaign, date, flag or evaluation that is not the header's; and on a line that follows the
header's template, a cost or duration that is not the header's, a language other than the one
the language rule gives, a subject other than its header document's. A line with documents of
its own keeps those through its document rows, not through bits.

The column is added only when missing, so running this again changes nothing else.
"""
from peewee import SQL, IntegerField, PostgresqlDatabase
from playhouse.migrate import migrate

TABLES = ("segment_line", "segment_line_removed")
COLUMN = "own_fields"

# the bits of segtui/domain/segments/own_fields.py (never renumbered)
DESCRIPTION, SALESPERSON, CAMPAIGN, DATE, COST, DURATION = 1, 2, 4, 8, 16, 32
LANGUAGE, SUBJECT, CAMPAIGN_TARGET, CAMPAIGN_RESPONSE = 128, 256, 512, 1024
SEND_AS_ATTACHMENT, EVALUATION = 2048, 4096


def _present(database, table) -> set[str]:
    """The table's columns now (on PostgreSQL in the schema in use, not only "public")."""
    schema = None
    if isinstance(database, PostgresqlDatabase):
        (schema,) = database.execute_sql("SELECT current_schema()").fetchone()
    return {column.name for column in database.get_columns(table, schema=schema)}


def _header(column: str) -> str:
    return f"(SELECT h.{column} FROM segment_header h WHERE h.no = {{t}}.segment_no)"


def _differs(line: str, header: str) -> str:
    """True when the two differ, NULL counting as a value (SQLite and PostgreSQL alike)."""
    return f"({line} <> {header} OR ({line} IS NULL) <> ({header} IS NULL))"


# {t} stands for the table updated (no alias: an UPDATE's alias needs a recent SQLite)
CONTACT_LANGUAGE = "(SELECT c.language_code FROM contact c WHERE c.no = {t}.contact_no)"
OWN_DOCUMENTS = ("EXISTS (SELECT 1 FROM segment_interaction_language o "
                 "WHERE o.segment_no = {t}.segment_no AND o.segment_line_no = {t}.line_no)")
FOLLOWS = ("NOT " + _differs("{t}.interaction_template_code",
                             _header("interaction_template_code"))
           + f" AND {_header('interaction_template_code')} IS NOT NULL")
RULE_LANGUAGE = ("CASE WHEN EXISTS (SELECT 1 FROM segment_interaction_language d "
                 "WHERE d.segment_no = {t}.segment_no AND d.segment_line_no = 0 "
                 f"AND d.language_code = {CONTACT_LANGUAGE}) "
                 f"THEN {CONTACT_LANGUAGE} ELSE {_header('language_code_default')} END")
DOCUMENT_SUBJECT = ("COALESCE((SELECT d.subject FROM segment_interaction_language d "
                    "WHERE d.segment_no = {t}.segment_no AND d.segment_line_no = 0 "
                    "AND d.language_code = {t}.language_code), '')")

ANY_LINE = [  # what a line takes from the header whatever its template
    (DESCRIPTION, _differs("{t}.description", _header("description"))),
    (SALESPERSON, f"{_header('salesperson_code')} IS NOT NULL AND "
                  + _differs("{t}.salesperson_code", _header("salesperson_code"))),
    (DATE, _differs("{t}.date", _header("date"))),
    (SEND_AS_ATTACHMENT, _differs("{t}.send_word_doc_as_attmt",
                                  _header("send_word_docs_as_attmt"))),
    (EVALUATION, "{t}.evaluation <> 0"),
]
FOLLOWING_LINE = [  # what a line on the header's template takes from the header and its documents
    (CAMPAIGN, _differs("{t}.campaign_no", _header("campaign_no"))),
    (COST, _differs("{t}.cost", _header("unit_cost"))),
    (DURATION, _differs("{t}.duration", _header("unit_duration"))),
    (CAMPAIGN_TARGET, _differs("{t}.campaign_target", _header("campaign_target"))),
    (CAMPAIGN_RESPONSE, _differs("{t}.campaign_response", _header("campaign_response"))),
    (LANGUAGE, f"NOT {OWN_DOCUMENTS} AND " + _differs("{t}.language_code", RULE_LANGUAGE)),
    (SUBJECT, f"NOT {OWN_DOCUMENTS} AND {{t}}.subject <> {DOCUMENT_SUBJECT}"),
]


def _derive(database, table) -> None:
    """Set the bits of every line of `table` from what differs from its header now."""
    for bit, condition in ANY_LINE + [(bit, f"{FOLLOWS} AND {condition}")
                                      for bit, condition in FOLLOWING_LINE]:
        where = condition.replace("{t}", table)
        database.execute_sql(f"UPDATE {table} SET {COLUMN} = {COLUMN} + {bit} WHERE {where}")


def up(migrator, database):
    for table in TABLES:
        if COLUMN in _present(database, table):
            continue
        migrate(migrator.add_column(table, COLUMN, IntegerField(
            default=0, constraints=[SQL("DEFAULT 0")])))
        _derive(database, table)


def down(migrator, database):
    migrate(*(migrator.drop_column(table, COLUMN) for table in TABLES))
