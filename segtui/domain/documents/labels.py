"""Address labels of a segment's contacts, or of a logged segment's, as one Word document (C-02).

`write_labels` is the Labels action both front ends call. One label per contact line, in line
order, or per interaction entry of a logged segment, in entry order, its canceled entries left
out. A label holds the contact's mail address block exactly as the merge's
Contact_Mail_Address field makes it (`merge_data.mail_address`). The address is the contact's
own: a contact has no alternative addresses yet, so the line date picks nothing else.

The four layouts are the label sheets NAV prints: 36×70 mm and 37×70 mm in three columns,
36×105 mm and 37×105 mm in two, eight rows a page (`word.label_sheet`).
"""
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from peewee import JOIN, fn

from segtui.config import output_dir
from segtui.domain.documents.merge_data import CONTACT_FIELDS, PAGE, line_values, mail_address
from segtui.domain.documents.word.label_sheet import LabelFormat, pages, write_label_sheet
from segtui.domain.errors import DomainError
from segtui.domain.journal.logged_segments import get_logged_segment
from segtui.domain.output.export_files import atomic_file
from segtui.domain.output.file_names import safe_file_name
from segtui.domain.segments.headers import get_segment
from segtui.i18n import _, n_
from segtui.store.models import Contact, CountryRegion, InteractionLogEntry, MarketingSetup

LAYOUTS = {
    "36x70": LabelFormat(height_mm=36, width_mm=70, columns=3),
    "37x70": LabelFormat(height_mm=37, width_mm=70, columns=3),
    "36x105": LabelFormat(height_mm=36, width_mm=105, columns=2),
    "37x105": LabelFormat(height_mm=37, width_mm=105, columns=2),
}
DEFAULT_LAYOUT = "36x70"


@dataclass(frozen=True)
class LabelsWritten:
    path: Path
    labels: int
    pages: int
    layout: str

    @property
    def message(self) -> str:
        return _("{labels}, {pages} ({layout} mm): {path}").format(
            labels=n_("{count:,} label", "{count:,} labels", self.labels),
            pages=n_("{count:,} page", "{count:,} pages", self.pages),
            layout=self.layout.replace("x", "×"), path=self.path)


def label_format(layout: str) -> LabelFormat:
    sheet = LAYOUTS.get(layout.strip().lower().replace("×", "x"))
    if sheet is None:
        raise DomainError(_("unknown label layout {layout}: use one of {layouts}").format(
            layout=layout, layouts=", ".join(LAYOUTS)))
    return sheet


def default_path(layout: str, *, segment_no: str | None = None,
                 logged_entry_no: int | None = None) -> Path:
    """Where the labels go when no file is named: output/labels in the data folder, the file
    named for the segment (or logged segment) and the layout, e.g. SEG00005-36x70.docx."""
    source = segment_no if logged_entry_no is None else f"logged-{logged_entry_no}"
    name = safe_file_name(f"{source}-{layout}", fallback="labels") + ".docx"
    return output_dir("labels") / name


def segment_addresses(segment_no: str) -> Iterator[list[str]]:
    """The mail address of each contact line of the segment, in line order, a page at a time."""
    for _line, values in line_values(segment_no):
        yield values["Contact_Mail_Address"].split("\n") if values["Contact_Mail_Address"] \
            else []


def logged_addresses(entry_no: int) -> Iterator[list[str]]:
    """The mail address of the contact of each interaction entry of logged segment `entry_no`
    that is not canceled, in entry order, a page at a time (one query a page)."""
    setup = MarketingSetup.get_or_none(MarketingSetup.id == 1)
    home = (setup.company_country_code if setup else "") or ""
    after = 0
    while True:
        rows = list(
            InteractionLogEntry.select(
                InteractionLogEntry.entry_no,
                *(getattr(Contact, name).alias(name) for name in CONTACT_FIELDS),
                fn.COALESCE(CountryRegion.name, "").alias("country_name"))
            .join(Contact, on=(Contact.no == InteractionLogEntry.contact_no))
            .join_from(Contact, CountryRegion, JOIN.LEFT_OUTER,
                       on=(CountryRegion.code == Contact.country_code))
            .where((InteractionLogEntry.logged_segment_entry_no == entry_no)
                   & ~InteractionLogEntry.canceled & (InteractionLogEntry.entry_no > after))
            .order_by(InteractionLogEntry.entry_no).limit(PAGE).dicts())
        for row in rows:
            yield mail_address({**row, "home_country": home})
        if len(rows) < PAGE:
            return
        after = rows[-1]["entry_no"]


def _counted(addresses: Iterable[list[str]], progress: Callable[[int], None] | None
             ) -> Iterator[list[str]]:
    for count, address in enumerate(addresses, 1):
        if progress is not None and count % 100 == 1:
            progress(count - 1)
        yield address


def write_labels(layout: str, *, segment_no: str | None = None,
                 logged_entry_no: int | None = None,
                 out: str | Path | None = None,
                 progress: Callable[[int], None] | None = None) -> LabelsWritten:
    """The Labels action: the labels of a segment or of a logged segment in `layout`, written
    to `out` (default `default_path`). Nothing is written when the input is refused, nor when
    `progress` (called with the labels made so far) raises to stop the work."""
    if (segment_no is None) == (logged_entry_no is None):
        raise DomainError(_("name a segment or a logged segment for the labels"))
    sheet = label_format(layout)
    layout = next(name for name, value in LAYOUTS.items() if value == sheet)
    if logged_entry_no is not None:
        get_logged_segment(logged_entry_no)
        addresses = logged_addresses(logged_entry_no)
    else:
        segment_no = get_segment(segment_no).no
        addresses = segment_addresses(segment_no)
    path = Path(out) if out is not None and str(out).strip() else default_path(
        layout, segment_no=segment_no, logged_entry_no=logged_entry_no)
    with atomic_file(path) as file:
        count = write_label_sheet(_counted(addresses, progress), sheet, file)
        if count == 0:  # raised inside the block: no file is left
            raise DomainError(_("there are no contacts to make labels for"))
    return LabelsWritten(path=path, labels=count, pages=pages(count, sheet), layout=layout)
