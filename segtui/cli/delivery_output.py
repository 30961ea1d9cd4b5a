"""The summary of a delivery run on stderr: delivered, errors with their reasons, the folder."""
import sys

from segtui.domain.journal.delivery import DeliveryReport


def print_delivery(report: DeliveryReport, limit: int = 20) -> None:
    print(f"delivered {report.delivered} entries ({report.written} hard copies, "
          f"{report.mailed} e-mails), {len(report.errors)} errors", file=sys.stderr)
    if report.written:
        print(f"hard copies are in {report.folder}", file=sys.stderr)
    for entry_no, reason in report.errors[:limit]:
        print(f"entry {entry_no}: Error: {reason}", file=sys.stderr)
    if len(report.errors) > limit:
        print(f"… and {len(report.errors) - limit} more errors (`segtui interactions list` "
              "shows their Delivery Status)", file=sys.stderr)
