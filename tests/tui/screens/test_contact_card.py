"""The contact card, driven by keys at 80×24 over the known CRM: create, edit with refusals,
classification, history, and data shown literally."""
from textual.widgets import DataTable, Static, TabbedContent
from tests.support.tui import settle

from segtui.store.enums import ContactType
from segtui.store.models import (
    Contact, ContactJobResponsibility, ContactMailingGroup, ContactProfileAnswer, MailingGroup)
from segtui.tui.app import SegtuiApp
from segtui.tui.dialogs.confirm import ConfirmDialog
from segtui.tui.dialogs.lookup import LookupDialog
from segtui.tui.screens.contact_card import CodeList, ContactCardScreen
from segtui.tui.widgets.field_row import FieldRow

SIZE = (80, 24)


def card(pilot) -> ContactCardScreen:
    assert isinstance(pilot.app.screen, ContactCardScreen)
    return pilot.app.screen


def field(pilot, attr: str) -> FieldRow:
    return card(pilot).row(attr)


def lines_of(widget) -> list[str]:
    return [widget.render_line(y).text.rstrip() for y in range(widget.size.height)]


def codes(model, column, contact_no: str) -> set[str]:
    return {getattr(row, column) for row in model.select().where(model.contact == contact_no)}


async def open_card(pilot, contact_no: str) -> None:
    """From the contact list: filter to the contact, Enter opens its card."""
    await pilot.app.switch_mode("contacts")
    await settle(pilot)
    await pilot.press("slash", *contact_no, "enter")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert card(pilot).contact_no == contact_no


async def test_create_a_person_of_a_company_by_keys(crm_settings):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.switch_mode("contacts")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert card(pilot).contact_no is None
        assert app.focused is field(pilot, "no").editor
        await pilot.press(*"p-nina", "tab")  # leaving the number creates the contact
        await settle(pilot)
        assert card(pilot).contact_no == "P-NINA"
        assert app.focused is field(pilot, "type").editor
        await pilot.press("enter", "down", "enter")  # Type: Person
        await settle(pilot)
        await pilot.press("tab", *"Nina Nord", "tab")
        await settle(pilot)
        assert app.focused is field(pilot, "company_no").editor
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, LookupDialog)
        await pilot.press(*"acme", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactCardScreen)
        nina = Contact.get_by_id("P-NINA")
        assert (nina.type, nina.name, nina.search_name) == (
            ContactType.PERSON, "Nina Nord", "NINA NORD")
        assert (nina.company_no_id, nina.company_name) == ("C-ACME", "Acme Retail AB")
        assert field(pilot, "company_name").text == "Acme Retail AB"
        assert field(pilot, "no").editor.disabled

        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one("#contacts-filter").value == ""
        assert "P-NINA" in [row.no for row in app.screen.query_one("#contacts-table").window]


async def test_a_bad_email_shows_beside_the_field_and_nothing_is_saved(crm_settings):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await open_card(pilot, "P-ANNA")
        await pilot.press("ctrl+pagedown", "tab", "tab")
        assert app.focused is field(pilot, "email").editor
        await pilot.press("ctrl+u", *"anna@", "enter")
        await settle(pilot)
        email = field(pilot, "email")
        message = str(email.query_one(".field-message", Static).render())
        assert message == "E-Mail: 'anna@' is not an e-mail address (write name@domain.com)"
        assert email.has_class("invalid")
        assert Contact.get_by_id("P-ANNA").email == "p-anna@example.com"

        await pilot.press("ctrl+u", *"anna@acme.se", "enter")
        await settle(pilot)
        assert Contact.get_by_id("P-ANNA").email == "anna@acme.se"
        assert not email.has_class("invalid")


async def test_add_and_remove_classification(crm_settings):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await open_card(pilot, "P-ANNA")
        await pilot.press("ctrl+pagedown", "ctrl+pagedown")
        await settle(pilot)
        mailing = card(pilot).code_list("mailing_groups")
        assert app.focused is mailing
        await pilot.press("plus")
        await settle(pilot)
        assert isinstance(app.screen, LookupDialog)
        await pilot.press(*"xmas", "enter")
        await settle(pilot)
        assert codes(ContactMailingGroup, "mailing_group", "P-ANNA") == {"NEWSLETTER", "XMAS"}
        assert [row["code"] for row in mailing.rows_shown] == ["NEWSLETTER", "XMAS"]
        await pilot.press("delete")  # the cursor is on NEWSLETTER: asked first, No by default
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.question == ("Remove NEWSLETTER from the Mailing Groups of contact "
                                       "P-ANNA? 1 row is removed.")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactCardScreen)
        assert codes(ContactMailingGroup, "mailing_group", "P-ANNA") == {"NEWSLETTER", "XMAS"}
        await pilot.press("delete", "y")
        await settle(pilot)
        assert isinstance(app.screen, ContactCardScreen)
        assert codes(ContactMailingGroup, "mailing_group", "P-ANNA") == {"XMAS"}

        await pilot.press("tab")
        assert app.focused is card(pilot).code_list("job_responsibilities")
        await pilot.press("insert")
        await settle(pilot)
        await pilot.press(*"it", "enter")
        await settle(pilot)
        assert codes(ContactJobResponsibility, "job_responsibility", "P-ANNA") == {
            "IT", "PURCHASE"}
        await pilot.press("down", "minus")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog) and "PURCHASE" in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        assert codes(ContactJobResponsibility, "job_responsibility", "P-ANNA") == {"IT"}

        await pilot.press("tab", "plus")  # industry groups are the company's
        await settle(pilot)
        assert isinstance(app.screen, ContactCardScreen)
        message = str(app.screen.query_one("#card-message", Static).render())
        assert message == "Industry groups belong to the company C-ACME: change them on its card."
        assert [row["code"] for row in card(pilot).code_list("industry_groups").rows_shown] == [
            "RETAIL"]

        await pilot.press("tab", "plus")  # a profile answer: questionnaire, then answer
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LookupDialog)
        await pilot.press(*"large", "enter")
        await settle(pilot)
        answers = ContactProfileAnswer.select().where(ContactProfileAnswer.contact == "P-ANNA")
        assert [(a.questionnaire, a.line_no) for a in answers] == [("CUSTOMER", 40000)]


async def test_the_history_lists_the_contacts_interactions(crm_settings):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await open_card(pilot, "P-ANNA")
        await pilot.press("ctrl+pagedown", "ctrl+pagedown", "ctrl+pagedown")
        await settle(pilot)
        assert app.screen.query_one(TabbedContent).active == "card-history"
        table = app.screen.query_one("#card-history-table", DataTable)
        assert app.focused is table
        rows = [line.split() for line in lines_of(table) if line.strip()]
        assert rows[0] == ["Entry", "Date", "Template", "Description", "Segment", "Evaluation",
                           "Canceled"]
        assert rows[1:] == [["1", "2025-10-01", "LETTER", "Letter", "to", "P-ANNA", "SEG00090"]]


async def test_data_shows_literally(crm_settings):
    Contact.update(name="[bold]x", city="[red]Solna").where(Contact.no == "P-ANNA").execute()
    MailingGroup.update(description="[i]News").where(MailingGroup.code == "NEWSLETTER").execute()
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(ContactCardScreen("P-ANNA"))
        await settle(pilot)
        assert field(pilot, "name").editor.value == "[bold]x"
        assert field(pilot, "city").editor.value == "[red]Solna"
        assert app.screen.sub_title == "[bold]x"
        await pilot.press("ctrl+pagedown", "ctrl+pagedown")
        await settle(pilot)
        shown = lines_of(app.screen.query_one("#card-list-mailing_groups", CodeList))
        assert shown[1].split() == ["NEWSLETTER", "[i]News"]
