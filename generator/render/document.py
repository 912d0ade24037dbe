"""Fill the Word template with docxtpl.

The Jinja environment is sandboxed, autoescapes and is strict: cell text is
data (``{{ 7*7 }}`` in a cell stays literal, ``R&D <A/S>`` is escaped into
valid XML), a template can call nothing dangerous, and a misspelt
placeholder is an error rather than a silent blank in a committee paper.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from ..compute import Figures
from ..compute.run import RunInfo
from ..core.control_characters import without_control_characters
from ..core.problems import CannotContinue
from ..core.scratch import scratch
from .charts import (
    quarters_chart,
    quarters_description,
    recipients_chart,
    recipients_description,
)
from .context import build_context
from .formatting import FILTERS
from .layout import tidy_spacing
from .library_hooks import DescribedImage, PatchOnceTemplate
from .lint import PARAGRAPH, danish_reason, field_text, lint_template, place
from .sandbox import ReportEnvironment, report_environment
from .tables import fit_table_grids
from .toc import ask_to_update_fields, fill_toc_tree

CHART_WIDTH_MM = 160
LANGUAGE = "da-DK"


def jinja_environment() -> ReportEnvironment:
    """The sandbox, with the Danish filters; see ``sandbox`` for its bounds."""
    return report_environment(FILTERS)


def render_report(
    template: Path,
    figures: Figures,
    run: RunInfo,
    target: Path,
    texts: Callable[[Any], dict[str, Any]] | None = None,
    lines: dict[str, str] | None = None,
    env: ReportEnvironment | None = None,
) -> None:
    """Render ``template`` with the figures into ``target`` (a path the caller chose).

    ``texts`` makes the author's own words by section key (``texts.SectionXml``, merged
    into the template being rendered); ``lines`` the same sections as plain text;
    ``env`` the run's environment, where the template's parts may have been parsed
    already (an author's copy, read for its fields), else a new one.
    """
    document = _load(template)
    referrals = figures.referrals
    with scratch() as folder:
        picture = recipients_chart(referrals, folder / "modtagere.png")
        trend = quarters_chart(referrals.quarters_by_year, folder / "kvartaler.png")
        charts = {
            "modtagere": _picture(
                document,
                picture,
                "Diagram: henvisninger pr. modtager",
                recipients_description(referrals),
            ),
            "kvartaler": _picture(
                document,
                trend,
                "Diagram: henvisninger pr. kvartal",
                quarters_description(referrals.quarters_by_year),
            ),
        }
        context = build_context(figures, run, charts, texts(document) if texts else None, lines)
        env = jinja_environment() if env is None else env
        problems = lint_template(document, context, env, template.name)
        if problems:
            raise CannotContinue(
                f"Skabelonen {template.name} har fejl, så rapporten er ikke "
                "lavet. Ret felterne i Word og kør igen.",
                problems,
            )
        _render(document, context, env, template)
        _set_properties(document.docx.core_properties, context, run.generated)
        set_extended_properties(document.docx, context["parter"]["modpart"])
        fit_table_grids(document.docx.element.body)
        tidy_spacing(document.docx.element.body, document.docx.styles.element)
        if fill_toc_tree(document.docx.element, document.docx.styles.element):
            # no page numbers yet: Word is asked, unless they are filled in after this
            ask_to_update_fields(document.docx.settings.element, True)
        document.save(str(target))


def _picture(document: Any, path: Path, name: str, description: str) -> Any:
    """A chart for the template, with its own name and its alternative text."""
    from docx.shared import Mm

    # The text names recipients as typed in a cell: no character XML cannot hold.
    description = without_control_characters(description)
    return DescribedImage(document, str(path), Mm(CHART_WIDTH_MM), name, description)


def _set_properties(properties: Any, context: dict[str, Any], made: datetime) -> None:
    """The document's properties from the run: a screen reader and a PDF viewer
    show the title, and the author is the counterpart who reports.

    The template's title, subject and description (fields docxtpl has filled)
    are kept where they are set; the author, the time and the language are
    always the run's.
    """
    counterpart = context["parter"]["modpart"]
    if not (properties.title or "").strip():
        properties.title = f"Årlig afrapportering {context['aar']}"
    if not (properties.subject or "").strip():
        properties.subject = (
            f"Resultatkontrakt {context['kontrakt']['periode']} mellem "
            f"{context['parter']['kommune']} og {counterpart}"
        )
    properties.author = properties.last_modified_by = counterpart
    # Stored in UTC, as the format asks; a naive time is the machine's local time.
    when = made.astimezone(UTC).replace(microsecond=0)
    properties.created = properties.modified = when
    properties.revision = 1
    properties.language = LANGUAGE


EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


def set_extended_properties(docx: Any, company: str) -> None:
    """``docProps/app.xml`` from the run: the program that made the document and its
    version, and the company (the counterpart), in place of whatever the template was
    saved with (another application, its page and word counts, the template's name).
    The template's thumbnail, a picture of the template's page, goes too."""
    from xml.sax.saxutils import escape

    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    from .. import __version__

    package = docx.part.package
    # The template's thumbnail and its extended properties go; the new ones take the
    # same part name (a part no relationship reaches is not written).
    for key, rel in list(package.rels.items()):
        if rel.reltype in (RELATIONSHIP_TYPE.THUMBNAIL, RELATIONSHIP_TYPE.EXTENDED_PROPERTIES):
            package.rels.pop(key)
    # AppVersion is "XX.YYYY" in the format: 2.1.3 is 02.0103
    major, minor, patch = ([*map(int, __version__.split(".")[:3]), 0, 0])[:3]
    blob = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{EXTENDED}">'
        "<Application>Afrapportering</Application>"
        f"<AppVersion>{major:02d}.{minor:02d}{patch:02d}</AppVersion>"
        f"<Company>{escape(without_control_characters(company))}</Company>"
        "<TotalTime>0</TotalTime><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged>"
        "</Properties>"
    ).encode()
    part = Part(PackURI("/docProps/app.xml"), CONTENT_TYPE.OFC_EXTENDED_PROPERTIES, blob, package)
    package.relate_to(part, RELATIONSHIP_TYPE.EXTENDED_PROPERTIES)


def _check_container(template: Path) -> None:
    """The template (perhaps the author's own copy) is checked like the workbooks and the
    texts file before python-docx opens it: size, zip bomb, XML with a DTD."""
    from ..reading.container import UnsafeWorkbook
    from ..reading.docx_container import inspect, read

    try:
        inspect(read(template, template.name), template.name)
    except UnsafeWorkbook as refused:
        raise CannotContinue(f"Skabelonen kan ikke bruges: {refused.problem.message}") from refused


class _ReportTemplate(PatchOnceTemplate):
    """docxtpl's template (each part patched once: the lint reads the parts as
    docxtpl will compile them, ``lint.template_parts``), with a field that fails
    while rendering placed for the author."""

    def locate(self, exc: TemplateError, src_xml: str) -> None:
        """Jinja tells only the line, and each paragraph is a line of its own."""
        line = getattr(exc, "lineno", None) or _template_line(exc)
        if line is not None:
            lines = PARAGRAPH.sub(r"\n<w:p\1", src_xml).splitlines()
            exc.place = place(lines, line)  # type: ignore[attr-defined]
            exc.field = field_text(lines, line)  # type: ignore[attr-defined]


def _template_line(exc: BaseException) -> int | None:
    """The template line Jinja's rewritten traceback ends at."""
    found, trace = None, exc.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == "<template>":
            found = trace.tb_lineno
        trace = trace.tb_next
    return found


def _load(template: Path) -> Any:
    if not template.is_file():
        raise CannotContinue(
            f"Skabelonen {template} findes ikke. Hent hele programmet igen, så "
            "templates/afrapportering.docx er med."
        )
    _check_container(template)
    try:
        document = _ReportTemplate(str(template))
        document.init_docx()  # opens the file now, so a broken one is caught here
        return document
    except Exception as exc:  # python-docx raises many kinds for a broken file
        from ..reading.container import broken_detail

        detail = broken_detail(exc)
        raise CannotContinue(
            f"Skabelonen {template.name} kan ikke åbnes som Word-dokument"
            f"{f' ({detail})' if detail else ''}. Gem den igen i Word som .docx."
        ) from exc


def _render(
    document: Any, context: dict[str, Any], env: SandboxedEnvironment, template: Path
) -> None:
    """Render; what the lint could not see (a field in the document's properties,
    a computation too large) is told in Danish like the lint's findings."""
    try:
        document.render(context, jinja_env=env, autoescape=True)
    except UndefinedError as exc:
        raise CannotContinue(
            f"Skabelonen {template.name} har en fejl: {danish_reason(exc.message or '')}. "
            "Ret stavningen i Word."
        ) from exc
    except TemplateSyntaxError as exc:
        raise CannotContinue(
            f"Skabelonen {template.name} har en fejl i et felt: {danish_reason(exc.message or '')} "
            "Tjek {{ … }} og {% … %} i Word, også i dokumentets egenskaber (titel, emne)."
        ) from exc
    except TemplateError as exc:
        where = getattr(exc, "place", None)
        if where is None:  # only the document's properties are rendered outside the parts
            where = "i dokumentets egenskaber (titel, emne, forfatter eller kommentarer)"
        field = getattr(exc, "field", None)
        if field:
            where += f": '{field}'"
        raise CannotContinue(
            f"Skabelonen {template.name} har en fejl i et felt: "
            f"{danish_reason(str(exc)).rstrip('.')} ({where}). Tjek {{{{ … }}}} og "
            "{% … %} i Word."
        ) from exc
