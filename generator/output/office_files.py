"""The files LibreOffice leaves outside any folder it is told to use: its sockets.

A LibreOffice on Linux or macOS listens on Unix sockets in ``/tmp`` (or
``/var/tmp``), whatever ``TMPDIR`` says: ``OSL_PIPE_<uid>_<name>`` for the
connection the bridge asks for, and ``OSL_PIPE_<uid>_SingleOfficeIPC_<hash>``
for its single-instance check, the hash being an MD5 of the profile's URL (as
LibreOffice spells it: the UTF-16 code units' bytes, each byte in hex without
a leading zero). An office that is killed leaves both. The program knows the
names of its own, and removes those and only those.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
from pathlib import Path

SOCKET_FOLDERS = (Path("/tmp"), Path("/var/tmp"))
PIPE_PREFIX = "afrapportering_"


def pipe_name(host: str, token: str) -> str:
    """The name of the connection a run asks its office to listen on."""
    return f"{PIPE_PREFIX}{host}_{os.getpid()}_{token}"


# A connection socket of this program: its prefix, the computer, the pid, a token.
OWN_PIPE = re.compile(
    rf"OSL_PIPE_[0-9]+_{PIPE_PREFIX}(?P<host>[A-Za-z0-9]{{1,30}})_(?P<pid>[1-9][0-9]{{0,9}})_[0-9a-f]{{8}}"
)


def single_instance_name(profile_url: str) -> str:
    digest = hashlib.md5(profile_url.encode("utf-16-le"), usedforsecurity=False).digest()
    return "SingleOfficeIPC_" + "".join(f"{byte:x}" for byte in digest)


def remove_sockets(profile_url: str | None = None, pipe: str | None = None) -> None:
    """Remove the sockets of the office that used ``profile_url`` and ``pipe``."""
    if os.name != "posix":
        return
    names = [n for n in (pipe, profile_url and single_instance_name(profile_url)) if n]
    for folder in SOCKET_FOLDERS:
        for name in names:
            remove_socket(folder / f"OSL_PIPE_{os.getuid()}_{name}")


def remove_socket(path: Path) -> None:
    """Remove ``path`` if it is a socket (never a file or a folder of that name)."""
    with contextlib.suppress(OSError):
        if stat.S_ISSOCK(path.lstat().st_mode):
            path.unlink()


def profiles_in(folder: Path) -> list[str]:
    """The URLs of the office profiles in a run's folder (``…/profil``)."""
    return [p.as_uri() for p in folder.glob("*/profil")]
