"""parse_criterion refuses a malformed filter the same way in every kind of field.

A code or text field used to take `..;;<>` as a range up to the value ";;<>" and quietly
select nothing, while a date or number field refused it; the TUI and the CLI share this parser.
"""
import pytest

from segtui.domain.errors import DomainError
from segtui.domain.segments.criteria_sources import parse_criterion

MALFORMED = ["..;;<>", "A<>B", "10000..<20000", "X=Y"]
FIELDS = ["business", "industry.code", "contact.no", "contact.search_name", "contact.name",
          "contact.post_code", "interaction.date", "interaction.cost"]


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("expression", MALFORMED)
def test_an_operator_inside_a_value_is_refused_in_every_field(crm, field, expression):
    with pytest.raises(DomainError, match="out of place"):
        parse_criterion(f"{field}={expression}")


@pytest.mark.parametrize("text", ["business=<>RETAIL", "contact.no=>=P-A", "contact.no=<=P-Z",
                                  "contact.name='a<b'", "contact.post_code=10000..19999",
                                  "contact.no=<>''"])
def test_operators_that_start_a_part_and_quoted_marks_still_work(crm, text):
    assert parse_criterion(text).text == text
