"""The fields a Word template may use: declared once, each with its type and source.

This is the one declaration of the template's context (``context.build_context``
builds it; a test holds the two to each other, name for name and type for type).
The lint (``lint.py``) checks a template's fields against it, the table of
``docs/template-fields.md`` is written from it (``sources.field_table``), and an
author's own copy of the template is compared with the shipped one through it
(``copy_problems``). A field is named as the template writes it, two levels
deep (``henvisninger.total``); what a list's rows hold is said in its meaning.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.problems import Code, Problem, error, warning
from ..core.schema import TEXT_SECTIONS

if TYPE_CHECKING:
    from .sandbox import ReportEnvironment

COMPUTE = "generator.compute"
SETTINGS = "generator.reading.model.contract_of"


@dataclass(frozen=True)
class Field:
    name: str  # as the template writes it: 'henvisninger.total'
    kind: type | str  # int, str, Decimal, list …; 'picture' or 'text' for docxtpl objects
    source: str  # the function that computes it (a dotted path), or a sentence
    optional: bool = False  # may be None (no figure for the year before, no text)

    def accepts(self, value: Any) -> bool:
        if value is None:
            return self.optional
        if isinstance(self.kind, str):
            return True  # a docxtpl picture or subdocument: made by the renderer
        if self.kind is Decimal:
            return isinstance(value, Decimal | int) and not isinstance(value, bool)
        if self.kind is int:
            return isinstance(value, int) and not isinstance(value, bool)
        return isinstance(value, self.kind)

    @property
    def kind_name(self) -> str:
        return self.kind if isinstance(self.kind, str) else self.kind.__name__


def _fields(prefix: str, source: str, **kinds: type | str | tuple[type, bool]) -> list[Field]:
    """``prefix.key`` for each keyword; a (kind, True) pair marks a field that may be None."""
    made = []
    for key, kind in kinds.items():
        kind, optional = kind if isinstance(kind, tuple) else (kind, False)
        made.append(Field(f"{prefix}.{key}" if prefix else key, kind, source, optional))
    return made


REFERRALS = f"{COMPUTE}.referrals.referral_figures"
CAREER = f"{COMPUTE}.career.career_figures"
GOALS = f"{COMPUTE}.goals.goal_figures"
ECONOMY = f"{COMPUTE}.contract.contract_years"
POINTS = f"{COMPUTE}.points.contract_points"
CONTEXT = "generator.render.context.build_context"

FIELDS: tuple[Field, ...] = (
    Field("aar", int, "generator.reading.period.choose_report_year"),  # unless --aar names it
    Field("forrige_aar", int, "generator.reading.period.choose_report_year"),
    Field("frist", date, f"{COMPUTE}.deadline"),
    Field("eksempeldata", bool, SETTINGS),
    Field("sidste_aar", bool, f"{COMPUTE}.Figures.is_last_year"),
    *_fields(
        "parter", SETTINGS, kommune=str, modpart=str, kommune_kort=str, modpart_kort=str,
        udvalg=str,
    ),
    *_fields(
        "kontrakt", SETTINGS, foerste_aar=int, sidste_aar=int, prisniveau=int,
        grundbeloeb=Decimal, afrunding=int, timer_pr_aarsvaerk=Decimal,
    ),
    *_fields("kontrakt", "generator.core.wording.year_range", periode=str, hidtil=str),
    Field("kontrakt.afsluttet", bool, f"{COMPUTE}.Figures.is_last_year"),
    Field("resume", list, "generator.render.summary.summary_rows"),
    Field("indstilling", str, CONTEXT),
    *_fields(
        "henvisninger", REFERRALS, total=int, forrige_total=(int, True),
        forrige_i_perioden=bool, aendring=(int, True), aendring_pct=(Decimal, True),
        erhvervshus=int, virksomheder=int, uden_cvr=int, modtagere=list, typer=list,
        kvartaler=list, emner=list,
    ),
    Field("henvisninger.aarlige", list, f"{COMPUTE}.overview.period_overview"),
    *_fields(
        "karriereby", CAREER, timer=Decimal, aarsvaerk=Decimal, pct=Decimal, opgaver=list,
        aarlige=list,
    ),
    *_fields("cfi", GOALS, opfyldt=int, i_alt=int, aar=list, maal=list, aarlige=list),
    *_fields(
        "moeder", f"{COMPUTE}.meetings.meeting_figures", holdt=int, af=int, liste=list,
        mangler=list,
    ),
    Field("indsatser", list, POINTS),
    Field("samarbejde_punkter", list, POINTS),
    Field("cfi_punkter", list, POINTS),
    Field("samarbejde_liste", list, f"{COMPUTE}.points.cooperation_items"),
    Field("samarbejde_flere", int, f"{COMPUTE}.points.cooperation_items"),
    *_fields("noegletal", f"{COMPUTE}.keyfigures.key_figure_table", aar=list, raekker=list),
    *_fields(
        "oekonomi", ECONOMY, aar=list, i_aar=dict, i_alt=Decimal, kilder=str,
        oeremaerkninger=list, har_skoen=bool,
    ),
    *_fields(
        "oekonomi", f"{COMPUTE}.contract.shown_decimals", faktor_decimaler=int,
        beloeb_decimaler=int,
    ),
    Field("oekonomi.afrunding", str, CONTEXT),
    Field("periode.aar", list, f"{COMPUTE}.overview.period_overview"),
    Field("periode.i_alt", dict, f"{COMPUTE}.overview.period_total"),
    *_fields(
        "opdateret", f"{COMPUTE}.reported.revisions", henvisninger=list, karriereby=list,
        cfi=list, moeder=list, oekonomi=list,
    ),
    *_fields("om_tallene", CONTEXT, filer=list, dato=date, bilag=str),
    Field("figurer.modtagere", "picture", "generator.render.charts.recipients_chart"),
    Field("figurer.kvartaler", "picture", "generator.render.charts.quarters_chart"),
    *(
        Field(
            f"tekster.{section.key}",
            "text",
            f"the author's words under '{section.heading}' in tekster_ÅR.docx",
            optional=True,
        )
        for section in TEXT_SECTIONS
    ),
)  # fmt: skip
BY_NAME = {field.name: field for field in FIELDS}


def declared(name: str) -> Field | None:
    """The field ``name`` ('henvisninger.total', or deeper: 'henvisninger.total.x' is
    looked up as its first two levels) names, or None."""
    parts = name.split(".")
    return BY_NAME.get(".".join(parts[:2])) or BY_NAME.get(parts[0])


def flattened(context: dict[str, Any]) -> dict[str, Any]:
    """The context two levels deep, as ``FIELDS`` names it."""
    flat = {}
    for key, value in context.items():
        if isinstance(value, dict) and key not in ("resume",) and f"{key}" not in BY_NAME:
            for inner, item in value.items():
                flat[f"{key}.{inner}"] = item
        else:
            flat[key] = value
    return flat


def copy_problems(
    copy: Path,
    shipped: Path,
    texts: Mapping[str, str] | None = None,
    env: ReportEnvironment | None = None,
) -> list[Problem]:
    """An author's own copy of the template against the shipped one: each field or
    section the shipped template uses that the copy lacks. A section the author has
    written text for is refused (the words would vanish from the report unseen);
    any other missing field is a warning. Given the run's environment, the copy's
    parts are parsed into it, for the lint and the render to take over."""
    from .sources import template_fields

    have = set(template_fields(copy, env))
    headings = {f"tekster.{section.key}": section.heading for section in TEXT_SECTIONS}
    problems = []
    for name in template_fields(shipped):
        if name in have or any(h.startswith(name + ".") for h in have):
            continue
        if name in headings:
            written = bool((texts or {}).get(name.split(".", 1)[1]))
            what = (
                f"Skabelonen {copy.name} har ikke afsnittet '{headings[name]}' (feltet "
                f"'{{{{p {name} }}}}'), som den medfølgende skabelon har"
            )
            if written:
                problems.append(
                    error(
                        copy.name, None, None, Code.FIELD_MISSING,
                        f"{what}, så jeres tekst under '{headings[name]}' i tekstfilen ville "
                        "ikke komme med i rapporten. Sæt feltet ind i jeres skabelon, eller "
                        "tag en ny kopi af den medfølgende.",
                    )
                )  # fmt: skip
                continue
            problems.append(
                warning(
                    copy.name, None, None, Code.FIELD_MISSING,
                    f"{what}. Skriver I tekst under '{headings[name]}', kommer den ikke med, "
                    "før feltet er sat ind.",
                )
            )  # fmt: skip
            continue
        problems.append(
            warning(
                copy.name, None, None, Code.FIELD_MISSING,
                f"Skabelonen {copy.name} bruger ikke feltet '{{{{ {name} }}}}', som den "
                "medfølgende skabelon viser, så rapporten viser det ikke. Er det med vilje, "
                "kan I se bort fra advarslen.",
            )
        )  # fmt: skip
    return problems
