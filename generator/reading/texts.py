"""Read the author's texts: ``tekster_ÅR.docx`` → sections as data, with problems.

The file is read like a workbook. Its Heading 1 paragraphs name the sections
declared in ``schema.TEXT_SECTIONS`` (matched case- and whitespace-
insensitively); everything under a heading until the next Heading 1 is that
section's content. Paragraphs in the guidance style are the skeleton's
teaching and are never merged. Before python-docx sees the file, its
container is checked like a workbook's: a renamed or encrypted file, a zip
bomb or XML with a DTD is refused with a Danish problem, never a traceback.

A missing file is not a problem: ``lav`` writes the skeleton instead.
"""

from __future__ import annotations

import hashlib
import re
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from ..core.problems import Code, Problem, did_you_mean, error, warning
from ..core.schema import (
    TEXT_SECTIONS,
    TEXTS_FILENAME,
    TEXTS_GUIDANCE_STYLE,
    TextSection,
    normalize_header,
)
from ..core.wording import shortened
from .active import FIELD, LINK, OLE, PICTURE, Removed, neutralise
from .container import OWNER_FILE_CODES, UnsafeWorkbook, open_elsewhere
from .docx_container import inspect, locate, open_document, read

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PARAGRAPH, SECTION_PROPERTIES = f"{W}p", f"{W}sectPr"
CONTRACT_PARAGRAPH = re.compile(r"^§\s*\d+(\s+[a-z](?=\s))?\s*")
BRACKETED = re.compile(r"\s*\([^)]*\)$")
OTHER_HEADING = re.compile(r"(heading|overskrift) \d")
HEADING_STYLES = {"heading 1", "overskrift 1"}  # Word stores the English name; LibreOffice may not
NAMESPACES = {
    "w": W.strip("{}"),
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
}
# Anything that shows on the page even without text: a paragraph holding one is not empty.
VISIBLE = etree.XPath(
    "boolean(.//w:t[normalize-space(.) != ''] | .//w:drawing | .//w:pict | .//w:object"
    " | .//m:oMath | .//w:sym)",
    namespaces=NAMESPACES,
)
# A picture (or chart, shape) and how a screen reader may tell it: DrawingML's
# wp:docPr with its descr, VML's v:shape with its alt. Word's "Mark as decorative"
# needs no text.
DRAWN = etree.XPath(
    ".//wp:docPr | .//w:pict//v:shape | .//w:object//v:shape",
    namespaces={
        **NAMESPACES,
        "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
        "v": "urn:schemas-microsoft-com:vml",
    },
)
DECORATIVE = etree.XPath(
    "boolean(.//*[local-name() = 'decorative' and (@val = '1' or @val = 'true')])"
)
NOTES = etree.XPath(
    "boolean(.//w:footnoteReference | .//w:endnoteReference)", namespaces=NAMESPACES
)
# A tab or a line break inside a heading separates words like a space.
TEXT = etree.XPath(".//w:t | .//w:r/w:tab | .//w:br | .//w:cr", namespaces=NAMESPACES)
T = f"{W}t"


def heading_key(title: str) -> str:
    """How headings are compared: case, spacing, a closing colon or full stop, the
    contract's paragraph (``§ 6 a``), a note in brackets (``(KPI a)``) and Word's
    curly apostrophe aside."""
    key = normalize_header(title.replace("\u2019", "'")).rstrip(":. ")
    return CONTRACT_PARAGRAPH.sub("", BRACKETED.sub("", key)).strip()


SECTIONS_BY_NAME = {heading_key(section.heading): section for section in TEXT_SECTIONS}


def section_named(title: str) -> TextSection | None:
    """The section a heading names: by its name, or by a heading that begins with it
    (the report's own, longer heading copied in: "Henvisninger til Erhvervshus …")."""
    key = heading_key(title)
    if key in SECTIONS_BY_NAME:
        return SECTIONS_BY_NAME[key]
    starts = [name for name in SECTIONS_BY_NAME if key.startswith(name + " ")]
    return SECTIONS_BY_NAME[max(starts, key=len)] if starts else None


@dataclass(frozen=True)
class SectionText:
    """One section's content: where it stands in the file, and its words as plain text."""

    key: str
    heading: str
    blocks: tuple[int, ...]  # positions among the document body's children
    text: str


@dataclass(frozen=True)
class Texts:
    """The year's texts. ``path`` is None when the file does not exist (yet);
    ``readable`` is False when it exists but was refused (a problem says why);
    ``sections`` holds only the sections that have content for this year."""

    filename: str
    path: Path | None = None
    source: bytes = b""
    sections: dict[str, SectionText] = field(default_factory=dict)
    sha256: str = ""
    readable: bool = True


def texts_filename(year: int) -> str:
    return TEXTS_FILENAME.format(year=year)


def applies(section: TextSection, year: int, last_year: int | None) -> bool:
    """Whether ``section`` belongs in the report for ``year``."""
    return not section.last_year_only or last_year is None or year == last_year


def read_texts(
    folder: Path, year: int, last_year: int | None = None
) -> tuple[Texts, list[Problem]]:
    """Read ``tekster_ÅR.docx`` from ``folder``; every problem is returned, none raised."""
    filename = texts_filename(year)
    path, problems = locate(folder, filename)
    if path is None:
        return Texts(filename), problems
    in_word = open_elsewhere(path, filename, "Word")
    try:
        source = read(path, filename)
        inspect(source, filename)
        document = open_document(source, filename)
        if document.element.body is None:
            raise UnsafeWorkbook(_no_body(filename))
        sections, problems = _Reader(document, filename, year, last_year).sections()
        digest = hashlib.sha256(source).hexdigest()
        texts = Texts(filename, path, source, sections, digest)
    except UnsafeWorkbook as refused:
        return Texts(filename, path, readable=False), [*in_word, refused.problem]
    return texts, [*in_word, *problems]


def _no_body(filename: str) -> Problem:
    return error(
        filename,
        None,
        None,
        Code.BROKEN_FILE,
        f"{filename} kan ikke læses: dokumentet har ingen brødtekst (filen er ødelagt "
        "eller ikke gemt af Word). Åbn den i Word og gem den igen, eller brug en "
        "sikkerhedskopi.",
    )


def refuse(texts: Texts, problems: list[Problem], refusal: Problem) -> tuple[Texts, list[Problem]]:
    """``read_texts``'s answer once the file is refused after reading (the render's
    trial merge, ``render.texts.trial_merge``): a file that cannot be read, with
    ``refusal``. Of the reading's problems only the warning that Word has it open
    stays; the rest are about sections that will not be used."""
    open_in_word = [p for p in problems if p.code is OWNER_FILE_CODES["Word"]]
    return Texts(texts.filename, texts.path, readable=False), [*open_in_word, refusal]


class _Reader:
    """One pass over the body: headings open sections, guidance is skipped, the rest kept."""

    def __init__(self, document: Any, filename: str, year: int, last_year: int | None) -> None:
        self.body = document.element.body
        self.relationships = document.part.rels
        self.styles = _StyleKinds(document)
        self.filename, self.year, self.last_year = filename, year, last_year
        self.problems: list[Problem] = []
        self.found: dict[str, list[int]] = {}  # section key -> positions, in file order
        self.headings: dict[str, int] = {}  # section key -> how often its heading stands
        self.before: list[int] = []  # content above the first heading

    def sections(self) -> tuple[dict[str, SectionText], list[Problem]]:
        current: str | None = None
        for position, element in enumerate(self.body):
            if element.tag == SECTION_PROPERTIES:
                continue
            kind = self.styles.kind(element) if element.tag == PARAGRAPH else "content"
            if kind == "heading":
                if _text(element).strip():  # an empty heading opens nothing and is not kept
                    current = self._open_section(_text(element))
            elif kind == "guidance":
                self._check_guidance(current, element)
            elif current is None:
                self.before.append(position)
            elif current != "":  # "" is an unknown heading: its text is left out, once warned
                self.found[current].append(position)
        return self._finish()

    def _open_section(self, title: str) -> str:
        section = section_named(title)
        if section is None:
            self._unknown_heading(title)
            return ""
        self.headings[section.key] = self.headings.get(section.key, 0) + 1
        self.found.setdefault(section.key, [])
        return section.key

    def _finish(self) -> tuple[dict[str, SectionText], list[Problem]]:
        self._text_before_first_heading()
        sections: dict[str, SectionText] = {}
        for section in TEXT_SECTIONS:
            self._check_active(section, self.found.get(section.key, []))
            blocks = self._trimmed(self.found.get(section.key, []))
            if self.headings.get(section.key, 0) > 1:
                self._warn(
                    Code.DUPLICATE_HEADING,
                    f"Overskriften '{section.heading}' står {self.headings[section.key]} gange "
                    f"i {self.filename}. Teksten under dem er sat sammen i rapporten; saml den "
                    "under én overskrift.",
                )
            if blocks and not applies(section, self.year, self.last_year):
                self._warn(
                    Code.LAST_YEAR_SECTION,
                    f"Afsnittet '{section.heading}' i {self.filename} hører kun til "
                    f"kontraktperiodens sidste år ({self.last_year}), så teksten kommer ikke "
                    f"med i rapporten for {self.year}.",
                )
            elif blocks:
                sections[section.key] = self._section(section, blocks)
        self._empty_sections(sections)
        return sections, self.problems

    def _check_active(self, section: TextSection, positions: list[int]) -> None:
        """Field codes, OLE links, links to files and embedded chunks are taken out when
        the texts are merged (``active``); each is told here, where it stands."""
        for number, position in enumerate(positions, start=1):
            element = self.body[position]
            where = f"Under overskriften '{section.heading}' i {self.filename} har afsnit {number}"
            excerpt = _excerpt(element)
            if excerpt:
                where += f" ('{excerpt}')"
            for removed in neutralise(deepcopy(element), self.relationships):
                self._warn(Code.ACTIVE_CONTENT, f"{where} {_active_message(removed)}")

    def _section(self, section: TextSection, blocks: tuple[int, ...]) -> SectionText:
        elements = [self.body[position] for position in blocks]
        if any(NOTES(element) for element in elements):
            self._warn(
                Code.CONTENT_LEFT_OUT,
                f"Afsnittet '{section.heading}' i {self.filename} har fodnoter eller "
                "slutnoter; de kommer ikke med i rapporten. Skriv dem ind i teksten i stedet.",
            )
        self._check_pictures(section, elements)
        text = "\n".join(_text(element) for element in elements)
        return SectionText(section.key, section.heading, blocks, text)

    def _check_pictures(self, section: TextSection, elements: list[Any]) -> None:
        """A picture without alternative text is nothing to a screen reader: the report
        is published, so each one is named (a decorative one needs none)."""
        drawn = [shape for element in elements for shape in DRAWN(element)]
        for number, shape in enumerate(drawn, start=1):
            told = shape.get("descr") if shape.tag.endswith("docPr") else shape.get("alt")
            if (told or "").strip() or DECORATIVE(shape):
                continue
            name = (shape.get("name") or "").strip()
            named = f" ('{name}')" if name and len(name) <= 80 else ""
            self._warn(
                Code.PICTURE_WITHOUT_ALT,
                f"Under overskriften '{section.heading}' i {self.filename} har billede "
                f"{number}{named} ingen alternativ tekst, så en skærmlæser kan ikke sige, "
                "hvad det viser. Højreklik på billedet i Word, vælg alternativ tekst, og "
                "skriv med få ord, hvad billedet viser (eller markér det som dekorativt).",
            )

    def _empty_sections(self, sections: dict[str, SectionText]) -> None:
        wanted = [s for s in TEXT_SECTIONS if applies(s, self.year, self.last_year)]
        if not sections:  # one warning for a file with no words yet, not one a section
            self._warn(
                Code.EMPTY_SECTION,
                f"{self.filename} har endnu ingen tekst, så rapporten har hverken forord, "
                "samlet vurdering eller kommentarer. Skriv teksterne under overskrifterne "
                "i filen og kør igen.",
            )
            return
        for section in wanted:
            if section.key in sections or section.optional:
                continue
            if section.key in self.headings:
                what = f"Afsnittet '{section.heading}' i {self.filename} er tomt"
            else:
                what = f"Overskriften '{section.heading}' mangler i {self.filename}"
            self._warn(
                Code.EMPTY_SECTION,
                f"{what}, så rapporten har ingen tekst dér. Skriv teksten under overskriften "
                "(typografi Overskrift 1), hvis afsnittet skal have en kommentar.",
            )

    def _trimmed(self, positions: list[int]) -> tuple[int, ...]:
        """Without the empty paragraphs at either end (the skeleton leaves one to write in)."""
        filled = [i for i, p in enumerate(positions) if VISIBLE(self.body[p])]
        return tuple(positions[filled[0] : filled[-1] + 1]) if filled else ()

    def _unknown_heading(self, title: str) -> None:
        close = did_you_mean(title, [section.heading for section in TEXT_SECTIONS])
        hint = (
            f" Mente du '{close}'? Skriv overskriften, som den står i skabelonen."
            if close
            else " Afsnittene hedder: " + ", ".join(s.heading for s in TEXT_SECTIONS) + "."
        )
        self._warn(
            Code.UNKNOWN_HEADING,
            f"Overskriften '{title.strip()}' i {self.filename} er ikke et af rapportens "
            f"afsnit, så teksten under den kommer ikke med.{hint}",
        )

    def _text_before_first_heading(self) -> None:
        filled = [p for p in self.before if VISIBLE(self.body[p])]
        if filled:
            self._warn(
                Code.TEXT_WITHOUT_HEADING,
                f"Teksten '{_excerpt(self.body[filled[0]])}' står over den første overskrift "
                f"i {self.filename} og kommer ikke med i rapporten. Flyt den ind under den "
                "overskrift, hvor den hører til.",
            )

    def _check_guidance(self, current: str | None, element: Any) -> None:
        """Text typed over a guidance line keeps its style, and would be lost unseen."""
        section = next((s for s in TEXT_SECTIONS if s.key == current), None)
        text = normalize_header(_text(element))
        if section is None or not text or text == normalize_header(section.guidance):
            return
        self._warn(
            Code.TEXT_IN_GUIDANCE,
            f"Teksten '{_excerpt(element)}' under '{section.heading}' i {self.filename} står "
            f"i typografien {TEXTS_GUIDANCE_STYLE} og kommer derfor ikke med i rapporten. Giv "
            "den typografien Normal (eller en anden), hvis den skal med.",
        )

    def _warn(self, code: Code, message: str) -> None:
        self.problems.append(warning(self.filename, None, None, code, message))


class _StyleKinds:
    """Which paragraph styles open a section (Heading 1) and which are guidance."""

    def __init__(self, document: Any) -> None:
        styles = document.styles.element
        self.by_id = {s.get(f"{W}styleId"): s for s in styles.findall(f"{W}style")}
        default = styles.xpath("w:style[@w:type='paragraph' and @w:default='1']/@w:styleId")
        self.default = default[0] if default else None
        self.cache: dict[str | None, str] = {}

    def kind(self, paragraph: Any) -> str:
        style_id = paragraph.xpath("string(w:pPr/w:pStyle/@w:val)") or self.default
        if style_id not in self.cache:
            self.cache[style_id] = self._kind(style_id)
        return self.cache[style_id]

    def _kind(self, style_id: str | None) -> str:
        seen: set[str] = set()
        while style_id and style_id not in seen:  # up the basedOn chain
            seen.add(style_id)
            style = self.by_id.get(style_id)
            if style is None:
                break
            name = " ".join(style.xpath("string(w:name/@w:val)").split()).casefold()
            if name == TEXTS_GUIDANCE_STYLE.casefold():
                return "guidance"
            if name in HEADING_STYLES:
                return "heading"
            # A style with a level of its own decides here: some templates base
            # Heading 2 on Heading 1, and a Heading 2 opens no section.
            level = style.xpath("string(w:pPr/w:outlineLvl/@w:val)")
            if level or OTHER_HEADING.fullmatch(name):
                return "heading" if level == "0" else "content"
            style_id = style.xpath("string(w:basedOn/@w:val)")
        return "content"


def _active_message(removed: Removed) -> str:
    detail = removed.detail if len(removed.detail) <= 80 else removed.detail[:79] + "…"
    if removed.kind == FIELD:
        return (
            f"et Word-felt ({detail}). Felter kommer ikke med i rapporten: Word kunne ellers "
            "hente filer eller starte programmer, når felterne opdateres. Den tekst, feltet "
            "viste, står der som almindelig tekst."
        )
    if removed.kind == OLE:
        return (
            "et sammenkædet objekt (et OLE-link eller et ActiveX-element), som henter sit "
            "indhold fra en anden fil eller kører et program. Det kommer ikke med i "
            "rapporten; indsæt indholdet selv, fx som billede eller tekst."
        )
    if removed.kind == LINK:
        return (
            f"et link til '{detail}', som ikke er en webadresse. Linket er fjernet, teksten "
            "står der stadig. Kun links til websider (http, https) og e-mail (mailto) "
            "kommer med."
        )
    if removed.kind == PICTURE:
        return (
            f"et billede eller objekt, der kun er et link til '{detail}' og ikke ligger i "
            "filen. Det kommer ikke med i rapporten. Indsæt billedet i filen (Indsæt › "
            "Billeder) i stedet for at sammenkæde det."
        )
    return (
        "indhold, der er indlejret fra en anden fil (fx HTML eller RTF indsat som "
        "'Tekst fra fil'). Det kommer ikke med i rapporten; kopiér teksten ind som "
        "almindelig tekst."
    )


def _text(element: Any) -> str:
    return "".join((node.text or "") if node.tag == T else " " for node in TEXT(element))


def _excerpt(element: Any, limit: int = 60) -> str:
    return shortened(" ".join(_text(element).split()), limit)
