"""`segtui statistics templates|groups`: the interaction statistics (S-14) from scripts."""
from segtui.cli.output import emit
from segtui.domain.journal import interaction_statistics as statistics

# the text table's columns: within 80 columns with the description cut to 24 characters
TABLE_COLUMNS = {"templates": ("code", "description", "group_code", "no_of_interactions",
                               "cost", "duration"),
                 "groups": ("code", "description", "no_of_interactions", "cost", "duration")}
TABLE_HEADINGS = {"group_code": "group", "no_of_interactions": "count"}
NUMBERS = ("no_of_interactions", "cost", "duration")
DESCRIPTION_WIDTH = 24


def add_parsers(commands, formats) -> None:
    parser = commands.add_parser(
        "statistics", help="interaction statistics (count, cost, duration; canceled and "
                           "postponed entries left out)")
    sub = parser.add_subparsers(dest="statistics_command", required=True,
                                parser_class=type(parser))
    for name, what in (("templates", "interaction template"), ("groups", "interaction group")):
        listing = sub.add_parser(name, help=f"per {what}", parents=[formats])
        listing.add_argument("--date", default="", metavar="FILTER",
                             help="date filter, e.g. 2026-01-01..2026-06-30, ..2026-06-30, "
                                  "2026-10-01.. or one date")


def run(args, settings) -> int:
    command = args.statistics_command
    if command == "templates":
        lines, keys = statistics.template_statistics(args.date), statistics.TEMPLATE_KEYS
    else:
        lines, keys = statistics.group_statistics(args.date), statistics.GROUP_KEYS
    rows = [statistics.line_values(line, keys) for line in lines]
    if args.format == "table":
        emit(_table_rows(rows, TABLE_COLUMNS[command]), "table",
             [TABLE_HEADINGS.get(key, key) for key in TABLE_COLUMNS[command]])
    else:
        emit(rows, args.format, list(keys), keys=keys)
    return 0


def _table_rows(rows: list[dict], columns: tuple[str, ...]) -> list[dict]:
    """The rows of the text table: headings shortened, the description cut to fit 80 columns,
    numbers right-aligned."""
    widths = {key: max([len(TABLE_HEADINGS.get(key, key))] + [len(str(row[key])) for row in rows])
              for key in NUMBERS}
    table = []
    for row in rows:
        values = {}
        for key in columns:
            value = row[key]
            if key == "description" and len(value) > DESCRIPTION_WIDTH:
                value = value[:DESCRIPTION_WIDTH - 1] + "…"
            elif key in NUMBERS:
                value = str(value).rjust(widths[key])
            values[TABLE_HEADINGS.get(key, key)] = value
        table.append(values)
    return table
