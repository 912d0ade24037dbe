"""``lav --pdf``: a PDF beside the report, made by LibreOffice where it is installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .output import publish

WINDOWS_PLACES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
MAC_PLACE = "/Applications/LibreOffice.app/Contents/MacOS/soffice"
TIMEOUT_SECONDS = 180


class NoConverter(Exception):
    """No PDF could be made; the message says why, in Danish."""


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for place in (*WINDOWS_PLACES, MAC_PLACE):
        if os.path.isfile(place):
            return place
    return None


def convert_to_pdf(report: Path) -> Path:
    """Write ``report`` as PDF in the same folder and return its path."""
    soffice = find_soffice()
    if soffice is None:
        raise NoConverter(
            "Der er ikke lavet en PDF: LibreOffice blev ikke fundet. Installér "
            "LibreOffice, eller gem rapporten som PDF fra Word (Filer › Gem som)."
        )
    # A private profile: a LibreOffice the author has open would otherwise
    # swallow the request, and two runs at once would fight over one profile.
    with tempfile.TemporaryDirectory(prefix="afrapportering-lo-") as scratch:
        profile, outdir = Path(scratch) / "profil", Path(scratch) / "pdf"
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(report),
        ]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT_SECONDS)
        except (OSError, subprocess.SubprocessError) as exc:
            raise NoConverter(
                f"Der er ikke lavet en PDF: LibreOffice kunne ikke konvertere "
                f"rapporten ({type(exc).__name__}). Gem den som PDF fra Word."
            ) from exc
        converted = outdir / f"{report.stem}.pdf"
        if not converted.is_file():
            raise NoConverter(
                "Der er ikke lavet en PDF: LibreOffice skrev ingen fil. Gem "
                "rapporten som PDF fra Word."
            )
        # Like the report: an older PDF is moved aside, never overwritten.
        target, _ = publish(
            report.with_suffix(".pdf"), lambda path: shutil.copyfile(converted, path)
        )
    return target
