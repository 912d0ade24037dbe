"""The floor: the least any report program must do on the same files.

Read the three workbooks with python-calamine, count the latest year's
referrals per recipient, draw one matplotlib chart, fill a docxtpl template,
and write the year's referral rows to an .xlsx with XlsxWriter in
``constant_memory`` mode (the appendix's library). With ``--layout`` it then
lays the document out once with LibreOffice (a PDF conversion with a fresh
private profile), as the program's page-number pass does. No validation, no
error handling: a lower bound to compare with.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import python_calamine


def main(folder: Path, template: Path, target: Path) -> None:
    sheets = {}
    for name in ("kontrakt.xlsx", "henvisninger.xlsx", "aarsdata.xlsx"):
        workbook = python_calamine.CalamineWorkbook.from_path(str(folder / name))
        for sheet in workbook.sheet_names:
            sheets[sheet] = workbook.get_sheet_by_name(sheet).to_python()
    rows = sheets["Henvisninger"][1:]
    year = max(row[0].year for row in rows)
    current = [row for row in rows if row[0].year == year]
    counts = Counter(row[3] for row in current)

    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    figure, axes = pyplot.subplots(figsize=(6, 3))
    axes.barh(list(counts), list(counts.values()))
    chart = target.with_suffix(".png")
    figure.savefig(chart, dpi=150)

    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage

    document = DocxTemplate(str(template))
    document.render(
        {
            "year": year,
            "total": sum(counts.values()),
            "rows": counts.most_common(),
            "chart": InlineImage(document, str(chart), width=Mm(150)),
        }
    )
    document.save(str(target))
    write_rows(sheets["Henvisninger"][0], current, target.with_suffix(".xlsx"))


def write_rows(header: list, rows: list[list], path: Path) -> None:
    """The year's referral rows as they were read, one cell each, dates formatted."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet("Henvisninger")
    day = workbook.add_format({"num_format": "dd-mm-yyyy"})
    for col, title in enumerate(header):
        sheet.write_string(0, col, str(title))
    for number, row in enumerate(rows, start=1):
        sheet.write_datetime(number, 0, row[0], day)
        for col, value in enumerate(row[1:], start=1):
            if isinstance(value, str):
                if value:
                    sheet.write_string(number, col, value)
            elif value is not None:
                sheet.write_number(number, col, value)
    workbook.close()


def layout(document: Path) -> None:
    """One LibreOffice start that lays the document out: the least a page count costs."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    with tempfile.TemporaryDirectory() as scratch:
        profile = (Path(scratch) / "profil").as_uri()
        command = [soffice, f"-env:UserInstallation={profile}", "--headless"]
        subprocess.run(
            [*command, "--convert-to", "pdf", "--outdir", scratch, str(document)],
            check=True,
            capture_output=True,
        )


if __name__ == "__main__":
    target = Path(sys.argv[3])
    main(Path(sys.argv[1]), Path(sys.argv[2]), target)
    if "--layout" in sys.argv[4:]:
        layout(target)
