"""Word's field language as segtui reads it, piece by piece: number pictures, the words of a
field code, IF expressions and their comparison, MERGEFIELD switches (docs/word-fields.md)."""
from decimal import Decimal

import pytest

from segtui.domain.documents.word.conditions import Constant, compare, parse_if, words
from segtui.domain.documents.word.fields import MergeField, parse_instruction
from segtui.domain.documents.word.pictures import format_number, parse_number


@pytest.mark.parametrize("text, number", [
    ("1234", Decimal("1234")), ("-1,234.50", Decimal("-1234.50")), ("+.5", Decimal("0.5")),
    (" 42 ", Decimal("42")), ("0", Decimal("0")),
])
def test_numbers_are_read_with_sign_grouping_and_decimals(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize("text", ["", "abc", "12a", "1,23", "1.2.3", "-", ".", "1 234"])
def test_text_that_is_not_a_number_is_none(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("value, picture, shown", [
    ("1234.5", "#,##0.00", "1,234.50"),
    ("1234567.891", "#,##0.00", "1,234,567.89"),
    ("0.5", "#,##0.00", "0.50"),
    ("5", "0", "5"),
    ("2.5", "0", "3"),  # half away from zero, as Word rounds
    ("-2.5", "0", "-3"),
    ("1234567", "# ##0", "1 234 567"),
    ("7", "00", "07"),
    ("1234.5", "$#,##0.00;($#,##0.00)", "$1,234.50"),
    ("-1234.5", "$#,##0.00;($#,##0.00)", "($1,234.50)"),
    ("-5", "$#,##0.00", "-$5.00"),
    ("0", "#,##0;-#,##0;'nothing'", "nothing"),
    ("25", "0%", "25%"),
    ("3.10", "0.##", "3.1"),
    ("0.5", "#.00", ".50"),
    ("1499", "# ##0 'kr'", "1 499 kr"),
    ("111053", "x##", "053"),
    ("5", "-0", " 5"),
    ("-5", "-0", "-5"),
    ("5", "+0", "+5"),
    ("n/a", "#,##0.00", "n/a"),
    ("", "0", ""),
    ("12 Main Street", "0", "12 Main Street"),
])
def test_number_pictures(value, picture, shown):
    assert format_number(value, picture) == shown


def test_words_of_a_code_keep_a_nested_fields_value_as_one_word():
    name = Constant("Anna Berg")
    found = words([' IF ', name, ' = "Anna Berg" "Hej \\"du\\"!" “Hello” \\* Upper '])
    assert [(word.text({}), word.quoted) for word in found] == [
        ("IF", False), ("Anna Berg", False), ("=", False), ("Anna Berg", True),
        ('Hej "du"!', True), ("Hello", True), ("\\*", False), ("Upper", False)]


def test_words_join_text_and_nested_fields_inside_quotes():
    found = words([' IF 1 = 1 "Dear ', Constant("Anna"), ',"'])
    assert found[-1].text({}) == "Dear Anna," and found[-1].quoted


@pytest.mark.parametrize("left, operator, right, expected", [
    ("10", ">", "9", True),  # numbers compare as numbers …
    ("10", "<", "9", False),
    ("1,000", "=", "1000.0", True),
    ("abc", "<", "abd", True),  # … text as text
    ("10", ">", "9a", False),
    ("Stockholm", "=", "Stockholm", True),
    ("Stockholm", "=", "stockholm", False),  # case sensitive, as Word
    ("Stockholm", "<>", "Oslo", True),
    ("5", "<=", "5", True),
    ("5", ">=", "6", False),
    ("", "=", "", True),
])
def test_comparison(left, operator, right, expected):
    assert compare(left, operator, right) is expected


@pytest.mark.parametrize("left, operator, right, expected", [
    ("Stockholm", "=", "Stock*", True),
    ("Stockholm", "=", "S?ockholm", True),
    ("Stockholm", "=", "*holm", True),
    ("Oslo", "=", "Stock*", False),
    ("Oslo", "<>", "Stock*", True),
])
def test_wildcards_in_quoted_text(left, operator, right, expected):
    assert compare(left, operator, right, wildcards=True) is expected
    assert compare(left, operator, right, wildcards=False) is (operator == "<>")


def row(**values: str) -> dict[str, str]:
    return {key.lower(): value for key, value in values.items()}


def test_if_chooses_its_text_by_the_data_row():
    field = parse_if([" IF ", MergeField("City"), ' = "Stockholm" "Hej " "Hello " '])
    assert field.text(row(City="Stockholm")) == "Hej "
    assert field.text(row(City="Oslo")) == "Hello "
    assert field.text({}) == "Hello "
    assert field.merge_fields() == [MergeField("City")]


def test_if_without_texts_or_with_switches():
    assert parse_if([' IF 1 = 1 ']).text({}) == ""
    assert parse_if([' IF 1 = 2 "yes" ']).text({}) == ""
    upper = parse_if([' IF ', MergeField("X"), ' > 2 "many" "few" \\* Upper \\* MERGEFORMAT '])
    assert upper.text(row(X="3")) == "MANY"
    amount = parse_if([' IF 1 = 1 "1234.5" \\# "#,##0.00" '])
    assert amount.text({}) == "1,234.50"


def test_nested_if_and_merge_fields_in_the_texts():
    inner = parse_if([" IF ", MergeField("Country"), ' = "SE" "Hej" "Hi"'])
    outer = parse_if([" IF ", MergeField("Name"), ' = "" "', inner, ' there" "', inner, " ",
                      MergeField("Name", parse_instruction(
                          ' MERGEFIELD Name \\* Upper ').switches), '"'])
    assert outer.text(row(Name="", Country="SE")) == "Hej there"
    assert outer.text(row(Name="ann", Country="NO")) == "Hi ANN"
    assert [field.name for field in outer.merge_fields()] == [
        "Name", "Country", "Country", "Name"]


@pytest.mark.parametrize("code", [
    [" IF "], [' IF "a" "b" "c" '], [" IF x == y 'a' 'b' "], [' PAGE '], [' IF a "=" b ']])
def test_a_code_that_is_no_readable_if_is_none(code):
    assert parse_if(code) is None


@pytest.mark.parametrize("instruction, value, shown", [
    (' MERGEFIELD Amount \\# "#,##0.00" ', "1234.5", "1,234.50"),
    (' MERGEFIELD Amount \\#"0" \\b "EUR " ', "99.5", "EUR 100"),
    (' MERGEFIELD Amount \\# "#,##0.00" \\* Upper ', "n/a", "N/A"),
    (' MERGEFIELD Day \\@ "dddd d MMMM" \\* Upper ', "2026-01-05", "MONDAY 5 JANUARY"),
    (' MERGEFIELD Name \\f "!" ', "", ""),
])
def test_merge_field_switches(instruction, value, shown):
    assert parse_instruction(instruction).show(value) == shown
