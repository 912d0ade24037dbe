"""The whole run, stage by stage: read → normalise → check → compute → render → write.

One function per command; the CLI calls these and only prints. Nothing here
prints or exits. ``docs/architecture.md`` describes what each stage hands on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .checks import check_cells, check_year
from .compute import Figures, compute_figures
from .core.actions import Action, how_to
from .core.problems import (
    CannotContinue,
    Code,
    Level,
    Problem,
    cell_position,
    error,
    errors_of,
    has_errors,
    warning,
    warnings_of,
)
from .core.schema import (
    AARSDATA,
    HENVISNINGER,
    KONTRAKT,
    SETTINGS_SHEET,
    TEXTS_FILENAME,
    WORKBOOKS,
)
from .core.wording import counted, number
from .reading import InputFile, Inputs, read_inputs
from .reading.model import Contract, Dataset, Settings, build_dataset, contract_of
from .reading.normalise import normalise
from .reading.period import (
    Why,
    YearChoice,
    choose_report_year,
    set_aside,
)
from .reading.texts import Texts, read_texts, refuse

if TYPE_CHECKING:
    from .compute.status import StatusFigures
    from .output.folder import Moved
    from .render.sandbox import ReportEnvironment
    from .upgrade import Upgrade

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEMPLATE = PACKAGE_ROOT / "templates" / "afrapportering.docx"
Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


@dataclass(frozen=True)
class Prepared:
    """The stages up to the cell checks, as every command runs them: the workbooks
    upgraded, read and normalised, other periods' rows set aside, every cell
    checked and the typed records built. The monthly status adds its year's
    checks to ``problems``."""

    inputs: Inputs  # without the rows of other periods
    problems: tuple[Problem, ...]
    contract: Contract  # the settings, read once
    dataset: Dataset
    upgrade: Upgrade  # what was done to workbooks of an earlier version
    left_out: tuple[str, ...]  # one line per workbook with rows of other periods

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)


@dataclass(frozen=True)
class Computed:
    """What a report is made from, whole: the report year, its figures and the
    author's words for it. Only data without errors is computed."""

    year: int
    figures: Figures
    texts: Texts


@dataclass(frozen=True)
class Checked:
    """What ``tjek`` found, made once every check has run.

    ``computed`` is the one place a run can stop short of its figures: None when the
    problems hold errors (or the contract period cannot be read, which is an error
    too); the problems then say why. The year the run was for is ``choice.year``.
    """

    inputs: Inputs
    problems: tuple[Problem, ...]
    choice: YearChoice  # the report year and why; names the error report too
    contract: Contract  # the settings, read once
    dataset: Dataset
    computed: Computed | None
    left_out: tuple[str, ...]  # one line per workbook, for the console
    upgrade: Upgrade  # what was done to workbooks of an earlier version

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)


def files_of(inputs: Inputs, texts: Texts) -> tuple[InputFile, ...]:
    """The files the figures come from: the workbooks read and the texts file."""
    if texts.path is None or not texts.readable:
        return tuple(inputs.files)
    told = InputFile(texts.filename, texts.path, texts.sha256, len(texts.source))
    return (*inputs.files, told)


@dataclass(frozen=True)
class Made:
    """What ``lav`` did: only ``checked`` when the data has errors (no report)."""

    checked: Checked
    report: Path | None = None
    kept: tuple[Path, ...] = ()  # the previous files, now in tidligere/
    extras: tuple[Path, ...] = ()
    notes: tuple[str, ...] = ()  # told the author after the report
    texts_skeleton: Path | None = None  # tekster_ÅR.docx, written by this run
    incomplete: str | None = None  # the report is written, but not everything with it
    word_asks: str | None = None  # why Word will ask to update fields (no page numbers)

    @property
    def moved_aside(self) -> Path | None:
        """The kept copy of the previous report itself."""
        return next((path for path in self.kept if path.suffix == ".docx"), None)


def check(
    folder: Path,
    year: int | None = None,
    today: date | None = None,
    progress: Progress = _quiet,
    lead: str = "Tjekker data for",
) -> Checked:
    """Read and validate everything; compute the figures when the data allows.

    ``lead`` opens the line that says the report year and why ("Rapporten laves
    for 2023 – det seneste hele år …"), said as soon as the period is read.
    """
    today = today or date.today()
    inputs, found, contract, upgrade = _read(folder, progress)
    choice = choose_report_year(contract.period, today, year)
    if not choice.reportable:
        raise choice.stop(folder)
    another = "" if choice.why is Why.REQUESTED else f" {choice.another()}"
    progress(choice.sentence(lead) + another)
    # Without a period (kontrakt.xlsx unreadable) the year is only a name for the
    # error report: nothing of the year can be checked.
    report_year = choice.year if contract.period is not None or year is not None else None
    read = _check_cells(inputs, found, contract, upgrade, today, progress)
    problems, dataset, settings = list(read.problems), read.dataset, contract.settings
    texts = None
    if report_year is not None:
        empty = _referrals_in_period(dataset, settings, report_year, problems)
        # an empty log: the year's own checks would only list what is not filled in yet
        problems += empty or check_year(read.inputs, settings, report_year)
        texts, told = _read_texts(folder, report_year, settings, progress)
        problems += told
    problems.sort(key=_reading_order)
    errors, warnings = len(errors_of(problems)), len(warnings_of(problems))
    progress(f"  {counted(errors, 'fejl')}, {counted(warnings, 'advarsel')}")
    computed = None
    if not errors and report_year is not None and settings is not None and texts is not None:
        progress(f"Beregner tallene for {report_year} …")
        figures = compute_figures(dataset, settings, report_year)
        amount = number(figures.this_year.amount)
        progress(
            f"  {counted(figures.referrals.total, 'henvisning')} i {report_year}, "
            f"kontraktsum {amount} kr."
        )
        computed = Computed(report_year, figures, texts)
    return Checked(
        read.inputs,
        tuple(problems),
        choice,
        contract,
        dataset,
        computed,
        read.left_out,
        read.upgrade,
    )


def _upgrade(folder: Path, progress: Progress) -> Upgrade:
    """Workbooks of an earlier version's layout are upgraded before anything reads
    them, by ``tjek`` as by ``lav``, so the two always agree on the data."""
    from .upgrade import upgrade_folder

    upgrade = upgrade_folder(folder)
    for line in upgrade.lines():
        progress(line)
    return upgrade


def _no_input_folder(folder: Path) -> CannotContinue:
    """Why the input folder cannot be used: it may be there but out of reach (a
    path too long, no access), which "findes ikke" would misstate."""
    from .core.os_errors import reason

    try:
        folder.stat()
    except FileNotFoundError:
        pass
    except OSError as exc:
        return CannotContinue(
            f"Inputmappen '{folder}' kan ikke bruges: {reason(exc)}. Flyt projektmapperne "
            "til en mappe med en kortere sti, som du har adgang til, og kør igen."
        )
    else:
        return CannotContinue(f"Inputmappen '{folder}' er en fil, ikke en mappe.")
    return CannotContinue(
        f"Inputmappen '{folder}' findes ikke. Lav tomme projektmapper: {how_to(Action.NEW_YEAR)}."
    )


def _read(folder: Path, progress: Progress) -> tuple[Inputs, list[Problem], Contract, Upgrade]:
    """The workbooks upgraded where needed, read and normalised, and their settings
    (the contract period among them, which the run's year is chosen by)."""
    try:
        usable = folder.is_dir()
    except OSError:  # a path too long: is_dir() raises rather than answer
        usable = False
    if not usable:
        raise _no_input_folder(folder)
    upgrade = _upgrade(folder, progress)
    progress(f"Læser projektmapperne i {folder} …")
    inputs, problems = read_inputs(folder)
    inputs = normalise(inputs)
    return inputs, problems, contract_of(inputs.table(SETTINGS_SHEET.name)), upgrade


def _check_cells(
    inputs: Inputs,
    problems: list[Problem],
    contract: Contract,
    upgrade: Upgrade,
    today: date,
    progress: Progress,
) -> Prepared:
    """Other periods set aside and every cell checked: what each command does before
    it turns to its year; the typed records built."""
    progress(
        f"  {len(inputs.files)} af {len(WORKBOOKS)} projektmapper læst: "
        + ", ".join(
            f"{name} {len(table.rows)}"
            for name, table in inputs.tables.items()
            if table.columns and name != SETTINGS_SHEET.name
        )
    )
    left_out: tuple[str, ...] = ()
    year_before = None
    if contract.period is not None:
        # Rows of other contract periods are no business of this one: set aside before
        # any check, so they are neither checked nor counted, only told in one line.
        inputs, outside = set_aside(inputs, contract.period, today)
        left_out = tuple(outside.lines())
        for line in left_out:
            progress(f"  {line}")
        problems, year_before = outside.keep(problems), outside.year_before
    progress("Tjekker data …")
    problems += check_cells(inputs, contract.settings, today)
    dataset = build_dataset(inputs, year_before)
    return Prepared(inputs, tuple(problems), contract, dataset, upgrade, left_out)


def _read_texts(
    folder: Path, year: int, settings: Settings | None, progress: Progress
) -> tuple[Texts, list[Problem]]:
    texts, problems = read_texts(folder, year, settings.last_year if settings else None)
    if texts.sections:  # what ``lav`` could not merge, ``tjek`` refuses too
        from .render.texts import trial_merge

        refusal = trial_merge(texts)
        if refusal is not None:
            texts, problems = refuse(texts, problems, refusal)
    if texts.path is None:
        progress(f"  {texts.filename} findes ikke endnu: den laves sammen med rapporten")
    elif not texts.readable:
        progress(f"  {texts.filename} kan ikke læses (se fejlen nedenfor)")
    else:
        progress(f"  {texts.filename}: {len(texts.sections)} afsnit med tekst")
    return texts, problems


SHEET_ORDER = {
    sheet.name: (w, s)
    for w, workbook in enumerate(WORKBOOKS)
    for s, sheet in enumerate(workbook.sheets)
}
FILE_ORDER = {workbook.filename: w for w, workbook in enumerate(WORKBOOKS)}


def _reading_order(problem: Problem) -> tuple[int, int, int, int]:
    """Workbook by workbook, sheet by sheet, then row by row: as the author reads them."""
    row, column = cell_position(problem.cell) if problem.cell else (-1, -1)
    sheet = SHEET_ORDER.get(problem.sheet or "", (FILE_ORDER.get(problem.file, 9), -1))
    return (*sheet, row, column)


def _referrals_in_period(
    dataset: Dataset, settings: Settings | None, year: int, problems: Sequence[Problem]
) -> list[Problem]:
    """An empty log cannot make a report: no referral in the period up to ``year``."""
    if settings is None or any(
        settings.first_year <= r.date.year <= year for r in dataset.referrals
    ):
        return []
    if any(p.file == HENVISNINGER.filename and p.level is Level.ERROR for p in problems):
        return []  # the log has problems of its own: those are the real cause
    return [
        error(
            HENVISNINGER.filename,
            HENVISNINGER.sheets[0].name,
            None,
            Code.NO_REFERRALS,
            f"Der er ingen henvisninger i kontraktperioden {settings.period.label} "
            f"til og med {year}. Udfyld loggen, og kør igen.",
        )
    ]


def make(
    folder: Path,
    output: Path,
    year: int | None = None,
    template: Path | None = None,
    today: date | None = None,
    now: datetime | None = None,
    progress: Progress = _quiet,
) -> Made:
    """Check, and when the data has no errors, write ``Afrapportering_ÅR.docx``."""
    from .output.pdf import BUDGET, early_office

    BUDGET.reset()  # one LibreOffice limit for this run: the page numbers, then any PDF
    template = template or DEFAULT_TEMPLATE
    checked = check(folder, year, today, progress, "Rapporten laves for")
    computed = checked.computed
    if computed is None:
        return Made(checked)
    # The cells give way to the appendix's: the run drops its last reference to the
    # rows and grids read (a clean run writes no error report), so they are freed.
    checked = replace(checked, inputs=checked.inputs.without_cells())
    # LibreOffice starts now, beside the rest, for the page numbers once the report is written.
    with early_office(output):
        notes = tidy_error_report(output, computed.year)
        skeleton = _texts_skeleton(folder, computed, checked.contract.settings)
        figures, revised = _with_revisions(computed.figures, output)
        computed = replace(computed, figures=figures)
        checked = replace(checked, computed=computed, problems=(*checked.problems, *revised))
        from .render.document import jinja_environment

        env = jinja_environment()  # the render's, where a copy's parts are parsed once
        checked = _check_template_copy(checked, computed.texts, template, env)
        made = Made(checked, notes=tuple(notes), texts_skeleton=skeleton)
        return _write_report(made, computed, output, template, env, now, progress)


REVISED_FILES = {
    "henvisninger": (HENVISNINGER.filename, HENVISNINGER.sheets[0].name),
    "kontraktsum": (KONTRAKT.filename, None),
}


def _with_revisions(figures: Figures, output: Path) -> tuple[Figures, list[Problem]]:
    """The figures, with every headline figure of an earlier year that differs from
    what that year's report told (kept in the output folder's manifest); each
    difference is also a warning, for the console and the appendix."""
    from .compute.reported import revisions
    from .output.folder import read_reported

    found = revisions(read_reported(output), figures.overview, figures.economy, figures.year)
    warned = []
    for revision in found:
        file, sheet = REVISED_FILES.get(revision.key, (AARSDATA.filename, None))
        warned.append(
            warning(
                file,
                sheet,
                None,
                Code.FIGURES_CHANGED,
                f"{revision.sentence} Rapporten for {figures.year} siger det under tabellen "
                "med året.",
            )
        )
    return replace(figures, revisions=found), warned


def _texts_skeleton(folder: Path, computed: Computed, settings: Settings | None) -> Path | None:
    """Write the year's tekster_ÅR.docx skeleton when there is none (never over a file).

    Only beside a report: a run that stops at errors leaves the input folder as it was.
    """
    from .start.texts import write_texts_skeleton

    if computed.texts.path is not None:
        return None
    last_year = settings.last_year if settings else None
    return write_texts_skeleton(folder, computed.year, last_year)


def _write_report(
    made: Made,
    computed: Computed,
    output: Path,
    template: Path,
    env: ReportEnvironment,
    now: datetime | None,
    progress: Progress,
) -> Made:
    """``made`` with the report and its Excel appendix, put in place together.

    Both are written completely before either is placed, so a fault (a full
    disk, a file open in Word) leaves the previous pair as it was, and the
    new report never stands beside the old appendix. An older PDF goes to
    ``tidligere/`` with them: it no longer matches the report.
    """
    from .compute.referrals import year_referrals
    from .compute.reported import headline
    from .compute.run import RunInfo
    from .output.appendix import write_appendix
    from .output.folder import PartlyPublished, publish_set
    from .render.document import render_report
    from .render.texts import section_subdocs

    checked, figures, texts = made.checked, computed.figures, computed.texts
    dataset = checked.dataset
    referrals = year_referrals(dataset.referrals, figures.year)
    now = now or datetime.now()
    run = RunInfo(
        files_of(checked.inputs, texts),
        now,
        __version__,
        tuple(warnings_of(checked.problems)),
    )
    report = output / f"Afrapportering_{figures.year}.docx"
    appendix = output / f"Afrapportering_{figures.year}_bilag.xlsx"
    progress(f"Skriver {report.name} og {appendix.name} ({len(referrals)} henvisninger) …")

    word_asks: list[str | None] = [None]  # said by the writer, once the report is laid out

    def write_report(path: Path) -> None:
        def author_texts(document: Any) -> dict[str, Any]:
            return section_subdocs(document, texts)

        lines = {key: section.text for key, section in texts.sections.items()}
        render_report(template, figures, run, path, author_texts, lines, env)
        word_asks[0] = _fill_contents(path, progress)

    def write_workbook(path: Path) -> None:
        write_appendix(path, figures, referrals, dataset.recipient_types, run)

    incomplete = None
    try:
        published = publish_set(
            {report: write_report, appendix: write_workbook},
            retire=[report.with_suffix(".pdf")],
            now=now,
            reported={figures.year: headline(figures.overview[-1], figures.this_year)},
        )
    except PartlyPublished as partly:  # the report is in place: say exactly what is not
        published = partly.published
        incomplete = partly.message
    own_words = checked.inputs.folder / TEXTS_FILENAME.format(year=figures.year)
    edits = [note for moved in published.moved for note in _edits_note(moved, own_words)]
    return replace(
        made,
        report=report,
        extras=(*made.extras, *(path for path in published.placed if path != report)),
        kept=tuple(moved.kept for moved in published.moved),
        notes=(*made.notes, *edits),
        incomplete=incomplete,
        word_asks=word_asks[0],
    )


def _check_template_copy(
    checked: Checked, texts: Texts, template: Path, env: ReportEnvironment
) -> Checked:
    """An author's own template against the shipped one: a section the author wrote
    text for and the copy lacks stops the run; any other missing field warns. The
    copy's parts are parsed into ``env``, where the lint and the render find them."""
    from .render.fields import copy_problems

    try:
        if template.resolve() == DEFAULT_TEMPLATE.resolve() or not template.is_file():
            return checked
        sections = {key: section.text for key, section in texts.sections.items()}
        found = copy_problems(template, DEFAULT_TEMPLATE, sections, env)
    except Exception:  # an unreadable copy: the render says why, in Danish
        return checked
    refused = errors_of(found)
    if refused:
        raise CannotContinue(
            f"Skabelonen {template.name} mangler afsnit, som jeres tekster står i, så "
            "rapporten er ikke lavet.",
            refused,
        )
    return replace(checked, problems=(*checked.problems, *found))


def _edits_note(moved: Moved, texts: Path) -> list[str]:
    """Edits made by hand in a file the program wrote live on only in the kept copy."""
    if moved.original.suffix == ".docx" and moved.edited is not False:
        where = (
            f"{moved.original.name} var rettet i Word, efter programmet lavede den. "
            "Rettelserne er IKKE med i den nye rapport"
            if moved.edited
            else f"Programmet kan ikke se, om {moved.original.name} var rettet i Word "
            "(den er lavet af en ældre udgave, eller fingeraftrykkene mangler). Hvis den "
            "var, er rettelserne IKKE med i den nye rapport"
        )
        return [
            f"OBS: {where}; de ligger i den gemte kopi {moved.kept}. Skriv jeres egne "
            f"tekster i {texts} i stedet: så kommer de med, hver gang rapporten laves."
        ]
    if moved.edited:
        return [
            f"OBS: {moved.original.name} var rettet, efter programmet lavede den. "
            f"Rettelserne er ikke med i den nye udgave; de ligger i {moved.kept}."
        ]
    return []


def tidy_error_report(output: Path, year: int | None) -> list[str]:
    """Data without errors for ``year``: its error report is out of date, so it goes
    (with any copy an older version kept in ``tidligere/``). Returns what to tell."""
    from .output.error_workbook import FILENAME
    from .output.folder import discard

    if year is None:
        return []
    name = FILENAME.format(year=year)
    kept = rf"{re.escape(Path(name).stem)}_\d{{4}}-\d{{2}}-\d{{2}}_\d{{6}}(_\d+)?\.xlsx"
    try:
        removed = discard(output / name, kept)
    except CannotContinue as stop:
        return [f"{name} er forældet, da data ikke længere har fejl, men: {stop.message}"]
    if (output / name) in removed:
        return [f"{name} er slettet, da data ikke længere har fejl."]
    return []


def _fill_contents(report: Path, progress: Progress) -> str | None:
    """The table of contents as delivered: the headings, and page numbers from
    LibreOffice where it is installed. With every page number in place the report
    does not ask Word to update its fields; else it asks, and the returned line
    tells the author why Word will ask."""
    from .output.pdf import find_soffice, office_toc, page_numbers_wanted
    from .render.toc import fill_toc, match_pages, read_headings

    if not page_numbers_wanted():  # the render has listed the headings already
        return _word_asks("sidetal er fravalgt i denne kørsel")
    headings = read_headings(report)
    if not headings:
        return None
    if find_soffice() is None:
        return _word_asks("LibreOffice er ikke installeret")
    progress("Sætter sidetal i indholdsfortegnelsen (LibreOffice lægger rapporten op) …")
    entries = office_toc(report)
    if entries is None:
        return _word_asks("LibreOffice svarede ikke")
    pages = match_pages(headings, entries)
    fill_toc(report, pages)
    if None in pages:
        return _word_asks("LibreOffice fandt ikke alle overskrifterne")
    return None


def _word_asks(why: str) -> str:
    return (
        "Word spørger, om felterne skal opdateres, når rapporten åbnes, fordi sidetallene "
        f"i indholdsfortegnelsen mangler ({why}). Svar Ja, og gem rapporten: så får "
        "indholdsfortegnelsen sidetal, og Word spørger ikke læserne igen."
    )


def error_report_year(checked: Checked) -> int:
    """The year to name an error report by, also when the data could not tell it:
    the run's report year, by the one rule (``period.choose_report_year``)."""
    return checked.choice.year


# ------------------------------------------------------------------ the monthly status

STATUS_TEMPLATE = PACKAGE_ROOT / "templates" / "status.docx"
STATUS_NAME = "Status_{year}-{month:02d}.docx"


@dataclass(frozen=True)
class StatusMade:
    checked: Prepared  # with the year's checks so far
    day: date
    report: Path | None = None
    kept: tuple[Path, ...] = ()  # the earlier status of the month
    error_report: Path | None = None
    notes: tuple[str, ...] = ()


def status(
    folder: Path,
    output: Path,
    day: date | None = None,
    today: date | None = None,
    now: datetime | None = None,
    progress: Progress = _quiet,
    template: Path | None = None,
) -> StatusMade:
    """The year so far as of ``day`` (default today), for the monthly meeting: made
    also when the data has errors, which it counts (and marks in the error report)."""
    from .checks import check_year_so_far
    from .compute.status import status_figures

    today = today or date.today()
    day = day or today
    inputs, problems, contract, upgrade = _read(folder, progress)
    choice = choose_report_year(contract.period, today, day.year)
    _status_day(day, today, choice, progress)
    prepared = _check_cells(inputs, problems, contract, upgrade, today, progress)
    settings = contract.settings
    if settings is None:
        raise CannotContinue(
            f"Status kan ikke laves, før kontraktens indstillinger i {KONTRAKT.filename} kan "
            "læses. Ret fejlene ovenfor og prøv igen.",
            errors_of(prepared.problems),
        )
    found = [*prepared.problems, *check_year_so_far(prepared.inputs, settings, day.year)]
    found.sort(key=_reading_order)
    checked = replace(prepared, problems=tuple(found))
    errors, warnings = len(errors_of(found)), len(warnings_of(found))
    progress(f"  {counted(errors, 'fejl')}, {counted(warnings, 'advarsel')}")
    figures = status_figures(checked.dataset, settings, day)
    made, fault = _status_error_report(StatusMade(checked, day), output)
    return _write_status(made, figures, output, template or STATUS_TEMPLATE, fault, now, progress)


def _unread_sheets(inputs: Inputs) -> tuple[tuple[str, str], ...]:
    """(file, sheet) of each sheet that could not be read with its required columns:
    its figures are missing from the status, which says so instead of showing 0."""
    unread = []
    for workbook in WORKBOOKS:
        for sheet in workbook.sheets:
            if sheet.optional or sheet.layout != "table":
                continue
            table = inputs.table(sheet.name)
            required = {column.key for column in sheet.columns if column.required}
            if table is None or not required <= set(table.columns):
                unread.append((workbook.filename, sheet.name))
    return tuple(unread)


def _status_day(day: date, today: date, choice: YearChoice, progress: Progress) -> None:
    """The status's year is its date's: said first, like every run's year."""
    if day > today:
        raise CannotContinue(
            f"Statusdatoen {day:%d-%m-%Y} ligger efter i dag ({today:%d-%m-%Y}). Vælg i dag "
            "eller en dag, der er gået."
        )
    if choice.why is Why.OUTSIDE and choice.period is not None:
        raise CannotContinue(
            f"{day.year} ligger uden for kontraktperioden {choice.period.label}, så der er "
            "ingen status for året. Begynder en ny kontraktperiode, så "
            f"{how_to(Action.NEW_PERIOD)}."
        )
    why = "dagens dato" if day == today else "den valgte dato"
    progress(f"Status for {day.year} til og med {day:%d-%m-%Y} ({why}).")


def _status_error_report(made: StatusMade, output: Path) -> tuple[StatusMade, str | None]:
    """Errors are marked in the year's error report; without errors it goes. Returns
    ``made`` with what was done, and why the error report could not be written, if it
    could not."""
    from .output.error_workbook import write_error_report

    checked, year = made.checked, made.day.year
    if checked.ok:
        return replace(made, notes=(*made.notes, *tidy_error_report(output, year))), None
    try:
        written = write_error_report(checked.inputs, checked.problems, output, year)
    except CannotContinue as stop:
        return made, stop.message
    return replace(made, error_report=written), None


def _write_status(
    made: StatusMade,
    figures: StatusFigures,
    output: Path,
    template: Path,
    fault: str | None,
    now: datetime | None,
    progress: Progress,
) -> StatusMade:
    """``made`` with its status written through the report's own safe output: written
    whole, then put in place; an earlier status of the same month (and its PDF) moved
    to ``tidligere/``."""
    from .output.folder import publish_set
    from .render.status import StatusRun, render_status, status_context

    now = now or datetime.now()
    checked = made.checked
    run = StatusRun(
        tuple(checked.problems),
        now,
        made.error_report.name if made.error_report else None,
        fault,
        _unread_sheets(checked.inputs),
    )
    context = status_context(figures, run)
    target = output / STATUS_NAME.format(year=made.day.year, month=made.day.month)
    progress(f"Skriver {target.name} …")
    published = publish_set(
        {target: lambda path: render_status(template, context, path, now)},
        retire=[target.with_suffix(".pdf")],
        now=now,
    )
    return replace(made, report=target, kept=tuple(moved.kept for moved in published.moved))
