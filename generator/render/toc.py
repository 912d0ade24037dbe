"""Fill the table of contents of a finished report, so it is never a placeholder.

Word keeps a table of contents as a field: an instruction (``TOC \\o "1-2"``)
and a cached result that readers see until the field is updated. docxtpl
leaves the template's placeholder result in place, and LibreOffice shows the
cached result as it is when it converts a document to PDF. So, after
rendering, the result is rewritten here from the document's own Heading 1
and Heading 2 paragraphs: one ``TOC 1``/``TOC 2`` paragraph per heading,
linked to a bookmark on the heading, as Word itself writes it. Page numbers
need a layout engine; ``pdf.office_toc`` gets them from LibreOffice where it
is installed, and without them the entries list the headings alone.

Word refreshes fields on opening only when the document's settings ask it to
(``w:updateFields``), and then asks each reader first. So the report asks
only while its contents lack page numbers: the render sets the request, and
filling in every page number takes it away (``ask_to_update_fields``).
"""

from __future__ import annotations

import copy
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT, STYLES, SETTINGS = "word/document.xml", "word/styles.xml", "word/settings.xml"
BOOKMARK_PREFIX = "_Toc"
BOOKMARK_BASE = 900_000_000  # Word numbers its _Toc bookmarks; stay clear of its range
LEVELS = re.compile(r'\\o\s+"(\d)-(\d)"')
TOC_STYLES = {1: "TOC1", 2: "TOC2", 3: "TOC3"}
INDENT_PER_LEVEL = 220  # twentieths of a point, as Word's own TOC 2


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass(frozen=True)
class Heading:
    """One line of the table of contents."""

    level: int
    text: str
    bookmark: str


@dataclass
class _Field:
    """Where the TOC field sits: its first and last paragraph and its key runs."""

    instruction: str
    first: etree._Element  # the paragraph with the field's begin
    last: etree._Element  # the paragraph with the field's end
    separate: etree._Element
    end: etree._Element


def read_headings(docx: Path) -> list[Heading]:
    """The headings the table of contents lists, in document order (no changes made)."""
    with zipfile.ZipFile(docx) as archive:
        body = _parse(archive.read(DOCUMENT))
        styles = _parse(archive.read(STYLES))
    field = _find_field(body)
    if field is None:
        return []
    return [heading for heading, _ in _headings(body, styles, field, assign=False)]


def fill_toc(docx: Path, pages: Sequence[int | None] | None = None) -> list[Heading]:
    """Rewrite the cached result of the TOC field in ``docx`` in place.

    ``pages`` gives a page number per heading (in the order ``read_headings``
    returns them); without it the entries carry no page numbers. Returns the
    headings listed; an empty list when the document has no TOC field.
    """
    with zipfile.ZipFile(docx) as archive:
        parts = {info: archive.read(info) for info in archive.infolist()}
    by_name = {info.filename: info for info in parts}
    body = _parse(parts[by_name[DOCUMENT]])
    styles = _parse(parts[by_name[STYLES]])
    headings = fill_toc_tree(body, styles, pages)
    if not headings:
        return headings
    parts[by_name[DOCUMENT]] = _serialise(body)
    parts[by_name[STYLES]] = _serialise(styles)
    if SETTINGS in by_name:  # every page number there: nothing for Word to ask about
        settings = _parse(parts[by_name[SETTINGS]])
        numbers = list(pages or ())[: len(headings)]
        numbered = len(numbers) == len(headings) and None not in numbers
        ask_to_update_fields(settings, not numbered)
        parts[by_name[SETTINGS]] = _serialise(settings)
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts.items():
            archive.writestr(info, data)
    return headings


def fill_toc_tree(
    document: etree._Element, styles: etree._Element, pages: Sequence[int | None] | None = None
) -> list[Heading]:
    """As ``fill_toc``, on the parsed ``w:document`` and ``w:styles`` elements: the
    render fills the contents before it saves, so the file is written once."""
    field = _find_field(document)
    if field is None:
        return []
    found = _headings(document, styles, field, assign=True)
    headings = [heading for heading, _ in found]
    numbers = list(pages or ())
    numbers += [None] * (len(headings) - len(numbers))
    _write_result(field, headings, numbers[: len(headings)], _text_width(document))
    _ensure_toc_styles(styles, {h.level for h in headings})
    return headings


# The elements w:updateFields comes before in w:settings (ECMA-376, CT_Settings).
AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)


def ask_to_update_fields(settings: etree._Element, ask: bool) -> None:
    """Make ``w:settings`` ask Word to update the fields on opening, or not."""
    for found in settings.findall(w("updateFields")):
        settings.remove(found)
    if not ask:
        return
    request = etree.Element(w("updateFields"))
    request.set(w("val"), "true")
    later = next((c for c in settings if etree.QName(c).localname in AFTER_UPDATE_FIELDS), None)
    if later is None:
        settings.append(request)
    else:
        later.addprevious(request)


def asks_to_update_fields(docx: Path) -> bool:
    """Whether ``docx`` asks Word to update its fields when it is opened."""
    with zipfile.ZipFile(docx) as archive:
        if SETTINGS not in archive.namelist():
            return False
        settings = _parse(archive.read(SETTINGS))
    return any(
        (found.get(w("val")) or "true") in ("true", "1", "on")
        for found in settings.findall(w("updateFields"))
    )


def _parse(data: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    return etree.fromstring(data, parser)


def _serialise(root: etree._Element) -> bytes:
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data


# --------------------------------------------------------------------------- the field


def _find_field(root: etree._Element) -> _Field | None:
    """The first TOC field of the body, with its begin, separate and end runs."""
    chars = root.iter(w("fldChar"), w("instrText"))
    stack: list[dict[str, Any]] = []  # open fields, innermost last
    for element in chars:
        if element.tag == w("instrText"):
            if stack:
                stack[-1]["instruction"] += element.text or ""
            continue
        kind = element.get(w("fldCharType"))
        run = element.getparent()
        if kind == "begin":
            stack.append({"begin": run, "instruction": "", "separate": None})
        elif kind == "separate" and stack:
            stack[-1]["separate"] = run
        elif kind == "end" and stack:
            opened = stack.pop()
            if opened["instruction"].strip().startswith("TOC") and opened["separate"] is not None:
                first = _paragraph(opened["begin"])
                last = _paragraph(run)
                if first is None or last is None or first.getparent() is not last.getparent():
                    return None  # a layout this module does not rewrite: leave it alone
                return _Field(opened["instruction"], first, last, opened["separate"], run)
    return None


def _paragraph(element: etree._Element) -> etree._Element | None:
    while element is not None and element.tag != w("p"):
        element = element.getparent()
    return element


def _levels(instruction: str) -> range:
    match = LEVELS.search(instruction)
    return range(int(match.group(1)), int(match.group(2)) + 1) if match else range(1, 4)


# --------------------------------------------------------------------------- the headings


def _style_levels(styles: etree._Element) -> dict[str, int]:
    """Outline level (1-9) of each paragraph style that has one, following ``basedOn``."""
    own: dict[str, int | None] = {}
    based: dict[str, str] = {}
    for style in styles.iter(w("style")):
        if style.get(w("type")) != "paragraph":
            continue
        style_id = style.get(w("styleId"))
        outline = style.find(f"{w('pPr')}/{w('outlineLvl')}")
        name = style.find(w("name"))
        named = re.fullmatch(r"heading (\d)", "" if name is None else name.get(w("val"), ""))
        if outline is not None:
            own[style_id] = int(outline.get(w("val"))) + 1
        elif named:
            own[style_id] = int(named.group(1))
        else:
            own[style_id] = None
        parent = style.find(w("basedOn"))
        if parent is not None:
            based[style_id] = parent.get(w("val"))

    def level(style_id: str, depth: int = 0) -> int | None:
        if own.get(style_id) is not None or depth > 10:
            return own.get(style_id)
        return level(based[style_id], depth + 1) if style_id in based else None

    return {sid: found for sid in own if (found := level(sid)) is not None and found <= 9}


def _paragraph_level(paragraph: etree._Element, style_levels: dict[str, int]) -> int | None:
    properties = paragraph.find(w("pPr"))
    if properties is None:
        return None
    outline = properties.find(w("outlineLvl"))
    if outline is not None:  # set on the paragraph itself (the field's \u switch)
        return int(outline.get(w("val"))) + 1
    style = properties.find(w("pStyle"))
    return None if style is None else style_levels.get(style.get(w("val")))


def _text(paragraph: etree._Element) -> str:
    parts = []
    for element in paragraph.iter(w("t"), w("tab"), w("br")):
        if any(a.tag == w("txbxContent") for a in element.iterancestors()):
            continue  # a text box anchored in the heading is not the heading
        parts.append(element.text or "" if element.tag == w("t") else " ")
    return " ".join("".join(parts).split())


def _headings(
    root: etree._Element, styles: etree._Element, field: _Field, assign: bool
) -> list[tuple[Heading, etree._Element]]:
    levels, style_levels = _levels(field.instruction), _style_levels(styles)
    marks = root.findall(f".//{w('bookmarkStart')}")
    names = {m.get(w("name")) for m in marks}
    next_id = max((int(m.get(w("id"), "0")) for m in marks), default=0) + 1
    counter = BOOKMARK_BASE
    found = []
    for paragraph in root.iter(w("p")):
        level = _paragraph_level(paragraph, style_levels)
        text = _text(paragraph) if level is not None and level in levels else ""
        if level is None or not text:
            continue
        bookmark = _own_bookmark(paragraph)
        if bookmark is None:
            counter += 1
            while f"{BOOKMARK_PREFIX}{counter}" in names:
                counter += 1
            bookmark = f"{BOOKMARK_PREFIX}{counter}"
            if assign:
                _add_bookmark(paragraph, bookmark, next_id)
                next_id += 1
        found.append((Heading(level, text, bookmark), paragraph))
    return found


def _own_bookmark(paragraph: etree._Element) -> str | None:
    for mark in paragraph.iter(w("bookmarkStart")):
        name = mark.get(w("name")) or ""
        if name.startswith(BOOKMARK_PREFIX):
            return name
    return None


def _add_bookmark(paragraph: etree._Element, name: str, number: int) -> None:
    start = etree.Element(w("bookmarkStart"), {w("id"): str(number), w("name"): name})
    properties = paragraph.find(w("pPr"))
    paragraph.insert(0 if properties is None else paragraph.index(properties) + 1, start)
    paragraph.append(etree.Element(w("bookmarkEnd"), {w("id"): str(number)}))


# --------------------------------------------------------------------------- the result


def _text_width(root: etree._Element) -> int:
    """The width between the margins of the last section, where the page number goes."""
    section = root.find(f".//{w('body')}/{w('sectPr')}")
    size = None if section is None else section.find(w("pgSz"))
    margins = None if section is None else section.find(w("pgMar"))
    if size is None or margins is None:
        return 9072  # A4 with 2.5 cm margins
    try:
        return int(size.get(w("w"))) - int(margins.get(w("left"))) - int(margins.get(w("right")))
    except (TypeError, ValueError):
        return 9072  # A4 with 2.5 cm margins


def _write_result(
    field: _Field, headings: Sequence[Heading], pages: Sequence[int | None], width: int
) -> None:
    container = field.first.getparent()
    # Everything between the field's separator and its end is the old result.
    if field.last is not field.first:
        for sibling in list(field.first.itersiblings()):
            if sibling is field.last:
                break
            container.remove(sibling)
        container.remove(field.last)
    tail = [field.end, *field.end.itersiblings()]
    head = [child for child in field.first if child.tag != w("pPr")]
    keep = head[: head.index(field.separate) + 1]
    for child in list(field.first):
        field.first.remove(child)

    paragraphs = [field.first]
    for _ in headings[1:]:
        paragraph = etree.Element(w("p"))
        paragraphs[-1].addnext(paragraph)
        paragraphs.append(paragraph)
    for index, (paragraph, heading) in enumerate(zip(paragraphs, headings, strict=False)):
        paragraph.append(_properties(heading.level, pages[index] is not None, width))
        if index == 0:
            paragraph.extend(keep)
        paragraph.append(_entry(heading, pages[index]))
    if not headings:
        field.first.extend(keep)
    paragraphs[-1].extend(tail)


def _properties(level: int, numbered: bool, width: int) -> etree._Element:
    properties = etree.Element(w("pPr"))
    etree.SubElement(properties, w("pStyle"), {w("val"): TOC_STYLES.get(level, "TOC3")})
    if numbered:
        tabs = etree.SubElement(properties, w("tabs"))
        etree.SubElement(
            tabs, w("tab"), {w("val"): "right", w("leader"): "dot", w("pos"): str(width)}
        )
    return properties


def _run(parent: etree._Element, hidden_on_web: bool = False) -> etree._Element:
    run = etree.SubElement(parent, w("r"))
    if hidden_on_web:  # Word's \z switch: no page numbers in web layout
        etree.SubElement(etree.SubElement(run, w("rPr")), w("webHidden"))
    return run


def _entry(heading: Heading, page: int | None) -> etree._Element:
    link = etree.Element(w("hyperlink"), {w("anchor"): heading.bookmark, w("history"): "1"})
    text = etree.SubElement(_run(link), w("t"))
    text.text = heading.text
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    if page is None:
        return link
    etree.SubElement(_run(link, True), w("tab"))
    etree.SubElement(_run(link, True), w("fldChar"), {w("fldCharType"): "begin"})
    instruction = etree.SubElement(_run(link, True), w("instrText"))
    instruction.text = f" PAGEREF {heading.bookmark} \\h "
    instruction.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    etree.SubElement(_run(link, True), w("fldChar"), {w("fldCharType"): "separate"})
    etree.SubElement(_run(link, True), w("t")).text = str(page)
    etree.SubElement(_run(link, True), w("fldChar"), {w("fldCharType"): "end"})
    return link


def _ensure_toc_styles(styles: etree._Element, levels: set[int]) -> None:
    """Add Word's TOC 1-3 paragraph styles where the template does not define them."""
    defined = {s.get(w("styleId")) for s in styles.iter(w("style"))}
    language = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('lang')}")
    for level in sorted(levels):
        style_id = TOC_STYLES.get(level, "TOC3")
        if style_id in defined:
            continue
        defined.add(style_id)
        style = etree.SubElement(
            styles, w("style"), {w("type"): "paragraph", w("styleId"): style_id}
        )
        etree.SubElement(style, w("name"), {w("val"): f"toc {min(level, 3)}"})
        etree.SubElement(style, w("basedOn"), {w("val"): "Normal"})
        etree.SubElement(style, w("next"), {w("val"): "Normal"})
        etree.SubElement(style, w("uiPriority"), {w("val"): "39"})
        etree.SubElement(style, w("unhideWhenUsed"))
        properties = etree.SubElement(style, w("pPr"))
        etree.SubElement(properties, w("spacing"), {w("after"): "100"})
        indent = INDENT_PER_LEVEL * (min(level, 3) - 1)
        if indent:
            etree.SubElement(properties, w("ind"), {w("left"): str(indent)})
        if language is not None:  # the document's language, as every other style has it
            etree.SubElement(style, w("rPr")).append(copy.deepcopy(language))


def match_pages(
    headings: Sequence[Heading], entries: Sequence[tuple[str, int]]
) -> list[int | None]:
    """The page of each heading, from a layout engine's TOC entries (text, page) in order.

    Entries are matched by text, in order, so a heading the engine left out
    (or listed differently) gets no number rather than its neighbour's.
    """
    pages: list[int | None] = []
    start = 0
    for heading in headings:
        wanted = " ".join(heading.text.split())
        for index in range(start, len(entries)):
            if " ".join(entries[index][0].split()) == wanted:
                pages.append(entries[index][1])
                start = index + 1
                break
        else:
            pages.append(None)
    return pages
