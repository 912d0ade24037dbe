"""Benchmark: `aarsrapport lav` and `tjek` against a lean floor and a naive read.

    python benchmarks/run.py [--runs N]

Builds contract-shaped inputs once in benchmarks/data/ (the example, and
referral logs of 1,000, 10,000 and 100,000 rows, all in the report year 2023 so
that the appendix holds every one of them, saved by openpyxl, and two scale
cases: 200,000 referrals of which most are likely duplicates, and 5,000
recipients all in use), then times each command as a fresh process, several
runs each, and records min, median and peak RSS.

`lav` is measured as the author runs it: with the table of contents' page
numbers, which cost one LibreOffice start (a layout of the document). Its
floor does the same least work and then lays its document out once with
LibreOffice too (`floor.py --layout`), so the ratio compares like with like.
Where LibreOffice is not installed both run without it, as the author's run
then does. The runs without LibreOffice (`lav uden LO`, `gulv uden LO`,
AFRAPPORTERING_UDEN_SIDETAL=1) are measured as well: they show the program's
own cost without the office's start-up noise.

Every run starts from the shell's environment without the program's own
variables (AFRAPPORTERING_*), as the author's run does; each measurement is
the median of fresh processes (at least three for the large cases), and a run
that ends with another exit code than expected (0; 2 for the bombs) fails the
table. Linear growth is checked twice: 100,000 referrals take at most ten
times 10,000, and a referral between 10,000 and 100,000 costs at most 1.5
times what one between 1,000 and 10,000 did (without LibreOffice, whose
start-up varies more than that difference).

The program's modules are byte-compiled first, as after the author's first
run. Prints one table with the target ratios and writes it to
benchmarks/RESULTS.md with the date and machine. Not part of the test suite:
timings on a shared machine belong here, not in assertions.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = HERE / "data"
SIZES = (1_000, 10_000, 100_000)
DUPLICATES, RECIPIENTS = "200.000 dubl.", "5.000 modt."
SCALE_SECONDS, SCALE_MB = 15.0, 600.0  # each scale case, lav and tjek
YEARS = range(2023, 2024)  # one year: the report year's appendix lists every row
PERIOD = range(2020, 2024)  # the scale cases spread over the contract period
sys.path.insert(0, str(REPO))


@dataclass
class Timing:
    seconds: list[float]
    peak_mb: float
    exit_codes: list[int]

    @property
    def exit_code(self) -> int:
        """The exit code of every run, or -1 when the runs did not all end alike."""
        return self.exit_codes[0] if len(set(self.exit_codes)) == 1 else -1

    @property
    def best(self) -> float:
        return min(self.seconds)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def case_folders() -> dict[str, Path]:
    cases = {"eksempel": DATA / "eksempel"}
    for size in SIZES:
        cases[f"{size:,}".replace(",", ".")] = DATA / f"henvisninger_{size}_{YEARS[-1]}"
    cases["xml-bombe"], cases["zip-bombe"] = DATA / "xml-bombe", DATA / "zip-bombe"
    cases[DUPLICATES], cases[RECIPIENTS] = DATA / "dubletter_200000", DATA / "modtagere_5000"
    return cases


def prepare() -> None:
    """Build the input folders once; later runs reuse them."""
    from tools.make_example_input import write_referral_log

    if not (DATA / "eksempel").exists():
        shutil.copytree(REPO / "input", DATA / "eksempel")
    for size in SIZES:
        folder = DATA / f"henvisninger_{size}_{YEARS[-1]}"
        if not (folder / "henvisninger.xlsx").exists():
            folder.mkdir(parents=True, exist_ok=True)
            for name in ("kontrakt.xlsx", "aarsdata.xlsx"):
                shutil.copy2(REPO / "input" / name, folder / name)
            print(f"Bygger {size} henvisninger …", flush=True)
            write_referral_log(folder / "henvisninger.xlsx", size, YEARS)
    floor_template()
    bombs()
    scale_cases()
    refresh_settings()


def refresh_settings() -> None:
    """The contract and yearly workbooks follow the shipped example: when the schema
    grows, a log built earlier must not be measured beside outdated settings."""
    shutil.copytree(REPO / "input", DATA / "eksempel", dirs_exist_ok=True)
    for folder in DATA.glob("*_*"):
        if (folder / "henvisninger.xlsx").exists():
            for name in ("kontrakt.xlsx", "aarsdata.xlsx"):
                shutil.copy2(REPO / "input" / name, folder / name)


def scale_cases() -> None:
    """200,000 referrals that are mostly the same 22,000 typed again (about 178,000
    likely duplicates), and a log spread over 5,000 recipients on the lists."""
    import random

    from generator.core.schema import RECIPIENT_TYPES
    from tools.make_example_input import (
        HENVISNINGER,
        _lists,
        _referrals,
        _split,
        _write_workbook,
    )

    def write(folder: Path, rows: list[dict], lists: list[dict]) -> None:
        if (folder / "henvisninger.xlsx").exists():
            return
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("kontrakt.xlsx", "aarsdata.xlsx"):
            shutil.copy2(REPO / "input" / name, folder / name)
        print(f"Bygger {folder.name} …", flush=True)
        sheets = {s.name: lists if s.layout == "lists" else rows for s in HENVISNINGER.sheets}
        _write_workbook(folder / "henvisninger.xlsx", HENVISNINGER, sheets)

    rng = random.Random(2)
    unique = _referrals(rng, _split(22_000, PERIOD))
    repeated = [unique[n % len(unique)] for n in range(200_000)]
    repeated.sort(key=lambda row: (row["date"], row["company"]))
    write(DATA / "dubletter_200000", repeated, _lists())
    names = [f"Modtager {n:04d} ApS" for n in range(1, 5001)]
    rows = _referrals(rng, _split(20_000, PERIOD))
    for n, row in enumerate(rows):
        row["recipient"] = names[n % len(names)]
    lists = _lists() + [{"recipient": name, "recipient_type": RECIPIENT_TYPES[1]} for name in names]
    write(DATA / "modtagere_5000", rows, lists)


def bombs() -> None:
    """Two hostile copies of the example: a billion-laughs XML bomb and a zip bomb."""
    import zipfile

    def rewrite(folder: Path, transform) -> None:
        if folder.exists():
            return
        shutil.copytree(REPO / "input", folder)
        path = folder / "henvisninger.xlsx"
        with zipfile.ZipFile(path) as archive:
            parts = {info.filename: archive.read(info) for info in archive.infolist()}
        sheet = "xl/worksheets/sheet1.xml"
        parts[sheet] = transform(parts[sheet])
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(name, data)

    laughs = b"".join(b'<!ENTITY l%d "%s">' % (n, b"&l%d;" % (n - 1) * 10) for n in range(1, 10))
    rewrite(
        DATA / "xml-bombe",
        lambda xml: (
            b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY l0 "lol">'
            + laughs
            + b"]>"
            + xml.split(b"?>", 1)[-1].replace(b"<sheetData>", b"<sheetData>&l9;", 1)
        ),
    )
    rewrite(DATA / "zip-bombe", lambda xml: xml + b" " * (1 << 30))  # 1 GiB of blanks


def floor_template() -> Path:
    """A small docxtpl template for the floor: a heading, a sentence, a table and a chart."""
    path = DATA / "floor.docx"
    if path.exists():
        return path
    from docx import Document

    document = Document()
    document.add_heading("Afrapportering {{ year }}", 1)
    document.add_paragraph("Henvisninger i alt: {{ total }}")
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Modtager", "Antal"
    table.cell(1, 0).text = "{%tr for name, count in rows %}"
    table.cell(2, 0).text, table.cell(2, 1).text = "{{ name }}", "{{ count }}"
    row = table.add_row()
    row.cells[0].text = "{%tr endfor %}"
    document.add_paragraph("{{ chart }}")
    document.save(str(path))
    return path


def compile_program() -> None:
    """Byte-compile ``generator`` as pip does an installed package's modules.

    The floor's libraries come compiled from their install; the program is
    installed editable, so its ``.pyc`` files are written on the author's first
    run and used from then on. Where the environment forbids writing them
    (``PYTHONDONTWRITEBYTECODE``), every timed ``lav`` would otherwise compile
    all its modules again: a cost the author pays once, not every January.
    """
    import compileall

    compileall.compile_dir(REPO / "generator", quiet=1)


NO_OFFICE = {"AFRAPPORTERING_UDEN_SIDETAL": "1"}  # lav without the page-number pass
# Each run starts from the author's environment: none of the program's own
# variables (no page numbers switched off, no other LibreOffice limit) leaks
# in from the shell that starts the benchmark.
AUTHOR_ENV = {k: v for k, v in os.environ.items() if not k.startswith("AFRAPPORTERING_")}


def run_once(command: list[str], extra_env: dict[str, str]) -> tuple[float, float, int]:
    """Seconds, peak RSS in MB and exit code of one fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**AUTHOR_ENV, **extra_env},
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def measure(command: list[str], extra_env: dict[str, str], runs: int) -> Timing:
    results = [run_once(command, extra_env) for _ in range(runs)]
    return Timing([r[0] for r in results], max(r[1] for r in results), [r[2] for r in results])


def commands(folder: Path, out: Path) -> dict[str, tuple[list[str], dict[str, str]]]:
    """Each measured command with the environment it runs in."""
    python = sys.executable
    lav = [python, "-m", "generator", "lav", "--input", str(folder), "--output", str(out)]
    tjek = [python, "-m", "generator", "tjek", "--input", str(folder), "--output", str(out)]
    floor = [python, str(HERE / "floor.py"), str(folder), str(DATA / "floor.docx")]
    layout = ["--layout"] if shutil.which("soffice") or shutil.which("libreoffice") else []
    return {
        "lav": (lav, {}),
        "gulv": ([*floor, str(out / "floor.docx"), *layout], {}),
        "lav uden LO": (lav, NO_OFFICE),
        "gulv uden LO": ([*floor, str(out / "floor-uden.docx")], {}),
        "tjek": (tjek, {}),
        "naiv": (
            [
                python,
                "-c",
                "import pandas, sys; pandas.read_excel(sys.argv[1], "
                "sheet_name='Henvisninger', engine='openpyxl')",
                str(folder / "henvisninger.xlsx"),
            ],
            {},
        ),
    }


def expected_exit(case: str) -> int:
    """A hostile workbook is refused (2); every other case makes its report (0)."""
    return 2 if "bombe" in case else 0


def ratio_rows(t: dict[tuple[str, str], Timing]) -> list[tuple[str, float, float]]:
    big, mid, small, example = "100.000", "10.000", "1.000", "eksempel"

    def ratio(case: str, name: str, other_case: str, other: str) -> float:
        return t[case, name].median / t[other_case, other].median

    def slope(case: str, smaller: str) -> float:
        """Seconds per referral between two sizes, from the medians."""
        rows = int(case.replace(".", "")) - int(smaller.replace(".", ""))
        return (t[case, "lav uden LO"].median - t[smaller, "lav uden LO"].median) / rows

    return [
        (
            "lav eksempel / gulv eksempel (med LibreOffice)",
            ratio(example, "lav", example, "gulv"),
            1.3,
        ),
        ("lav 100.000 / gulv 100.000 (med LibreOffice)", ratio(big, "lav", big, "gulv"), 1.3),
        ("lav 100.000: maks. hukommelse (MB)", t[big, "lav"].peak_mb, 300.0),
        ("lav 100.000 / lav 10.000 (lineært: højst 10)", ratio(big, "lav", mid, "lav"), 10.0),
        (
            # linear: each referral from 10,000 to 100,000 costs what one from
            # 1,000 to 10,000 did (the program's own time, without the office's noise)
            "lav uden LO: tid pr. henvisning 10.000→100.000 / 1.000→10.000",
            slope(big, mid) / slope(mid, small),
            1.5,
        ),
        (
            "lav eksempel / gulv eksempel (uden LibreOffice)",
            ratio(example, "lav uden LO", example, "gulv uden LO"),
            1.5,
        ),
        (
            "lav 100.000 / gulv 100.000 (uden LibreOffice)",
            ratio(big, "lav uden LO", big, "gulv uden LO"),
            1.3,
        ),
        ("tjek 100.000 / naiv læsning 100.000", ratio(big, "tjek", big, "naiv"), 0.4),
        ("tjek eksempel / lav eksempel", ratio(example, "tjek", example, "lav"), 0.6),
        ("xml-bombe afvist: tid (s)", t["xml-bombe", "tjek"].median, 3.0),
        ("zip-bombe afvist: tid (s)", t["zip-bombe", "tjek"].median, 3.0),
        (
            "bomber afvist: maks. hukommelse (MB)",
            max(t["xml-bombe", "tjek"].peak_mb, t["zip-bombe", "tjek"].peak_mb),
            150.0,
        ),
        *scale_rows(t),
        (
            "kørsler med en anden slutkode end ventet",
            sum(
                code != expected_exit(case)
                for (case, _), timing in t.items()
                for code in timing.exit_codes
            ),
            0,
        ),
    ]


def scale_rows(t: dict[tuple[str, str], Timing]) -> list[tuple[str, float, float]]:
    """Each scale case, lav and tjek, within the time and memory the author can wait for."""
    return [
        row
        for case in (DUPLICATES, RECIPIENTS)
        for name in ("lav uden LO", "tjek")
        for row in (
            (f"{name} {case}: tid (s)", t[case, name].median, SCALE_SECONDS),
            (f"{name} {case}: maks. hukommelse (MB)", t[case, name].peak_mb, SCALE_MB),
        )
    ]


def processor() -> str:
    """The processor's model name (Linux), else what platform knows."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "ukendt processor"


def table_text(timings: dict[tuple[str, str], Timing], runs: int) -> str:
    lines = [
        f"Målt {datetime.now():%Y-%m-%d %H:%M} på {processor()}: "
        f"{platform.machine()}, {os.cpu_count()} kerner, Python {platform.python_version()}, "
        f"{runs} kørsler pr. måling (friske processer).",
        "",
        "| tilfælde | kommando | min (s) | median (s) | maks. RSS (MB) | slutkode |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for (case, name), timing in timings.items():
        lines.append(
            f"| {case} | {name} | {timing.best:.2f} | {timing.median:.2f} | "
            f"{timing.peak_mb:.0f} | {timing.exit_code} |"
        )
    lines += ["", "| forhold (medianer) | målt | mål | ok |", "|---|---:|---:|:---:|"]
    for label, value, limit in ratio_rows(timings):
        lines.append(
            f"| {label} | {value if isinstance(value, int) else f'{value:.2f}'} | ≤ {limit:g} | "
            f"{'ja' if value <= limit else 'NEJ'} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="kørsler pr. måling (standard 5)")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        prepare()
        return 0
    # The inputs are built in a child process: ru_maxrss of a forked child counts
    # the parent's pages until it execs, so this process must stay small.
    subprocess.run([sys.executable, __file__, "--prepare"], check=True)
    compile_program()
    cases = case_folders()
    timings: dict[tuple[str, str], Timing] = {}
    for case, folder in cases.items():
        out = DATA / "output" / folder.name
        out.mkdir(parents=True, exist_ok=True)
        for name, (command, extra_env) in commands(folder, out).items():
            if (name == "naiv" and case != "100.000") or ("bombe" in case and name != "tjek"):
                continue
            if case in (DUPLICATES, RECIPIENTS) and name not in ("lav uden LO", "tjek"):
                continue
            big = case in ("100.000", DUPLICATES, RECIPIENTS)
            runs = max(3, args.runs // 2 + 1) if big else args.runs  # a median of 3 at least
            print(f"{case:>13} {name:<12}", end=" ", flush=True)
            timings[case, name] = measure(command, extra_env, runs)
            print(f"{timings[case, name].median:.2f} s", flush=True)
    text = table_text(timings, args.runs)
    print("\n" + text)
    (HERE / "RESULTS.md").write_text(f"# Benchmarkresultater\n\n{text}\n", encoding="utf-8")
    failed = [label for label, value, limit in ratio_rows(timings) if value > limit]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
