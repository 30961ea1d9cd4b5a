"""User setup (S-17): each user's default salesperson, the one a new segment of theirs takes.

The table is one of the Setup code tables (`tables.TABLES["users"]`), so the Setup screen and
these use cases of the CLI share its checks: a salesperson that does not exist or is blocked is
refused; an empty one clears the default.
"""
from dataclasses import dataclass

from peewee import JOIN

from segtui.domain.errors import DomainError
from segtui.domain.setup.tables import parse_value, setup_table
from segtui.domain.values import parse_code
from segtui.i18n import _
from segtui.store.connection import write_transaction
from segtui.store.models import Salesperson, UserSetup

TABLE = "users"


@dataclass(frozen=True, slots=True)
class UserRow:
    """A user with the code and name of their default salesperson (blank when none)."""
    user_id: str
    salesperson_code: str
    salesperson_name: str


def list_users() -> list[UserRow]:
    """Every user of the user setup, in user id order."""
    query = (UserSetup.select(UserSetup.user_id, UserSetup.salesperson, Salesperson.name)
             .join(Salesperson, JOIN.LEFT_OUTER, on=UserSetup.salesperson == Salesperson.code)
             .order_by(UserSetup.user_id).tuples())
    return [UserRow(user_id, code or "", name or "") for user_id, code, name in query]


def _user_id(text: str) -> str:
    table = setup_table(TABLE)
    user = parse_code(table.key.label, text, table.key.length)
    if not user:
        raise DomainError(_("{field} must have a value").format(field=_(table.key.label)))
    return user


def set_salesperson(user: str, salesperson: str) -> str | None:
    """Give `user` a default salesperson (added to the user setup when not in it yet); an
    empty code clears it. Returns the code stored."""
    table = setup_table(TABLE)
    user_id = _user_id(user)
    code = parse_value(table, table.field("salesperson"), salesperson)
    with write_transaction():
        changed = (UserSetup.update(salesperson=code)
                   .where(UserSetup.user_id == user_id).execute())
        if not changed:
            UserSetup.insert(user_id=user_id, salesperson=code).execute()
    return code


def remove_user(user: str) -> None:
    """Take `user` out of the user setup (new segments of theirs get no salesperson)."""
    user_id = _user_id(user)
    with write_transaction():
        removed = UserSetup.delete().where(UserSetup.user_id == user_id).execute()
    if not removed:
        raise DomainError(_("{record} {key} does not exist").format(
            record=_(setup_table(TABLE).record_name), key=user_id))
