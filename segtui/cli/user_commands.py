"""`segtui users …`: the user setup (S-17) from scripts: `list` each user's default
salesperson, `set USER --salesperson CODE` (empty clears it), `remove USER`."""
from segtui.cli.output import emit
from segtui.domain.setup import users

COLUMNS = ["user_id", "salesperson_code", "salesperson_name"]


def add_parsers(commands, formats) -> None:
    parser = commands.add_parser("users", help="the user setup: each user's default salesperson")
    sub = parser.add_subparsers(dest="users_command", required=True,
                                parser_class=type(parser))
    sub.add_parser("list", help="every user with their default salesperson", parents=[formats])
    set_ = sub.add_parser("set", help="set a user's default salesperson (a blocked one is "
                                      "refused; \"\" clears it)")
    set_.add_argument("user", metavar="USER")
    set_.add_argument("--salesperson", required=True, metavar="CODE")
    remove = sub.add_parser("remove", help="take a user out of the user setup")
    remove.add_argument("user", metavar="USER")


def run(args, settings) -> int:
    command = args.users_command
    if command == "list":
        emit(({column: getattr(row, column) for column in COLUMNS}
              for row in users.list_users()), args.format, COLUMNS, keys=COLUMNS)
    elif command == "set":
        users.set_salesperson(args.user, args.salesperson)
    elif command == "remove":
        users.remove_user(args.user)
    return 0
