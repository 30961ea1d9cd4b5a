"""Schema version 2: indexes that let the Interaction Log page by template or salesperson.

A page filtered on one template or salesperson is `WHERE code = ? ORDER BY entry_no DESC LIMIT n`;
with (code, entry_no) SQLite and PostgreSQL read just the n entries instead of sorting every entry
of that code.
"""
from playhouse.migrate import migrate

TABLE = "interaction_log_entry"
INDEXES = (("interaction_template_code", "entry_no"), ("salesperson_code", "entry_no"))


def up(migrator, database):
    migrate(*(migrator.add_index(TABLE, columns, False) for columns in INDEXES))


def down(migrator, database):
    migrate(*(migrator.drop_index(TABLE, "_".join((TABLE,) + columns)) for columns in INDEXES))
