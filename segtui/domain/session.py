"""The database as a user interface handles it: a connection per thread, stopping a running
statement, and the words for a database that refused or failed.

The TUI runs each service in a worker thread of its own; these are the only things it needs
from the store, so it reaches the store through here and never touches queries or the proxy.
"""
from contextlib import AbstractContextManager
from typing import Any

from peewee import Database

from segtui.store.busy import refusal_message
from segtui.store.connection import StoreError, db, describe, interrupt

__all__ = ["StoreError", "connection_context", "current_connection", "current_database",
           "describe", "interrupt", "refusal_message"]


def connection_context() -> AbstractContextManager:
    """A connection of this thread's own for the `with` block, closed at its end."""
    return db.connection_context()


def current_connection() -> Any:
    """The driver's connection this thread holds (to `interrupt` from another thread)."""
    return db.connection()


def current_database() -> Database:
    """The open database itself, for a thread that must keep it even if the proxy is bound anew."""
    return db.obj
