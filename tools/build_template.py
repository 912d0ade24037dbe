"""Build templates/afrapportering.docx, the Word template of the annual report.

Developer tool: ``python tools/build_template.py [TARGET]``. The template is the
starting point a report author rewords and restyles in Word, so the look lives
in Word's own styles (Normal, Title, Subtitle, Heading 1-2, Caption, Header,
Footer) plus a few named styles of our own (``Tabeltekst``, ``Tabeltal``,
``Note``, ``Forside``, ``Eksempeldata`` and the table style
``Afrapportering tabel``). Changing a style in Word changes every place it is used.

Placeholders use exactly the names of ``generator.render.context.build_context``
and the filters of ``generator.render.formatting``. Each Jinja tag is written as
one run, so Word never splits it; ``{%tr %}`` and ``{%p %}`` tags sit alone in
their own table row or paragraph, as docxtpl requires.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# The price level year's rate status, as the schema names it for the report and appendix.
from generator.core.schema import PRICE_LEVEL  # noqa: E402

TARGET = ROOT / "templates" / "afrapportering.docx"

FONT = "Calibri"
LANGUAGE = "da-DK"
BLUE = "1F4E79"
LIGHT_BLUE = "DEEAF6"
BAND = "F2F6FB"
RULE = "BFBFBF"
GREY = "595959"
RED = "C00000"
TEXT_WIDTH_CM = 16.0  # A4 (21 cm) less two margins of 2.5 cm
TABLE_STYLE = "Afrapportering tabel"
DASH = "–"
NBSP = "\u00a0"  # keeps "(2020 = 1)" on one line


def rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color)


# --------------------------------------------------------------------------- styles


def set_fonts(rpr_owner, name: str) -> None:
    """Set an explicit font on a style or run, dropping theme fonts that would win over it."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for kind in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{kind}"), name)


def setup_defaults(document) -> None:
    """Document defaults: Calibri 11 pt, Danish proofing language."""
    styles = document.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for kind in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{kind}"), FONT)
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)


RPR_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
STYLE_AFTER_RPR = ("w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr")


def _insert(parent, child, successors: Sequence[str]) -> None:
    """Put ``child`` before the first of ``successors`` in ``parent``, else last."""
    for tag_name in successors:
        found = parent.find(qn(tag_name))
        if found is not None:
            found.addprevious(child)
            return
    parent.append(child)


def set_language(document) -> None:
    """Danish in every style as well as in the defaults, so text keeps its language
    (Word's proofing, a screen reader's voice, the PDF's /Lang) when a style is
    copied into another document or the defaults are changed."""
    for style in document.styles.element.iterchildren(qn("w:style")):
        rpr = style.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            _insert(style, rpr, STYLE_AFTER_RPR)
        for old in rpr.findall(qn("w:lang")):
            rpr.remove(old)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), LANGUAGE)
        lang.set(qn("w:eastAsia"), LANGUAGE)
        _insert(rpr, lang, RPR_AFTER_LANG)


@dataclass(frozen=True)
class Look:
    """The character and paragraph look of one style."""

    size: float | None = None
    color: str | None = None
    bold: bool | None = None
    italic: bool | None = None
    before: float | None = None
    after: float | None = None
    line: float | None = None
    keep_with_next: bool | None = None
    align: WD_ALIGN_PARAGRAPH | None = None
    font: str | None = FONT


def apply_look(style, look: Look) -> None:
    font, para = style.font, style.paragraph_format
    if look.font:
        set_fonts(style.element, look.font)
    if look.size is not None:
        font.size = Pt(look.size)
    if look.color is not None:
        font.color.rgb = rgb(look.color)
    if look.bold is not None:
        font.bold = look.bold
    if look.italic is not None:
        font.italic = look.italic
    if look.before is not None:
        para.space_before = Pt(look.before)
    if look.after is not None:
        para.space_after = Pt(look.after)
    if look.line is not None:
        para.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
        para.line_spacing = look.line
    if look.keep_with_next is not None:
        para.keep_with_next = look.keep_with_next
    if look.align is not None:
        para.alignment = look.align


def paragraph_style(document, name: str, base: str, look: Look):
    """A custom paragraph style (made once) based on ``base``."""
    styles = document.styles
    style = styles[name] if name in styles else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[base]
    style.quick_style = True
    apply_look(style, look)
    return style


PBDR_SUCCESSORS = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:jc", "w:outlineLvl", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def border(style, side: str, color: str, size: int = 6, space: int = 4) -> None:
    """A rule above (``top``) or below (``bottom``) every paragraph of ``style``."""
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:pBdr")):
        ppr.remove(old)
    rule = parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:{side} w:val="single" w:sz="{size}" '
        f'w:space="{space}" w:color="{color}"/></w:pBdr>'
    )
    ppr.insert_element_before(rule, *PBDR_SUCCESSORS)


def plain(style) -> None:
    """Drop what the default Title and Subtitle carry besides their look.

    That is a stray list level, letter spacing and kerning, which make the cover
    look unlike the rest of the text.
    """
    ppr = style.element.get_or_add_pPr()
    rpr = style.element.get_or_add_rPr()
    for parent, tag in ((ppr, "w:numPr"), (rpr, "w:spacing"), (rpr, "w:kern")):
        for old in parent.findall(qn(tag)):
            parent.remove(old)


def setup_text_styles(document) -> None:
    styles = document.styles
    apply_look(styles["Normal"], Look(size=11, before=0, after=6, line=1.15))
    apply_look(styles["Title"], Look(size=30, color=BLUE, bold=False, after=12, line=1.0))
    border(styles["Title"], "bottom", BLUE, size=12, space=8)
    apply_look(styles["Subtitle"], Look(size=15, color=GREY, italic=False, after=24))
    for name in ("Title", "Subtitle"):
        plain(styles[name])
    headings = (
        ("Heading 1", Look(size=16, color=BLUE, bold=True, before=24, after=8, line=1.0)),
        ("Heading 2", Look(size=13, color=BLUE, bold=True, before=16, after=4, line=1.0)),
        ("Heading 3", Look(size=11, color=BLUE, bold=True, before=12, after=2, line=1.0)),
    )
    for name, look in headings:
        apply_look(styles[name], look)
        styles[name].font.italic = False
        styles[name].paragraph_format.keep_with_next = True
    apply_look(styles["TOC Heading"], Look(size=16, color=BLUE, bold=True, before=0, after=12))
    apply_look(
        styles["Caption"],
        Look(size=9, color=GREY, bold=False, italic=True, before=4, after=14, line=1.0),
    )
    paragraph_style(document, "Note", "Normal", Look(size=9, color=GREY, before=2, after=8))
    paragraph_style(
        document, "Forside", "Normal", Look(size=13, color=BLUE, before=0, after=6, line=1.15)
    )
    table_text = paragraph_style(
        document, "Tabeltekst", "Normal", Look(size=10, before=0, after=0, line=1.0)
    )
    table_text.paragraph_format.widow_control = True
    paragraph_style(
        document, "Tabeltal", "Tabeltekst", Look(align=WD_ALIGN_PARAGRAPH.RIGHT, font=None)
    )


def setup_page_styles(document) -> None:
    styles = document.styles
    for name in ("Header", "Footer"):
        style = styles[name]
        apply_look(style, Look(size=9, color=GREY, before=0, after=0, line=1.0))
        tabs = style.paragraph_format.tab_stops
        tabs.clear_all()
        tabs.add_tab_stop(Cm(TEXT_WIDTH_CM / 2), WD_TAB_ALIGNMENT.CENTER)
        tabs.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT)
    border(styles["Header"], "bottom", RULE, size=4, space=4)
    border(styles["Footer"], "top", RULE, size=4, space=4)


def character_style(document, name: str, look: Look):
    styles = document.styles
    style = styles[name] if name in styles else styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    style.quick_style = True
    if look.font:
        set_fonts(style.element, look.font)
    if look.size is not None:
        style.font.size = Pt(look.size)
    if look.color is not None:
        style.font.color.rgb = rgb(look.color)
    if look.bold is not None:
        style.font.bold = look.bold
    return style


def setup_character_styles(document) -> None:
    character_style(document, "Eksempeldata", Look(bold=True, color=RED, font=None))


def setup_table_style(document) -> None:
    """A table style of our own: dark blue header row, light bands, a marked total row.

    Authors change it in Word under Tabeldesign → Rediger tabeltypografi.
    """
    cell_margins = (
        '<w:tblCellMar><w:top w:w="45" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
        '<w:bottom w:w="45" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
    )
    xml = (
        f'<w:style {nsdecls("w")} w:type="table" w:customStyle="1" '
        'w:styleId="Afrapporteringtabel">'
        f'<w:name w:val="{TABLE_STYLE}"/><w:basedOn w:val="TableNormal"/>'
        '<w:uiPriority w:val="59"/><w:qFormat/>'
        '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        '<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>'
        '<w:tblPr><w:tblStyleRowBandSize w:val="1"/><w:tblStyleColBandSize w:val="1"/>'
        "<w:tblBorders>"
        f'<w:top w:val="single" w:sz="8" w:space="0" w:color="{BLUE}"/>'
        f'<w:bottom w:val="single" w:sz="8" w:space="0" w:color="{BLUE}"/>'
        f'<w:insideH w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>'
        f"</w:tblBorders>{cell_margins}</w:tblPr>"
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/>'
        '<w:color w:val="FFFFFF"/></w:rPr><w:tblPr/><w:trPr><w:tblHeader/></w:trPr>'
        f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{BLUE}"/></w:tcPr>'
        "</w:tblStylePr>"
        '<w:tblStylePr w:type="lastRow"><w:rPr><w:b/><w:bCs/></w:rPr><w:tblPr/>'
        f'<w:tcPr><w:tcBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="{BLUE}"/>'
        f'</w:tcBorders><w:shd w:val="clear" w:color="auto" w:fill="{LIGHT_BLUE}"/></w:tcPr>'
        "</w:tblStylePr>"
        '<w:tblStylePr w:type="band2Horz"><w:tblPr/>'
        f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{BAND}"/></w:tcPr>'
        "</w:tblStylePr>"
        "</w:style>"
    )
    document.styles.element.append(parse_xml(xml))


def setup_styles(document) -> None:
    setup_defaults(document)
    setup_text_styles(document)
    setup_page_styles(document)
    setup_character_styles(document)
    setup_table_style(document)
    set_language(document)


# --------------------------------------------------------------------------- settings, page


def setup_settings(document) -> None:
    """Danish settings, and let Word refresh the table of contents when it opens."""
    settings = document.settings.element
    compat = settings.find(qn("w:compat"))
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    compat.addprevious(update)
    for tag, value in (("w:decimalSymbol", ","), ("w:listSeparator", ";")):
        element = settings.find(qn(tag))
        if element is not None:
            element.set(qn("w:val"), value)
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), LANGUAGE)
    # docxtpl fills fields in the properties too. The run sets the author (the
    # counterpart) again, the times and the language; see render.document.
    properties = document.core_properties
    properties.title = "Årlig afrapportering {{ aar }}"
    properties.subject = (
        "Resultatkontrakt {{ kontrakt.periode }} mellem {{ parter.kommune }} og "
        "{{ parter.modpart }}"
    )
    properties.author = "{{ parter.modpart }}"
    properties.last_modified_by = ""
    properties.language = LANGUAGE
    properties.comments = "Årlig afrapportering på resultatkontrakten til {{ parter.udvalg }}"


def setup_page(section) -> None:
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    margin = Cm(2.5)
    section.left_margin = section.right_margin = margin
    section.top_margin = section.bottom_margin = margin
    section.header_distance = section.footer_distance = Cm(1.25)
    section.different_first_page_header_footer = False  # the mark must be on the cover too


# --------------------------------------------------------------------------- runs, fields


def field(paragraph, instruction: str, shown: str) -> None:
    """A complex field (PAGE, NUMPAGES, TOC) with the text shown until Word updates it."""

    def fld_char(kind: str):
        run = paragraph.add_run()
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            char.set(qn("w:dirty"), "true")
        run._r.append(char)

    fld_char("begin")
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    fld_char("separate")
    paragraph.add_run(shown)
    fld_char("end")


Part = str | tuple[str, str]  # plain text, or (text, character style or "bold")


def add_parts(paragraph, parts: Sequence[Part]) -> None:
    """Each part becomes one run, so a Jinja tag is never split across runs."""
    for part in parts:
        text, look = (part, "") if isinstance(part, str) else part
        run = paragraph.add_run(text)
        if look == "bold":
            run.bold = True
        elif look:
            run.style = look


def para(document, *parts: Part, style: str | None = None):
    paragraph = document.add_paragraph(style=style)
    add_parts(paragraph, parts)
    return paragraph


def lead(document, *parts: Part):
    """A sentence that introduces the table below it and stays on its page."""
    paragraph = para(document, *parts)
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def tag(document, text: str) -> None:
    """A ``{%p … %}`` paragraph tag, alone in its paragraph as docxtpl requires."""
    document.add_paragraph(text)


def page_break(document) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def heading(document, text: str, level: int = 1, new_page: bool = False):
    paragraph = document.add_heading(text, level=level)
    if new_page:
        paragraph.paragraph_format.page_break_before = True
    return paragraph


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class Col:
    """A column. ``repeat`` (a Jinja ``for`` clause such as ``y in cfi.aar``) makes it
    one column per item: docxtpl's ``{%tc %}`` cells around it vanish when rendered."""

    header: str
    width: float  # cm
    number: bool = False
    repeat: str | None = None


# The years so far, in words that fit the period's state: "i kontraktperioden" once
# it has ended (the report is on its last year), "indtil nu" only while it runs.
SO_FAR = (
    "{% if kontrakt.afsluttet %} i kontraktperioden {{ kontrakt.periode }}"
    "{% else %} indtil nu ({{ kontrakt.hidtil }}){% endif %}:"
)
TAG_CELL_CM = 0.4  # the {%tc %} cells; only the template shows them
# A year of the CFI goals: "mål mindst 100 %" (2.5 cm of 10 pt Calibri) and the cell's
# margins (0.3 cm) on one line; the goal's name takes what four years leave.
GOAL_YEAR_CM = 2.9


def _cells_of(cols: Sequence[Col]) -> list[Col]:
    """The template's physical columns: a repeated column gets a tag cell on each side."""
    cells = []
    for col in cols:
        if col.repeat:
            cells += [Col("", TAG_CELL_CM), col, Col("", TAG_CELL_CM)]
        else:
            cells.append(col)
    return cells


Cell = str | tuple[str, str]  # text, or for a repeated column (its loop clause, text)


def _expand(cols: Sequence[Col], texts: Sequence[Cell]) -> list[str]:
    out = []
    for col, text in zip(cols, texts, strict=True):
        if col.repeat:
            loop, shown = text if isinstance(text, tuple) else (col.repeat, text)
            out += [f"{{%tc for {loop} %}}", shown, "{%tc endfor %}"]
        else:
            out.append(text)
    return out


def _row_flags(row, header: bool) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _fill_row(row, cols: Sequence[Col], texts: Sequence[str], keep: bool) -> None:
    """Fill one row; ``keep`` holds it on the page of the next row (short tables stay whole)."""
    for cell, col, text in zip(row.cells, cols, texts, strict=True):
        cell.width = Cm(col.width)
        paragraph = cell.paragraphs[0]
        paragraph.style = "Tabeltal" if col.number else "Tabeltekst"
        if keep:
            paragraph.paragraph_format.keep_with_next = True
        if text:
            add_parts(paragraph, [text])


def _look(table, total: bool) -> None:
    """Which parts of the table style apply: header row always, total row when there is one."""
    tbl_pr = table._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblLook")):
        tbl_pr.remove(old)
    look = OxmlElement("w:tblLook")
    for name, value in (
        ("firstRow", 1),
        ("lastRow", int(total)),
        ("firstColumn", 0),
        ("lastColumn", 0),
        ("noHBand", 0),
        ("noVBand", 1),
    ):
        look.set(qn(f"w:{name}"), str(value))
    look.set(qn("w:val"), "04A0" if not total else "04E0")
    tbl_pr.append(look)


def table(
    document,
    cols: Sequence[Col],
    loop: str,
    cells: Sequence[Cell],
    total: Sequence[Cell] | None = None,
    keep_with_next: bool = False,
):
    """A table: header row, a docxtpl row loop over ``loop`` and an optional total row.

    ``loop`` is the Jinja ``for`` clause, e.g. ``r in resume``; the rows holding
    ``{%tr for … %}`` and ``{%tr endfor %}`` disappear when rendered. Every row
    but the last keeps with the next, so a table never starts at a page's foot
    with its header alone; the header row is marked as one (``w:tblHeader``: a
    screen reader's column headers, the PDF's /TH cells) and repeats on every
    page. With ``keep_with_next`` the last row keeps with what follows too (a
    figure under the same heading). The space after a table is the next
    paragraph's (``render.layout``), never an empty paragraph.
    """
    physical = _cells_of(cols)
    rows = [
        _expand(cols, [c.header for c in cols]),
        [f"{{%tr for {loop} %}}"],
        _expand(cols, list(cells)),
        ["{%tr endfor %}"],
    ]
    if total is not None:
        rows.append(_expand(cols, list(total)))
    grid = document.add_table(rows=len(rows), cols=len(physical))
    grid.style = document.styles[TABLE_STYLE]
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    grid.autofit = False
    for index, col in enumerate(physical):
        grid.columns[index].width = Cm(col.width)
    for index, (row, texts) in enumerate(zip(grid.rows, rows, strict=True)):
        padded = list(texts) + [""] * (len(physical) - len(texts))
        _fill_row(row, physical, padded, keep=keep_with_next or index < len(rows) - 1)
        _row_flags(row, header=index == 0)
        if index in (1, 3):
            row.cells[0].merge(row.cells[-1])  # the loop tag reads on one line in Word
    _look(grid, total is not None)
    return grid


def revised(document, key: str) -> None:
    """The sentences saying an earlier year's figure in the table above has changed
    since that year's report ('Tallet for 2023 er opdateret …'); none when none has."""
    tag(document, f"{{%p for t in opdateret.{key} %}}")
    para(document, "{{ t }}", style="Note")
    tag(document, "{%p endfor %}")


def maybe(value: str, shown: str) -> str:
    """``shown`` when ``value`` is not None, else a dash."""
    return f"{{% if {value} is not none %}}{shown}{{% else %}}{DASH}{{% endif %}}"


def author_text(document, key: str) -> None:
    """The place of the author's own words for one section (``tekster_ÅR.docx``):
    nothing at all when the author wrote nothing."""
    tag(document, f"{{%p if tekster.{key} %}}")
    tag(document, f"{{{{p tekster.{key} }}}}")
    tag(document, "{%p endif %}")


def figure(document, chart: str, caption: str) -> None:
    """A chart and its caption, kept on one page; its alternative text is set by
    the render (``render.document``), from the figures it shows."""
    picture = para(document, f"{{{{ {chart} }}}}")
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.keep_with_next = True
    picture.paragraph_format.keep_together = True
    picture.paragraph_format.space_before = Pt(6)
    para(document, caption, style="Caption")


# --------------------------------------------------------------------------- header, footer


REPORT_HEADER = "Afrapportering {{ aar }} · {{ parter.modpart_kort }} og {{ parter.kommune_kort }}"


def build_header_footer(section, title: str = REPORT_HEADER) -> None:
    """The running header (``title``, and the example-data mark when the data is the
    example's) and the footer with the contract period and "Side X af Y"; the status
    template has the same with its own title."""
    header = section.header.paragraphs[0]
    header.style = "Header"
    add_parts(
        header,
        [
            title,
            "{% if eksempeldata %}",
            "\t\t",
            ("EKSEMPELDATA – ikke rigtige tal", "Eksempeldata"),
            "{% endif %}",
        ],
    )
    footer = section.footer.paragraphs[0]
    footer.style = "Footer"
    add_parts(footer, ["Resultatkontrakt {{ kontrakt.periode }}"])
    footer.add_run("\t\tSide ")
    field(footer, "PAGE", "1")
    footer.add_run(" af ")
    field(footer, "NUMPAGES", "1")


# --------------------------------------------------------------------------- cover, contents


GUIDE = (
    "{#p Skabelonen laves af tools/build_template.py. Tekst i dobbelte krøllede parenteser er "
    "felter, som programmet udfylder; tekst med procenttegn styrer gentagelser og valg. "
    "Denne linje kommer ikke med i rapporten. #}"
)


def build_cover(document) -> None:
    para(document, GUIDE, style="Note")
    first = para(document, "{{ parter.modpart }}", style="Forside")
    first.paragraph_format.space_before = Cm(5)
    para(document, "Årlig afrapportering {{ aar }}", style="Title")
    para(
        document,
        "Resultatkontrakt mellem {{ parter.kommune }} og {{ parter.modpart }}",
        style="Subtitle",
    )
    para(document, "Til {{ parter.udvalg }}", style="Forside")
    para(document, "Kontraktperiode {{ kontrakt.periode }}", style="Forside")
    para(document, "Afleveres senest {{ frist|dato }}", style="Forside")
    tag(document, "{%p if eksempeldata %}")
    mark = para(
        document,
        ("EKSEMPELDATA – ikke rigtige tal. ", "Eksempeldata"),
        "Rapporten er lavet med eksempeldata til afprøvning og må ikke bruges som afrapportering.",
    )
    mark.paragraph_format.space_before = Cm(3)
    tag(document, "{%p endif %}")


def build_contents(document) -> None:
    """A real table of contents field over Heading 1–2; it is filled when the report
    is made and refreshed by Word on opening. The contract's numbered points
    (Heading 3) are not listed: the contents stays on one page with the contract's
    paragraphs and lettered parts, and the points are in Word's navigation pane
    and the PDF's bookmarks."""
    title = para(document, "Indhold", style="TOC Heading")
    title.paragraph_format.page_break_before = True  # a new page, not an empty paragraph
    toc = document.add_paragraph()
    field(toc, 'TOC \\o "1-2" \\h \\z \\u', "")


# --------------------------------------------------------------------------- summary


def build_summary(document) -> None:
    heading(document, "Resumé", new_page=True)
    para(
        document,
        "Dette er den årlige skriftlige afrapportering fra {{ parter.modpart }} "
        "({{ parter.modpart_kort }}) til {{ parter.kommune }} ({{ parter.kommune_kort }}) for "
        "{{ aar }}, jf. kontraktens § 6. Tabellen viser årets resultat for hvert af "
        "kontraktens KPI'er og punkter.",
    )
    author_text(document, "forord")
    author_text(document, "samlet_vurdering")
    table(
        document,
        [Col("Punkt", 5.0), Col("Årets resultat", 8.2), Col("Status", 2.8)],
        "r in resume",
        ["{{ r.punkt }}", "{{ r.resultat }}", "{{ r.status }}"],
    )
    heading(document, "Indstilling", level=2)
    tag(document, "{%p if tekster.indstilling %}")
    tag(document, "{{p tekster.indstilling }}")
    tag(document, "{%p else %}")
    para(document, "{{ indstilling }}")
    tag(document, "{%p endif %}")
    page_break(document)


# --------------------------------------------------------------------------- §§ 1-5


def build_key_figures(document) -> None:
    tag(document, "{%p if noegletal.raekker %}")
    heading(document, "Nøgletal")
    lead(
        document,
        "Jf. kontraktens § 1 og § 2 er formålet at styrke økonomisk vækst og jobskabelse i "
        "{{ parter.kommune }}, og {{ parter.modpart_kort }} yder den grundlæggende "
        "erhvervsservice. Tabellen viser de nøgletal, {{ parter.modpart_kort }} følger over "
        "kontraktperioden.",
    )
    table(
        document,
        [
            Col("Nøgletal", 6.4),
            Col("Enhed", 2.8),
            Col("{{ y }}", 1.7, number=True, repeat="y in noegletal.aar"),
        ],
        "n in noegletal.raekker",
        ["{{ n.navn }}", "{{ n.enhed }}", ("v in n.vaerdier", "{{ v }}")],
    )
    tag(document, "{%p endif %}")


def point_list(document, loop: str, level: int) -> None:
    """Each contract point as a heading (with its number and status), then what
    happened in the year. ``level`` is one below the heading above, as a screen
    reader and PDF/UA ask (no level skipped): 3 under § 3's areas, 2 under § 4 and
    § 5. The contents lists levels 1–2 (see ``build_contents``)."""
    tag(document, f"{{%p for p in {loop} %}}")
    heading(document, "{{ p.etiket }}{% if p.status %} – {{ p.status }}{% endif %}", level)
    tag(document, "{%p if p.tekst %}")
    para(document, "{{ p.tekst }}")
    tag(document, "{%p endif %}")
    tag(document, "{%p endfor %}")


def build_focus_areas(document) -> None:
    heading(document, "§ 3 Særlige indsatsområder")
    para(
        document,
        "Jf. kontraktens § 3 er {{ parter.kommune_kort }} interesseret i "
        "{{ parter.modpart_kort }}'s aktive involvering i en række "
        "erhvervsudviklingsområder; bilag 1 til kontrakten beskriver indsatserne. Her er "
        "årets status for hvert punkt.",
    )
    tag(document, "{%p for o in indsatser %}")
    heading(document, "{{ o.overskrift }}", level=2)
    point_list(document, "o.punkter", level=3)
    tag(document, "{%p endfor %}")
    author_text(document, "indsatser")


def build_cooperation(document) -> None:
    heading(document, "§ 4 Generelt samarbejde")
    para(
        document,
        "Jf. kontraktens § 4 orienterer {{ parter.modpart_kort }} og "
        "{{ parter.kommune_kort }} hinanden om strategiske tiltag, der involverer "
        "erhvervslivet (a), {{ parter.modpart_kort }} bidrager til "
        "{{ parter.kommune_kort }}'s sammenhængsmodel (b), og parterne koordinerer "
        "kampagner og markedsføring, herunder fællesindkøb af annonceplads (c).",
    )
    point_list(document, "samarbejde_punkter", level=2)
    tag(document, "{%p if samarbejde_liste %}")
    heading(document, "Årets samarbejde", level=2)
    table(
        document,
        [Col("Type", 3.9), Col("Titel", 4.4), Col("Beskrivelse", 7.7)],
        "s in samarbejde_liste",
        ["{{ s.type }}", "{{ s.titel }}", "{{ s.beskrivelse }}"],
    )
    tag(document, "{%p endif %}")
    tag(document, "{%p if samarbejde_flere %}")
    para(
        document,
        "Ud over de viste er der registreret "
        "{{ samarbejde_flere|antal('samarbejde') }} mere i året.",
    )
    tag(document, "{%p endif %}")
    author_text(document, "samarbejde")


def build_cfi(document) -> None:
    heading(document, "§ 5 Center for Industri og House of Industry")
    para(
        document,
        "Jf. kontraktens § 5 integreres Center for Industris (CFI) aktiviteter og formål i "
        "{{ parter.modpart_kort }}, som har det overordnede ansvar for etablering og drift af "
        "det kommende House of Industry i Banebyen.",
    )
    point_list(document, "cfi_punkter", level=2)
    author_text(document, "cfi_house_of_industry")


# --------------------------------------------------------------------------- § 6: the KPIs


def _count_cols(first: str, width: float) -> list[Col]:
    rest = (TEXT_WIDTH_CM - width) / 3
    return [
        Col(first, width),
        Col("{{ forrige_aar }}", rest, number=True),
        Col("{{ aar }}", rest, number=True),
        Col("Andel {{ aar }}", rest, number=True),
    ]


def _count_cells(var: str) -> list[str]:
    return [
        f"{{{{ {var}.navn }}}}",
        maybe(f"{var}.forrige", f"{{{{ {var}.forrige|tal }}}}"),
        f"{{{{ {var}.antal|tal }}}}",
        f"{{{{ {var}.andel|pct }}}}",
    ]


def _total_cells() -> list[str]:
    return [
        "I alt",
        maybe("henvisninger.forrige_total", "{{ henvisninger.forrige_total|tal }}"),
        "{{ henvisninger.total|tal }}",
        "{% if henvisninger.total %}100,0 %{% else %}–{% endif %}",
    ]


def _referral_intro(document) -> None:
    para(
        document,
        "Jf. kontraktens § 6 a registrerer {{ parter.modpart_kort }} antallet af henvisninger "
        "til Erhvervshus Midtjylland og øvrige nationale og regionale programmer.",
    )
    para(
        document,
        "I {{ aar }} blev der registreret ",
        ("{{ henvisninger.total|antal('henvisning') }}", "bold"),
        "{% if henvisninger.forrige_total is not none %}",
        ", {{ henvisninger.aendring|aendring(henvisninger.aendring_pct, forrige_aar) }}",
        "{% if not henvisninger.forrige_i_perioden %}"
        ", som lå i den forrige kontraktperiode{% endif %}. ",
        "{% else %}",
        ". ",
        "{% endif %}",
        "Heraf gik {{ henvisninger.erhvervshus|tal }} til Erhvervshus Midtjylland. "
        "Henvisningerne gjaldt i alt {{ henvisninger.virksomheder|antal('virksomhed') }}",
        "{% if henvisninger.uden_cvr %}",
        ", og {{ henvisninger.uden_cvr|antal('henvisning') }} var uden CVR-nummer",
        "{% endif %}",
        ".",
    )


def build_referrals(document) -> None:
    heading(document, "§ 6 a Henvisninger til Erhvervshus Midtjylland og øvrige programmer")
    _referral_intro(document)

    heading(document, "Fordelt på modtagere", level=2)
    cells = _count_cells("m")
    table(
        document,
        [
            Col("Modtager", 6.0),
            Col("Type", 3.4),
            Col("{{ forrige_aar }}", 2.0, number=True),
            Col("{{ aar }}", 2.0, number=True),
            Col("Andel {{ aar }}", 2.6, number=True),
        ],
        "m in henvisninger.modtagere",
        [cells[0], "{{ m.type }}", *cells[1:]],
        total=["I alt", "", *_total_cells()[1:]],
        keep_with_next=True,  # the figure shows the same numbers: one page
    )
    figure(
        document,
        "figurer.modtagere",
        "Figur 1. Henvisninger pr. modtager i {{ aar }}{% if henvisninger.forrige_total is not "
        "none %}, sammenlignet med {{ forrige_aar }}{% endif %}.",
    )

    heading(document, "Fordelt på type, emne og kvartal", level=2)
    # A sentence before each table: it says what the table holds, and two tables
    # side by side would merge into one in Word.
    lead(document, "Henvisningerne fordelt på modtagerens type:")
    table(
        document,
        _count_cols("Type", 7.0),
        "m in henvisninger.typer",
        _count_cells("m"),
        total=_total_cells(),
    )
    lead(document, "Henvisningerne fordelt på emne:")
    table(
        document,
        _count_cols("Emne", 7.0),
        "m in henvisninger.emner",
        _count_cells("m"),
        total=_total_cells(),
    )
    lead(document, "Henvisningerne fordelt på kvartal:")
    table(
        document,
        [Col("Kvartal", 8.0), Col("Antal", 4.0, True), Col("Andel", 4.0, True)],
        "k in henvisninger.kvartaler",
        ["{{ k.navn }}", "{{ k.antal|tal }}", "{{ k.andel|pct }}"],
        total=[
            "I alt",
            "{{ henvisninger.total|tal }}",
            "{% if henvisninger.total %}100,0 %{% else %}–{% endif %}",
        ],
    )

    heading(document, "Udviklingen over kontraktperioden", level=2)
    lead(document, "Henvisninger i hvert år", SO_FAR)
    table(
        document,
        [Col("År", 3.0), Col("Henvisninger", 4.0, True), Col("Ændring", 4.0, True)],
        "a in henvisninger.aarlige",
        ["{{ a.aar }}", "{{ a.antal|tal }}", maybe("a.aendring", "{{ a.aendring|fortegn }}")],
        keep_with_next=True,
    )
    revised(document, "henvisninger")
    figure(
        document,
        "figurer.kvartaler",
        "Figur 2. Henvisninger pr. kvartal, {{ kontrakt.hidtil }}.",
    )
    author_text(document, "henvisninger")


def build_career(document) -> None:
    heading(document, "§ 6 b Karriereby Viborg")
    para(
        document,
        "Jf. kontraktens § 6 b afsættes der et årsværk til at understøtte Karriereby Viborg. "
        "Et årsværk er {{ karriereby.aarsvaerk|antal('time') }}. I {{ aar }} blev der "
        "registreret ",
        ("{{ karriereby.timer|antal('time', 1) }}", "bold"),
        ", svarende til {{ karriereby.pct|pct }} af ét årsværk.",
    )
    tag(document, "{%p if karriereby.opgaver %}")
    lead(document, "Timerne i {{ aar }} fordelt på opgaver:")
    table(
        document,
        [Col("Opgave", 9.0), Col("Timer", 3.5, True), Col("Andel", 3.5, True)],
        "o in karriereby.opgaver",
        ["{{ o.opgave }}", "{{ o.timer|tal(1) }}", "{{ o.andel|pct }}"],
        total=[
            "I alt",
            "{{ karriereby.timer|tal(1) }}",
            "{% if karriereby.timer %}100,0 %{% else %}–{% endif %}",
        ],
    )
    tag(document, "{%p endif %}")
    lead(document, "Timerne i hvert år", SO_FAR)
    table(
        document,
        [Col("År", 3.0), Col("Timer", 4.0, True), Col("Andel af årsværk", 4.0, True)],
        "k in karriereby.aarlige",
        ["{{ k.aar }}", "{{ k.timer|tal(1) }}", "{{ k.pct|pct }}"],
    )
    revised(document, "karriereby")
    author_text(document, "karriereby")


def build_goals(document) -> None:
    heading(document, "§ 6 c CFI's resultatmål")
    para(
        document,
        "Jf. kontraktens § 6 c og § 5 er {{ parter.modpart_kort }} indtrådt i Center for "
        "Industris (CFI) resultatmål, som de fremgår af bevillingsskrivelsen. ",
        ("I alt blev {{ cfi.opfyldt }} af {{ cfi.i_alt|antal('resultatmål') }} opfyldt", "bold"),
        " i {{ aar }}.",
    )
    tag(document, "{%p if cfi.maal %}")
    lead(
        document,
        "Tabellen viser hvert års resultat mod det års eget mål og om målet blev nået; "
        "under hvert mål står kommentaren til det.",
    )
    table(
        document,
        [
            Col("Nr.", 0.9),
            Col("Resultatmål", TEXT_WIDTH_CM - 0.9 - 4 * GOAL_YEAR_CM),
            Col("{{ y }}", GOAL_YEAR_CM, number=True, repeat="y in cfi.aar"),
        ],
        "g in cfi.maal",
        [
            "{{ g.nr }}",
            "{{ g.maal }}{% if g.kommentar %}\nKommentar: {{ g.kommentar }}{% endif %}",
            ("v in g.resultater", "{{ v }}"),
        ],
    )
    revised(document, "cfi")
    tag(document, "{%p else %}")
    para(document, "Der er ikke registreret resultatmål med resultat for {{ aar }}.")
    tag(document, "{%p endif %}")
    author_text(document, "resultatmaal")


def build_meetings(document) -> None:
    heading(document, "§ 6 Månedsmøder")
    para(
        document,
        "Jf. kontraktens § 6 holdes der månedsmøder mellem {{ parter.kommune_kort }} og "
        "{{ parter.modpart_kort }}, hvor relevante og aktuelle emner inden for aftalen tages "
        "op. Der tages ikke referat af møderne.",
    )
    lead(
        document,
        "Der blev holdt møder i ",
        ("{{ moeder.holdt }} af årets {{ moeder.af }} måneder", "bold"),
        "{% if moeder.mangler %}",
        "; der var ikke møde i {{ moeder.mangler|opremsning }}",
        "{% endif %}",
        ".",
    )
    tag(document, "{%p if moeder.liste %}")
    table(
        document,
        [Col("Dato", 3.6), Col("Emner", 12.4)],
        "m in moeder.liste",
        ["{{ m.dato|dato }}", "{{ m.emner }}"],
    )
    tag(document, "{%p endif %}")
    revised(document, "moeder")
    author_text(document, "moeder")


# --------------------------------------------------------------------------- § 7, period, end


def build_economy(document) -> None:
    heading(document, "§ 7 Økonomi")
    para(
        document,
        "Jf. kontraktens § 7 er den årlige kontraktsum {{ kontrakt.grundbeloeb|kr }} i "
        "{{ kontrakt.prisniveau }}-priser, og den reguleres årligt efter kommunernes "
        "prisindeks for serviceydelser. Som indeks bruges KL's pris- og lønskøn for "
        "kommunale serviceudgifter (PL). Reguleringsfaktoren er den samlede PL-stigning "
        "siden {{ kontrakt.prisniveau }}.",
    )
    lead(
        document,
        "Kontraktsummen for {{ aar }} er ",
        ("{{ oekonomi.i_aar.beloeb|kr }}", "bold"),  # "kr." ends the sentence too
        "{% if oekonomi.i_aar.oeremaerket %}",
        " Heraf er {{ oekonomi.i_aar.oeremaerket|kr }} øremærket, så "
        "{{ oekonomi.i_aar.rest|kr }} er til rådighed for kontraktens øvrige opgaver.",
        "{% endif %}",
    )
    table(
        document,
        [
            Col("År", 1.2),
            Col("PL-stigning", 2.3, True),
            Col("Status", 1.9),
            Col(f"Reguleringsfaktor ({{{{ kontrakt.prisniveau }}}}{NBSP}={NBSP}1)", 3.4, True),
            Col("Beregnet beløb", 3.9, True),
            Col("Kontraktsum", 3.3, True),
        ],
        "r in oekonomi.aar",
        [
            "{{ r.aar }}",
            # a rate as written (1,275 %), so the factor can be checked by hand
            "{% if r.sats is not none %}{{ r.sats|tal_auto }} %{% else %}–{% endif %}",
            "{% if r.sats is not none %}{{ r.status }}{% else %}" + PRICE_LEVEL + "{% endif %}",
            "{{ r.faktor|tal(oekonomi.faktor_decimaler) }}",
            "{{ r.beregnet|tal(oekonomi.beloeb_decimaler) }} kr.",
            "{{ r.beloeb|kr }}",
        ],
        total=["I alt", "", "", "", "", "{{ oekonomi.i_alt|kr }}"],
    )
    revised(document, "oekonomi")
    para(
        document,
        "Hvert års beregnede beløb er det forrige års beregnede beløb gange (1 + årets "
        "PL-stigning), eller grundbeløbet {{ kontrakt.grundbeloeb|kr }} gange "
        "reguleringsfaktoren. Beløbet er beregnet med fuld præcision, og kontraktsummen er "
        "det beløb afrundet til {{ oekonomi.afrunding }} (halve op), én gang pr. år.",
        style="Note",
    )
    tag(document, "{%p if oekonomi.kilder %}")
    para(document, "Kilde: {{ oekonomi.kilder }}.", style="Note")
    tag(document, "{%p endif %}")
    tag(document, "{%p if oekonomi.har_skoen %}")
    para(
        document,
        "Kontraktsummen for {{ aar }} bygger på en eller flere PL-stigninger, der stadig er "
        "skøn. Beløbet kan ændre sig, når de endelige tal foreligger.",
    )
    tag(document, "{%p endif %}")
    tag(document, "{%p if oekonomi.oeremaerkninger %}")
    heading(document, "Øremærkede beløb", level=2)
    lead(document, "Af kontraktsummen er disse beløb øremærket, jf. kontraktens § 7:")
    table(
        document,
        [Col("År", 1.6), Col("Formål", 9.2), Col("Reguleres", 2.2), Col("Beløb", 3.0, True)],
        "e in oekonomi.oeremaerkninger",
        ["{{ e.aar }}", "{{ e.formaal }}", "{{ e.reguleres|ja_nej }}", "{{ e.beloeb|kr }}"],
    )
    tag(document, "{%p endif %}")
    author_text(document, "oekonomi")


def build_period(document) -> None:
    tag(document, "{%p if sidste_aar %}")
    heading(document, "Kontraktperioden samlet {{ kontrakt.periode }}")
    lead(
        document,
        "Med {{ aar }} slutter kontraktperioden. Tabellen samler hvert års resultater og "
        "kontraktsum for hele perioden.",
    )
    table(
        document,
        [
            Col("År", 1.8),
            Col("Henvisninger", 2.6, True),
            Col("Timer til Karriereby", 2.8, True),
            Col("Resultatmål opfyldt", 2.9, True),
            Col("Månedsmøder", 2.7, True),
            Col("Kontraktsum", 3.2, True),
        ],
        "p in periode.aar",
        [
            "{{ p.aar }}",
            "{{ p.henvisninger|tal }}",
            "{{ p.timer|tal(1) }}",
            "{{ p.maal }}",
            "{{ p.moeder }}",
            "{{ p.kontraktsum|kr }}",
        ],
        total=[
            "I alt",
            "{{ periode.i_alt.henvisninger|tal }}",
            "{{ periode.i_alt.timer|tal(1) }}",
            "{{ periode.i_alt.maal }}",
            "{{ periode.i_alt.moeder }}",
            "{{ periode.i_alt.kontraktsum|kr }}",
        ],
    )
    para(
        document,
        "Kontraktsummen for hele perioden {{ kontrakt.periode }} var ",
        ("{{ periode.i_alt.kontraktsum|kr }}", "bold"),
    )
    author_text(document, "kontraktperioden")
    tag(document, "{%p endif %}")


def build_coming_year(document) -> None:
    tag(document, "{%p if tekster.kommende_aar %}")
    heading(document, "Det kommende år")
    tag(document, "{{p tekster.kommende_aar }}")
    tag(document, "{%p endif %}")


def build_about(document) -> None:
    heading(document, "Om tallene")
    para(
        document,
        "Tallene er beregnet {{ om_tallene.dato|dato }} ud fra projektmapperne "
        "{{ om_tallene.filer|opremsning }}, som "
        "{{ parter.kommune_kort }} og {{ parter.modpart_kort }} fører i løbet af året. "
        "Bag tabellerne ligger et internt arbejdsbilag, {{ om_tallene.bilag }}, med de "
        "enkelte registreringer; det indeholder oplysninger om virksomheder og er ikke en "
        "del af afrapporteringen til udvalget.",
    )


# --------------------------------------------------------------------------- main


def build(target: Path) -> Path:
    document = Document()
    setup_styles(document)
    setup_settings(document)
    section = document.sections[0]
    setup_page(section)
    build_header_footer(section)
    body = document.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)  # the default document starts with no paragraphs, but be sure
    for part in (
        build_cover,
        build_contents,
        build_summary,
        build_key_figures,
        build_focus_areas,
        build_cooperation,
        build_cfi,
        build_referrals,
        build_career,
        build_goals,
        build_meetings,
        build_economy,
        build_period,
        build_coming_year,
        build_about,
    ):
        part(document)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    return target


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", nargs="?", type=Path, default=TARGET)
    args = parser.parse_args(argv)
    print(f"Skrev {build(args.target)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
