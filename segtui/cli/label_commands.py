"""`segtui segment labels SEG|--logged N --layout L [--out FILE.docx]`: address labels (C-02).

One call of `labels.write_labels`; the path of the document goes to stdout, the count of labels
and pages to stderr; a refusal is one line (exit status 1).
"""
import sys

from segtui.cli.arguments import ENTRY_NO
from segtui.domain.documents import labels


def add_parsers(sub) -> None:
    """`labels` under `segtui segment`."""
    parser = sub.add_parser("labels", help="address labels of every line contact (or of a "
                                           "logged segment's contacts) as one Word document")
    parser.add_argument("segment", nargs="?", help="the segment (or give --logged N)")
    parser.add_argument("--logged", type=ENTRY_NO, metavar="N",
                        help="the contacts of logged segment N, its canceled interactions "
                             "left out")
    parser.add_argument("--layout", required=True, choices=list(labels.LAYOUTS),
                        help="label height x width in mm: 3 columns of 70 mm or 2 of 105 mm, "
                             "8 rows a page")
    parser.add_argument("--out", metavar="FILE.docx",
                        help="the document (default: output/labels/SEG-LAYOUT.docx in the "
                             "data folder)")


def run(args) -> int:
    written = labels.write_labels(args.layout, segment_no=args.segment,
                                  logged_entry_no=args.logged, out=args.out)
    print(written.path)
    print(written.message, file=sys.stderr)
    return 0
