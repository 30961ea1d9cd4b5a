"""The ids in a letter that must be unique in a combined file, given fresh values letter by
letter: bookmarks (ids, and names where an earlier letter took them, with the REF, PAGEREF …
fields and internal links of the letter following its renamed bookmarks), drawings, footnote,
endnote and comment references, and list numbers (each letter's lists start again).
"""
import re
from collections.abc import Callable

from segtui.domain.documents.word.package import w

WP_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
# Word's longest bookmark name.
_NAME_LENGTH = 40
# Fields whose arguments name a bookmark (a field whose first word is a bookmark's name is a
# REF too).
_BOOKMARK_FIELDS = {"REF", "PAGEREF", "NOTEREF", "SET", "ASK", "GOTOBUTTON", "HYPERLINK"}
_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|([^\s"]+)')
_ID, _NAME, _VAL = w("id"), w("name"), w("val")
_NUM_ID, _STYLE = w("numId"), w("pStyle")
_FOOTNOTE, _ENDNOTE = w("footnoteReference"), w("endnoteReference")
_BOOKMARK_MARKS = (w("bookmarkStart"), w("bookmarkEnd"))
# The elements whose ids `LetterIds.apply` renumbers.
_ID_TAGS = (WP_DOC_PR, _NUM_ID, _STYLE, *_BOOKMARK_MARKS, _FOOTNOTE, _ENDNOTE,
            w("commentRangeStart"), w("commentRangeEnd"), w("commentReference"))
# What may stand before w:numPr in a paragraph's properties.
_BEFORE_NUMPR = {w(tag) for tag in ("pStyle", "keepNext", "keepLines", "pageBreakBefore",
                                    "framePr", "widowControl")}


class IdSpace:
    """The ids and bookmark names taken so far in one combined file."""

    def __init__(self) -> None:
        self.bookmark_names: set[str] = set()
        self.next_bookmark = 0
        self.next_drawing = 1

    def bookmark_name(self, name: str, number: int) -> str:
        """`name` itself when no earlier letter took it, else `name` with the letter's number
        (kept within Word's 40 characters; a hidden `_` bookmark stays hidden)."""
        candidate, extra = name, 0
        while candidate in self.bookmark_names:
            extra += 1
            suffix = f"_{number}" + (f"_{extra}" if extra > 1 else "")
            candidate = name[:_NAME_LENGTH - len(suffix)] + suffix
        self.bookmark_names.add(candidate)
        return candidate


def bookmark_names(*roots) -> list[str]:
    return [start.get(w("name"), "") for root in roots if root is not None
            for start in root.iter(w("bookmarkStart"))]


class LetterIds:
    """Renumbering one letter's stories. `notes` maps footnotes/endnotes/comments to the old
    id -> new id of that letter's notes; `list_number` gives the combined file's w:num for one
    of the letter's (None when it has none); `style_lists` the list (numId, level) of each
    paragraph style that numbers its paragraphs."""

    def __init__(self, number: int, space: IdSpace, names: list[str],
                 notes: dict[str, dict[str, str]], list_number: Callable[[str], str | None],
                 style_lists: dict[str, tuple[str, str]]):
        self.number = number
        self.space = space
        self.names = {name: space.bookmark_name(name, number) for name in dict.fromkeys(names)}
        self.renamed = {old: new for old, new in self.names.items() if old != new}
        self.bookmark_ids: dict[str, str] = {}
        self.notes = notes
        self.list_number = list_number
        self.style_lists = style_lists

    def apply(self, root) -> None:
        """Give every id in `root` (a story part, or one note of it) its combined value, in
        one walk over the elements that carry ids."""
        footnotes = self.notes.get("footnotes", {})
        endnotes = self.notes.get("endnotes", {})
        comments = self.notes.get("comments", {})
        styled = []
        for element in root.iter(*_ID_TAGS):
            tag = element.tag
            if tag == WP_DOC_PR:
                element.set("id", str(self.space.next_drawing))
                self.space.next_drawing += 1
            elif tag == _NUM_ID:
                new = self.list_number(element.get(_VAL, ""))
                if new is not None:
                    element.set(_VAL, new)
            elif tag == _STYLE:
                if element.get(_VAL) in self.style_lists:
                    styled.append(element)
            elif tag in _BOOKMARK_MARKS:
                self._bookmark(element)
            else:
                numbers = (footnotes if tag == _FOOTNOTE else endnotes if tag == _ENDNOTE
                           else comments)
                old = element.get(_ID)
                element.set(_ID, numbers.get(old, old))
        if self.renamed:
            self._references(root)
        for style in styled:
            self._style_list(style)

    def _bookmark(self, mark) -> None:
        old = mark.get(_ID)
        if old not in self.bookmark_ids:
            self.bookmark_ids[old] = str(self.space.next_bookmark)
            self.space.next_bookmark += 1
        mark.set(_ID, self.bookmark_ids[old])
        name = mark.get(_NAME)
        if name is not None:
            mark.set(_NAME, self.names.get(name) or self.space.bookmark_name(name, self.number))

    def _references(self, root) -> None:
        """Fields and internal links of the letter point at its bookmarks' new names."""
        for link in root.iter(w("hyperlink")):
            anchor = link.get(w("anchor"))
            if anchor in self.renamed:
                link.set(w("anchor"), self.renamed[anchor])
        for simple in root.iter(w("fldSimple")):
            simple.set(w("instr"), self._renamed_code(simple.get(w("instr"), "")))
        for codes in _field_codes(root):
            old = "".join(code.text or "" for code in codes)
            new = self._renamed_code(old)
            if new != old:
                codes[0].text = new
                for code in codes[1:]:
                    code.text = ""

    def _renamed_code(self, code: str) -> str:
        words = code.split()
        if not words or (words[0].upper() not in _BOOKMARK_FIELDS
                         and words[0] not in self.renamed):
            return code

        def rename(match: re.Match) -> str:
            quoted, bare = match.groups()
            if bare is not None:
                return self.renamed.get(bare, bare)
            return f'"{self.renamed[quoted]}"' if quoted in self.renamed else match.group(0)
        return _TOKEN.sub(rename, code)

    def _style_list(self, style) -> None:
        """A paragraph numbered by its style gets the letter's own list, as its own numbers."""
        listed = self.style_lists[style.get(_VAL)]
        properties = style.getparent()
        if properties.tag != w("pPr"):
            return
        numbering = properties.find(w("numPr"))
        if numbering is None:
            numbering = properties.makeelement(w("numPr"), {})
            later = next((child for child in properties if child.tag not in _BEFORE_NUMPR), None)
            if later is None:
                properties.append(numbering)
            else:
                later.addprevious(numbering)
        new = self.list_number(listed[0])
        if numbering.find(_NUM_ID) is not None or new is None:
            return
        if numbering.find(w("ilvl")) is None:
            numbering.append(numbering.makeelement(w("ilvl"), {_VAL: listed[1]}))
        numbering.append(numbering.makeelement(_NUM_ID, {_VAL: new}))


def _field_codes(root):
    """The instruction elements of each complex field in `root`, innermost fields first."""
    stack = []
    for element in root.iter(w("fldChar"), w("instrText")):
        if element.tag == w("instrText"):
            if stack:
                stack[-1].append(element)
            continue
        kind = element.get(w("fldCharType"))
        if kind == "begin":
            stack.append([])
        elif kind == "end" and stack:
            codes = stack.pop()
            if codes:
                yield codes
