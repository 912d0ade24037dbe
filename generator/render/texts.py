"""The author's texts as docxtpl subdocuments, one per section of the report.

Each section's paragraphs, lists, tables and pictures are cut out of
``tekster_ÅR.docx`` into a small document of their own and handed to
docxtpl's ``new_subdoc``, which moves what they refer to into the report:
styles (mapped by name, so the template's look wins), list numbering,
hyperlink relationships and images. The template places each one with
``{{p tekster.KEY }}``; its XML is inserted after Jinja has parsed the
template, so the author's words are never read as template code.
"""

from __future__ import annotations

from io import BytesIO
from typing import TYPE_CHECKING, Any

from lxml import etree

from ..schema import TEXT_SECTIONS

if TYPE_CHECKING:
    from ..reading.texts import Texts

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
XPATH = {"w": W_NS}


def section_subdocs(template: Any, texts: Texts | None) -> dict[str, Any]:
    """Every section key → its subdocument, or None where the author wrote nothing."""
    subdocs: dict[str, Any] = {section.key: None for section in TEXT_SECTIONS}
    if texts is None:
        return subdocs
    for key, section in texts.sections.items():
        subdocs[key] = template.new_subdoc(_cut_out(texts.source, section.blocks))
    return subdocs


def _cut_out(source: bytes, blocks: tuple[int, ...]) -> BytesIO:
    """A copy of the texts file whose body holds only ``blocks``, ready to be merged."""
    from docx import Document

    document = Document(BytesIO(source))
    body = document.element.body
    keep = set(blocks)
    for position, element in reversed(list(enumerate(body))):
        if position not in keep and element.tag != f"{W}sectPr":
            body.remove(element)
    _accept_tracked_changes(body)
    _drop(body, _ANNOTATIONS)
    for run in _NOTE_RUNS(body):  # their text lives in a part the report renders as a template
        run.getparent().remove(run)
    for paragraph in body.iter(f"{W}p"):
        _number_from_style(paragraph, document.styles.element)
    stream = BytesIO()
    document.save(stream)
    stream.seek(0)
    return stream


# What is the author's working state, not the text: review comments, hidden
# bookmarks of one document (their ids would collide in the report), and
# section breaks (the report's page layout is the template's).
_ANNOTATIONS = etree.XPath(
    ".//w:commentRangeStart | .//w:commentRangeEnd | .//w:r[w:commentReference]"
    " | .//w:bookmarkStart | .//w:bookmarkEnd | .//w:pPr/w:sectPr"
    " | .//w:proofErr | .//w:permStart | .//w:permEnd",
    namespaces=XPATH,
)
_NOTE_RUNS = etree.XPath(".//w:r[w:footnoteReference or w:endnoteReference]", namespaces=XPATH)
_REJECTED = etree.XPath(
    ".//w:del | .//w:moveFrom | .//w:pPrChange | .//w:rPrChange | .//w:sectPrChange"
    " | .//w:tblPrChange | .//w:tcPrChange | .//w:trPrChange | .//w:tblGridChange"
    " | .//w:moveFromRangeStart | .//w:moveFromRangeEnd | .//w:moveToRangeStart"
    " | .//w:moveToRangeEnd",
    namespaces=XPATH,
)
_ACCEPTED = etree.XPath(".//w:ins | .//w:moveTo", namespaces=XPATH)


def _drop(body: Any, found: etree.XPath) -> None:
    for element in found(body):
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)


def _accept_tracked_changes(body: Any) -> None:
    """The text as it reads with every tracked change accepted (what the author sees)."""
    _drop(body, _REJECTED)
    for element in _ACCEPTED(body):
        parent = element.getparent()
        if parent is None:
            continue
        if parent.tag in (f"{W}rPr", f"{W}trPr"):  # an inserted paragraph mark or row
            parent.remove(element)
            continue
        index = parent.index(element)
        for offset, child in enumerate(list(element)):
            parent.insert(index + offset, child)
        parent.remove(element)


def _number_from_style(paragraph: Any, styles: Any) -> None:
    """Give a list paragraph its numbering directly, not only through its style.

    A bullet written with the List Bullet style gets its numbering from that
    style. In the report the template's style of the same name wins, and it
    may have no numbering: the bullets would vanish. Stated on the paragraph,
    the numbering travels with it (and still takes the template's look where
    the template's style has one).
    """
    properties = paragraph.pPr
    if properties is not None and properties.numPr is not None:
        return
    style_id = None if properties is None else properties.pStyle
    number = _style_numbering(styles, style_id.val if style_id is not None else None)
    if number is None:
        return
    num_id, level = number
    numbering = paragraph.get_or_add_pPr().get_or_add_numPr()
    numbering.get_or_add_ilvl().val = level
    numbering.get_or_add_numId().val = num_id


def _style_numbering(styles: Any, style_id: str | None) -> tuple[int, int] | None:
    seen: set[str] = set()
    while style_id and style_id not in seen:
        seen.add(style_id)
        style = styles.get_by_id(style_id)
        if style is None:
            return None
        num_id = style.xpath("string(w:pPr/w:numPr/w:numId/@w:val)")
        if num_id:
            level = style.xpath("string(w:pPr/w:numPr/w:ilvl/@w:val)") or "0"
            return (int(num_id), int(level)) if int(num_id) else None
        style_id = style.xpath("string(w:basedOn/@w:val)")
    return None
