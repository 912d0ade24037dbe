"""The skeleton of ``tekster_ÅR.docx``: where the author writes the year's own words.

``aarsrapport ny`` writes it, and so does ``lav`` when the year's file is
missing; never over an existing file. It teaches by example: every section
heading (Heading 1, as the reader expects), under each one guidance line in
a style the reader never merges, and an empty paragraph to write in. The
sections come from ``schema.TEXT_SECTIONS``, like the workbooks' headers.
"""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.styles.style import ParagraphStyle

from ..core.os_errors import reason
from ..core.problems import CannotContinue
from ..core.schema import KONTRAKT, SETTINGS_SHEET, TEXT_SECTIONS, TEXTS_GUIDANCE_STYLE
from ..reading.docx_container import locate
from ..reading.model import contract_of
from ..reading.period import Period, YearChoice, choose_report_year
from ..reading.texts import applies, texts_filename

GUIDANCE_COLOUR = RGBColor(0x59, 0x59, 0x59)


def intro(year: int) -> tuple[str, ...]:
    """The guidance at the top of the file."""
    return (
        f"Her skriver du årets egne tekster til afrapporteringen for {year}: forord, samlet "
        "vurdering og kommentarer. Hver gang rapporten laves, sætter "
        "programmet teksten under hver overskrift ind i rapporten på sin plads. Skriv derfor "
        "her og ikke i den færdige rapport, som laves forfra hver gang.",
        "Lad overskrifterne stå, som de er (typografi Overskrift 1). Skriv under dem; et "
        "afsnit, du lader stå tomt, bliver udeladt af rapporten.",
        "Fed, kursiv og understreget tekst, punktopstillinger, nummererede lister, links, "
        "tabeller og billeder kommer med. Grå, kursiv tekst som denne er vejledning og kommer "
        "ikke med.",
    )


def write_texts_skeleton(folder: Path, year: int, last_year: int | None = None) -> Path | None:
    """Write ``tekster_ÅR.docx`` into ``folder``; return its path, or None when a file of
    that name (or the same name in another format) is already there: it is never replaced."""
    filename = texts_filename(year)
    found, other_format = locate(folder, filename)
    if found is not None or other_format:
        return None
    path = folder / filename
    stream = BytesIO()
    skeleton(year, last_year).save(stream)
    data = stream.getvalue()
    try:
        with path.open("xb") as out:  # exclusive: never over a file made meanwhile
            out.write(data)
    except FileExistsError:
        return None
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise CannotContinue(
            f"{filename} kan ikke skrives i mappen '{folder}': {reason(exc)}."
        ) from exc
    return path


def write_blank_texts(
    folder: Path, requested: int | None, today: date
) -> tuple[YearChoice, Path | None]:
    """``ny``'s skeleton, written after the workbooks, for the year ``lav`` will report
    on (``period.choose_report_year``, the period read from ``folder``'s
    kontrakt.xlsx); in a new period's first January, before any whole year, its
    first year. Returns the choice and the file (None when one was there already)."""
    period = _period(folder)
    choice = choose_report_year(period, today, requested)
    last = period.last if period is not None else None
    return choice, write_texts_skeleton(folder, choice.year, last)


def _period(folder: Path) -> Period | None:
    """The contract period of the settings in ``folder``; None when it cannot be read."""
    from ..reading import read_inputs

    inputs, _ = read_inputs(folder, (KONTRAKT,))
    return contract_of(inputs.table(SETTINGS_SHEET.name)).period


def skeleton(year: int, last_year: int | None) -> Any:
    """The skeleton as a python-docx ``Document``: intro, then per section its heading,
    its guidance line and an empty paragraph to write in."""
    from docx import Document

    document = Document()
    _danish(document)
    guidance = _guidance_style(document)
    properties = document.core_properties
    properties.title = f"Tekster til afrapporteringen for {year}"
    properties.author = ""
    properties.language = "da-DK"
    for line in intro(year):
        document.add_paragraph(line, guidance)
    for section in TEXT_SECTIONS:
        if applies(section, year, last_year):
            document.add_heading(section.heading, level=1)
            document.add_paragraph(section.guidance, guidance)
            document.add_paragraph("")
    return document


def _guidance_style(document: DocxDocument) -> ParagraphStyle:
    """Grey italics that say "not part of the report"; Enter after it gives Normal text."""
    styles = document.styles
    style: ParagraphStyle = styles.add_style(TEXTS_GUIDANCE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    style.next_paragraph_style = styles["Normal"]
    style.quick_style = True
    style.font.italic = True
    style.font.size = Pt(10)
    style.font.color.rgb = GUIDANCE_COLOUR
    return style


def _danish(document: DocxDocument) -> None:
    """Danish spelling and hyphenation for everything the author writes."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    properties = run_defaults.find(qn("w:rPr")) if run_defaults is not None else None
    if properties is None:
        return
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    language.set(qn("w:val"), "da-DK")
