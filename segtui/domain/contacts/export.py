"""Every contact as a row of a contact file, streamed a page at a time in No. order (keyset).

The row keys are `contact_columns.EXPORT_NAMES`, the columns `contacts import` reads, so an
exported file imports again unchanged. Options are labels, the classification columns sorted
lists of codes (a person's industry groups are its company's).
"""
from collections import defaultdict
from collections.abc import Callable, Iterator

from segtui.domain.contacts.file_columns import CONTACT_COLUMNS, model_field
from segtui.domain.contacts.contact_list import contact_filter
from segtui.domain.values import option_label
from segtui.store.enums import ContactType
from segtui.store.models import (
    Contact, ContactIndustryGroup, ContactJobResponsibility, ContactMailingGroup)

PAGE_SIZE = 2000
FIELD_COLUMNS = tuple(column for column in CONTACT_COLUMNS if column.kind != "codes")
SELECTED = tuple(model_field(column) for column in FIELD_COLUMNS)
# classification column -> (link table, its code field, whether a person reads its company's)
CODE_LINKS = {
    "mailing_groups": (ContactMailingGroup, ContactMailingGroup.mailing_group, False),
    "job_responsibilities": (ContactJobResponsibility,
                             ContactJobResponsibility.job_responsibility, False),
    "industry_groups": (ContactIndustryGroup, ContactIndustryGroup.industry_group, True),
}
Progress = Callable[[int, int | None], None]


def contact_export_count(filter_text: str = "") -> int:
    """How many contacts `contact_export_rows` yields for this filter (a scan when filtered)."""
    query = Contact.select()
    condition = contact_filter(filter_text)
    if condition is not None:
        query = query.where(condition)
    return query.count()


def contact_export_rows(filter_text: str = "", *, progress: Progress | None = None,
                        page_size: int = PAGE_SIZE) -> Iterator[dict]:
    """Each contact (narrowed as the Contacts screen's filter does) as a dict keyed by
    `EXPORT_NAMES`, in No. order, `page_size` contacts per query.

    `progress(done, total)` is called before the first page and after each one; it may raise
    to stop the export.
    """
    condition = contact_filter(filter_text)
    total = contact_export_count(filter_text) if progress else None
    done, last = 0, None
    if progress:
        progress(done, total)
    while True:
        query = Contact.select(*SELECTED)
        for part in (condition, None if last is None else Contact.no > last):
            if part is not None:
                query = query.where(part)
        page = list(query.order_by(Contact.no).limit(page_size).tuples())
        if not page:
            return
        yield from _page_rows(page)
        done, last = done + len(page), page[-1][0]
        if progress:
            progress(done, total)
        if len(page) < page_size:
            return


def _page_rows(page: list[tuple]) -> Iterator[dict]:
    names = [column.name for column in FIELD_COLUMNS]
    contacts = [dict(zip(names, values)) for values in page]
    holders = {}  # contact no -> whose industry groups it shows (None: a person on its own)
    for contact in contacts:
        is_person = contact["type"] == ContactType.PERSON
        holders[contact["no"]] = contact["company_no"] if is_person else contact["no"]
    codes = {}
    for name, (link, code_field, of_company) in CODE_LINKS.items():
        owners = {holder for holder in holders.values() if holder} if of_company else holders
        codes[name] = _codes_by_contact(link, code_field, owners)
    for contact in contacts:
        row = {}
        for column in CONTACT_COLUMNS:
            if column.kind == "codes":
                _link, _field, of_company = CODE_LINKS[column.name]
                owner = holders[contact["no"]] if of_company else contact["no"]
                row[column.name] = codes[column.name].get(owner, [])
                continue
            value = contact[column.name]
            if column.kind == "option":
                row[column.name] = option_label(column.enum(value))
            elif column.kind == "bool":
                row[column.name] = bool(value)
            else:
                row[column.name] = "" if value is None else value
        yield row

def _codes_by_contact(link, code_field, owners) -> dict[str, list[str]]:
    """The sorted codes of each of `owners` in one query."""
    if not owners:
        return {}
    found = defaultdict(list)
    for owner, code in (link.select(link.contact, code_field)
                        .where(link.contact.in_(list(owners))).tuples()):
        found[owner].append(code)
    return {owner: sorted(codes) for owner, codes in found.items()}
