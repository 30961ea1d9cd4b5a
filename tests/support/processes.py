"""Real `segtui` processes killed with SIGKILL: copies of a database, fingerprints, kill runs.

A *store* copies a prepared database for each run (a SQLite file, or a PostgreSQL database made
from a template) and reads it back; a *fingerprint* is the table list, the row count of every
table and a checksum of the rows of the tables a command touches (timestamps left out, as a
run at another moment stamps another time). `kill_runs` kills a command at moments spread over
its measured run time and checks each database is exactly as before or exactly as after.
"""
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import psycopg2
from peewee import CompositeKey, DateTimeField

from segtui.store.models import ALL_MODELS

USER = "TESTER"
MODELS = {model._meta.table_name: model for model in ALL_MODELS}


def segtui(target, *args, timeout=300) -> subprocess.CompletedProcess:
    """`segtui --db TARGET --user TESTER ARGS…` run to its end."""
    return subprocess.run([sys.executable, "-m", "segtui", "--db", target, "--user", USER, *args],
                          capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)


def start(target, *args) -> subprocess.Popen:
    """`segtui --db TARGET --user TESTER ARGS…` started, its output thrown away."""
    return subprocess.Popen([sys.executable, "-m", "segtui", "--db", target, "--user", USER,
                             *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            stdin=subprocess.DEVNULL)


# --- fingerprints ----------------------------------------------------------------------------

def _select_rows(table: str) -> str:
    """Every column but the timestamps, in primary-key order."""
    meta = MODELS[table]._meta
    columns = [field.column_name for field in meta.sorted_fields
               if not isinstance(field, DateTimeField)]
    key = meta.primary_key
    order = ([meta.fields[name].column_name for name in key.field_names]
             if isinstance(key, CompositeKey) else [key.column_name])
    return f"SELECT {', '.join(columns)} FROM {table} ORDER BY {', '.join(order)}"


def fingerprint_of(connection, tables: list[str], touched: list[str]) -> dict:
    """Table list, row counts of every model table, and a checksum of the touched tables
    (Python's `hash`: comparable within the test process, which is all it is used for)."""
    cursor = connection.cursor()
    result = {"tables": tuple(sorted(tables))}
    for table in sorted(MODELS):
        cursor.execute(f"SELECT COUNT(*) FROM {table}")
        result[f"count {table}"] = cursor.fetchone()[0]
    for table in touched:
        cursor.execute(_select_rows(table))
        chunks = []
        while rows := cursor.fetchmany(20_000):
            chunks.append(hash(tuple(rows)))
        result[f"rows {table}"] = hash(tuple(chunks))
    return result


# --- stores ----------------------------------------------------------------------------------

class SqliteStore:
    """Copies of one prepared SQLite file, in `folder` with the files the commands read."""

    def __init__(self, folder: Path):
        self.folder = folder

    def prepared(self, name: str) -> str:
        return str(self.folder / f"{name}.db")

    def seal(self, target: str) -> None:
        """Fold the WAL into the file, so that copying the file copies everything."""
        connection = sqlite3.connect(target)
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()

    def copy(self, source: str, name: str) -> str:
        target = str(self.folder / f"{name}.db")
        shutil.copyfile(source, target)
        return target

    def fingerprint(self, target: str, touched: list[str], *, killed: bool) -> dict:
        """Read with plain sqlite3 (which recovers a killed writer's WAL); a killed writer's
        database must first pass SQLite's integrity check."""
        connection = sqlite3.connect(target)
        try:
            if killed:
                assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            tables = [row[0] for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")]
            return fingerprint_of(connection, tables, touched)
        finally:
            connection.close()

    def writing(self, target: str) -> bool:
        """Whether a transaction has written pages to the WAL."""
        wal = Path(f"{target}-wal")
        return wal.exists() and wal.stat().st_size > 0

    def drop(self, target: str) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)


class PostgresStore:
    """Copies of one prepared PostgreSQL database (CREATE DATABASE … TEMPLATE …); files the
    commands read go in `folder`."""

    def __init__(self, admin_url: str, folder: Path):
        self.admin_url = admin_url
        self.folder = folder
        self.prefix = f"segtui_crash_{uuid.uuid4().hex[:8]}"
        self.names: list[str] = []

    def _admin(self):
        connection = psycopg2.connect(self.admin_url)
        connection.autocommit = True
        return connection

    def _url(self, name: str) -> str:
        return urlunparse(urlparse(self.admin_url)._replace(path=f"/{name}"))

    def _create(self, name: str, template: str | None = None) -> str:
        admin = self._admin()
        try:
            with admin.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{name}"'
                               + (f' TEMPLATE "{template}"' if template else ""))
        finally:
            admin.close()
        self.names.append(name)
        return self._url(name)

    def prepared(self, name: str) -> str:
        return self._create(f"{self.prefix}_{name}")

    def seal(self, target: str) -> None:
        self._wait_idle(target)

    def copy(self, source: str, name: str) -> str:
        self._wait_idle(source)
        return self._create(f"{self.prefix}_{name}", urlparse(source).path.lstrip("/"))

    def _wait_idle(self, target: str) -> None:
        """Until the server has noticed every client of the database is gone (and so rolled
        back a killed client's transaction)."""
        name = urlparse(target).path.lstrip("/")
        admin = self._admin()
        try:
            with admin.cursor() as cursor:
                for _ in range(600):
                    cursor.execute("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = %s",
                                   (name,))
                    if cursor.fetchone()[0] == 0:
                        return
                    time.sleep(0.05)
        finally:
            admin.close()
        raise AssertionError(f"database {name} still has sessions")

    def fingerprint(self, target: str, touched: list[str], *, killed: bool) -> dict:
        self._wait_idle(target)
        connection = psycopg2.connect(target)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                tables = [row[0] for row in cursor.fetchall()]
            return fingerprint_of(connection, tables, touched)
        finally:
            connection.close()

    def writing(self, target: str) -> bool:
        """Whether a session of the database has written in its open transaction."""
        admin = self._admin()
        try:
            with admin.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = %s "
                               "AND backend_xid IS NOT NULL",
                               (urlparse(target).path.lstrip("/"),))
                return cursor.fetchone()[0] > 0
        finally:
            admin.close()

    def drop(self, target: str) -> None:
        name = urlparse(target).path.lstrip("/")
        admin = self._admin()
        try:
            with admin.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            admin.close()
        if name in self.names:
            self.names.remove(name)

    def drop_all(self) -> None:
        for name in list(self.names):
            self.drop(self._url(name))


# --- kill runs -------------------------------------------------------------------------------

@dataclass
class KillReport:
    """What the kill runs found: the uninterrupted run time and, per kill, what it left."""
    duration: float
    kills: list[tuple[float, bool, bool, str]]   # (delay s, still running, mid-write, state)

    def __str__(self) -> str:
        return f"run {self.duration:.2f} s; kills (delay s, running, mid-write, state): " \
               f"{[(round(d, 2), r, w, s) for d, r, w, s in self.kills]}"


def kill_runs(store, pristine: str, args: list[str], touched: list[str], *, runs: int = 3,
              seed: int = 10, check_after=None) -> KillReport:
    """Run `segtui ARGS` once uninterrupted on a copy of `pristine` (the state after, and the
    run time), then `runs` times on fresh copies killed with SIGKILL at a moment drawn from
    each of `runs` bands of [0.3, 0.95] × run time; every killed database must be exactly the
    state before or exactly the state after. `check_after(before, after)` checks the complete
    run really did its work."""
    before = store.fingerprint(pristine, touched, killed=False)
    done = store.copy(pristine, "done")
    started = time.perf_counter()
    process = start(done, *args)
    assert process.wait(timeout=300) == 0, args
    duration = time.perf_counter() - started
    after = store.fingerprint(done, touched, killed=False)
    store.drop(done)
    assert after != before, "the command changed nothing"
    if check_after:
        check_after(before, after)

    generator = random.Random(seed)
    bands = [0.3 + 0.65 * k / runs for k in range(runs + 1)]
    report = KillReport(duration, [])
    for run, (low, high) in enumerate(zip(bands, bands[1:])):
        delay = generator.uniform(low, high) * duration
        copy = store.copy(pristine, f"killed{run}")
        process = start(copy, *args)
        time.sleep(delay)
        running = process.poll() is None
        mid_write = running and store.writing(copy)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        state = store.fingerprint(copy, touched, killed=True)
        store.drop(copy)
        half = {key: (before[key], state[key], after[key]) for key in state
                if state[key] not in (before[key], after[key])}
        assert state in (before, after), (args[:3], round(delay, 2), half or
                                          "a mix of before and after tables")
        report.kills.append((delay, running, mid_write, "before" if state == before else "after"))
    print(" ".join(args[:3]), report)
    # The kills must have hit the command at work, or they proved nothing.
    assert any(running for _, running, _, _ in report.kills), str(report)
    return report
