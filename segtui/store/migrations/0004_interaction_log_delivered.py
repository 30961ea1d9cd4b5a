"""Schema version 4: an interaction log entry knows whether it was delivered, and which entry a
resend copy stands in for.

A blank Delivery Status means both "delivered" and "never queued for delivery" (an entry logged
without Deliver), so a resend could not tell a contact that already has the letter from one that
never got it. `delivered_at` is set when an entry's delivery succeeds (NULL: never delivered —
also every entry of a database from before this version, nothing tells otherwise);
`original_entry_no` is, on a copy made by Resend with Update Merge Fields, the entry it copies
(the first original for a copy of a copy; 0 on every other entry), so that an original and its
copies count as one letter to one contact.

Each column is added only when missing, so running this again (after 0003 rebuilt the table on
SQLite without them, say) restores them and changes nothing else.
"""
from peewee import SQL, DateTimeField, IntegerField, PostgresqlDatabase
from playhouse.migrate import migrate

TABLE = "interaction_log_entry"


def _columns():
    return {
        "delivered_at": DateTimeField(null=True),
        "original_entry_no": IntegerField(default=0, constraints=[SQL("DEFAULT 0")]),
    }


def _present(database) -> set[str]:
    """The table's columns now (on PostgreSQL in the schema in use, not only "public")."""
    schema = None
    if isinstance(database, PostgresqlDatabase):
        (schema,) = database.execute_sql("SELECT current_schema()").fetchone()
    return {column.name for column in database.get_columns(TABLE, schema=schema)}


def up(migrator, database):
    present = _present(database)
    migrate(*(migrator.add_column(TABLE, name, column)
              for name, column in _columns().items() if name not in present))


def down(migrator, database):
    migrate(*(migrator.drop_column(TABLE, name) for name in _columns()))
