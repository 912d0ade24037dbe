"""Build templates/status.docx, the Word template of the monthly status.

Developer tool: ``python tools/build_status_template.py [TARGET]``. The status
is a working paper for the monthly meeting (contract § 6), one or two pages.
It has the annual report's look because it is built from the same styles,
page and table helpers (``tools/build_template.py``): a change of style there
changes both templates. Placeholders use the names of
``generator.render.status.status_context`` and the report's filters.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the report's builder, beside this

from build_template import (
    ROOT,
    Col,
    build_header_footer,
    heading,
    lead,
    para,
    setup_page,
    setup_settings,
    setup_styles,
    table,
    tag,
)
from docx import Document
from docx.oxml.ns import qn

TARGET = ROOT / "templates" / "status.docx"
MONTH_CM = 1.2  # a month's column: twelve of them and the year fit the text width

GUIDE = (
    "{#p Skabelonen laves af tools/build_status_template.py. Tekst i dobbelte krøllede "
    "parenteser er felter, som programmet udfylder. Denne linje kommer ikke med. #}"
)


HEADER = "Status {{ dato|dato }} · Arbejdspapir til månedsmødet"


def bullets(document, loop: str, text: str) -> None:
    """One real list item per entry of ``loop``."""
    tag(document, f"{{%p for {loop} %}}")
    para(document, text, style="List Bullet")
    tag(document, "{%p endfor %}")


def unless_unread(document, sheets: Sequence[str], body: Callable[[object], None]) -> None:
    """``body``, or where a sheet it counts could not be read, that its figures are missing
    (a status must not show 0 for what it could not count)."""
    condition = " or ".join(f"'{sheet}' in data.ulaeste_ark" for sheet in sheets)
    tag(document, f"{{%p if {condition} %}}")
    named = " og ".join(f"arket {sheet}" for sheet in sheets)
    para(document, f"Tallene mangler: {named} kunne ikke læses (se Data ovenfor).")
    tag(document, "{%p else %}")
    body(document)
    tag(document, "{%p endif %}")


def build_opening(document) -> None:
    para(document, GUIDE, style="Note")
    para(document, "Status til månedsmødet", style="Title")
    para(
        document,
        "{{ dato|dato }} · {{ parter.modpart_kort }} og {{ parter.kommune_kort }}",
        style="Subtitle",
    )
    para(
        document,
        ("Arbejdspapir", "bold"),
        " til månedsmødet, jf. kontraktens § 6: {{ aar }} til og med {{ dato|dato }}. Ikke en "
        "afrapportering; tallene kan ændre sig, til året er omme.",
    )
    tag(document, "{%p if eksempeldata %}")
    para(
        document,
        ("EKSEMPELDATA – ikke rigtige tal.", "Eksempeldata"),
        " Status er lavet med eksempeldata til afprøvning.",
    )
    tag(document, "{%p endif %}")


def build_data(document) -> None:
    heading(document, "Data")
    para(
        document,
        "{% if data.fejl %}",
        ("Data har {{ data.fejl|antal('fejl') }}", "bold"),
        " og {{ data.advarsler|antal('advarsel') }}. ",
        "{% if data.fejlrapport %}",
        "Fejlene er markeret i {{ data.fejlrapport }} i samme mappe som status, hver med "
        "fil, ark og celle. ",
        "{% elif data.fejlrapport_fejl %}",
        "Fejlrapporten kunne ikke skrives: {{ data.fejlrapport_fejl }} ",
        "{% endif %}",
        "Årsrapporten kan ikke laves, før fejlene er rettet; status er lavet af de rækker, "
        "der kunne læses.",
        "{% else %}",
        "Data har ingen fejl og {{ data.advarsler|antal('advarsel') }}",
        "{% if data.advarsler %}; »{{ tjek }}« viser dem med fil, ark og celle{% endif %}.",
        "{% endif %}",
    )
    tag(document, "{%p if data.ulaeste %}")
    para(
        document,
        "{{ data.ulaeste }} kunne ikke læses, så tallene derfra mangler i status.",
    )
    tag(document, "{%p endif %}")
    tag(document, "{%p if senere %}")
    para(document, "{{ senere }}")
    tag(document, "{%p endif %}")
    heading(document, "Det mangler endnu", level=2)
    tag(document, "{%p if mangler %}")
    lead(document, "Det skal være på plads, før årsrapporten laves, men er ikke fejl endnu:")
    bullets(document, "m in mangler", "{{ m }}")
    tag(document, "{%p else %}")
    para(document, "Intet mangler til og med {{ dato|dato }}.")
    tag(document, "{%p endif %}")


def build_referrals(document) -> None:
    heading(document, "§ 6 a Henvisninger")
    unless_unread(document, ("Henvisninger",), _referral_figures)


def _referral_figures(document) -> None:
    para(
        document,
        ("{{ henvisninger.total|antal('henvisning') }} til og med {{ dag }}", "bold"),
        ", {{ henvisninger.sammenligning }}.",
    )
    lead(
        document,
        "Pr. type; {{ forrige_aar }} er samme periode, til og med {{ dag }} {{ forrige_aar }}:",
    )
    table(
        document,
        [Col("Type", 7.0), Col("{{ aar }}", 3.0, True), Col("{{ forrige_aar }}", 3.0, True)],
        "r in henvisninger.typer",
        ["{{ r.navn }}", "{{ r.antal|tal }}", "{{ r.forrige|tal }}"],
        total=["I alt", "{{ henvisninger.total|tal }}", "{{ henvisninger.forrige_total|tal }}"],
    )
    lead(
        document,
        "Pr. måned{% if henvisninger.maaned_indtil %} ({{ henvisninger.maaned_indtil }})"
        "{% endif %}:",
    )
    table(
        document,
        [
            Col("År", 1.6),
            Col("{{ m }}", MONTH_CM, number=True, repeat="m in henvisninger.maaneder"),
        ],
        "r in henvisninger.maaned_raekker",
        ["{{ r.aar }}", ("v in r.antal", "{{ v|tal }}")],
    )


def build_career(document) -> None:
    heading(document, "§ 6 b Karriereby Viborg")
    unless_unread(document, ("Karriereby",), _career_figures)


def _career_figures(document) -> None:
    tag(document, "{%p if karriereby.maaneder %}")
    para(
        document,
        (
            "{{ karriereby.timer|antal('time', 1) }} til og med {{ karriereby.sidste_maaned }}",
            "bold",
        ),
        "{% if karriereby.pct is not none %}, {{ karriereby.pct|pct(0) }} af "
        "{{ karriereby.maaneder }}/12 årsværk{% endif %} "
        "({{ karriereby.maaneder }}/12 af {{ karriereby.aarsvaerk|antal('time') }} er "
        "{{ karriereby.forventet|antal('time', 1) }}).",
        "{% if karriereby.uden_timer %}",
        " Der er ingen timer for {{ karriereby.uden_timer|opremsning }}.",
        "{% else %}",
        " Alle måneder til og med {{ karriereby.sidste_maaned }} har timer.",
        "{% endif %}",
    )
    tag(document, "{%p else %}")
    para(
        document,
        "Ingen måned i {{ aar }} er omme endnu; timerne til Karriereby Viborg tælles for "
        "hele måneder.",
    )
    tag(document, "{%p endif %}")


def build_goals(document) -> None:
    heading(document, "§ 6 c CFI's resultatmål")
    unless_unread(document, ("CFI-resultatmål",), _goal_figures)


def _goal_figures(document) -> None:
    tag(document, "{%p if cfi.i_alt %}")
    para(
        document,
        "Af årets {{ cfi.i_alt|antal('resultatmål') }} har {{ cfi.med_resultat }} et "
        "resultat indtil nu{% if cfi.med_resultat %}, og {{ cfi.opfyldt }} af dem er "
        "opfyldt{% endif %}.",
    )
    tag(document, "{%p if cfi.maal %}")
    table(
        document,
        [
            Col("Nr.", 1.0),
            Col("Resultatmål", 6.0),
            Col("Mål", 3.6),
            Col("Resultat", 2.4, True),
            Col("Status", 3.0),
        ],
        "g in cfi.maal",
        ["{{ g.nr }}", "{{ g.maal }}", "{{ g.maaltal }}", "{{ g.resultat }}", "{{ g.status }}"],
    )
    tag(document, "{%p endif %}")
    tag(document, "{%p if cfi.uden_resultat %}")
    para(document, "Uden resultat endnu: {{ cfi.uden_resultat|opremsning }}.")
    tag(document, "{%p endif %}")
    tag(document, "{%p else %}")
    para(document, "Der er endnu ingen resultatmål for {{ aar }} på arket CFI-resultatmål.")
    tag(document, "{%p endif %}")


def build_points(document) -> None:
    heading(document, "§§ 3–5 Kontraktpunkter")
    unless_unread(document, ("Kontraktpunkter", "Indsatser"), _point_figures)
    heading(document, "§ 4 Samarbejde indtil nu", level=2)
    unless_unread(document, ("Samarbejde",), _cooperation_items)


def _point_figures(document) -> None:
    para(
        document,
        "Af kontraktens {{ punkter.i_alt|antal('punkt') }} har {{ punkter.med_raekke }} en "
        "række for {{ aar }} på arket Indsatser.",
        "{% if punkter.uden %}",
        " Uden række endnu: {{ punkter.uden|join('; ') }}.",
        "{% endif %}",
    )


def _cooperation_items(document) -> None:
    tag(document, "{%p if samarbejde %}")
    table(
        document,
        [Col("Type", 4.0), Col("Titel", 12.0)],
        "c in samarbejde",
        ["{{ c.type }}", "{{ c.titel }}"],
    )
    tag(document, "{%p else %}")
    para(document, "Der er endnu ikke registreret samarbejde for {{ aar }}.")
    tag(document, "{%p endif %}")


def build_meetings(document) -> None:
    heading(document, "§ 6 Månedsmøder")
    unless_unread(document, ("Møder",), _meeting_figures)


def _meeting_figures(document) -> None:
    para(
        document,
        "Der er holdt møde i {{ moeder.holdt|antal('måned') }} til og med {{ dag }}",
        "{% if moeder.datoer %}",
        " ({{ moeder.datoer|opremsning }})",
        "{% endif %}",
        "{% if moeder.uden %}",
        "; der er intet møde registreret i {{ moeder.uden|opremsning }}",
        "{% endif %}",
        ".",
    )


def build_economy(document) -> None:
    heading(document, "§ 7 Økonomi")
    para(
        document,
        "{% if oekonomi.kendt %}",
        "Kontraktsummen for {{ aar }} er ",
        ("{{ oekonomi.beloeb|kr }}", "bold"),
        "{% if oekonomi.har_skoen %}",
        " Den bygger på en eller flere PL-stigninger, der stadig er skøn.",
        "{% endif %}",
        "{% else %}",
        "Kontraktsummen for {{ aar }} kendes ikke endnu: satsen for "
        "{{ oekonomi.mangler_aar }} mangler på arket Prisindeks i kontrakt.xlsx.",
        "{% endif %}",
    )


def build(target: Path) -> Path:
    document = Document()
    setup_styles(document)
    setup_settings(document)
    # Only page numbers are fields here, and Word keeps those up to date itself: the
    # status never asks to update fields on opening.
    for update in document.settings.element.findall(qn("w:updateFields")):
        update.getparent().remove(update)
    document.core_properties.title = "Status til månedsmødet"
    document.core_properties.comments = "Skabelon til status til månedsmødet (docxtpl)."
    section = document.sections[0]
    setup_page(section)
    build_header_footer(section, HEADER)
    body = document.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    for part in (
        build_opening,
        build_data,
        build_referrals,
        build_career,
        build_goals,
        build_points,
        build_meetings,
        build_economy,
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
