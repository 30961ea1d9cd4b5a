"""Log a ~100,000-line segment on a 1,000,000-contact database vs the same writes in raw SQL.

Usage: python benchmarks/bench_log.py [--db benchmarks/data/demo-1m.db] [--criteria CRITERION…]
       [--rows]
The database is made with `segtui demo --contacts 1000000` when it does not exist yet; the run
works on a temporary copy of it, so the demo database is left as it was. Two identical segments
are built (same header, same Add Contacts); one is logged by segtui's `log_segment` (pre-flight
checks included), the other by hand-written `sqlite3` statements doing the same inserts, updates
and deletes (number series, logged segment, campaign entries, INSERT … SELECT of the entries,
read-only documents, deletion of the segment) in one transaction, in the same run. Both write
each entry's merge data snapshot (a JSON array, rule M-41), so the ratio measures segtui's
overhead, not the cost of the snapshot. The table prints both and the ratio (bar: ≤ 2×,
Q3 of docs/rules.md).
"""
import sqlite3
import sys
import tempfile
from datetime import date
from pathlib import Path

from segtui.domain.segments import selection
from segtui.domain.segments import log_segment
from segtui.domain.segments import headers as segments
from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.store.connection import SQLITE_PRAGMAS, close_database, open_database
from segtui.store.models import Campaign, InteractionLogEntry, SegmentLine
from bench_common import bench_parser, copy_database, ratio_row, report, start_bench, timed

USER = "BENCH"
CRITERIA = ["industry=RETAIL", "contact.no=..CT0420000"]

ENTRY_COLUMNS = """entry_no, contact_no, contact_company_no, date, description, information_flow,
  initiated_by, attachment_no, cost, duration, user_id, interaction_group_code,
  interaction_template_code, campaign_no, campaign_entry_no, campaign_response, campaign_target,
  segment_no, evaluation, time_of_interaction, attempt_failed, salesperson_code, delivery_status,
  correspondence_type, contact_alt_address_code, logged_segment_entry_no,
  send_word_docs_as_attmt, interaction_language_code, subject, opportunity_no, merge_data"""
NO_ADDRESS = """((l.correspondence_type = 2 AND COALESCE(c.email, '') = '')
  OR (l.correspondence_type = 3 AND COALESCE(c.fax_no, '') = ''))"""
RAW_ENTRIES = f"""
INSERT INTO interaction_log_entry ({ENTRY_COLUMNS})
SELECT :first - 1 + ROW_NUMBER() OVER (ORDER BY l.line_no), l.contact_no, l.contact_company_no,
  l.date, l.description, l.information_flow, l.initiated_by, COALESCE(l.attachment_no, 0),
  l.cost, l.duration, :user, COALESCE(l.interaction_group_code, ''),
  l.interaction_template_code, COALESCE(l.campaign_no, ''), COALESCE(ce.entry_no, 0),
  l.campaign_response, l.campaign_target, :seg, l.evaluation, l.time_of_interaction,
  l.attempt_failed, l.salesperson_code, 0,
  CASE WHEN {NO_ADDRESS} THEN 0 ELSE l.correspondence_type END,
  l.contact_alt_address_code, :logged, l.send_word_doc_as_attmt, l.language_code, l.subject,
  l.opportunity_no, CASE WHEN l.attachment_no IS NULL THEN NULL ELSE json_array(1, l.line_no,
  l.date, COALESCE(l.campaign_no, ''), l.description, l.subject, l.language_code,
  l.correspondence_type, :seg, c.no, c.type, c.company_name, c.name, c.name_2, c.first_name,
  c.surname, c.salutation_code, c.job_title, c.address, c.address_2, c.post_code, c.city,
  c.county, c.country_code, c.phone_no, c.mobile_phone_no, c.fax_no, c.email, c.home_page,
  c.vat_registration_no, COALESCE(cr.name, ''), COALESCE(l.salesperson_code, ''),
  COALESCE(sp.name, ''), COALESCE(sp.job_title, ''), COALESCE(sp.phone_no, ''),
  COALESCE(sp.email, ''), ms.company_name, ms.company_address, ms.company_post_code,
  ms.company_city, ms.company_phone_no, ms.company_email, COALESCE(mc.name, ''),
  ms.company_country_code) END
FROM segment_line l
JOIN contact c ON c.no = l.contact_no
LEFT JOIN campaign_entry ce ON ce.register_no = :logged AND ce.campaign_no = l.campaign_no
LEFT JOIN salesperson sp ON sp.code = l.salesperson_code
LEFT JOIN country_region cr ON cr.code = c.country_code
LEFT JOIN marketing_setup ms ON ms.id = 1
LEFT JOIN country_region mc ON mc.code = ms.company_country_code
WHERE l.segment_no = :seg AND l.contact_no IS NOT NULL
"""
RAW_CAMPAIGN_ENTRIES = """
INSERT INTO campaign_entry (entry_no, campaign_no, description, date, user_id, segment_no,
  register_no, document_type, salesperson_code, canceled)
SELECT :first - 1 + ROW_NUMBER() OVER (ORDER BY l.campaign_no), l.campaign_no, :description,
  MIN(l.date), :user, :seg, :logged, 0,
  (SELECT f.salesperson_code FROM segment_line f WHERE f.segment_no = :seg
     AND f.contact_no IS NOT NULL AND f.campaign_no = l.campaign_no
     ORDER BY f.date, f.line_no LIMIT 1), 0
FROM segment_line l
WHERE l.segment_no = :seg AND l.contact_no IS NOT NULL AND l.campaign_no IS NOT NULL
GROUP BY l.campaign_no
"""


def reserve(connection, code: str, count: int) -> int:
    connection.execute("UPDATE no_series SET last_no = last_no + ? WHERE code = ?", (count, code))
    return connection.execute("SELECT last_no FROM no_series WHERE code = ?",
                              (code,)).fetchone()[0] - count + 1


def raw_log(connection, segment: str) -> int:
    """Log `segment` by hand: the writes of segtui's log, without its checks and reports."""
    connection.execute("BEGIN IMMEDIATE")
    description = connection.execute("SELECT description FROM segment_header WHERE no = ?",
                                     (segment,)).fetchone()[0]
    logged = reserve(connection, "LOGSEG", 1)
    connection.execute("INSERT INTO logged_segment (entry_no, segment_no, description, "
                       "creation_date, user_id, canceled) VALUES (?, ?, ?, ?, ?, 0)",
                       (logged, segment, description, date.today().isoformat(), USER))
    campaigns = connection.execute(
        "SELECT COUNT(DISTINCT campaign_no) FROM segment_line WHERE segment_no = ? "
        "AND contact_no IS NOT NULL", (segment,)).fetchone()[0]
    params = {"seg": segment, "logged": logged, "user": USER, "description": description}
    if campaigns:
        connection.execute(RAW_CAMPAIGN_ENTRIES, {
            **params, "first": reserve(connection, "CAMPENTRY", campaigns)})
    lines = connection.execute("SELECT COUNT(*) FROM segment_line WHERE segment_no = ? AND "
                               "contact_no IS NOT NULL", (segment,)).fetchone()[0]
    connection.execute(RAW_ENTRIES, {**params, "first": reserve(connection, "INTERACT", lines)})
    connection.execute("UPDATE attachment SET read_only = 1 WHERE no IN (SELECT attachment_no "
                       "FROM segment_line WHERE segment_no = ? AND contact_no IS NOT NULL AND "
                       "attachment_no IS NOT NULL)", (segment,))
    documents = [row[0] for row in connection.execute(
        "SELECT attachment_no FROM segment_interaction_language WHERE segment_no = ? AND "
        "attachment_no IS NOT NULL", (segment,))]
    for table in ("segment_interaction_language", "segment_line", "segment_line_removed",
                  "segment_criteria_line", "segment_history"):
        connection.execute(f"DELETE FROM {table} WHERE segment_no = ?", (segment,))
    connection.execute("DELETE FROM segment_header WHERE no = ?", (segment,))
    marks = ", ".join("?" * len(documents))
    if documents:
        connection.execute(f"DELETE FROM attachment WHERE no IN ({marks}) AND read_only = 0",
                           documents)
    connection.execute("COMMIT")
    return lines


def build_segment(description: str, criteria: list[str], campaign: str) -> str:
    segment_no = segments.create_segment(user=USER, description=description, template="LETTER",
                                         salesperson="AH", campaign=campaign)
    selection.add_contacts(segment_no, parse_criteria(criteria), user=USER)
    return segment_no


def warm(connection, segment: str) -> None:
    """Read the segment's lines and their contacts once, so neither side pays a cold cache."""
    connection.execute("SELECT COUNT(*), SUM(LENGTH(c.email)) FROM segment_line l JOIN contact c "
                       "ON c.no = l.contact_no WHERE l.segment_no = ?", (segment,)).fetchone()


def main() -> int:
    parser = bench_parser(__doc__)
    parser.add_argument("--criteria", nargs="+", default=CRITERIA,
                        help="the Add Contacts criteria that fill the segments "
                             f"(default: {' '.join(CRITERIA)}, about 100,000 lines)")
    args = start_bench(parser)
    with tempfile.TemporaryDirectory(prefix="segtui-bench-log-") as folder:
        path = str(Path(folder) / "bench.db")
        copy_database(args.db, path)
        open_database(path)
        campaign = Campaign.select(Campaign.no).order_by(Campaign.no.desc()).scalar()
        ours = build_segment("bench segtui", args.criteria, campaign)
        theirs = build_segment("bench raw", args.criteria, campaign)
        count = SegmentLine.select().where(SegmentLine.segment == ours).count()
        assert count == SegmentLine.select().where(SegmentLine.segment == theirs).count()

        raw = sqlite3.connect(path, isolation_level=None)
        for name, value in SQLITE_PRAGMAS.items():
            raw.execute(f"PRAGMA {name} = {value}")
        warm(raw, ours)
        warm(raw, theirs)
        segtui_time, log_report = timed(lambda: log_segment.log_segment(ours, user=USER))
        raw_time, raw_count = timed(lambda: raw_log(raw, theirs))
        raw.close()
        same = (InteractionLogEntry.select().where(InteractionLogEntry.segment_no == theirs)
                .count() == log_report.entries == raw_count == count)
        close_database()

    if not same:
        print("the two logs wrote different numbers of entries", file=sys.stderr)
        return 1
    return report([ratio_row(f"Log a {count:,}-line segment", segtui_time, raw_time, 2)],
                  args.rows)


if __name__ == "__main__":
    sys.exit(main())
