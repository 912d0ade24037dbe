"""Write clearly marked EXAMPLE texts into input/ as tekster_2023.docx.

Developer tool: ``python tools/make_example_texts.py [FOLDER]`` (default: the repo's
``input/``). The file is the skeleton ``aarsrapport ny`` writes, with invented
Danish prose typed under each heading as an author would: paragraphs, bold, a
link, a bullet list and a numbered list, so the example report shows each kind.
The headings and guidance come from ``generator.core.schema``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docx.opc.constants import RELATIONSHIP_TYPE  # noqa: E402
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402

from generator.core.schema import TEXT_SECTIONS, TEXTS_GUIDANCE_STYLE  # noqa: E402
from generator.reading.texts import texts_filename  # noqa: E402
from generator.start.texts import skeleton  # noqa: E402

YEAR = LAST_YEAR = 2023
MARK = "Eksempeltekst. "
LINK = "https://www.viborg.dk/erhverv"
# Per section: paragraphs as lists of (kind, text); kind "" plain, "b" bold,
# "link" a hyperlink to LINK, "bullet"/"number" a list item (the whole paragraph).
TEXTS: dict[str, list[list[tuple[str, str]]]] = {
    "forord": [
        [
            ("", MARK + "Året har budt på "),
            ("b", "flere henvisninger end året før, 101 mod 93"),
            ("", ", og CFI er nu en fuld del af VER."),
        ],
        [
            (
                "",
                "Rapporten følger kontraktens punkter i kontraktens rækkefølge. Læs om "
                "erhvervsservicen på ",
            ),
            ("link", "kommunens erhvervsside"),
            ("", "."),
        ],
    ],
    "samlet_vurdering": [
        [
            (
                "",
                MARK + "VER vurderer, at kontrakten i det store hele er opfyldt. De "
                "resultatmål, der ikke er nået, er beskrevet under CFI's resultatmål.",
            )
        ],
    ],
    "vurdering_3": [
        [
            (
                "",
                MARK + "Demolab og arbejdet med nye uddannelser er afsluttet; de øvrige ti "
                "indsatser fortsætter.",
            )
        ],
    ],
    "vurdering_4": [
        [("", MARK + "Samarbejdet brugte alle fire former i § 4, én gang hver.")],
    ],
    "vurdering_5": [
        [
            (
                "",
                MARK + "CFI er en del af VER; House of Industry er stadig under planlægning.",
            )
        ],
    ],
    "indstilling": [
        [
            (
                "",
                MARK + "Det indstilles, at udvalget tager afrapporteringen for 2023 til "
                "efterretning.",
            )
        ],
    ],
    "henvisninger": [
        [("", MARK + "Henvisningerne fordeler sig bredt. Tre forhold skiller sig ud:")],
        [("bullet", "Erhvervshus Midtjylland fik uændret 40 henvisninger, 40 mod 40 i 2022.")],
        [("bullet", "Regionale programmer fik flere henvisninger, 22 mod 12 i 2022.")],
        [("bullet", "Iværksætteri og opstart fylder mere, 22 mod 13 i 2022.")],
    ],
    "karriereby": [
        [
            (
                "",
                MARK + "Ud over administration og koordinering er timerne især brugt på "
                "virksomhedsbesøg og karrieremessen.",
            )
        ],
    ],
    "resultatmaal": [
        [
            (
                "",
                MARK + "To af årets fem mål blev ikke nået: nye virksomheder i House of "
                "Industry og sagsbehandlingstiden. Begge følges op sammen med CFI i 2024.",
            )
        ],
    ],
    "moeder": [
        [
            (
                "",
                MARK + "Månedsmøderne har givet en god løbende dialog mellem VK og VER. I "
                "juli var der sommerferie og intet møde.",
            )
        ],
    ],
    "indsatser": [
        [
            (
                "",
                MARK + "To indsatser blev afsluttet i 2023: Demolabbet for digital "
                "transformation og arbejdet for nye uddannelser i Viborg.",
            )
        ],
    ],
    "samarbejde": [
        [
            (
                "",
                MARK + "Parterne markedsførte Iværksætterugen sammen og købte annonceplads "
                "i Viborg Stifts Folkeblad i fællesskab.",
            )
        ],
    ],
    "cfi_house_of_industry": [
        [
            (
                "",
                MARK + "Integrationen af CFI i VER er gennemført, og arbejdet med House of "
                "Industry i Banebyen fortsætter.",
            )
        ],
    ],
    "oekonomi": [
        [
            (
                "",
                MARK + "Kontraktsummen er reguleret efter KL's pris- og lønskøn for "
                "kommunale serviceudgifter.",
            )
        ],
    ],
    "kontraktperioden": [
        [("", MARK + "Over hele kontraktperioden er især tre ting lykkedes:")],
        [("number", "Flere henvisninger hvert år, 101 i 2023 mod 80 i 2020.")],
        [("number", "Karriereby Viborg er blevet en fast del af erhvervsservicen.")],
        [("number", "CFI er en integreret del af VER.")],
    ],
    "kommende_aar": [
        [
            (
                "",
                MARK + "I det kommende år vil VER især arbejde med grøn omstilling og "
                "tiltrækning af arbejdskraft.",
            )
        ],
    ],
}
LIST_STYLES = {"bullet": "List Bullet", "number": "List Number"}


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else ROOT / "input"
    document = skeleton(YEAR, LAST_YEAR)
    body = list(document.paragraphs)
    for section in TEXT_SECTIONS:
        heading = next(i for i, p in enumerate(body) if p.text == section.heading)
        assert body[heading + 1].style.name == TEXTS_GUIDANCE_STYLE
        anchor = body[heading + 2]  # the empty paragraph the skeleton leaves to write in
        for parts in reversed(TEXTS[section.key]):
            anchor = anchor.insert_paragraph_before() if anchor.text else anchor
            _fill(anchor, parts)
    document.save(str(folder / texts_filename(YEAR)))


def _fill(paragraph, parts: list[tuple[str, str]]) -> None:
    for kind, words in parts:
        if kind in LIST_STYLES:
            paragraph.style = paragraph.part.document.styles[LIST_STYLES[kind]]
            paragraph.add_run(words)
        elif kind == "link":
            _link(paragraph, words)
        else:
            paragraph.add_run(words).bold = kind == "b"


def _link(paragraph, words: str) -> None:
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), paragraph.part.relate_to(LINK, RELATIONSHIP_TYPE.HYPERLINK, True))
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "0563C1")  # Word's own link blue
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.extend([colour, underline])
    text = OxmlElement("w:t")
    text.text = words
    text.set(qn("xml:space"), "preserve")
    run.extend([properties, text])
    link.append(run)
    paragraph._p.append(link)


if __name__ == "__main__":
    main()
