"""Spacing by paragraph properties, never by empty paragraphs.

A screen reader announces every empty paragraph ("tom", "blank"), and a
tagged PDF carries each as an empty /P. So, after rendering, the body is
tidied the way a careful Word user would have written it:

* a paragraph holding nothing but a page break becomes "page break before"
  on the paragraph after it (the template's summary ends so; an author's own
  template may do it anywhere);
* an empty paragraph (no text, picture, field or bookmark of its own) in the
  body is removed: the author's texts may have blank lines between paragraphs,
  and the styles give every paragraph its space already;
* the paragraph after a table gets room above it (``AFTER_TABLE``), which the
  template once made with an empty paragraph;
* a table without a marked header row (an author's table in the texts file, or
  in an own template) gets its first row marked (``w:tblHeader``), so a screen
  reader has column headers and the PDF ``/TH`` cells.

Only the body's own paragraphs are touched: a table cell keeps its paragraph
(Word needs one), and a paragraph carrying the section's properties stays.
"""

from __future__ import annotations

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
AFTER_TABLE = 200  # twentieths of a point: 10 pt between a table and the text below it

# pPr's children in schema order; a new one is put before the first that follows it.
PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
    "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
    "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN",
    "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
    "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
    "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)  # fmt: skip
# What makes a paragraph more than empty, besides text.
CONTENT = tuple(
    f"{{{W}}}{tag}"
    for tag in (
        "drawing", "pict", "object", "fldChar", "fldSimple", "instrText", "bookmarkStart",
        "sym", "tab", "footnoteReference", "endnoteReference", "commentReference",
        "txbxContent", "ptab",
    )
)  # fmt: skip


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def tidy_spacing(body: etree._Element, styles: etree._Element) -> None:
    """Apply the three rules above to the document's ``w:body``, in place;
    ``styles`` is the document's ``w:styles``, for each style's own spacing."""
    _page_breaks_before(body)
    _drop_empty(body)
    _space_after_tables(body, _space_before_of_styles(styles))
    _mark_header_rows(body)


def _properties(paragraph: etree._Element) -> etree._Element:
    ppr = paragraph.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        paragraph.insert(0, ppr)
    return ppr


def _child(ppr: etree._Element, tag: str) -> etree._Element:
    """``ppr``'s child ``tag``, added in its schema place when missing."""
    found = ppr.find(w(tag))
    if found is not None:
        return found
    element = etree.Element(w(tag))
    later = PPR_ORDER[PPR_ORDER.index(tag) + 1 :]
    for sibling in ppr:
        if etree.QName(sibling).localname in later:
            sibling.addprevious(element)
            return element
    ppr.append(element)
    return element


def _has_text(paragraph: etree._Element) -> bool:
    return any((t.text or "").strip() for t in paragraph.iter(w("t")))


def _is_empty(paragraph: etree._Element) -> bool:
    if _has_text(paragraph) or next(paragraph.iter(*CONTENT), None) is not None:
        return False
    ppr = paragraph.find(w("pPr"))
    return ppr is None or ppr.find(w("sectPr")) is None


def _only_page_break(paragraph: etree._Element) -> bool:
    breaks = list(paragraph.iter(w("br")))
    if not breaks or any(b.get(w("type")) != "page" for b in breaks):
        return False
    return _is_empty(paragraph)


def _needed(paragraph: etree._Element) -> bool:
    """A paragraph Word cannot do without: after a table at the end, or between
    two tables (without it they would run together as one)."""
    before, after = paragraph.getprevious(), paragraph.getnext()
    return before is not None and before.tag == w("tbl") and (after is None or after.tag != w("p"))


def _page_breaks_before(body: etree._Element) -> None:
    for paragraph in list(body.iterchildren(w("p"))):
        if not _only_page_break(paragraph):
            continue
        following = paragraph.getnext()
        if following is None or following.tag != w("p"):
            continue  # before a table or the section's end: the break stays as it is
        _child(_properties(following), "pageBreakBefore")
        ppr = paragraph.find(w("pPr"))
        if ppr is not None and ppr.find(w("pageBreakBefore")) is not None:
            continue  # the break itself was on a new page: keep both pages
        body.remove(paragraph)


def _drop_empty(body: etree._Element) -> None:
    for paragraph in list(body.iterchildren(w("p"))):
        if (
            paragraph.find(f".//{w('br')}") is None
            and _is_empty(paragraph)
            and not _needed(paragraph)
        ):
            ppr = paragraph.find(w("pPr"))
            following = paragraph.getnext()
            if (
                ppr is not None
                and ppr.find(w("pageBreakBefore")) is not None
                and following is not None
                and following.tag == w("p")
            ):
                _child(_properties(following), "pageBreakBefore")
            body.remove(paragraph)


def _space_before_of_styles(styles: etree._Element) -> dict[str, int]:
    """Each paragraph style's space before (twentieths of a point), following
    ``basedOn`` down to the document defaults."""
    default = styles.find(f"{w('docDefaults')}/{w('pPrDefault')}/{w('pPr')}/{w('spacing')}")
    base = _twips(default)
    own: dict[str, int | None] = {}
    parents: dict[str, str] = {}
    for style in styles.iterchildren(w("style")):
        if style.get(w("type")) != "paragraph":
            continue
        style_id = style.get(w("styleId"))
        own[style_id] = _twips(style.find(f"{w('pPr')}/{w('spacing')}"))
        parent = style.find(w("basedOn"))
        if parent is not None:
            parents[style_id] = parent.get(w("val"))

    def before(style_id: str, depth: int = 0) -> int:
        value = own.get(style_id)
        if value is not None:
            return value
        if style_id in parents and depth < 10:
            return before(parents[style_id], depth + 1)
        return base or 0

    return {style_id: before(style_id) for style_id in own}


def _twips(spacing: etree._Element | None) -> int | None:
    value = None if spacing is None else spacing.get(w("before"))
    return int(value) if value is not None and value.isdigit() else None


def _space_after_tables(body: etree._Element, style_before: dict[str, int]) -> None:
    for table in body.iterchildren(w("tbl")):
        following = table.getnext()
        if following is None or following.tag != w("p"):
            continue
        ppr = _properties(following)
        spacing = ppr.find(w("spacing"))
        if spacing is not None and (
            spacing.get(w("before")) is not None or spacing.get(w("beforeAutospacing")) == "1"
        ):
            continue  # the paragraph's own spacing, set on purpose
        style = ppr.find(w("pStyle"))
        own = style_before.get("Normal" if style is None else style.get(w("val")), 0)
        if own < AFTER_TABLE:
            _child(ppr, "spacing").set(w("before"), str(AFTER_TABLE))


TRPR_AFTER_HEADER = ("tblCellSpacing", "trPrChange")  # w:tblHeader's successors in trPr
ROW_BEFORE_TRPR = ("tblPrEx",)


def _mark_header_rows(body: etree._Element) -> None:
    for table in body.iter(w("tbl")):
        rows = table.findall(w("tr"))
        if not rows or any(row.find(f"{w('trPr')}/{w('tblHeader')}") is not None for row in rows):
            continue
        first = rows[0]
        tr_pr = first.find(w("trPr"))
        if tr_pr is None:
            tr_pr = etree.Element(w("trPr"))
            before = [child for child in first if etree.QName(child).localname in ROW_BEFORE_TRPR]
            first.insert(first.index(before[-1]) + 1 if before else 0, tr_pr)
        header = etree.Element(w("tblHeader"))
        successor = next((c for c in tr_pr if etree.QName(c).localname in TRPR_AFTER_HEADER), None)
        if successor is None:
            tr_pr.append(header)
        else:
            successor.addprevious(header)
