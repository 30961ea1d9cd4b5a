"""Shared fixtures: a fresh database per test, on SQLite and (when SEGTUI_TEST_PG is set)
PostgreSQL.

`database` runs a test once per backend; `sqlite_database` only on SQLite (screens, CLI).
Every test gets its own data and config folders (XDG_DATA_HOME, XDG_CONFIG_HOME), so nothing
touches the real ones (a config.toml of the person running the tests, say).
"""
import os
import uuid
from urllib.parse import urlparse, urlunparse

import psycopg2
import pytest

os.environ["TEXTUAL_ANIMATIONS"] = "none"

if os.environ.get("SEGTUI_TEST_LANG"):  # a run in another language (tests/tui/test_journey.py)
    from segtui import i18n
    i18n.setup(os.environ["SEGTUI_TEST_LANG"])

from segtui.store.connection import close_database, open_database  # noqa: E402

PG_URL = os.environ.get("SEGTUI_TEST_PG")
BACKENDS = ["sqlite", "postgres"] if PG_URL else ["sqlite"]


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch):
    home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("SEGTUI_DB", raising=False)
    monkeypatch.setenv("SEGTUI_USER", "TESTER")
    return home / "segtui"


def _pg_admin():
    connection = psycopg2.connect(PG_URL)
    connection.autocommit = True
    return connection


@pytest.fixture
def pg_target():
    """The URL of a brand-new PostgreSQL database, dropped after the test."""
    if not PG_URL:
        pytest.skip("SEGTUI_TEST_PG is not set")
    name = f"segtui_test_{uuid.uuid4().hex[:12]}"
    admin = _pg_admin()
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield urlunparse(urlparse(PG_URL)._replace(path=f"/{name}"))
    close_database()
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


@pytest.fixture(params=BACKENDS)
def db_target(request, tmp_path):
    """A database that does not exist yet: a SQLite path or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "segtui-test.db")
    return request.getfixturevalue("pg_target")


@pytest.fixture(scope="session")
def pg_migrated_template():
    """The name of a PostgreSQL database migrated once for this test process (one per xdist
    worker, so no other session is connected to it while it is copied), dropped at the end.
    Copying it is about ten times faster than migrating an empty database for every test."""
    name = f"segtui_template_{uuid.uuid4().hex[:12]}"
    admin = _pg_admin()
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    open_database(urlunparse(urlparse(PG_URL)._replace(path=f"/{name}")))
    close_database()
    yield name
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


@pytest.fixture
def database(db_target, request):
    """An open, migrated, empty database bound to the store proxy. On PostgreSQL the brand-new
    database is made again as a copy of the migrated template (the same schema the migrations
    write, without running them once per test)."""
    if db_target.startswith("postgresql"):
        template = request.getfixturevalue("pg_migrated_template")
        name = urlparse(db_target).path.lstrip("/")
        admin = _pg_admin()
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')
        admin.close()
    database = open_database(db_target)
    yield database
    close_database()


@pytest.fixture
def sqlite_database(tmp_path):
    database = open_database(str(tmp_path / "segtui-test.db"))
    yield database
    close_database()
