"""Which `--db` values are taken, and what a PostgreSQL URL becomes (store.targets)."""
import pytest

from segtui.store.connection import StoreError, describe, make_database
from segtui.store.targets import CONNECT_TIMEOUT, check_target, postgres_params


@pytest.mark.parametrize("target", [
    "segtui.db", "./data/crm.db", "/srv/crm/segtui.db", "C:/data/segtui.db", "notes:2026.db",
    "postgresql://crm:s%40cret@db.example:5432/segtui", "postgres://db.example/segtui",
    "POSTGRESQL://crm@db.example/segtui", "postgresql://crm@[::1]:5433/segtui",
    "postgresql://crm@10.0.0.7/segtui?sslmode=require", "postgresql:///segtui",
    "postgresql://%2Frun%2Fpostgresql/segtui"])
def test_good_targets_are_taken(target):
    check_target(target)


@pytest.mark.parametrize("target, words", [
    ("", "no database given"), ("   ", "no database given"),
    ("postgresql://h:65536/db", "port"), ("postgresql://h:-1/db", "port"),
    ("postgresql://h:1e3/db", "port"), ("postgresql://h,g/db", "not a host name"),
    ("postgresql://h/db/more", "name one database"), ("postgresql:x", "is written"),
    ("mariadb://h/db", "not mariadb://"), ("file:///tmp/x.db", "not file://")])
def test_bad_targets_are_refused_by_name(target, words):
    with pytest.raises(StoreError, match=words):
        check_target(target)


def test_what_a_postgresql_url_becomes():
    params = postgres_params("postgresql://crm:s%40cret@DB.example:5433/seg%20tui?sslmode=require")
    assert params == {"database": "seg tui", "user": "crm", "password": "s@cret",
                      "host": "DB.example", "port": 5433, "sslmode": "require",
                      "connect_timeout": CONNECT_TIMEOUT}
    socket = postgres_params("postgresql://%2Frun%2Fpostgresql/segtui?connect_timeout=3")
    assert socket["host"] == "/run/postgresql" and socket["connect_timeout"] == 3
    assert "host" not in postgres_params("postgresql:///segtui")
    assert postgres_params("postgresql://[::1]/segtui")["host"] == "::1"


def test_a_url_is_shown_without_its_password_even_with_a_bad_port():
    assert describe("postgresql://crm:secret@h:99999/db") == "postgresql://crm@h:99999/db"
    assert describe("postgresql://crm@[::1]:5433/db") == "postgresql://crm@[::1]:5433/db"


def test_make_database_takes_the_checked_parameters():
    database = make_database("postgresql://crm@db.example:5433/segtui")
    assert database.database == "segtui"
    assert database.connect_params["connect_timeout"] == CONNECT_TIMEOUT
