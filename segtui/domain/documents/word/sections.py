"""Letters as sections of a combined file: each starts on a new page with page 1, keeps its own
headers and footers (where it has none of a kind, a blank one stops the previous letter's from
running on, as Word links an unset header to the previous section's), and ends in a section
break that carries its last section's properties.
"""
from segtui.domain.documents.word.package import R_NS, w

# The order of a w:sectPr's children (ECMA-376 CT_SectPr), after the header/footer references.
_SECTION_ORDER = {w(tag): rank for rank, tag in enumerate((
    "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc", "pgBorders", "lnNumType",
    "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi",
    "rtlGutter", "docGrid", "printerSettings", "sectPrChange"))}
REFERENCES = (w("headerReference"), w("footerReference"))
_KEEP_TYPES = ("oddPage", "evenPage")
_R_ID = f"{{{R_NS}}}id"


def letter_sections(body) -> list:
    """The section properties of a letter's body in order; the body's own last."""
    sections = [section for section in body.iter(w("sectPr"))
                if section.getparent() is not body
                and section.getparent().tag == w("pPr")
                and section.getparent().getparent().tag == w("p")]
    final = body[-1] if len(body) and body[-1].tag == w("sectPr") else None
    if final is None:
        final = body.makeelement(w("sectPr"), {})
        body.append(final)
    return sections + [final]


def child(section, tag: str):
    """The child `tag` of `section`, added in its place when missing."""
    tag = w(tag)
    found = section.find(tag)
    if found is not None:
        return found
    found = section.makeelement(tag, {})
    rank = _SECTION_ORDER[tag]
    later = next((element for element in section
                  if _SECTION_ORDER.get(element.tag, -1) > rank), None)
    if later is None:
        section.append(found)
    else:
        later.addprevious(found)
    return found


def start_letter(section, restart_footnotes: bool) -> None:
    """A letter's first section starts on a new page numbered 1 (unless the letter says from
    which number) and, when asked, numbers its footnotes from 1."""
    kind = child(section, "type")
    if kind.get(w("val")) not in _KEEP_TYPES:
        kind.set(w("val"), "nextPage")
    numbering = child(section, "pgNumType")
    if numbering.get(w("start")) is None:
        numbering.set(w("start"), "1")
    if restart_footnotes and section.find(w("footnotePr")) is None:
        restart = child(section, "footnotePr")
        restart.append(restart.makeelement(w("numRestart"), {w("val"): "eachSect"}))


def references(section) -> set[tuple[str, str]]:
    """The (header or footer tag, type) pairs `section` sets."""
    return {(element.tag, element.get(w("type"), "default")) for element in section
            if element.tag in REFERENCES}


def add_blank_references(section, earlier: set[tuple[str, str]], blank_link) -> None:
    """Give `section` a blank header or footer of each kind an earlier letter set and it does
    not; `blank_link(tag)` is the link id of the blank part for that tag."""
    for tag, kind in sorted(earlier - references(section)):
        section.insert(0, section.makeelement(tag, {w("type"): kind,
                                                    _R_ID: blank_link(tag)}))


def end_letter(body, last, section) -> None:
    """Close a letter whose last body element is `last` with a section break holding
    `section`, in its last paragraph as Word writes one (a paragraph of its own after a table
    or an earlier break)."""
    if last is None or last.tag != w("p") or last.find(f"{w('pPr')}/{w('sectPr')}") is not None:
        last = body.makeelement(w("p"), {})
        body.append(last)
    properties = last.find(w("pPr"))
    if properties is None:
        properties = last.makeelement(w("pPr"), {})
        last.insert(0, properties)
    change = properties.find(w("pPrChange"))
    if change is None:
        properties.append(section)
    else:
        change.addprevious(section)

