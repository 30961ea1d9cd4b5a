"""Schema version 3: a database made by any earlier version gets the schema of 0001 and 0002.

`0001_initial.py` was edited after databases had been made with it, so a database whose history
says "0001_initial" may hold any of its earlier states: tables or columns missing (the cancel
journal, the delivery error, the criteria lines' origin), columns without the database defaults
that set-based writes rely on, indexes since dropped or changed, a logged segment number not yet
unique. This migration builds the schema that a new database gets from 0001 and 0002 (in memory
on SQLite, as temporary tables on PostgreSQL), compares the database with it and makes up every
difference, keeping every row: a missing column gets its default in old rows. On a database
already at that schema it changes nothing.

SQLite cannot change a column, so a table that differs is rebuilt the documented way (new
table, rows copied, old one dropped, new one renamed); that needs foreign keys off, which the
store's runner arranges on SQLite before it starts its transaction.
"""
import importlib.util
from pathlib import Path

from peewee import IntegrityError, OperationalError, SqliteDatabase
from playhouse.migrate import PostgresqlMigrator, SqliteMigrator

from segtui.i18n import _

HERE = Path(__file__).resolve().parent
TARGET_MIGRATIONS = ("0001_initial", "0002_interaction_log_filter_indexes")


def _load(name):
    """A migration of this folder as its own module (as the runner loads it)."""
    spec = importlib.util.spec_from_file_location(f"_{name}_for_0003", HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _build_target(database, migrator) -> None:
    """Run 0001 and 0002 on `database` (a scratch copy), as a new database gets them."""
    for name in TARGET_MIGRATIONS:
        _load(name).up(migrator, database)


def up(migrator, database):
    if isinstance(database, SqliteDatabase):
        _upgrade_sqlite(database)
    else:
        _upgrade_postgres(database)


def _create_index(database, name, table, sql) -> None:
    """Create an index; a unique one that the rows break (a logged segment number logged twice
    by a version before the rule) stops the upgrade with a message naming it, nothing changed."""
    try:
        database.execute_sql(sql)
    except IntegrityError:
        raise IntegrityError(_(
            "table {table} holds rows with the same values in the columns of unique index "
            "{index}: make them differ, then open the database again").format(
                table=table, index=name)) from None


# --- SQLite ----------------------------------------------------------------------------------

def _sqlite_schema(database):
    """tables: name -> (CREATE sql, {column: (type, notnull, default, pk)}, [column order]);
    indexes: name -> (table, CREATE sql) for the indexes written out (not automatic ones)."""
    tables, indexes = {}, {}
    for kind, name, table, sql in database.execute_sql(
            "SELECT type, name, tbl_name, sql FROM sqlite_master "
            "WHERE type IN ('table', 'index') AND sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"):
        if kind == "table":
            info = database.execute_sql(f'PRAGMA table_info("{name}")').fetchall()
            tables[name] = (sql, {row[1]: (row[2].upper(), row[3], row[4], row[5]) for row in info},
                            [row[1] for row in info])
        else:
            indexes[name] = (table, sql)
    return tables, indexes


def _upgrade_sqlite(database) -> None:
    scratch = SqliteDatabase(":memory:")
    _build_target(scratch, SqliteMigrator(scratch))
    target_tables, target_indexes = _sqlite_schema(scratch)
    scratch.close()

    tables = _sqlite_schema(database)[0]
    for table, (create, columns, order) in target_tables.items():
        if table not in tables:
            database.execute_sql(create)
        elif tables[table][1:] != (columns, order):  # the order too: SQLite's tables as new ones
            _rebuild_sqlite_table(database, table, create, columns, order, tables[table][1])

    indexes = _sqlite_schema(database)[1]
    for name, (table, sql) in indexes.items():
        if table in target_tables and target_indexes.get(name) != (table, sql):
            database.execute_sql(f'DROP INDEX "{name}"')
    indexes = _sqlite_schema(database)[1]
    for name, (table, sql) in target_indexes.items():
        if name not in indexes:
            _create_index(database, name, table, sql)


def _rebuild_sqlite_table(database, table, create, columns, order, old_columns) -> None:
    """The table made anew with the target's definition and every row copied into it; a column
    it did not have takes its default, a NULL where the target wants NOT NULL takes the default
    (a column the target does not have is not kept: no version of segtui made one)."""
    if database.execute_sql("PRAGMA foreign_keys").fetchone()[0]:
        # dropping the old table would delete (cascade) the rows that reference it
        raise OperationalError(_("cannot upgrade table {table} while foreign keys are on").format(
            table=table))
    new = f"{table}__upgrade"
    prefix = f'CREATE TABLE "{table}"'
    if not create.startswith(prefix):
        raise OperationalError(_("cannot upgrade table {table}: its definition is not one "
                                 "segtui made").format(table=table))
    database.execute_sql(f'DROP TABLE IF EXISTS "{new}"')
    database.execute_sql(f'CREATE TABLE "{new}"' + create[len(prefix):])
    kept = [column for column in order if column in old_columns]
    values = []
    for column in kept:
        _type, notnull, default, _pk = columns[column]
        values.append(f'COALESCE("{column}", {default})' if notnull and default is not None
                      else f'"{column}"')
    names = ", ".join(f'"{column}"' for column in kept)
    database.execute_sql(f'INSERT INTO "{new}" ({names}) SELECT {", ".join(values)} '
                         f'FROM "{table}"')
    database.execute_sql(f'DROP TABLE "{table}"')
    database.execute_sql(f'ALTER TABLE "{new}" RENAME TO "{table}"')


# --- PostgreSQL ------------------------------------------------------------------------------

COLUMNS_SQL = """
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       pg_get_expr(d.adbin, d.adrelid)
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE n.nspname = %s AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY c.relname, a.attnum
"""
INDEXES_SQL = """
SELECT i.relname, t.relname, pg_get_indexdef(i.oid)
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname = %s AND NOT x.indisprimary
"""


def _pg_schema(database, schema):
    """tables: name -> {column: (type, notnull, default)} in table order; indexes: name ->
    (table, definition), both with the schema's name taken out so that two schemas compare."""
    names = (f"{schema}.", f'"{schema}".', "pg_temp.")  # a temporary table's is "pg_temp"

    def plain(text):
        if text is not None:
            for name in names:
                text = text.replace(name, "")
        return text

    tables = {}
    for table, column, type_, notnull, default in database.execute_sql(COLUMNS_SQL, (schema,)):
        tables.setdefault(table, {})[column] = (type_, notnull, plain(default))
    indexes = {name: (table, plain(definition))
               for name, table, definition in database.execute_sql(INDEXES_SQL, (schema,))}
    return tables, indexes


def _upgrade_postgres(database) -> None:
    (schema,) = database.execute_sql("SELECT current_schema()").fetchone()
    (search_path,) = database.execute_sql("SHOW search_path").fetchone()
    first = _load(TARGET_MIGRATIONS[0])
    # the target made of temporary tables (the session's own schema, no privilege to create a
    # schema needed, seen by no one else), dropped again before the database is changed
    try:
        database.execute_sql("SELECT set_config('search_path', 'pg_temp', true)")
        _build_target(database, PostgresqlMigrator(database))
        (scratch,) = database.execute_sql(
            "SELECT nspname FROM pg_namespace WHERE oid = pg_my_temp_schema()").fetchone()
    finally:
        database.execute_sql("SELECT set_config('search_path', %s, true)", (search_path,))
    target_tables, target_indexes = _pg_schema(database, scratch)
    database.execute_sql("DROP TABLE " + ", ".join(
        f'"{scratch}"."{table}"' for table in target_tables) + " CASCADE")

    tables = _pg_schema(database, schema)[0]
    first.db.initialize(database)
    models = {model._meta.table_name: model for model in first.ALL_MODELS}
    for table, columns in target_tables.items():
        if table not in tables:
            models[table]._schema.create_table(safe=False)
            continue
        for column, (type_, notnull, default) in columns.items():
            _align_pg_column(database, table, column, type_, notnull, default,
                             tables[table].get(column))

    indexes = _pg_schema(database, schema)[1]
    for name, (table, definition) in indexes.items():
        if table in target_tables and target_indexes.get(name) != (table, definition):
            database.execute_sql(f'DROP INDEX "{name}"')
    indexes = _pg_schema(database, schema)[1]
    for name, (table, definition) in target_indexes.items():
        if name not in indexes:
            _create_index(database, name, table, definition)


def _align_pg_column(database, table, column, type_, notnull, default, old) -> None:
    """Add the column or change its type, default and nullability to the target's."""
    alter = f'ALTER TABLE "{table}"'
    if old is None:
        database.execute_sql(
            f'{alter} ADD COLUMN "{column}" {type_}'
            + (f" DEFAULT {default}" if default is not None else "")
            + (" NOT NULL" if notnull else ""))
        return
    old_type, old_notnull, old_default = old
    if old_type != type_:
        database.execute_sql(f'{alter} ALTER COLUMN "{column}" TYPE {type_} '
                             f'USING "{column}"::{type_}')
    if old_default != default:
        database.execute_sql(f'{alter} ALTER COLUMN "{column}" '
                             + (f"SET DEFAULT {default}" if default is not None
                                else "DROP DEFAULT"))
    if old_notnull != notnull:
        if notnull:
            if default is not None:
                database.execute_sql(f'UPDATE "{table}" SET "{column}" = DEFAULT '
                                     f'WHERE "{column}" IS NULL')
            database.execute_sql(f'{alter} ALTER COLUMN "{column}" SET NOT NULL')
        else:
            database.execute_sql(f'{alter} ALTER COLUMN "{column}" DROP NOT NULL')
