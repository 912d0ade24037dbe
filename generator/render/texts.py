"""The author's texts as docxtpl subdocuments, one per section of the report.

Each section's paragraphs, lists, tables and pictures are cut out of
``tekster_ÅR.docx`` and merged by docxtpl's subdocument composer
(docxcompose), which moves what they refer to into the report: styles
(mapped by name, so the template's look wins), list numbering, hyperlink
relationships and images. The template places each one with
``{{p tekster.KEY }}``; its XML is inserted while Jinja renders and never
parsed as a template, so the author's words are never template code.
"""

from __future__ import annotations

from copy import deepcopy
from io import BytesIO
from typing import TYPE_CHECKING, Any

from lxml import etree

from ..core.problems import Code, Problem, error
from ..core.schema import TEXT_SECTIONS
from ..reading.active import neutralise
from ..reading.container import broken_file
from .library_hooks import SectionComposer, add_numbering_instance, new_numbering_id

if TYPE_CHECKING:
    from ..reading.texts import Texts

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
XPATH = {"w": W_NS}
SECTION_PROPERTIES = f"{W}sectPr"


def section_subdocs(template: Any, texts: Texts | None) -> dict[str, Any]:
    """Every section key → its subdocument (``SectionXml``), or None where the author
    wrote nothing. ``template`` is docxtpl's template (or anything whose
    ``get_docx()`` is the document the sections are merged into)."""
    from docx import Document

    subdocs: dict[str, Any] = {section.key: None for section in TEXT_SECTIONS}
    if texts is None or not texts.sections:
        return subdocs
    # All sections are merged in one pass (each pass lists every style of the
    # template), then cut apart again: a section is a run of body elements.
    document = Document(BytesIO(texts.source))
    body = document.element.body
    elements = list(body)  # by position, as the reader counted them
    for element in elements:
        if element.tag != SECTION_PROPERTIES:
            body.remove(element)
    groups = {}
    for key, section in texts.sections.items():
        groups[key] = [deepcopy(elements[position]) for position in section.blocks]
        for element in groups[key]:
            body.insert(len(body) - 1, element)
    _clean(body, document.styles.element, document.part.rels)
    composer = SectionComposer(template.get_docx())
    composer.attach_parts(document)
    for key, group in groups.items():
        kept = [element for element in group if element.getparent() is body]
        _restart_numbered_lists(composer, kept)
        xml = "".join(etree.tostring(element, encoding="unicode") for element in kept)
        subdocs[key] = SectionXml(xml)
    return subdocs


class SectionXml:
    """A section's body XML, composed already, as the template places it with
    ``{{p tekster.KEY }}``: Jinja writes ``__html__`` unescaped (markupsafe's
    protocol, which docxtpl's own subdocuments follow too)."""

    __slots__ = ("xml",)

    def __init__(self, xml: str) -> None:
        self.xml = xml

    def __html__(self) -> str:
        return self.xml

    def __str__(self) -> str:
        return self.xml


def _restart_numbered_lists(composer: SectionComposer, elements: list[Any]) -> None:
    """Each section's numbered lists count from 1: a new numbering instance with a
    start override, as Word makes for "Restart at 1". Bullets need none."""
    numbering = composer.numbering_part().element
    fresh: dict[str, str] = {}
    for element in elements:
        for number in _NUM_IDS(element):
            old = number.get(f"{W}val")
            if old not in fresh:
                fresh[old] = _restarted(composer, numbering, old)
            number.set(f"{W}val", fresh[old])


def _restarted(composer: SectionComposer, numbering: Any, num_id: str) -> str:
    found = _NUM(numbering, id=num_id)
    if not found or _is_bullet(numbering, found[0]):
        return num_id
    copy = deepcopy(found[0])
    if not _FIRST_LEVEL_OVERRIDE(copy):  # else the author's own start
        override = etree.SubElement(copy, f"{W}lvlOverride", {f"{W}ilvl": "0"})
        etree.SubElement(override, f"{W}startOverride", {f"{W}val": "1"})
    new_id = new_numbering_id(composer)
    copy.set(f"{W}numId", str(new_id))
    add_numbering_instance(composer, copy)
    return str(new_id)


def _is_bullet(numbering: Any, instance: Any) -> bool:
    abstract_id = instance.find(f"{W}abstractNumId").get(f"{W}val")
    return bool(_FIRST_LEVEL_FORMAT(numbering, id=abstract_id) == "bullet")


def _clean(body: Any, styles: Any, relationships: Any) -> None:
    """Leave out the author's working state and all that would act on its own (field
    codes, OLE links, links to files, embedded chunks: ``reading.active``, whose
    findings the reader has warned of); give list paragraphs their numbering."""
    _accept_tracked_changes(body)
    for element in list(body):
        if element.tag != SECTION_PROPERTIES:
            neutralise(element, relationships)
    _drop(body, _ANNOTATIONS)
    _drop(body, _NOTE_RUNS)  # a note's text lives in a part the report renders as a template
    for paragraph in body.iter(f"{W}p"):
        _number_from_style(paragraph, styles)
    _alt_text_throughout(body)


_DOC_PROPERTIES = etree.XPath(
    ".//wp:docPr[normalize-space(@descr) != '']",
    namespaces={"wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"},
)
_PICTURE_PROPERTIES = etree.XPath(
    "ancestor::wp:inline[1]//pic:cNvPr | ancestor::wp:anchor[1]//pic:cNvPr",
    namespaces={
        "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
        "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    },
)


def _alt_text_throughout(body: Any) -> None:
    """An author's picture keeps its alternative text, and the picture's own properties
    carry it too (as the report's charts do): Word reads one, other readers the other."""
    for properties in _DOC_PROPERTIES(body):
        for inner in _PICTURE_PROPERTIES(properties):
            if not (inner.get("descr") or "").strip():
                inner.set("descr", properties.get("descr"))


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
_NUM_IDS = etree.XPath(".//w:numPr/w:numId", namespaces=XPATH)
_NUM = etree.XPath("w:num[@w:numId=$id]", namespaces=XPATH)
_FIRST_LEVEL_OVERRIDE = etree.XPath("w:lvlOverride[@w:ilvl='0']", namespaces=XPATH)
_FIRST_LEVEL_FORMAT = etree.XPath(
    "string(w:abstractNum[@w:abstractNumId=$id]/w:lvl[@w:ilvl='0']/w:numFmt/@w:val)",
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


# --- the trial merge ------------------------------------------------------------------


class _BlankTemplate:
    """Stands in for the report template in the trial merge: what the sections
    bring with them (pictures, links, lists) is looked up in the texts file
    itself, so any document shows whether they can be moved."""

    def __init__(self) -> None:
        from docx import Document

        self.document = Document()

    def get_docx(self) -> Any:
        return self.document


def trial_merge(texts: Texts) -> Problem | None:
    """Merge the sections as ``lav`` will, into a blank document, so that ``tjek``
    refuses what ``lav`` could not merge: a picture or link whose relationship is
    missing, a list whose numbering part or definition is missing or has an
    invalid number. The Danish problem when it cannot, else None (the pipeline
    then refuses the file, ``reading.texts.refuse``)."""
    if not texts.sections:
        return None
    try:
        section_subdocs(_BlankTemplate(), texts)
    except Exception as exc:  # docxcompose and python-docx raise many kinds on a broken part
        return _not_mergeable(texts.filename, exc)
    return None


def _not_mergeable(filename: str, exc: Exception) -> Problem:
    if isinstance(exc, KeyError):
        what = (
            "et billede, et link eller en liste i teksten henviser til en del af filen, der mangler"
        )
    elif isinstance(exc, ValueError):
        what = "en nummereret liste eller punktopstilling har et ugyldigt nummer"
    elif isinstance(exc, AttributeError | TypeError | IndexError):
        what = "en liste, et billede eller et link i teksten mangler sin definition"
    else:
        return broken_file(filename, exc, "Word")
    return error(
        filename,
        None,
        None,
        Code.BROKEN_FILE,
        f"{filename} kan ikke flettes ind i rapporten: {what} (filen er ødelagt eller "
        "ikke gemt af Word). Åbn den i Word, og gem den igen; hjælper det ikke, så "
        "kopier teksten over i en ny fil (fx fra tekstskabelonen).",
    )
