"""The one rule for control characters in text that came from a workbook.

XML 1.0, the stuff of every .docx and .xlsx, cannot hold the C0 control
characters except tab, line feed and carriage return, nor U+FFFE and U+FFFF;
DEL (U+007F) is legal there but shows as a box. A cell may hold any of them (a
paste from another program), so they are dropped when a cell is read and again
wherever text is written to a document, whatever its source.
"""

from __future__ import annotations

import re

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def without_control_characters(text: str) -> str:
    """``text`` without the characters a document cannot hold; tab and line breaks stay."""
    # Most text has none: a search is cheaper than building a new string.
    return CONTROL_CHARACTERS.sub("", text) if CONTROL_CHARACTERS.search(text) else text
