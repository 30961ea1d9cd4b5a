"""Word mail merge: a template parsed once, then one merged .docx per data row in a fraction of
the time a load-replace-save loop takes.

`Template(data)` reads the .docx once and turns every MERGEFIELD (simple `w:fldSimple` or complex
fldChar begin/instrText/separate/result/end over any number of runs) and every typed «Field_Name»
placeholder (even when Word split it over runs) in the body, tables, headers, footers and notes
into a slot: one run carrying the formatting of the field's result (or the placeholder's first
run). An IF field (conditions.py) becomes a slot too: the text it chooses for each data row, as
Word's merge to a new document writes it, with the MERGEFIELDs and IFs nested in it evaluated
(an IF over paragraphs makes them one, and its text's paragraph marks split it again).
Each story part is kept as XML text cut at its slots, so `render(values)` only evaluates the
slots, escapes their text, joins the pieces and zips. A «placeholder» is a field name between
the marks (letters, digits, `_`); a field the data row does not have shows nothing.

Other fields (PAGE, DATE, REF, HYPERLINK …) stay as they are, for Word to update; a MERGEFIELD or
IF inside such a field's code becomes one quoted argument of that code and the outer field is
marked dirty for Word to recompute. The fields a merge does not evaluate (ASK, FILLIN, NEXT …,
`NOT_EVALUATED`) keep the template's text and are listed by `Template.unevaluated`. Values are
plain text: a line break becomes `w:br`, a tab `w:tab`. The field language: docs/word-fields.md.

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
from segtui.domain.documents.word.conditions import Constant, IfField, parse_if
from segtui.domain.documents.word.field_tree import PARAGRAPH_MARK, Field, part_fields
from segtui.domain.documents.word.fields import MergeField, parse_instruction
from segtui.domain.documents.word.package import (
    W_NS, Deflated, as_merged_document, deflate, parse_xml, read_parts, reading_order, serialise,
    story_parts, w, write_parts, xml_text)
from segtui.domain.documents.word.text import to_text

__all__ = ["FieldUse", "Template", "combine", "to_text"]

# Where a field sits, as a person would say it: the kind of story part that holds it.
STORY_PLACES = {"document": "body", "header": "header", "footer": "footer",
                "footnotes": "footnote", "endnotes": "endnote"}

_SLOT_START, _SLOT_END = "\U000F0000", "\U000F0001"
_SLOT = re.compile(f"{_SLOT_START}(\\d+){_SLOT_END}".encode())
# A typed placeholder is a field name between « and », as Word shows a merge field: letters,
# digits and underscores only, so «Bonjour madame» and « Bonjour » (quotation marks) stay text.
_PLACEHOLDER = re.compile(r"«(\w{1,80})»")
_DECLARATION = re.compile(r' xmlns(?::([\w.-]+))?="([^"]*)"')
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Characters XML 1.0 cannot hold; a value carrying one would make the document unreadable.
# Fields a merge does not evaluate, left with the text the template shows and reported by
# `Template.unevaluated`: those that ask the person merging, move between data rows, set
# bookmarks, or read other files or data sources. Fields Word updates itself (PAGE, DATE, REF,
# HYPERLINK, TOC, = …) are not among them.
NOT_EVALUATED = frozenset({
    "ASK", "FILLIN", "SET", "NEXT", "NEXTIF", "SKIPIF", "MERGEREC", "MERGESEQ", "DATABASE",
    "ADDRESSBLOCK", "GREETINGLINE", "MERGEBARCODE", "INCLUDETEXT", "INCLUDEPICTURE"})


@dataclass(frozen=True)
class FieldUse:
    """A field a document uses and where: `place` is body, header, footer, footnote or endnote.
    For `Template.field_uses` `name` is the merge field as written; for
    `Template.unevaluated` it is the field's type (ASK, FILLIN, NEXT …)."""
    name: str
    place: str


@dataclass(frozen=True)
class _Slot:
    """Where a text goes: its source (a MergeField, an IfField) and how its text is written
    there — as text of a run (`line_break`, `tab`: the markup for those characters), or, with
    `line_break` None, inside another field's code: as one quoted argument, or escaped only when
    the code already has it inside quotation marks or is a formula (`quoted` False).
    `paragraph_breaks`: the markup that ends a paragraph and starts the next, for the 1st, 2nd …
    paragraph mark of an IF whose texts hold some (the last one for any further)."""
    source: object
    line_break: str | None
    tab: str | None
    quoted: bool = True
    paragraph_breaks: tuple[str, ...] = ()

    def render(self, values: dict[str, str]) -> bytes:
        text = self.source.text(values)
        if not text:
            return b'""' if self.line_break is None and self.quoted else b""
        text = xml_text(text).replace("\r\n", "\n").replace("\r", "\n")
        if self.line_break is None:
            text = text.replace(PARAGRAPH_MARK, "\n").replace("\\", "\\\\").replace('"', '\\"')
            text = " ".join(text.split("\n"))
            return escape(f'"{text}"' if self.quoted else text).encode()
        text = escape(text).replace("\n", self.line_break).replace("\t", self.tab)
        if PARAGRAPH_MARK in text:
            first, *rest = text.split(PARAGRAPH_MARK)
            breaks = self.paragraph_breaks or (self.line_break,)
            text = first + "".join(breaks[min(number, len(breaks) - 1)] + piece
                                   for number, piece in enumerate(rest))
        return text.encode()

    def merge_fields(self) -> list[MergeField]:
        return self.source.merge_fields()


class Template:
    """A Word document parsed once for merging; `render` gives the merged .docx of one data row.

    Raises DomainError (naming the kind of file) when `data` is not a readable Word document.
    """

    def __init__(self, data: bytes, name: str = "the document"):
        parts = as_merged_document(read_parts(data, name), name)
        stories = story_parts(parts, name)
        self._slots: list[_Slot] = []
        self._parts: dict[str, Deflated | list] = {}
        unevaluated: dict[str, list[str]] = {}
        for part_name, data in parts.items():
            root = parse_xml(data, part_name, name) if part_name in stories else None
            if root is None:
                self._parts[part_name] = deflate(data)
                continue
            left = unevaluated.setdefault(part_name, [])
            self._parts[part_name] = (_pieces(serialise(root)) if self._cut(root, left.append)
                                      else deflate(data))
        order = reading_order(stories)
        self._uses = _used_fields(self._slots, [(STORY_PLACES[stories[part]], self._parts[part])
                                                for part in order])
        self._fields = list(dict.fromkeys(use.name for use in self._uses))
        self._unevaluated = list(dict.fromkeys(
            FieldUse(kind, STORY_PLACES[stories[part]]) for part in order
            for kind in unevaluated[part]))

    def fields(self) -> list[str]:
        """The merge fields the document uses, as written, in reading order (headers, body,
        notes, footers), each once; those inside IF fields too."""
        return list(self._fields)

    def field_uses(self) -> list[FieldUse]:
        """Each merge field the document uses with the place it is in, in reading order, each
        (field, place) once; those inside IF fields too."""
        return list(self._uses)

    def unevaluated(self) -> list[FieldUse]:
        """The fields a merge does not evaluate (`NOT_EVALUATED`: ASK, FILLIN, NEXT, …, and an
        IF it cannot read) by type and place, each once: their text in the letters is whatever
        the template last showed."""
        return list(self._unevaluated)

    def render(self, values: Mapping[str, object]) -> bytes:
        """The merged .docx for one data row; keys are matched like field names (case, spaces,
        underscores and hyphens do not matter). A field without a value — also one the row does
        not have — shows nothing."""
        row = {normalise(key): "" if value is None else str(value)
               for key, value in values.items()}
        texts = [slot.render(row) for slot in self._slots]
        return write_parts({part_name: data if isinstance(data, Deflated)
                            else b"".join(texts[piece] if isinstance(piece, int) else piece
                                          for piece in data)
                            for part_name, data in self._parts.items()})

    def _cut(self, root, report) -> bool:
        """Turn the fields and placeholders of one story part into slots, `report`ing the type
        of each field left unevaluated; True if the part has any slot (only then was anything
        changed)."""
        before = len(self._slots)
        prefix = next((f"{p}:" if p else "" for p, uri in root.nsmap.items() if uri == W_NS),
                      "w:")
        markup = (f"</{prefix}t><{prefix}br/><{prefix}t xml:space=\"preserve\">",
                  f"</{prefix}t><{prefix}tab/><{prefix}t xml:space=\"preserve\">")
        for field in part_fields(root):
            self._place(field, markup, report)
        self._cut_placeholders(root, markup)
        return len(self._slots) > before

    def _place(self, field: Field, markup, report, quoted: bool = True) -> bool:
        """Evaluate `field` into a slot where segtui can (MERGEFIELD, IF), else leave it and
        look inside it; True when merged text went into its place or its code."""
        source = _evaluated(field, report)
        breaks = ()
        if isinstance(source, IfField) and len(field.paragraphs()) > 1:
            rpr = _result_rpr(field, source)
            breaks = None if field.in_code else _join_paragraphs(field.paragraphs(), rpr)
            if breaks is None:  # over table cells, a section break …: left for Word
                source = None
        if source is not None:
            if field.in_code:
                run = self._code_run(_Slot(source, None, None, quoted))
            else:
                run = self._value_run(_Slot(source, *markup, paragraph_breaks=tuple(breaks)),
                                      _result_rpr(field, source))
            field.span[0].addprevious(run)
            for element in field.span:
                element.getparent().remove(element)
            return True
        if field.type in NOT_EVALUATED or field.type == "IF":
            report(field.type)
        merged = False
        # a formula (= …) takes its operands as they are: a quoted number is no number to it
        formula = field.type.startswith("=")
        inside_quotes = formula
        for piece in field.code:
            if isinstance(piece, str):
                inside_quotes ^= not formula and _unescaped_quotes(piece) % 2 == 1
            else:
                merged |= self._place(piece, markup, report, quoted=not inside_quotes)
        if merged:  # Word recomputes the field from its new code when the letter is opened
            field.mark_dirty()
        for nested in field.in_result:
            merged |= self._place(nested, markup, report)
        return merged

    def _add_slot(self, slot: _Slot) -> str:
        self._slots.append(slot)
        return f"{_SLOT_START}{len(self._slots) - 1}{_SLOT_END}"

    def _value_run(self, slot: _Slot, rpr):
        run = _element("r")
        if rpr is not None:
            run.append(copy.deepcopy(rpr))
        text = _element("t", run)
        text.set(_XML_SPACE, "preserve")
        text.text = self._add_slot(slot)
        return run

    def _code_run(self, slot: _Slot):
        run = _element("r")
        code = _element("instrText", run)
        code.set(_XML_SPACE, "preserve")
        code.text = self._add_slot(slot)
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
                marker = self._add_slot(_Slot(MergeField(match.group(1)), *markup))
                replace_span(texts, starts, match.start(), match.end(), marker)


def _evaluated(field: Field, report):
    """What segtui shows in place of `field` (a MergeField, an IfField), or None when it leaves
    the field as it is."""
    if field.type == "MERGEFIELD":
        return parse_instruction(field.instruction)
    if field.type == "IF":
        return parse_if([piece if isinstance(piece, str) else _nested(piece, report)
                         for piece in field.code])
    return None


def _nested(field: Field, report):
    """What a field nested in an IF's code stands for when the IF is evaluated."""
    source = _evaluated(field, report)
    if source is not None:
        return source
    if field.type in NOT_EVALUATED or field.type == "IF":
        report(field.type)
    return Constant(field.result_text())


def _join_paragraphs(paragraphs: list, rpr) -> list[str] | None:
    """Make the paragraphs an IF field spans one (the first, with the others' content after
    its own), so that the IF's chosen text decides where paragraphs end; the markup for each
    paragraph mark of the text: the paragraph that follows it takes the properties of the
    paragraph that followed that mark in the template, its text the IF's formatting. None, and
    nothing changed, when the paragraphs are not siblings one after the other or one ends a
    section."""
    first = paragraphs[0]
    following = list(first.itersiblings())[:len(paragraphs) - 1]
    if first.getparent() is None or len(following) < len(paragraphs) - 1 or any(
            sibling is not paragraph for sibling, paragraph in zip(following, paragraphs[1:])):
        return None
    if any(paragraph.find(f"{w('pPr')}/{w('sectPr')}") is not None
           for paragraph in paragraphs[:-1]):
        return None
    name = first.prefix
    tag = f"{name}:" if name else ""
    run_properties = _markup(rpr)
    breaks = []
    for paragraph in paragraphs[1:]:
        breaks.append(f"</{tag}t></{tag}r></{tag}p><{tag}p>{_markup(paragraph.find(w('pPr')))}"
                      f"<{tag}r>{run_properties}<{tag}t xml:space=\"preserve\">")
        for child in [child for child in paragraph if child.tag != w("pPr")]:
            first.append(child)
        paragraph.getparent().remove(paragraph)
    return breaks


def _markup(element) -> str:
    """An element of the part as XML text, without the namespace declarations the part's root
    makes already (the text goes back into the same part)."""
    if element is None:
        return ""
    text = etree.tostring(element, encoding="unicode", with_tail=False)
    declared = element.getroottree().getroot().nsmap
    return _DECLARATION.sub(lambda match: "" if declared.get(match.group(1) or None)
                            == match.group(2) else match.group(0), text)


def _unescaped_quotes(text: str) -> int:
    return len(re.findall(r'(?<!\\)["“”]', text))


def _result_rpr(field: Field, source):
    """The formatting a merged text takes: the first result text run's (MERGEFORMAT, Word's
    default for merged documents; a nested field's result counts), or the field code's for
    CHARFORMAT or an empty result."""
    if field.simple is not None:
        return _rpr(field.simple.find(f".//{w('r')}"))
    code_run = next((run for run in field.code_runs if run.find(w("instrText")) is not None),
                    None)
    if source.switches.char_format:
        return _rpr(code_run)
    result_run = next((run for run in field.result() if run.find(w("t")) is not None), None)
    return _rpr(result_run if result_run is not None else code_run)


def _element(tag: str, parent=None):
    return etree.Element(w(tag)) if parent is None else etree.SubElement(parent, w(tag))


def _rpr(run):
    return None if run is None else run.find(w("rPr"))


def complex_fields(root):
    """The complex MERGEFIELDs of a part, outermost first: (field, its runs from begin to end,
    whether it sits in another field's code). Used by insert.py (personal text)."""
    found = []

    def walk(fields: list[Field]) -> None:
        for field in fields:
            merge_field = parse_instruction(field.instruction) if (
                field.simple is None and field.type == "MERGEFIELD") else None
            if merge_field:
                found.append((merge_field, field.span, field.in_code))
            else:
                walk(field.nested)
                walk(field.in_result)

    walk(part_fields(root))
    return found


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
    """The merge fields of the (place, story) pairs, each (field, place) once, a field under the
    name it is first written with."""
    names, uses = {}, {}
    for place, story in stories:
        if isinstance(story, Deflated):
            continue
        for piece in story:
            if isinstance(piece, int):
                for field in slots[piece].merge_fields():
                    name = names.setdefault(field.key, field.name)
                    uses.setdefault((field.key, place), FieldUse(name, place))
    return list(uses.values())
