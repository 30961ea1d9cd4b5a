"""The pages of the Setup screen: the code tables, interaction templates, saved criteria and
the user setup."""
from segtui.i18n import _
from segtui.tui.screens.setup_pages.base import SetupPage
from segtui.tui.screens.setup_pages.saved_criteria import SavedCriteriaPage
from segtui.tui.screens.setup_pages.table_page import TablePage
from segtui.tui.screens.setup_pages.templates import TemplatesPage


def setup_pages() -> list[tuple[str, SetupPage]]:
    """Each page with its (short) label in the list of pages, in NAV's order."""
    return [
        (_("Number series"), TablePage("no_series")),
        (_("Salespeople"), TablePage("salespeople")),
        (_("Campaigns"), TablePage("campaigns")),
        (_("Languages"), TablePage("languages")),
        (_("Mailing groups"), TablePage("mailing_groups")),
        (_("Industry groups"), TablePage("industry_groups")),
        (_("Job responsib."), TablePage("job_responsibilities")),
        (_("Business rel."), TablePage("business_relations")),
        (_("Inter. groups"), TablePage("interaction_groups")),
        (_("Inter. templates"), TemplatesPage()),
        (_("Saved criteria"), SavedCriteriaPage()),
        (_("Users"), TablePage("users")),
    ]
