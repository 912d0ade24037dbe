"""The floor: the least any report program must do on the same files.

Read the three workbooks with python-calamine, count the latest year's
referrals per recipient, draw one matplotlib chart and fill a docxtpl
template. No validation, no error handling: a lower bound to compare with.
"""

from __future__ import annotations

import sys
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
    counts = Counter(row[3] for row in rows if row[0].year == year)

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


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
