"""Add Contacts / Reduce / Refine / Go Back on a 1,000,000-contact database vs hand-written raw SQL.

Usage: python benchmarks/bench_segment_actions.py [--db benchmarks/data/demo-1m.db] [--rows]
The database is made with `segtui demo --contacts 1000000` when it does not exist yet. Each step
runs through segtui's services on one segment and as hand-written `sqlite3` statements doing the
same inserts and deletes on another segment, in the same run; the table prints both and the
ratio (bar: ≤ 2×, docs/rules.md Q1, Q2). The benchmark segments are deleted at the end. On a
PostgreSQL URL only segtui's side runs (run_all.py compares it with the SQLite run).
"""
import sqlite3
import sys

from peewee import DatabaseError

from segtui.domain.segments import selection
from segtui.domain.segments import headers as segments
from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.store.connection import close_database, open_database
from segtui.store.enums import CriteriaAction
from segtui.store.models import SegmentLine
from bench_common import Row, bench_parser, is_postgres, ratio_row, report, start_bench, timed

ADD, REDUCE, REFINE = "industry=RETAIL", "jobresp=PURCHASE", "mailing=NEWSLETTER"
LINE_COLUMNS = [field.column_name for field in SegmentLine._meta.sorted_fields]

RAW_ADD = """
INSERT INTO segment_line (segment_no, line_no, contact_no, campaign_no, salesperson_code,
  correspondence_type, interaction_template_code, cost, duration, attachment_no, language_code,
  description, date, contact_company_no, interaction_group_code, subject, information_flow,
  initiated_by, source_action_no)
SELECT :seg, :base + 10000 * ROW_NUMBER() OVER (ORDER BY c.company_name,
    COALESCE(c.company_no, ''), c.type, c.name, c.no),
  c.no, h.campaign_no, COALESCE(h.salesperson_code, c.salesperson_code),
  CASE WHEN c.correspondence_type = 0 THEN t.correspondence_type_default
       ELSE c.correspondence_type END,
  h.interaction_template_code, h.unit_cost, h.unit_duration,
  COALESCE(doc.attachment_no, dflt.attachment_no),
  CASE WHEN doc.language_code IS NOT NULL THEN c.language_code ELSE h.language_code_default END,
  h.description, h.date, COALESCE(c.company_no, ''), h.interaction_group_code,
  COALESCE(doc.subject, dflt.subject, ''), h.information_flow, h.initiated_by, 1
FROM contact c
JOIN segment_header h ON h.no = :seg
LEFT JOIN interaction_template t ON t.code = h.interaction_template_code
LEFT JOIN segment_interaction_language doc ON doc.segment_no = :seg
  AND doc.segment_line_no = 0 AND doc.language_code = c.language_code
LEFT JOIN segment_interaction_language dflt ON dflt.segment_no = :seg
  AND dflt.segment_line_no = 0 AND dflt.language_code = h.language_code_default
WHERE EXISTS (SELECT 1 FROM contact_industry_group g WHERE g.contact_no = c.company_no
              AND g.industry_group_code = 'RETAIL')
  AND c.exclude_from_segment = 0
  AND c.no NOT IN (SELECT contact_no FROM segment_line WHERE segment_no = :seg
                   AND contact_no IS NOT NULL)
"""
RAW_HISTORY = """
INSERT INTO segment_history (segment_no, segment_action_no, segment_line_no, contact_no,
  action_taken)
SELECT :seg, :action, line_no, contact_no, :taken FROM segment_line
WHERE segment_no = :seg AND {where}
"""
MATCH = {
    "reduce": "contact_no IN (SELECT contact_no FROM contact_job_responsibility "
              "WHERE job_responsibility_code = 'PURCHASE')",
    "refine": "contact_no NOT IN (SELECT contact_no FROM contact_mailing_group "
              "WHERE mailing_group_code = 'NEWSLETTER')",
}


def raw_remove(connection, segment, action, where):
    columns = ", ".join(LINE_COLUMNS)
    connection.execute(RAW_HISTORY.format(where=where),
                       {"seg": segment, "action": action, "taken": 1})
    connection.execute(f"INSERT INTO segment_line_removed ({columns}, segment_action_no) "
                       f"SELECT {columns}, ? FROM segment_line WHERE segment_no = ? AND {where}",
                       (action, segment))
    connection.execute(f"DELETE FROM segment_line WHERE segment_no = ? AND {where}", (segment,))


def raw_go_back(connection, segment, action):
    columns = ", ".join(LINE_COLUMNS)
    connection.execute("DELETE FROM segment_line WHERE segment_no = ? AND line_no IN (SELECT "
                       "segment_line_no FROM segment_history WHERE segment_no = ? AND "
                       "segment_action_no = ? AND action_taken = 0)", (segment, segment, action))
    connection.execute(f"INSERT INTO segment_line ({columns}) SELECT {columns} FROM "
                       "segment_line_removed WHERE segment_no = ? AND segment_action_no = ?",
                       (segment, action))
    for table in ("segment_line_removed", "segment_history"):
        column = "segment_action_no"
        connection.execute(f"DELETE FROM {table} WHERE segment_no = ? AND {column} = ?",
                           (segment, action))


def main() -> int:
    args = start_bench(bench_parser(__doc__))
    open_database(args.db)
    ours = segments.create_segment(user="BENCH", description="bench segtui", template="LETTER")
    theirs = segments.create_segment(user="BENCH", description="bench raw", template="LETTER")
    close_database()

    raw = None if is_postgres(args.db) else sqlite3.connect(args.db, isolation_level=None)
    if raw is not None:
        raw.execute("PRAGMA foreign_keys = ON")
    rows = []

    def raw_step(sql_steps):
        raw.execute("BEGIN IMMEDIATE")
        sql_steps()
        raw.execute("COMMIT")

    open_database(args.db)
    user = "BENCH"
    steps = [
        ("Add Contacts (industry=RETAIL)",
         lambda: selection.add_contacts(ours, parse_criteria([ADD]), user=user).count,
         lambda: raw_step(lambda: (raw.execute(RAW_ADD, {"seg": theirs, "base": 0}),
                                   raw.execute(RAW_HISTORY.format(where="line_no > 0"),
                                               {"seg": theirs, "action": 1, "taken": 0})))),
        ("Reduce (jobresp=PURCHASE)",
         lambda: selection.remove_contacts(ours, CriteriaAction.REDUCE,
                                                   parse_criteria([REDUCE]), user=user).count,
         lambda: raw_step(lambda: raw_remove(raw, theirs, 2, MATCH["reduce"]))),
        ("Refine (mailing=NEWSLETTER)",
         lambda: selection.remove_contacts(ours, CriteriaAction.REFINE,
                                                   parse_criteria([REFINE]), user=user).count,
         lambda: raw_step(lambda: raw_remove(raw, theirs, 3, MATCH["refine"]))),
        ("Go Back (undo the Refine)",
         lambda: selection.go_back(ours).count,
         lambda: raw_step(lambda: raw_go_back(raw, theirs, 3))),
    ]
    try:
        for name, segtui_step, raw_step_ in steps:
            try:
                segtui_time, count = timed(segtui_step)
            except DatabaseError as exc:  # e.g. PostgreSQL's statement_timeout (run_all.py)
                rows.append(Row(f"{name}: stopped: {str(exc).strip()}", 0, None, "–", False))
                break
            work = f"{name}: {count:,} lines"
            if raw is None:
                rows.append(Row(work, segtui_time, None, "–", True))
            else:
                rows.append(ratio_row(work, segtui_time, timed(raw_step_)[0], 2))
    finally:
        segments.delete_segment(ours)
        segments.delete_segment(theirs)
        close_database()
        if raw is not None:
            raw.close()
    return report(rows, args.rows)


if __name__ == "__main__":
    sys.exit(main())
