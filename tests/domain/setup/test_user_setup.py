"""S-17 User setup: each user's default salesperson, set, cleared, removed; a blocked or unknown
salesperson is refused and not offered; a new segment takes the default."""
import pytest

from segtui.domain.errors import DomainError
from segtui.domain.segments.headers import create_segment
from segtui.domain.setup.lookups import CodePageSource
from segtui.domain.setup.tables import create_record, update_field
from segtui.domain.setup.users import UserRow, list_users, remove_user, set_salesperson
from segtui.store.models import Salesperson, SegmentHeader, UserSetup


def test_s17_set_lists_the_user_with_the_salespersons_name(crm):
    assert set_salesperson("clerk", "ps") == "PS"
    set_salesperson("ADMIN", "ah")
    set_salesperson("clerk", "AH")  # a second set changes the same user
    names = {code: name for code, name in Salesperson.select(
        Salesperson.code, Salesperson.name).tuples()}
    assert list_users() == [UserRow("ADMIN", "AH", names["AH"]),
                            UserRow("CLERK", "AH", names["AH"])]


def test_s17_empty_clears_the_salesperson_and_remove_takes_the_user_out(crm):
    set_salesperson("CLERK", "PS")
    set_salesperson("CLERK", "")
    assert list_users() == [UserRow("CLERK", "", "")]
    remove_user("clerk")
    assert list_users() == []
    with pytest.raises(DomainError, match="^user setup CLERK does not exist$"):
        remove_user("CLERK")


def test_s17_unknown_or_blocked_salesperson_is_refused_and_changes_nothing(crm):
    set_salesperson("CLERK", "PS")
    with pytest.raises(DomainError, match="^Salesperson Code: salesperson BL is blocked$"):
        set_salesperson("CLERK", "bl")
    with pytest.raises(DomainError, match="salesperson ZZ does not exist"):
        set_salesperson("CLERK", "ZZ")
    with pytest.raises(DomainError, match="salesperson BL is blocked"):
        set_salesperson("NEWBIE", "BL")
    with pytest.raises(DomainError, match="User ID must have a value"):
        set_salesperson(" ", "PS")
    assert list(UserSetup.select(UserSetup.user_id, UserSetup.salesperson).tuples()) == [
        ("CLERK", "PS")]


def test_s17_setup_table_refuses_blocked_salesperson(crm):
    create_record("users", {"user_id": "clerk", "salesperson": "ps"})
    with pytest.raises(DomainError, match="salesperson BL is blocked"):
        update_field("users", "CLERK", "salesperson", "BL")
    with pytest.raises(DomainError, match="salesperson BL is blocked"):
        create_record("users", {"user_id": "other", "salesperson": "BL"})
    assert UserSetup.get_by_id("CLERK").salesperson == "PS"
    assert not UserSetup.select().where(UserSetup.user_id == "OTHER").exists()


def test_s17_salesperson_lookup_does_not_offer_blocked_ones(crm):
    source = CodePageSource("salesperson")
    offered = {row.code for row in source.first(100)}
    blocked = {code for (code,) in Salesperson.select(Salesperson.code)
               .where(Salesperson.blocked).tuples()}
    assert blocked and not offered & blocked
    assert offered  # the others are offered


def test_s17_new_segment_takes_the_users_salesperson_unless_blocked(crm):
    set_salesperson("TESTER", "PS")
    segment_no = create_segment(user="TESTER", description="with default")
    assert SegmentHeader.get_by_id(segment_no).salesperson == "PS"
    Salesperson.update(blocked=True).where(Salesperson.code == "PS").execute()
    segment_no = create_segment(user="TESTER", description="default blocked since")
    assert SegmentHeader.get_by_id(segment_no).salesperson is None
