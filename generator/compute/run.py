"""Facts about the run itself, beside the figures: the files read, when, by which
version, and the warnings. The appendix's Kontrol sheet lists them; the report
names only the date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..core.problems import Problem
from ..reading import InputFile


@dataclass(frozen=True)
class RunInfo:
    """Facts about this run (for the appendix; the report names only the date)."""

    files: tuple[InputFile, ...]
    generated: datetime
    version: str
    warnings: tuple[Problem, ...]
