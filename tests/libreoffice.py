"""Run LibreOffice headless in tests, each call with its own throwaway profile.

Where LibreOffice is missing these tests skip with a reason, unless
AFRAPPORTERING_KRAEV_LIBREOFFICE=1 (set by .ci/run): then they fail, so CI
can never pass by skipping the real-word-processor checks.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

REQUIRED = os.environ.get("AFRAPPORTERING_KRAEV_LIBREOFFICE") == "1"


def required_tool(names: tuple[str, ...], missing: str) -> str:
    """The first of ``names`` on the PATH; a skip where none is, a failure under CI."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    if REQUIRED:
        pytest.fail(missing)
    pytest.skip(missing)


def soffice() -> str:
    return required_tool(("soffice", "libreoffice"), "LibreOffice (soffice) er ikke installeret")


def pdftotext() -> str:
    return required_tool(("pdftotext",), "poppler-utils (pdftotext) er ikke installeret")


def convert(source: Path, target_format: str, outdir: Path) -> Path:
    """Convert ``source`` with LibreOffice into ``outdir``; return the new file."""
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run(
            [
                soffice(),
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                target_format,
                "--outdir",
                str(outdir),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    result = outdir / f"{source.stem}.{target_format.split(':')[0]}"
    assert result.is_file(), f"LibreOffice wrote no {result.name}"
    return result


def pdf_text(pdf: Path) -> str:
    completed = subprocess.run(
        [pdftotext(), "-layout", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return completed.stdout
