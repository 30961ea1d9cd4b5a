"""The fields of one story part as Word nests them: each field (simple `w:fldSimple` or complex
fldChar begin / instruction / separate / result / end over any number of runs) with its code —
instruction text and the fields nested in it, in order — and the fields nested in its result.

Word splits a field code over runs where it likes (mid-word, around a nested field, at a
formatting change); the code here is the text of every `w:instrText` of the field's own level,
joined, with a `w:br` / `w:tab` in a code run as a line break / tab character, a paragraph
mark as PARAGRAPH_MARK, and each nested field as an object between the texts. Nothing is
changed except that a run mixing field marks with other content is split into runs of one
element each, so that a field's runs can be removed whole.
"""
import copy
from dataclasses import dataclass, field

from segtui.domain.documents.word.fields import field_type
from segtui.domain.documents.word.package import w

_FIELD_MARKS = (w("fldChar"), w("instrText"))
PARAGRAPH_MARK = "\u2029"  # Unicode's paragraph separator, for the end of a paragraph in a code
_CODE_CHARACTERS = {w("br"): "\n", w("cr"): "\n", w("tab"): "\t"}


@dataclass(eq=False)
class Field:
    """One field of a part. `span` is what removing the field removes (its runs from begin to
    end, nested fields' included, or its `w:fldSimple`); `code` alternates text and nested
    fields."""
    span: list
    code: list = field(default_factory=list)
    in_result: list = field(default_factory=list)
    result_runs: list = field(default_factory=list)
    code_runs: list = field(default_factory=list)
    begin: object = None
    simple: object = None
    in_code: bool = False
    separated: bool = False
    closed: bool = False

    @property
    def instruction(self) -> str:
        """The code's own text (nested fields left out)."""
        return "".join(piece for piece in self.code if isinstance(piece, str))

    @property
    def type(self) -> str:
        first = next((piece for piece in self.code if not isinstance(piece, str)
                      or piece.strip()), "")
        return field_type(first) if isinstance(first, str) else ""

    @property
    def nested(self) -> list["Field"]:
        return [piece for piece in self.code if isinstance(piece, Field)]

    def result(self) -> list:
        """The runs of the field's result as the template shows it (nested fields' too)."""
        if self.simple is not None:
            return list(self.simple.iter(w("r")))
        return self.span[self._separate() + 1:]

    def result_text(self) -> str:
        """The text the template shows as the field's result."""
        return "".join(text.text or "" for run in self.result() for text in run.iter(w("t")))

    def _separate(self) -> int:
        depth = 0
        for position, run in enumerate(self.span):
            kind = _mark(run)
            depth += kind == "begin"
            if kind == "separate" and depth == 1:
                return position
            depth -= kind == "end"
        return len(self.span)

    def paragraphs(self) -> list:
        """The paragraphs the field is in, in order (one for most fields)."""
        if self.simple is not None:
            return [next(self.simple.iterancestors(w("p")), None)]
        first = next(self.span[0].iterancestors(w("p")), None)
        return _paragraphs_between(first, next(self.span[-1].iterancestors(w("p")), None))

    def mark_dirty(self) -> None:
        """Ask Word to update the field when the document is opened."""
        if self.simple is not None:
            self.simple.set(w("dirty"), "true")
        else:
            self.begin.find(w("fldChar")).set(w("dirty"), "true")

    def add_code(self, piece) -> None:
        if isinstance(piece, str) and self.code and isinstance(self.code[-1], str):
            self.code[-1] += piece
        else:
            self.code.append(piece)


def part_fields(root) -> list[Field]:
    """The outermost fields of a part in document order (unfinished ones left out)."""
    elements = [element for element in list(root.iter(w("r"), w("fldSimple")))
                if not _inside_simple(element)]
    stack: list[Field] = []
    top: list[Field] = []

    def attach(new: Field) -> None:
        if not stack:
            top.append(new)
        elif stack[-1].separated:
            stack[-1].in_result.append(new)
        else:
            new.in_code = True
            stack[-1].add_code(new)

    last_paragraph = None
    for element in elements:
        paragraph = next(element.iterancestors(w("p")), None)
        if paragraph is not last_paragraph:
            if stack and not stack[-1].separated and last_paragraph is not None:
                stack[-1].add_code(PARAGRAPH_MARK * len(_paragraphs_between(last_paragraph,
                                                                            paragraph)[1:]))
            last_paragraph = paragraph
        if element.tag == w("fldSimple"):
            simple = Field([element], simple=element, separated=True, closed=True)
            simple.add_code(element.get(w("instr"), ""))
            attach(simple)
            for open_field in stack:
                open_field.span.append(element)
            continue
        for run in split_field_marks(element):
            kind = _mark(run)
            if kind == "begin":
                opened = Field([], begin=run)
                attach(opened)
                stack.append(opened)
            for open_field in stack:
                open_field.span.append(run)
            if not stack:
                continue
            current = stack[-1]
            if kind == "separate":
                current.separated = True
            elif kind == "end":
                current.closed = True
                stack.pop()
            elif not current.separated:
                current.code_runs.append(run)
                for child in run:
                    if child.tag == w("instrText"):
                        current.add_code(child.text or "")
                    elif child.tag in _CODE_CHARACTERS:
                        current.add_code(_CODE_CHARACTERS[child.tag])
            elif kind is None:
                current.result_runs.append(run)
    return [found for found in top if found.closed]


def _paragraphs_between(first, last) -> list:
    """The paragraphs from `first` to `last`, empty ones between them too, when they follow one
    another in one container; else just the two."""
    if first is last:
        return [first]
    if first is None or last is None:
        return [first, last]
    found = [first]
    for sibling in first.itersiblings():
        if sibling.tag != w("p"):
            break
        found.append(sibling)
        if sibling is last:  # the proxies stay in the list: lxml keeps one per node while alive
            return found
    return [first, last]


def _mark(run) -> str | None:
    mark = run.find(w("fldChar"))
    return mark.get(w("fldCharType")) if mark is not None else None


def _inside_simple(element) -> bool:
    return any(ancestor.tag == w("fldSimple") for ancestor in element.iterancestors())


def split_field_marks(run):
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
