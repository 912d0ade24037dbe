"""The workbook and problem-code reference, generated so it cannot drift.

``python -m generator.docs`` writes ``docs/workbooks.md`` (every workbook, sheet
and column, and every problem code, in Danish: the reference for the author and
IT, from the schema and the code catalogue) and ``docs/template-fields.md`` (the
template's fields and the function behind each); tests fail when either
disagrees with the code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .core.problems import Code
from .core.schema import SETTINGS_HEADERS, WORKBOOKS, Column, Sheet

REPOSITORY = Path(__file__).resolve().parent.parent
WORKBOOK_DOC = REPOSITORY / "docs" / "workbooks.md"
FIELD_TABLE = REPOSITORY / "docs" / "template-fields.md"
TEMPLATE = REPOSITORY / "templates" / "afrapportering.docx"


def _allowed(column: Column) -> str:
    if column.choices:
        return " / ".join(column.choices)
    if column.list_column:
        return "fra arket Lister"
    if column.list_from:
        return f"fra arket {column.list_from[0]}"
    return ""


def _sheet_table(sheet: Sheet) -> list[str]:
    if sheet.layout == "settings":
        lines = [
            f"| {SETTINGS_HEADERS[0]} | {SETTINGS_HEADERS[1]} (type) | Forklaring |",
            "|---|---|---|",
        ]
        lines += [f"| {c.header} | {c.kind} | {c.help} |" for c in sheet.columns]
        return lines
    lines = ["| Kolonne | Type | Skal udfyldes | Forklaring |", "|---|---|---|---|"]
    for c in sheet.columns:
        allowed = _allowed(c)
        kind = f"{c.kind} ({allowed})" if allowed else str(c.kind)
        lines.append(f"| {c.header} | {kind} | {'ja' if c.required else 'nej'} | {c.help} |")
    return lines


WORKBOOKS_INTRO = """\
# Projektmapperne og problemkoderne

Skrevet af `python -m generator.docs` ud fra programmets egen beskrivelse af
projektmapperne; ret ikke i filen, den skrives forfra.

## Projektmapperne

Tre projektmapper i `input/`. Overskrifterne står i række 1 (store/små bogstaver og
mellemrum er ligegyldige). Ekstra kolonner og ekstra ark ignoreres. Flere års data
står i de samme ark; kolonnen *År* eller datoen afgør året. Rækker fra år uden for
kontraktperioden tælles ikke med. Eksemplerne i `input/` er **eksempeldata**
(indstillingen *Eksempeldata* = `Ja`), og rapporten mærkes EKSEMPELDATA på hver side,
indtil den står til `Nej`.

Hver projektmappe slutter med arket *Vejledning*, der forklarer arkene og hver kolonne
(type, om den skal udfyldes, og et eksempel) – det samme som tabellerne herunder. Vælg
en overskrift i Excel for at se kolonnens forklaring; kolonner med en liste har en
rulleliste, og *Måned* kan skrives som tal (1–12) eller navn.
"""

CODES_INTRO = """\
## Problemkoderne

Hvert problem har en fast kode. En **fejl** stopper rapporten (slutkode 1; 2 hvis en
hel projektmappe mangler eller ikke kan læses); en **advarsel** stopper ikke
rapporten, men står på arket *Kontrol* i arbejdsbilaget. Koderne står også i
fejlrapporten og i den maskinlæsbare liste, `tjek --json` skriver (se
[command-line.md](command-line.md)).
"""


def workbook_doc() -> str:
    """The whole of ``docs/workbooks.md``."""
    return "\n".join([WORKBOOKS_INTRO, workbook_tables(), "", CODES_INTRO, problem_codes(), ""])


def workbook_tables() -> str:
    lines = []
    for workbook in WORKBOOKS:
        lines += [f"### {workbook.filename}", "", workbook.help, ""]
        for sheet in workbook.sheets:
            optional = " (valgfrit)" if sheet.optional else ""
            lines += [f"**Arket {sheet.name}{optional}.** {sheet.help}", ""]
            lines += _sheet_table(sheet)
            lines.append("")
    return "\n".join(lines).rstrip("\n")


def problem_codes() -> str:
    lines = ["| Kode | Niveau | Betydning |", "|---|---|---|"]
    lines += [f"| `{code}` | {code.level} | {code.meaning} |" for code in Code]
    return "\n".join(lines)


def main() -> int:
    from .render.sources import field_table

    WORKBOOK_DOC.write_text(workbook_doc(), encoding="utf-8")
    FIELD_TABLE.write_text(field_table(TEMPLATE), encoding="utf-8")
    print(f"Opdateret: {WORKBOOK_DOC} og {FIELD_TABLE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
