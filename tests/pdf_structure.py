"""A tagged PDF's structure read back with pikepdf, and the machine-checkable rules of
PDF/UA-1 (ISO 14289-1) that concern a document like the report.

No maintained PDF/UA validator installs from PyPI or Debian (veraPDF, the
reference, is a Java application packaged by neither), so the rules are written
here, each named by the clause of ISO 14289-1 it checks:

* 5: the XMP metadata names PDF/UA part 1 (``pdfuaid:part``);
* 7.1: the document is marked (``/MarkInfo /Marked true``, not ``/Suspects``), has a
  structure tree, every page's content belongs to it (``/StructParents``), and every
  structure type that is not a standard one is role-mapped to one;
* 7.1 (10): the title is in the metadata (``dc:title``) and shown in the window
  (``/ViewerPreferences /DisplayDocTitle true``);
* 7.2: the document's natural language (``/Lang``);
* 7.3: every ``/Figure`` has an alternative text (``/Alt`` or ``/ActualText``);
* 7.4.2: heading levels are not skipped;
* 7.5: tables: rows hold only ``TH``/``TD``, a header cell has a ``/Scope``;
* 7.18.1, 7.18.3: every annotation is in the structure tree (``/StructParent``) and
  says what it is (``/Contents``); a page with annotations has tab order ``/S``;
* 7.21.4.1: every font is embedded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pikepdf

STANDARD_TYPES = frozenset(
    (
        *("Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI"),
        *("Index", "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6"),
        *("L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot"),
        *("Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby"),
        *("RB", "RT", "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form"),
    )
)
HEADING = re.compile(r"H([1-6])")


@dataclass
class Element:
    """One structure element: its standard type (after the role map), own type, page
    (1-based; None when neither it nor a descendant names one) and children."""

    kind: str
    own: str
    page: int | None
    node: pikepdf.Dictionary
    children: list[Element] = field(default_factory=list)

    def walk(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def alt(self) -> str:
        return str(self.node.get("/Alt", "")) or str(self.node.get("/ActualText", ""))


def _kids(node: pikepdf.Object) -> list:
    kids = node.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _name(value) -> str:
    return str(value).lstrip("/")


def structure(pdf: pikepdf.Pdf) -> Element:
    """The structure tree as ``Element``s, from ``/StructTreeRoot``."""
    pages = {page.objgen: number for number, page in enumerate(pdf.pages, 1)}
    root = pdf.Root.StructTreeRoot
    role_map = {_name(k): _name(v) for k, v in root.get("/RoleMap", {}).items()}

    def standard(kind: str) -> str:
        seen = set()
        while kind not in STANDARD_TYPES and kind in role_map and kind not in seen:
            seen.add(kind)
            kind = role_map[kind]
        return kind

    def build(node: pikepdf.Dictionary) -> Element:
        own = _name(node.get("/S", "/StructTreeRoot"))
        page = node.get("/Pg")
        element = Element(standard(own), own, pages.get(page.objgen) if page else None, node)
        for kid in _kids(node):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                element.children.append(build(kid))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Pg") is not None:
                element.page = element.page or pages.get(kid.Pg.objgen)  # a marked-content ref
        if element.page is None:
            element.page = next((c.page for c in element.children if c.page), None)
        return element

    return build(root)


def problems(pdf: pikepdf.Pdf) -> list[str]:
    """Every breach of the rules above, as '<clause>: <what>'; empty when none."""
    found: list[str] = []
    root = pdf.Root
    mark = root.get("/MarkInfo", {})
    if not bool(mark.get("/Marked", False)):
        found.append("7.1: /MarkInfo /Marked is not true")
    if bool(mark.get("/Suspects", False)):
        found.append("7.1: /MarkInfo /Suspects is true")
    if "/StructTreeRoot" not in root:
        return [*found, "7.1: no /StructTreeRoot"]
    found += _metadata(pdf)
    if not str(root.get("/Lang", "")).strip():
        found.append("7.2: no /Lang in the catalog")
    tree = structure(pdf)
    for element in tree.walk():
        if element.own != "StructTreeRoot" and element.kind not in STANDARD_TYPES:
            found.append(f"7.1: structure type {element.own} is not mapped to a standard type")
        if element.kind == "Figure" and not element.alt.strip():
            found.append(f"7.3: a Figure on page {element.page} has no /Alt")
    found += _headings(tree) + _tables(tree) + _pages(pdf)
    return found


def _metadata(pdf: pikepdf.Pdf) -> list[str]:
    found = []
    meta = pdf.open_metadata()
    if str(meta.get("pdfuaid:part", "")) != "1":
        found.append("5: the XMP metadata has no pdfuaid:part 1")
    if not str(meta.get("dc:title", "")).strip():
        found.append("7.1: the XMP metadata has no dc:title")
    preferences = pdf.Root.get("/ViewerPreferences", {})
    if not bool(preferences.get("/DisplayDocTitle", False)):
        found.append("7.1: /ViewerPreferences /DisplayDocTitle is not true")
    return found


def _headings(tree: Element) -> list[str]:
    found, previous = [], 0
    for element in tree.walk():
        match = HEADING.fullmatch(element.kind)
        if match:
            level = int(match.group(1))
            if level > previous + 1:
                found.append(f"7.4.2: H{level} on page {element.page} follows H{previous}")
            previous = level
    return found


def _rows(table: Element) -> list[Element]:
    rows = []
    for child in table.children:
        rows += child.children if child.kind in ("THead", "TBody", "TFoot") else [child]
    return rows


def _tables(tree: Element) -> list[str]:
    found = []
    for table in (e for e in tree.walk() if e.kind == "Table"):
        for row in _rows(table):
            if row.kind != "TR":
                found.append(f"7.5: a {row.kind} in a table on page {table.page}")
                continue
            for cell in row.children:
                if cell.kind not in ("TH", "TD"):
                    found.append(f"7.5: a {cell.kind} in a table row on page {table.page}")
                elif cell.kind == "TH" and not _has_scope(cell.node):
                    found.append(f"7.5: a TH without /Scope on page {table.page}")
    return found


def _has_scope(node: pikepdf.Dictionary) -> bool:
    attributes = node.get("/A")
    if attributes is None:
        return False
    listed = list(attributes) if isinstance(attributes, pikepdf.Array) else [attributes]
    return any(isinstance(a, pikepdf.Dictionary) and "/Scope" in a for a in listed)


def _pages(pdf: pikepdf.Pdf) -> list[str]:
    found = []
    for number, page in enumerate(pdf.pages, 1):
        if "/StructParents" not in page.obj:
            found.append(f"7.1: page {number}'s content is not in the structure tree")
        annotations = page.obj.get("/Annots") or []
        if annotations and _name(page.obj.get("/Tabs", "")) != "S":
            found.append(f"7.18.3: page {number} has annotations but no /Tabs /S")
        for annotation in annotations:
            if _name(annotation.get("/Subtype", "")) in ("Popup",):
                continue
            if "/StructParent" not in annotation:
                found.append(f"7.18.1: an annotation on page {number} is not in the structure")
            if not str(annotation.get("/Contents", "")).strip():
                found.append(f"7.18.1: an annotation on page {number} has no /Contents")
        found += _fonts(page, number)
    return found


def _fonts(page: pikepdf.Page, number: int) -> list[str]:
    found = []
    fonts = page.obj.get("/Resources", {}).get("/Font", {})
    for name, font in fonts.items():
        descendants = font.get("/DescendantFonts")
        described = descendants[0] if descendants else font
        if _name(font.get("/Subtype", "")) == "Type3":
            continue  # drawn by the PDF's own content, nothing to embed
        descriptor = described.get("/FontDescriptor", {})
        if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
            found.append(f"7.21.4.1: font {name} on page {number} is not embedded")
    return found
