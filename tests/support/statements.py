"""Counting the SQL statements a piece of code sends, to pin set-based work to a fixed number.

Peewee logs every statement it executes (`execute_sql`, whichever backend) to its "peewee"
logger; `playhouse.test_utils.count_queries` collects those records. `statements()` wraps it
and keeps the SQL text, so a test can say both how many statements ran and what they were.
"""
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from playhouse.test_utils import count_queries


@dataclass
class Statements:
    """The statements sent inside a `statements()` block, known once the block has ended."""
    sql: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.sql)

    def selects(self) -> list[str]:
        return [text for text in self.sql if text.lstrip().upper().startswith("SELECT")]


@contextmanager
def statements() -> Iterator[Statements]:
    """Collect the SQL of every statement executed in the block; the BEGIN and COMMIT of a
    transaction are not logged by Peewee, so not counted (its savepoints are)."""
    sent = Statements()
    with count_queries() as counter:
        yield sent
    sent.sql = [record.msg[0] for record in counter.get_queries()]
