"""Number series: hands out segment numbers and entry numbers, never the same one twice."""
from segtui.domain.errors import DomainError
from segtui.i18n import _
from segtui.store.connection import write_transaction
from segtui.store.models import MarketingSetup, NoSeries

SETUP_SERIES = {
    "segment": MarketingSetup.segment_nos,
    "logged_segment": MarketingSetup.logged_segment_nos,
    "interaction_entry": MarketingSetup.interaction_entry_nos,
    "campaign_entry": MarketingSetup.campaign_entry_nos,
    "attachment": MarketingSetup.attachment_nos,
}


def format_number(prefix: str, width: int, number: int) -> str:
    return f"{prefix}{number:0{width}d}"


def reserve(series_code: str, count: int = 1) -> int:
    """Take `count` consecutive numbers from a series and return the first of them.

    One UPDATE … SET last_no = last_no + count under the write lock: two processes drawing at
    once queue on the lock and each gets its own block.
    """
    if count < 1:
        raise DomainError(_("cannot take {count} numbers from series {series}").format(
            count=count, series=series_code))
    with write_transaction():
        changed = (NoSeries.update(last_no=NoSeries.last_no + count)
                   .where(NoSeries.code == series_code).execute())
        if not changed:
            raise DomainError(_("number series {series} does not exist").format(
                series=series_code))
        last = NoSeries.select(NoSeries.last_no).where(NoSeries.code == series_code).scalar()
    return last - count + 1


def series_for(purpose: str) -> str:
    """The series code Marketing Setup names for `purpose` (e.g. "segment")."""
    field = SETUP_SERIES[purpose]
    code = MarketingSetup.select(field).where(MarketingSetup.id == 1).scalar()
    if not code:
        raise DomainError({
            "segment": _("no number series for segments is set up in Marketing Setup"),
            "logged_segment": _("no number series for logged segments is set up in Marketing "
                                "Setup"),
            "interaction_entry": _("no number series for interaction entrys is set up in "
                                   "Marketing Setup"),
            "campaign_entry": _("no number series for campaign entrys is set up in Marketing "
                                "Setup"),
            "attachment": _("no number series for attachments is set up in Marketing Setup"),
        }[purpose])
    return code


def next_code(purpose: str) -> str:
    """The next formatted number (e.g. SEG00007) of the series set up for `purpose`."""
    series_code = series_for(purpose)
    first = reserve(series_code)
    series = NoSeries.get_by_id(series_code)
    return format_number(series.prefix, series.width, first)


def next_entry_numbers(purpose: str, count: int) -> int:
    """The first of `count` new entry numbers (logged segments, interaction entries …)."""
    return reserve(series_for(purpose), count)
