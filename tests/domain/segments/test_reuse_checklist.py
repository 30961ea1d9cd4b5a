"""Checklist C14–C17 (issue 20): a reuse of a logged segment says what it skips and replays the
same; the Interaction Log Entry source matches Contact No. and Contact Company No.

The logged segment of `crm.py` holds P-ANNA, P-FRIDA (canceled), P-EMIL (Exclude from Segment),
C-CRAFT and P-BERT. Each test runs on SQLite and (with SEGTUI_TEST_PG) on PostgreSQL.
"""
import json

import pytest
from peewee import PostgresqlDatabase
from tests.support.crm import LOGGED_ENTRY, USER

from segtui.domain.contacts import cards
from segtui.domain.errors import DomainError
from segtui.domain.journal import logged_segments
from segtui.domain.segments import headers as segments
from segtui.domain.segments import saved_criteria, selection
from segtui.domain.segments.criteria_sources import parse_criteria, qualifying_condition
from segtui.domain.segments.logged_reuse import reuse_summary
from segtui.domain.segments.queries import criteria_rows, line_rows
from segtui.domain.segments.selection import AddOptions, action_count
from segtui.store.enums import ContactType
from segtui.store.models import (
    Contact, InteractionLogEntry, NoSeries, SavedSegmentCriteriaLine, SegmentCriteriaLine,
    SegmentHeader, SegmentHistory, SegmentLine)

WATCHED = [SegmentHeader, SegmentLine, SegmentCriteriaLine, SegmentHistory, NoSeries]


def new() -> str:
    return segments.create_segment(user=USER, description="Reuse")


def reuse(segment_no, **options):
    return selection.reuse_logged_segment(segment_no, LOGGED_ENTRY, user=USER, **options)


def lines(segment_no) -> list[tuple[str, str]]:
    """(contact, campaign) per line, in line order: what a replay must reproduce."""
    return [(row["contact_no"], row["campaign_no"]) for row in line_rows(segment_no)]


def entries() -> list[tuple[str, str, bool]]:
    """(contact, campaign, canceled) of the logged segment's entries, in entry order."""
    E = InteractionLogEntry
    return list(E.select(E.contact_no, E.campaign_no, E.canceled)
                .where(E.logged_segment_entry_no == LOGGED_ENTRY).order_by(E.entry_no).tuples())


def marks() -> dict[str, tuple[bool, bool]]:
    return {no: (bool(excluded), bool(blocked)) for no, excluded, blocked in Contact.select(
        Contact.no, Contact.exclude_from_segment, Contact.privacy_blocked).tuples()}


def expected(include_canceled=False, ignore_exclusion=False) -> list[tuple[str, str]]:
    """The lines a reuse should make, worked out from the entries and the contacts' marks."""
    flags = marks()
    return [(contact, campaign) for contact, campaign, canceled in entries()
            if (include_canceled or not canceled)
            and (ignore_exclusion or not any(flags[contact]))]


def state() -> dict:
    return {model.__name__: sorted(repr(row) for row in model.select().tuples())
            for model in WATCHED}


@pytest.fixture
def blocked(crm):
    """P-BERT is privacy blocked; P-ANNA has a second entry in the logged segment, with another
    campaign (a reuse makes a line per entry: two for her)."""
    Contact.update(privacy_blocked=True).where(Contact.no == "P-BERT").execute()
    first = InteractionLogEntry.get((InteractionLogEntry.logged_segment_entry_no == LOGGED_ENTRY)
                                    & (InteractionLogEntry.contact_no == "P-ANNA"))
    InteractionLogEntry.insert(
        entry_no=InteractionLogEntry.select(InteractionLogEntry.entry_no).order_by(
            InteractionLogEntry.entry_no.desc()).limit(1).scalar() + 1,
        contact_no="P-ANNA", contact_company_no="C-ACME", date=first.date,
        description="Reminder", interaction_template_code="LETTER", campaign_no="CP-MAIL",
        logged_segment_entry_no=LOGGED_ENTRY, segment_no=first.segment_no,
        salesperson_code="AH", user_id=USER).execute()
    return crm


# --- C14 a reuse counts what it skips -------------------------------------------------------

def test_C14_reuse_reports_skipped_canceled_excluded_and_privacy_blocked(blocked):
    segment_no = new()
    dry = reuse(segment_no, dry_run=True)
    assert action_count(segment_no) == 0
    result = reuse(segment_no)
    assert lines(segment_no) == expected() == [("P-ANNA", "CP-SPRING"), ("C-CRAFT", ""),
                                               ("P-ANNA", "CP-MAIL")]
    for counted in (dry, result):
        assert (counted.entries, counted.count, counted.canceled, counted.excluded,
                counted.privacy_blocked, counted.missing) == (len(entries()), 3, 1, 1, 1, 0)
    assert reuse_summary(result) == (
        "added 3 lines from logged segment 1 (criteria action 1); skipped 3 of its 6 entries: "
        "1 canceled (--include-canceled adds them), 1 Exclude from Segment, 1 Privacy Blocked "
        "(--ignore-exclusion adds them)")
    assert reuse_summary(dry).startswith("would add 3 lines from logged segment 1; would skip 3 "
                                         "of its 6 entries: 1 canceled")


@pytest.mark.parametrize("include_canceled, ignore_exclusion", [
    (True, False), (False, True), (True, True)])
def test_C14_include_canceled_and_ignore_exclusion_add_them(blocked, include_canceled,
                                                            ignore_exclusion):
    segment_no = new()
    result = reuse(segment_no, include_canceled=include_canceled,
                   ignore_exclusion=ignore_exclusion)
    assert lines(segment_no) == expected(include_canceled, ignore_exclusion)
    assert ("P-FRIDA", "") in lines(segment_no) if include_canceled else True
    assert result.canceled == (0 if include_canceled else 1)
    assert (result.excluded, result.privacy_blocked) == ((0, 0) if ignore_exclusion else (1, 1))
    assert result.count + result.skipped == result.entries == len(entries())


def test_C14_follow_up_takes_the_same_options_and_reports_the_same(blocked):
    plain = logged_segments.create_follow_up(LOGGED_ENTRY, user=USER)
    assert lines(plain.segment_no) == expected()
    assert (plain.canceled, plain.excluded, plain.privacy_blocked) == (1, 1, 1)
    every = logged_segments.create_follow_up(LOGGED_ENTRY, user=USER, confirmed=True,
                                             include_canceled=True, ignore_exclusion=True)
    assert lines(every.segment_no) == expected(True, True)
    assert every.skipped == 0
    assert logged_segments.follow_up_summary(every) == (
        f"follow-up segment {every.segment_no}: added 6 lines from logged segment 1 (criteria "
        "action 1); none of its 6 entries skipped")


# --- C15 no line: say why, change nothing ---------------------------------------------------

def test_C15_follow_up_of_an_all_canceled_logged_segment_says_why_and_makes_nothing(crm):
    logged_segments.set_canceled(LOGGED_ENTRY, True, user=USER, reason="sent by mistake")
    before = state()
    with pytest.raises(DomainError) as refused:
        logged_segments.create_follow_up(LOGGED_ENTRY, user=USER)
    assert str(refused.value) == (
        f"no follow-up segment created: all {len(entries())} entries of logged segment 1 are "
        "canceled; --include-canceled adds them")
    assert state() == before
    made = logged_segments.create_follow_up(LOGGED_ENTRY, user=USER, include_canceled=True)
    assert lines(made.segment_no) == expected(include_canceled=True)
    assert (made.canceled, made.excluded) == (0, 1)


def test_C15_reuse_that_would_add_no_line_is_refused_with_the_reason(crm):
    segment_no = new()
    InteractionLogEntry.update(canceled=True).where(
        InteractionLogEntry.contact_no != "P-EMIL").execute()
    before = state()
    assert reuse(segment_no, dry_run=True).count == 0
    with pytest.raises(DomainError) as refused:
        reuse(segment_no)
    assert str(refused.value) == (
        "no line: all 5 entries of logged segment 1 are skipped: 4 canceled (--include-canceled "
        "adds them), 1 Exclude from Segment (--ignore-exclusion adds them)")
    assert state() == before
    assert lines(segment_no) == []
    assert reuse(segment_no, ignore_exclusion=True).count == 1


# --- C16 the stored action replays the same -------------------------------------------------

@pytest.mark.parametrize("options", [{}, {"include_canceled": True},
                                     {"include_canceled": True, "ignore_exclusion": True}])
def test_C16_save_and_reuse_criteria_reproduce_the_same_lines(blocked, options):
    source = new()
    reuse(source, **options)
    selection.add_contacts(source, parse_criteria(["contact.no=P-GUS"]), user=USER,
                           options=AddOptions())
    saved_criteria.save_criteria(source, "REUSED", user=USER)
    target = new()
    saved_criteria.reuse_criteria(target, "REUSED", user=USER)
    assert lines(target) == lines(source)
    # and again from the replayed segment: the replay stored the reuse as it applied it
    saved_criteria.save_criteria(target, "AGAIN", user=USER)
    third = new()
    saved_criteria.reuse_criteria(third, "AGAIN", user=USER)
    assert lines(third) == lines(source)


def test_C16_the_criteria_view_shows_the_reuse_as_applied(blocked):
    segment_no = new()
    reuse(segment_no, include_canceled=True)
    rows = criteria_rows(segment_no)
    assert [row["filter"] for row in rows if row["type"] == "Filter"] == [
        "reuse of logged segment 1 (canceled entries included; excluded and privacy-blocked "
        "contacts skipped)"]
    saved_criteria.save_criteria(segment_no, "REUSED", user=USER)
    target = new()
    saved_criteria.reuse_criteria(target, "REUSED", user=USER)
    assert [(row["origin"], row["filter"]) for row in criteria_rows(target)][1] == (
        "", rows[1]["filter"])
    assert criteria_rows(target)[0]["origin"] == "saved criteria REUSED"


def test_C16_a_replay_that_finds_nothing_left_records_an_empty_action(crm):
    source = new()
    reuse(source)
    saved_criteria.save_criteria(source, "REUSED", user=USER)
    logged_segments.set_canceled(LOGGED_ENTRY, True, user=USER, reason="void")
    target = new()
    [result] = saved_criteria.reuse_criteria(target, "REUSED", user=USER)
    assert (result.count, result.canceled, action_count(target)) == (0, len(entries()), 1)


def test_C16_an_earlier_stored_reuse_still_replays_as_add_contacts(crm):
    """A view stored before C16 has only the logged segment filter: Add Contacts over it."""
    source = new()
    reuse(source)
    saved_criteria.save_criteria(source, "EARLIER", user=USER)
    SavedSegmentCriteriaLine.update(view=json.dumps({
        "table": "interaction_log_entry", "filters": {"logged_segment_entry_no": "1"}})).where(
        SavedSegmentCriteriaLine.line_no == 2).execute()
    target = new()
    saved_criteria.reuse_criteria(target, "EARLIER", user=USER)
    # Add Contacts: each contact once, excluded skipped, canceled not looked at
    assert sorted(contact for contact, _campaign in lines(target)) \
        == ["C-CRAFT", "P-ANNA", "P-BERT", "P-FRIDA"]


# --- C17 interaction source: Contact No. and Contact Company No. ----------------------------

def letter_contacts() -> set[str]:
    result = selection.add_contacts(new(), parse_criteria(["interaction.template=LETTER"]),
                                    user=USER, options=AddOptions(ignore_exclusion=True),
                                    dry_run=True, list_contacts=True)
    return set(result.contact_nos)


def test_C17_a_person_who_moved_company_no_longer_matches_its_entries(crm):
    before = letter_contacts()
    assert before == {"P-ANNA", "P-FRIDA", "P-EMIL", "C-CRAFT", "P-BERT", "P-GUS"}
    cards.set_contact_field("P-ANNA", "company_no", "C-BOLT")   # moved company
    cards.set_contact_field("P-GUS", "company_no", "C-ACME")    # had none, now has one
    cards.set_contact_field("P-FRIDA", "company_no", "C-ACME")
    cards.set_contact_field("P-FRIDA", "company_no", "")        # back to none: '' = NULL
    assert letter_contacts() == before - {"P-ANNA", "P-GUS"}
    cards.set_contact_field("P-ANNA", "company_no", "C-ACME")   # back where she was
    assert "P-ANNA" in letter_contacts()


def test_C17_a_company_matches_its_entries_until_it_is_no_longer_that_company(crm):
    Contact.insert(no="C-NEW", type=ContactType.COMPANY, name="New Co",
                   company_name="New Co").execute()
    Contact.update(company_no="C-NEW").where(Contact.no == "C-NEW").execute()
    InteractionLogEntry.insert(
        entry_no=InteractionLogEntry.select(InteractionLogEntry.entry_no).order_by(
            InteractionLogEntry.entry_no.desc()).limit(1).scalar() + 1,
        contact_no="C-NEW", contact_company_no="C-NEW", description="Letter",
        interaction_template_code="LETTER", salesperson_code="AH", user_id=USER).execute()
    assert {"C-CRAFT", "C-NEW"} <= letter_contacts()
    cards.set_contact_field("C-NEW", "type", "Person")  # a person now, without company
    cards.set_contact_field("P-GUS", "type", "Company")  # its own company now
    assert {"C-NEW", "P-GUS"}.isdisjoint(letter_contacts())
    assert "C-CRAFT" in letter_contacts()


def test_C17_the_interaction_source_still_starts_from_the_filtered_index(crm):
    """The row-value IN keeps the plan of the other sources: the entries through the index of
    the filtered code, then each contact by its primary key (PostgreSQL told to prefer indexes,
    as it would on a large table; a tiny one is read whole)."""
    query = Contact.select(Contact.no).where(qualifying_condition(
        parse_criteria(["interaction.template=LETTER"])))
    sql, params = query.sql()
    postgres = isinstance(crm, PostgresqlDatabase)
    if postgres:
        crm.execute_sql("SET enable_seqscan = off")
    plan = " ".join(str(row) for row in crm.execute_sql(
        ("EXPLAIN " if postgres else "EXPLAIN QUERY PLAN ") + sql, params).fetchall())
    if postgres:
        crm.execute_sql("RESET enable_seqscan")
        assert "interaction_log_entry_interaction_template_code" in plan
        assert "contact_pkey" in plan
    else:
        assert "USING INDEX interaction_log_entry_interaction_template_code" in plan
        assert "sqlite_autoindex_contact_1 (no=?)" in plan
