"""The two options of a reuse of a logged segment, shared by `segment reuse-logged` and
`logged follow-up` (C14): what the reuse takes that it skips by default."""
import argparse


def add_reuse_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--include-canceled", action="store_true",
                        help="also take the canceled entries (skipped by default)")
    parser.add_argument("--ignore-exclusion", action="store_true",
                        help="also take contacts marked Exclude from Segment or Privacy Blocked "
                             "(skipped by default)")
