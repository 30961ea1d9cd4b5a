"""The summary of a delivery run on stderr: delivered, the failures with their first reasons, the
folder; after a resend also the letters skipped as already delivered."""
import sys

from segtui.domain.journal.delivery import DeliveryReport, failure_lines
from segtui.domain.journal.resend import ResendResult, skipped_names
from segtui.i18n import _


def print_delivery(report: DeliveryReport) -> None:
    print(_("delivered {delivered} entries ({written} hard copies, {mailed} e-mails), "
            "{failed} errors").format(delivered=report.delivered, written=report.written,
                                      mailed=report.mailed, failed=report.failed),
          file=sys.stderr)
    if report.written:
        print(_("hard copies are in {folder}").format(folder=report.folder), file=sys.stderr)
    if report.failed:
        print(_("{count} deliveries failed (`segtui interactions list` shows their Delivery "
                "Status; `resend --failed-only` sends them again):").format(count=report.failed),
              file=sys.stderr)
        for line in failure_lines(report):
            print(f"  {line}", file=sys.stderr)


def print_resend(result: ResendResult) -> None:
    """What a resend sent, failed, skipped as delivered and left alone as not failed."""
    if result.skipped:
        print(_("{count} already delivered, not sent again; --include-delivered sends them "
                "too: {entries}").format(count=len(result.skipped),
                                         entries=skipped_names(result)), file=sys.stderr)
    if result.not_failed:
        print(_("{count} not failed, left alone (--failed-only)").format(
            count=result.not_failed), file=sys.stderr)
    if result.entry_nos:
        print_delivery(result.delivery)
    else:
        print(_("nothing was sent"), file=sys.stderr)
