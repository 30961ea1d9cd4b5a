"""Which characters a text typed or imported may hold: printable ones, and emoji sequences.

`str.isprintable()` refuses every format character, and so the zero-width joiner (U+200D) that
joins emoji (woman + laptop, a family, the rainbow flag) and the tag characters (U+E0020 to
U+E007F) of subdivision flags such as Scotland's. Those are accepted where they take part in an
emoji sequence; anywhere else (a joiner inside a word, where it would hide a difference between
two names), and every control character, is still refused.
"""
import unicodedata

ZWJ = "\u200d"
BLACK_FLAG = "\U0001f3f4"  # a subdivision flag: the black flag, tag letters, the cancel tag
TAGS = range(0xE0020, 0xE007F)
CANCEL_TAG = "\U000e007f"
EMOJI_PARTS = {"\ufe0f", "\ufe0e", "\u20e3"}  # variation selectors, the keycap


def is_emoji(char: str) -> bool:
    """A pictograph or symbol an emoji sequence is made of (skin tones are modifiers, Sk)."""
    return unicodedata.category(char) in ("So", "Sk") and ord(char) >= 0x2000


def _ends_emoji(text: str, index: int) -> bool:
    """The characters before `index` end with an emoji (its selectors and modifiers allowed)."""
    while index > 0 and (text[index - 1] in EMOJI_PARTS or ord(text[index - 1]) in TAGS
                         or text[index - 1] == CANCEL_TAG):
        index -= 1
    return index > 0 and is_emoji(text[index - 1])


def _in_tag_sequence(text: str, index: int) -> bool:
    """The tag character at `index` follows the black flag (through tags) and a cancel tag ends
    the sequence."""
    start = index
    while start > 0 and ord(text[start - 1]) in TAGS:
        start -= 1
    end = index
    while end < len(text) and ord(text[end]) in TAGS:
        end += 1
    return start > 0 and text[start - 1] == BLACK_FLAG and text[end:end + 1] == CANCEL_TAG


def printable(text: str) -> bool:
    """True when every character is printable or part of an emoji sequence."""
    if text.isprintable():
        return True
    for index, char in enumerate(text):
        if char.isprintable():
            continue
        if char == ZWJ and _ends_emoji(text, index) and text[index + 1:index + 2] \
                and is_emoji(text[index + 1]):
            continue
        if ord(char) in TAGS and _in_tag_sequence(text, index):
            continue
        if char == CANCEL_TAG and index > 0 and ord(text[index - 1]) in TAGS \
                and _in_tag_sequence(text, index - 1):
            continue
        return False
    return True
