"""Where segtui keeps its data (platformdirs), which database to open and who the user is."""
import getpass
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "segtui"
DB_ENV = "SEGTUI_DB"


def data_dir() -> Path:
    """The user's segtui data folder (created private to the user, 0700)."""
    return private_dir(platformdirs.user_data_path(APP_NAME))


def output_dir(*parts: str) -> Path:
    """A folder for written files (letters, exports) under the data folder, private (0700)."""
    return private_dir(data_dir().joinpath("output", *parts))


def private_dir(path: Path) -> Path:
    """`path` as a folder, each level made here private to the user (0700), like `mkdir -p -m
    700` ought to be (Path.mkdir gives the mode to the last level only)."""
    for level in reversed([path, *path.parents]):
        if not level.exists():
            level.mkdir(mode=0o700, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "segtui.db"


def current_user(explicit: str | None = None) -> str:
    """The user stamped on logged segments and journal rows: `--user`, else the OS login."""
    name = explicit or os.environ.get("SEGTUI_USER") or getpass.getuser()
    return name.strip().upper()[:50]


@dataclass(frozen=True)
class Settings:
    """What the command line decided: the database target, the user and the UI language."""
    db_target: str
    is_default_db: bool
    user: str
    lang: str | None = None


def resolve_settings(db: str | None, user: str | None, lang: str | None = None) -> Settings:
    """`--db`, else $SEGTUI_DB, else the default SQLite file under the user's data dir.

    A `--db` or $SEGTUI_DB given empty is kept as it is (and refused when it is opened): an
    empty variable in `--db "$DB"` must not quietly mean the default database."""
    target = db if db is not None else os.environ.get(DB_ENV)
    if target is not None:
        return Settings(target, False, current_user(user), lang)
    return Settings(str(default_db_path()), True, current_user(user), lang)
