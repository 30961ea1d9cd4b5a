"""`segtui backup FILE`: a consistent copy of the live SQLite database (see store.backup)."""
import sys

from segtui.store.backup import backup_database
from segtui.store.connection import db


def add_parsers(commands) -> None:
    backup = commands.add_parser("backup", help="a consistent copy of the live SQLite database "
                                                "(others may keep working meanwhile)")
    backup.add_argument("file", metavar="FILE")
    backup.add_argument("--replace", action="store_true", help="overwrite FILE if it exists")


def run(args, settings) -> int:
    del settings
    path = backup_database(db.obj, args.file, replace=args.replace)
    print(path)
    print(f"backed up to {path} ({path.stat().st_size:,} bytes, integrity checked)",
          file=sys.stderr)
    return 0
