"""Word mail merge: a template parsed once, then one merged .docx per data row in a fraction of
the time a load-replace-save loop takes.

`Template(data)` reads the .docx once and turns every MERGEFIELD (simple `w:fldSimple` or complex
fldChar begin/instrText/separate/result/end over any number of runs) and every typed «Field Name»
placeholder (even when Word split it over runs) in the body, tables, headers, footers and notes
into a slot: one run carrying the formatting of the field's result (or the placeholder's first
run). Each story part is kept as XML text cut at its slots, so `render(values)` only escapes the
values, joins the pieces and zips. Other fields (IF, PAGE, DATE …) stay as they are; a
MERGEFIELD inside another field's code becomes quoted text of that code and the outer field is
marked for Word to update. Values are plain text: a line break becomes `w:br`, a tab `w:tab`.

`to_text` (a terminal preview) and `combine` (letters into one document) live beside this
module and are re-exported here.
"""
import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass
from xml.sax.saxutils import escape

from lxml import etree

from segtui.domain.documents.merge_fields import normalise
from segtui.domain.documents.word.combine import combine
from segtui.domain.documents.word.fields import MergeField, parse_instruction
from segtui.domain.documents.word.package import (
    W_NS, Deflated, as_merged_document, deflate, parse_xml, read_parts, reading_order, serialise,
    story_parts, w, write_parts)
from segtui.domain.documents.word.text import to_text

__all__ = ["FieldUse", "Template", "combine", "to_text"]

# Where a field sits, as a person would say it: the kind of story part that holds it.
STORY_PLACES = {"document": "body", "header": "header", "footer": "footer",
                "footnotes": "footnote", "endnotes": "endnote"}

_SLOT_START, _SLOT_END = "\U000F0000", "\U000F0001"
_SLOT = re.compile(f"{_SLOT_START}(\\d+){_SLOT_END}".encode())
_PLACEHOLDER = re.compile(r"«\s*(\w[\w \-]{0,79}?)\s*»")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Characters XML 1.0 cannot hold; a value carrying one would make the document unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FIELD_MARKS = (w("fldChar"), w("instrText"))


@dataclass(frozen=True)
class FieldUse:
    """A field a document uses and where: `place` is body, header, footer, footnote or endnote.
    For `Template.field_uses` `name` is the merge field as written; for
    `Template.unevaluated` it is the field's type (ASK, FILLIN, NEXT …)."""
    name: str
    place: str


@dataclass(frozen=True)
class _Slot:
    """Where a value goes: the field, how its text is written there, and (for a «placeholder»)
    the text kept when the data row has no such field."""
    field: MergeField
    key: str
    line_break: str | None
    tab: str | None
    literal: str | None = None

    def render(self, values: dict[str, str]) -> bytes:
        value = values.get(self.key)
        if value is None and self.literal is not None:
            return escape(self.literal).encode()
        text = _NOT_XML.sub("", value or "").replace("\r\n", "\n").replace("\r", "\n")
        text = self.field.show(text)
        if self.line_break is None:  # inside another field's code: one quoted argument
            text = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
            return escape(" ".join(text.split("\n"))).encode()
        return escape(text).replace("\n", self.line_break).replace("\t", self.tab).encode()


class Template:
    """A Word document parsed once for merging; `render` gives the merged .docx of one data row.

    Raises DomainError (naming the kind of file) when `data` is not a readable Word document.
    """

    def __init__(self, data: bytes, name: str = "the document"):
        parts = as_merged_document(read_parts(data, name), name)
        stories = story_parts(parts, name)
        self._slots: list[_Slot] = []
        self._parts: dict[str, Deflated | list] = {}
        for part_name, data in parts.items():
            root = parse_xml(data, part_name, name) if part_name in stories else None
            self._parts[part_name] = (_pieces(serialise(root)) if root is not None
                                      and self._cut(root) else deflate(data))
        self._uses = _used_fields(self._slots, [(STORY_PLACES[stories[part]], self._parts[part])
                                                for part in reading_order(stories)])
        self._fields = list(dict.fromkeys(use.name for use in self._uses))
        self._unevaluated: list[FieldUse] = []

    def fields(self) -> list[str]:
        """The merge fields the document uses, as written, in reading order (headers, body,
        notes, footers), each once."""
        return list(self._fields)

    def field_uses(self) -> list[FieldUse]:
        """Each merge field the document uses with the place it is in, in reading order, each
        (field, place) once."""
        return list(self._uses)

    def unevaluated(self) -> list[FieldUse]:
        """The fields a merge does not evaluate (ASK, FILLIN, NEXT, …) by type and place, each
        once: their text in the letters is whatever the template last showed."""
        return list(self._unevaluated)

    def render(self, values: Mapping[str, object]) -> bytes:
        """The merged .docx for one data row; keys are matched like field names (case, spaces,
        underscores and hyphens do not matter). A field without a value shows nothing."""
        row = {normalise(key): "" if value is None else str(value)
               for key, value in values.items()}
        texts = [slot.render(row) for slot in self._slots]
        return write_parts({part_name: data if isinstance(data, Deflated)
                            else b"".join(texts[piece] if isinstance(piece, int) else piece
                                          for piece in data)
                            for part_name, data in self._parts.items()})

    def _cut(self, root) -> bool:
        """Turn the fields and placeholders of one story part into slots; True if it has any."""
        before = len(self._slots)
        prefix = next((f"{p}:" if p else "" for p, uri in root.nsmap.items() if uri == W_NS),
                      "w:")
        markup = (f"</{prefix}t><{prefix}br/><{prefix}t xml:space=\"preserve\">",
                  f"</{prefix}t><{prefix}tab/><{prefix}t xml:space=\"preserve\">")
        for simple in list(root.iter(w("fldSimple"))):
            field = parse_instruction(simple.get(w("instr"), ""))
            if field:
                first_run = simple.find(f".//{w('r')}")
                simple.addprevious(self._value_run(field, _rpr(first_run), markup))
                simple.getparent().remove(simple)
        for field, span, in_code in complex_fields(root):
            if span[0].getparent() is None:  # inside a merge field already replaced
                continue
            if in_code:
                run = self._code_run(field)
            else:
                run = self._value_run(field, _field_rpr(field, span), markup)
            span[0].addprevious(run)
            for element in span:
                element.getparent().remove(element)
        self._cut_placeholders(root, markup)
        return len(self._slots) > before

    def _add_slot(self, slot: _Slot) -> str:
        self._slots.append(slot)
        return f"{_SLOT_START}{len(self._slots) - 1}{_SLOT_END}"

    def _value_run(self, field: MergeField, rpr, markup):
        run = _element("r")
        if rpr is not None:
            run.append(copy.deepcopy(rpr))
        text = _element("t", run)
        text.set(_XML_SPACE, "preserve")
        text.text = self._add_slot(_Slot(field, normalise(field.name), *markup))
        return run

    def _code_run(self, field: MergeField):
        run = _element("r")
        code = _element("instrText", run)
        code.set(_XML_SPACE, "preserve")
        code.text = self._add_slot(_Slot(field, normalise(field.name), None, None))
        return run

    def _cut_placeholders(self, root, markup) -> None:
        for texts in paragraph_texts(root):
            joined = "".join(text.text or "" for text in texts)
            if "«" not in joined:
                continue
            starts, offset = [], 0
            for text in texts:
                starts.append(offset)
                offset += len(text.text or "")
            for match in reversed(list(_PLACEHOLDER.finditer(joined))):
                name = match.group(1)
                marker = self._add_slot(_Slot(MergeField(name), normalise(name), *markup,
                                              literal=match.group(0)))
                replace_span(texts, starts, match.start(), match.end(), marker)


def _element(tag: str, parent=None):
    return etree.Element(w(tag)) if parent is None else etree.SubElement(parent, w(tag))


def _rpr(run):
    return None if run is None else run.find(w("rPr"))


def _field_rpr(field: MergeField, span):
    """The formatting a merged value takes: the first result text run's (MERGEFORMAT, Word's
    default for merged documents), or the field code's for CHARFORMAT or an empty result."""
    code_run = next((run for run in span if run.find(w("instrText")) is not None), None)
    if field.char_format:
        return _rpr(code_run)
    result_run = next((run for run in _after_separate(span) if run.find(w("t")) is not None),
                      None)
    return _rpr(result_run if result_run is not None else code_run)


def _after_separate(span):
    depth, separated = 0, False
    for run in span:
        mark = run.find(w("fldChar"))
        kind = mark.get(w("fldCharType")) if mark is not None else None
        if kind == "begin":
            depth += 1
        elif kind == "end":
            depth -= 1
        elif kind == "separate" and depth == 1:
            separated = True
        elif separated and depth == 1:
            yield run


@dataclass
class _OpenField:
    begin: object
    in_code: bool
    span: list
    instruction: list
    separated: bool = False


def complex_fields(root):
    """The complex MERGEFIELDs of a part, outermost first: (field, its runs from begin to end,
    whether it sits in another field's code)."""
    runs = [run for run in list(root.iter(w("r"))) for run in _split_field_marks(run)]
    stack, found = [], []
    for run in runs:
        mark = run.find(w("fldChar"))
        kind = mark.get(w("fldCharType")) if mark is not None else None
        if kind == "begin":
            in_code = bool(stack) and not stack[-1].separated
            stack.append(_OpenField(run, in_code, [], []))
        for open_field in stack:
            open_field.span.append(run)
        if not stack:
            continue
        instruction = run.find(w("instrText"))
        if instruction is not None:
            stack[-1].instruction.append(instruction.text or "")
        if kind == "separate":
            stack[-1].separated = True
        elif kind == "end":
            closed = stack.pop()
            field = parse_instruction("".join(closed.instruction))
            if field:
                if closed.in_code:
                    for outer in stack:
                        outer.begin.find(w("fldChar")).set(w("dirty"), "true")
                found.append((closed.begin, field, closed.span, closed.in_code))
    order = {id(run): position for position, run in enumerate(runs)}
    found.sort(key=lambda item: order[id(item[0])])
    return [(field, span, in_code) for _, field, span, in_code in found]


def _split_field_marks(run):
    """`run` as runs of one content element each when it mixes field marks with other content
    (python-docx and some tools write begin and instruction in one run), so that a field's runs
    can be removed whole."""
    content = [child for child in run if child.tag != w("rPr")]
    if len(content) < 2 or not any(child.tag in _FIELD_MARKS for child in content):
        return [run]
    pieces = []
    for child in content:
        piece = copy.deepcopy(run)
        for extra in [element for element in piece if element.tag != w("rPr")]:
            piece.remove(extra)
        piece.append(child)
        pieces.append(piece)
    for piece in pieces:
        run.addprevious(piece)
    run.getparent().remove(run)
    return pieces


def paragraph_texts(root):
    """The w:t elements of each paragraph (text in a text box counts for the box's own
    paragraph, not the one that anchors it)."""
    by_paragraph = {}
    for text in root.iter(w("t")):
        paragraph = next(text.iterancestors(w("p")), None)
        if paragraph is not None:
            by_paragraph.setdefault(paragraph, []).append(text)
    return by_paragraph.values()


def replace_span(texts, starts, start, end, marker) -> None:
    """Put `marker` where characters start..end of a paragraph's joined text were, keeping it
    in the first run's w:t (so it takes that run's formatting)."""
    for text, offset in zip(texts, starts):
        content = text.text or ""
        if offset + len(content) <= start or offset >= end:
            continue
        keep_before = content[:max(start - offset, 0)]
        keep_after = content[end - offset:] if end - offset < len(content) else ""
        text.text = keep_before + (marker if offset <= start else "") + keep_after
        text.set(_XML_SPACE, "preserve")


def _pieces(xml: bytes) -> list:
    """`xml` cut at its slot markers: byte strings and slot numbers, alternately."""
    pieces = _SLOT.split(xml)
    return [piece if position % 2 == 0 else int(piece) for position, piece in enumerate(pieces)]


def _used_fields(slots: list[_Slot], stories: list) -> list[FieldUse]:
    """The fields of the (place, story) pairs, each (field, place) once, a field under the name
    it is first written with."""
    names, uses = {}, {}
    for place, story in stories:
        if isinstance(story, Deflated):
            continue
        for piece in story:
            if isinstance(piece, int):
                name = names.setdefault(slots[piece].key, slots[piece].field.name)
                uses.setdefault((slots[piece].key, place), FieldUse(name, place))
    return list(uses.values())
