"""The clock of an end-to-end test: the program started as on a given day.

The year a run reports on depends on the day it runs, so the tests that start
the program as a process set that day with ``faketime`` (Debian's package),
never the machine's own date. Where faketime is missing they skip, unless
.ci/run asks for the system tools (AFRAPPORTERING_KRAEV_LIBREOFFICE=1): then
they fail, so CI cannot pass by skipping them.
"""

from __future__ import annotations

from libreoffice import required_tool


def on_day(moment: str) -> list[str]:
    """The command prefix that runs a program as at ``moment`` ("2024-01-20 10:00:00")."""
    return [required_tool(("faketime",), "faketime er ikke installeret"), moment]
