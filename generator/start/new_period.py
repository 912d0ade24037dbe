"""``aarsrapport ny --periode``: what the workbooks of a new contract period start from.

A new contract has its own years, a base amount priced at its first year and
its own earmarks; none of the old ones may slip through, so the base amount
is left empty (an error naming its cell until the author fills it in). What
carries over from ``--fra`` (the previous period's folder) is what the parties
and their vocabularies were: the names, the committee, the FTE hours, the
rounding, and the sheets tied to no year (the lists, the contract's items),
all to be edited. The referral log is not copied: it stays where the advisers
keep it, and the console says how to carry it on.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from ..core.actions import Action, how_to
from ..core.os_errors import reason
from ..core.problems import CannotContinue, Code, Level, Problem, cell_position
from ..core.schema import (
    AARSDATA,
    EARMARKS,
    FINAL,
    HENVISNINGER,
    KONTRAKT,
    NO,
    PRICE_INDEX,
    WORKBOOKS,
    Sheet,
    Workbook,
)
from ..core.wording import year_range
from ..reading import Table, read_inputs
from ..reading.model import contract_of
from ..reading.period import Period
from .workbooks import (
    SETTINGS,
    Start,
    build_workbook,
    price_rows,
    render_workbook,
    setting_cell,
)

# The settings a new contract period takes over from the one before (to be edited);
# the amount, the years and the example flag belong to the new contract.
CARRIED_SETTINGS = (
    "municipality",
    "counterpart",
    "municipality_short",
    "counterpart_short",
    "committee",
    "hours_per_fte",
    "rounding",
)


def carried_sheets(spec: Workbook) -> tuple[Sheet, ...]:
    """The sheets a new period starts from the old one's rows: those tied to no year
    (the lists; the contract's items), as opposed to the dated records."""
    return tuple(s for s in spec.sheets if s.layout != "settings" and s.year_from is None)


def period_start(period: Period, source: Path | None = None, year: int | None = None) -> Start:
    """A new contract period: its years, priced at its first year, the base amount left
    for the author, no earmarks; names, lists and contract items from ``source``."""
    if year is not None and year not in period:
        raise CannotContinue(
            f"Året {year} ligger uden for perioden {period.label}. Vælg et år i perioden."
        )
    settings = {column.key: column.default for column in SETTINGS.columns}
    settings.update(
        first_year=period.first,
        last_year=period.last,
        price_level=period.first,
        base_amount=None,  # an error until filled in: no stale amount can slip through
        example_data=NO,
    )
    start = Start(settings, {PRICE_INDEX.name: price_rows(period, year), EARMARKS.name: []})
    if source is not None:
        _carry_over(start, source)
    return start


def _carry_over(start: Start, source: Path) -> None:
    if not source.is_dir():
        raise CannotContinue(
            f"Mappen '{source}' med den forrige periodes projektmapper findes ikke."
        )
    wanted = tuple(
        replace(spec, sheets=((SETTINGS,) if spec is KONTRAKT else ()) + carried_sheets(spec))
        for spec in WORKBOOKS
    )
    wanted = tuple(spec for spec in wanted if spec.sheets)  # a log is not read for nothing
    inputs, problems = read_inputs(source, wanted)
    table = inputs.table(SETTINGS.name)
    # The old folder's problems are not ours, but what would be carried over must
    # be read right: a default silently taken instead would look like the old value.
    blocking = [p for p in problems if _blocks_carrying(p, table)]
    if blocking:
        first = blocking[0]
        where = [f"arket '{first.sheet}'"] if first.sheet else []
        where += [f"celle {first.cell}"] if first.cell else []
        at = f" ({', '.join(where)})" if where else ""
        raise CannotContinue(
            f"{first.file} i den forrige periodes mappe '{source}' kan ikke læses "
            f"rigtigt{at}, så indstillingerne og listerne kan ikke overføres derfra. Ret "
            "fejlen i den forrige periodes mappe, og prøv igen. Intet er skrevet.",
            blocking,
        )
    values = contract_of(table).values
    for key in CARRIED_SETTINGS:
        if values.get(key) is not None:
            start.settings[key] = values[key]
            start.carried.append(SETTINGS.column(key).header)
        else:
            start.missing.append(f"{KONTRAKT.filename}: {SETTINGS.column(key).header}")
    for spec in wanted:
        for sheet in carried_sheets(spec):
            table = inputs.table(sheet.name)
            if table is None or not table.rows:
                start.missing.append(f"{spec.filename}: arket '{sheet.name}'")
                continue
            start.rows[sheet.name] = [
                {column.key: row.values.get(column.key) for column in sheet.columns}
                for row in table.rows
            ]
            start.carried.append(f"arket '{sheet.name}'")


def _blocks_carrying(problem: Problem, settings: Table | None) -> bool:
    """An error in what would be carried over: a file or sheet that could not be
    read (not one that is missing: that is told as missing), or a cell of a
    carried setting or a carried sheet."""
    if problem.level is not Level.ERROR or problem.code in (Code.FILE_MISSING, Code.SHEET_MISSING):
        return False
    if problem.sheet != SETTINGS.name or problem.cell is None:
        return True
    row = cell_position(problem.cell)[0] + 1
    keys = {key for r in (settings.rows if settings else ()) if r.number == row for key in r.values}
    return bool(keys & set(CARRIED_SETTINGS)) or not keys


def start_in_place(folder: Path, start: Start, period: Period, year: int | None = None) -> Path:
    """The new period begins in the folder the old one used (the menu's "Begynd en ny
    kontraktperiode": the author's workbooks stay in ``input``).

    The folder as it was is first copied whole beside it (``input_2020-2023``, by the
    old period), then only ``kontrakt.xlsx`` is replaced by the new period's; the
    referral log and the yearly data carry on where the advisers keep them, their
    rows from before the new period set aside by the program. Returns the copy.
    Nothing is changed when the copy cannot be made.
    """
    inputs, _ = read_inputs(folder, (replace(KONTRAKT, sheets=(SETTINGS,)),))
    old = contract_of(inputs.table(SETTINGS.name)).period
    if old is not None and (old.first, old.last) == (period.first, period.last):
        raise CannotContinue(
            f"Kontraktperioden i mappen '{folder}' er allerede {period.label}, så intet er ændret."
        )
    label = f"{old.first}-{old.last}" if old is not None else f"før_{period.first}"
    kept = folder.with_name(f"{folder.name}_{label}")
    if kept.exists():
        raise CannotContinue(
            f"Mappen '{kept}' findes allerede, så den nye periode er ikke begyndt (intet er "
            "ændret). Flyt eller omdøb den mappe, og prøv igen."
        )
    try:
        shutil.copytree(folder, kept, ignore=shutil.ignore_patterns("~$*"))
    except OSError as exc:
        shutil.rmtree(kept, ignore_errors=True)
        raise CannotContinue(
            f"Mappen '{folder}' kan ikke kopieres til '{kept}': {reason(exc)}. Intet er ændret."
        ) from exc
    _replace_file(
        folder / KONTRAKT.filename, render_workbook(build_workbook(KONTRAKT, year, start))
    )
    return kept


def _replace_file(target: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``target``, then put it in its place."""
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(name, target)
    except OSError as exc:
        if "name" in locals():
            Path(name).unlink(missing_ok=True)
        raise CannotContinue(
            f"{target.name} kan ikke skrives i mappen '{target.parent}': {reason(exc)}. "
            "Den forrige periodes kontrakt er uændret."
        ) from exc


def next_steps(
    folder: Path, start: Start, source: Path | None, in_place: bool = False
) -> list[str]:
    """What the author fills in after ``ny --periode``, in order, naming file, sheet and cell."""
    settings = start.settings
    first = settings["first_year"]
    rates = [y for r in start.rows.get(PRICE_INDEX.name, ()) if isinstance(y := r["year"], int)]
    log = HENVISNINGER.filename
    steps = [
        f"{KONTRAKT.filename}, arket '{SETTINGS.name}', celle {setting_cell('base_amount')}: skriv "
        f"{SETTINGS.column('base_amount').header} – den årlige kontraktsum i {first}-priser.",
    ]
    if rates:
        steps.append(
            f"{KONTRAKT.filename}, arket '{PRICE_INDEX.name}': skriv KL's skøn for "
            f"{year_range(rates[0], rates[-1])} i kolonnen "
            f"'{PRICE_INDEX.column('rate').header}', efterhånden som det kendes (et år skal "
            "være udfyldt, når der rapporteres for det), og sæt Status til "
            f"{FINAL}, når tallet er endeligt."
        )
    steps.append(
        f"{KONTRAKT.filename}, arket '{EARMARKS.name}': skriv den nye kontrakts øremærkede "
        "beløb, hvis den har nogen."
    )
    if start.carried:
        steps.append(
            f"Tjek det, der er overført fra '{source}' ({', '.join(start.carried)}), "
            "og ret det, den nye kontrakt ændrer."
        )
    if in_place:
        steps.append(
            f"{log} og {AARSDATA.filename} føres videre i '{folder}'. Rækker fra før {first} "
            "tælles ikke med i rapporten."
        )
    else:
        old = f"'{source / log}'" if source is not None else f"{log} fra den forrige periode"
        steps.append(
            f"Fører konsulenterne den samme henvisningslog videre, så erstat den nye, tomme "
            f"{log} i '{folder}' med en kopi af {old} (og gør det samme med "
            f"{AARSDATA.filename}, hvis den føres videre). Rækker fra før {first} tælles ikke "
            "med i rapporten."
        )
    if folder.name != "input":  # the menu works on the folder input
        steps.append(
            f"Flyt den gamle mappe input væk, og omdøb '{folder}' til input, så menuen bruger den."
        )
    steps.append(f"Når data for {first} er ført ind: {how_to(Action.CHECK)}.")
    return steps
