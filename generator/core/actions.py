"""The author's actions, named as the launcher's menu names them.

The author starts everything by double-clicking the launcher and choosing a
line of its menu; no message asks the author to type a command or an option.
A message that points the author to an action says so through ``how_to``, so
the menu's wording and the messages' wording cannot drift apart.

STANDARD LIBRARY ONLY: ``bootstrap.py`` loads this file by its path (before the
venv exists) for the menu's labels.
"""

from __future__ import annotations

import os
from enum import Enum

WINDOWS_LAUNCHER = "Lav_afrapportering.bat"
POSIX_LAUNCHER = "lav_afrapportering.sh"


class Action(Enum):
    """One line of the launcher's menu; the value is the line's Danish label."""

    REPORT = "Lav rapporten"
    REPORT_PDF = "Lav rapporten og en PDF"
    CHECK = "Tjek data"
    OTHER_YEAR = "Lav rapporten for et andet år"
    STATUS = "Lav status til månedsmødet"
    NEW_YEAR = "Begynd et nyt år"
    NEW_PERIOD = "Begynd en ny kontraktperiode"
    QUIT = "Afslut"


def launcher_name(windows: bool | None = None) -> str:
    """The file the author double-clicks on this system."""
    if windows is None:
        windows = os.name == "nt"
    return WINDOWS_LAUNCHER if windows else POSIX_LAUNCHER


def how_to(action: Action, windows: bool | None = None) -> str:
    """How the author starts ``action``: ``vælg »Tjek data« i menuen (…)``."""
    return f"vælg »{action.value}« i menuen, når du dobbeltklikker på {launcher_name(windows)}"
