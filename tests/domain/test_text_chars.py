"""Emoji sequences are text; a joiner or tag outside one, and control characters, are not."""
import pytest

from segtui.domain.errors import DomainError
from segtui.domain.text_chars import printable
from segtui.domain.values import parse_text

EMOJI = ["Anna 👩‍💻", "🏳️‍🌈", "👨🏽‍🚀", "👨‍👩‍👧", "🇸🇪", "1️⃣", "#️⃣", "❤️‍🔥", "🏃‍♀️",
         "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f Scotland"]
NOT_TEXT = ["An\u200dna", "\u200d👩", "👩\u200d", "a\u200d👩", "Anna\u200b", "a\x1b[31m",
            "a\x07", "a\u202e", "\U000e0067x", "🏴\U000e0067", "x\U000e0067\U000e007f"]


@pytest.mark.parametrize("text", EMOJI)
def test_emoji_sequences_are_text(text):
    assert printable(text)
    assert parse_text("Name", text, 100) == text  # as typed on a contact card


@pytest.mark.parametrize("text", NOT_TEXT)
def test_a_joiner_or_tag_outside_an_emoji_and_control_characters_are_refused(text):
    assert not printable(text)
    with pytest.raises(DomainError, match="control characters"):
        parse_text("Name", text, 100)
