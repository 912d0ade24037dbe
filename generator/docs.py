"""The README's workbook and problem-code tables, generated so they cannot drift.

``python -m generator.docs`` rewrites the part of README.md between the
markers; a test fails when the README and the schema disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .problems import Code
from .schema import SETTINGS_HEADERS, WORKBOOKS, Column, Sheet

START = "<!-- arbejdsbøger:start (genereres af python -m generator.docs) -->"
END = "<!-- arbejdsbøger:slut -->"
CODES_START = "<!-- koder:start (genereres af python -m generator.docs) -->"
CODES_END = "<!-- koder:slut -->"
README = Path(__file__).resolve().parent.parent / "README.md"


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


def workbook_tables() -> str:
    lines = [START, ""]
    for workbook in WORKBOOKS:
        lines += [f"#### {workbook.filename}", "", workbook.help, ""]
        for sheet in workbook.sheets:
            optional = " (valgfrit)" if sheet.optional else ""
            lines += [f"**Arket {sheet.name}{optional}.** {sheet.help}", ""]
            lines += _sheet_table(sheet)
            lines.append("")
    lines.append(END)
    return "\n".join(lines)


def problem_codes() -> str:
    lines = [CODES_START, "", "| Kode | Niveau | Betydning |", "|---|---|---|"]
    lines += [f"| `{code}` | {code.level} | {code.meaning} |" for code in Code]
    lines += ["", CODES_END]
    return "\n".join(lines)


def _replace(text: str, start: str, end: str, block: str) -> str:
    before, _, rest = text.partition(start)
    _, _, after = rest.partition(end)
    return before + block + after


def updated_readme(text: str) -> str:
    text = _replace(text, START, END, workbook_tables())
    return _replace(text, CODES_START, CODES_END, problem_codes())


def main() -> int:
    README.write_text(updated_readme(README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"Opdateret: {README}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
