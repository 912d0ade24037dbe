"""Problems are data: every check returns them, nothing raises at the first.

A ``Problem`` names the file, sheet and cell, a level (``fejl`` stops the
report, ``advarsel`` is listed in it) and a stable code; the message is
Danish and says what to do. Only "cannot continue" is an exception
(``CannotContinue``), and it turns back into problems the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum


class Level(StrEnum):
    ERROR = "fejl"
    WARNING = "advarsel"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    sheet: str | None
    cell: str | None  # A1 style, or None for a whole file or sheet
    level: Level
    code: str
    message: str

    def to_json(self) -> dict[str, str | None]:
        """The JSON shape of ``tjek --json`` (Danish keys, a documented contract)."""
        data = asdict(self)
        return {
            "fil": data["file"],
            "ark": data["sheet"],
            "celle": data["cell"],
            "niveau": str(data["level"]),
            "kode": data["code"],
            "besked": data["message"],
        }

    @property
    def where(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(f"arket '{self.sheet}'")
        if self.cell:
            parts.append(f"celle {self.cell}")
        return ", ".join(parts)


def error(file: str, sheet: str | None, cell: str | None, code: str, message: str) -> Problem:
    return Problem(file, sheet, cell, Level.ERROR, code, message)


def warning(file: str, sheet: str | None, cell: str | None, code: str, message: str) -> Problem:
    return Problem(file, sheet, cell, Level.WARNING, code, message)


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(problem.level is Level.ERROR for problem in problems)


def errors_of(problems: Iterable[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.level is Level.ERROR]


def warnings_of(problems: Iterable[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.level is Level.WARNING]


class CannotContinue(Exception):
    """The run cannot go on (a missing folder, a locked report, a broken template).

    ``problems`` carries the details for the same console and JSON output as
    data problems; the CLI exits with 2.
    """

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = list(problems)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(row: int, col: int) -> str:
    """A1-style name of a 0-based (row, col)."""
    return f"{column_letter(col)}{row + 1}"


# Problems that leave a whole workbook unread (missing, wrong format, broken,
# protected, refused as unsafe): the run cannot start, exit code 2 (DESIGN §6).
UNREADABLE = frozenset(
    {
        "fil-mangler",
        "forkert-format",
        "ikke-xlsx",
        "oedelagt-fil",
        "beskyttet-fil",
        "for-stor-fil",
        "farlig-xml",
        "kan-ikke-aabne",
    }
)


def cannot_start(problems: Iterable[Problem]) -> bool:
    return any(problem.code in UNREADABLE for problem in problems)
