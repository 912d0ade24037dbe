"""What the launcher's bootstrap and the program agree on: exit codes, the
environment variable between them, and the commands' one-line descriptions.

STANDARD LIBRARY ONLY (nothing at all, in fact), and parseable by old Python 3
versions: ``bootstrap.py`` loads this file by its path, before any dependency is
installed, and the CLI imports it.
"""

from __future__ import annotations

# 0: done (warnings allowed); 1: the data has errors (no report); 2: cannot start or finish.
EXIT_OK, EXIT_DATA, EXIT_CANNOT = 0, 1, 2
# Ctrl-C, SIGTERM, SIGHUP: 128 and the signal's number, as the shell reports it.
EXIT_INTERRUPTED = 130
# What a program ended by Ctrl-C or SIGTERM may return: its own answer (130, 143),
# killed by that signal on Linux (negative), a Windows console program ended by Ctrl-C.
INTERRUPTED = (130, 143, -2, -15, 0xC000013A)

# Set by the bootstrap for the program it starts: the program then leaves its
# closing line to the bootstrap (one line, not two) and names the launcher.
LAUNCHER_ENV = "AFRAPPORTERING_LAUNCHER"

# The program's commands as its help and the launcher's help describe them.
COMMANDS = {
    "lav": "tjek data og skriv Word-rapporten",
    "tjek": "tjek data uden at skrive rapporten",
    "ny": "lav tomme projektmapper at udfylde",
    "status": "skriv status for året indtil nu til månedsmødet",
}
