"""Read a produced .docx back as text: paragraphs, table rows and page headers.

A document is read once per distinct content (many tests read the session's one
report): its texts are kept as immutable tuples, keyed by the file's bytes.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from docx import Document


@dataclass(frozen=True)
class _Texts:
    paragraphs: tuple[str, ...]  # the body's, in order (the tables' cells are not among them)
    tables: tuple[tuple[tuple[str, ...], ...], ...]  # each table's rows of stripped cell texts
    headers: tuple[str, ...]  # each section's header, first-page and even-page header


_READ: dict[bytes, _Texts] = {}


def _texts(path: Path) -> _Texts:
    data = Path(path).read_bytes()
    digest = hashlib.sha256(data).digest()
    if digest not in _READ:
        _READ[digest] = _read(data)
    return _READ[digest]


def _read(data: bytes) -> _Texts:
    document = Document(io.BytesIO(data))
    tables = tuple(
        tuple(tuple(cell.text.strip() for cell in row.cells) for row in table.rows)
        for table in document.tables
    )
    headers = tuple(
        "\n".join(p.text for p in header.paragraphs)
        for section in document.sections
        for header in (section.header, section.first_page_header, section.even_page_header)
    )
    return _Texts(tuple(p.text for p in document.paragraphs), tables, headers)


def table_rows(path: Path) -> list[list[str]]:
    """Every row of every table in the body, as lists of cell texts."""
    return [list(row) for table in _texts(path).tables for row in table]


def body_text(path: Path) -> str:
    parts = list(_texts(path).paragraphs)
    parts += [" | ".join(row) for row in table_rows(path)]
    return "\n".join(parts)


def header_texts(path: Path) -> list[str]:
    return list(_texts(path).headers)


def find_table(path: Path, heading: str) -> list[list[str]]:
    """The rows of the first table whose header row has a cell containing ``heading``."""
    for table in _texts(path).tables:
        if table and any(heading in cell for cell in table[0]):
            return [list(row) for row in table]
    raise AssertionError(f"no table with a header '{heading}'")


def paragraphs(path: Path) -> list[str]:
    """The body's paragraphs, in order (the tables' cells are not among them)."""
    return list(_texts(path).paragraphs)


def paragraph(path: Path, start: str) -> str:
    """The one body paragraph that starts with ``start``."""
    found = [text for text in paragraphs(path) if text.startswith(start)]
    assert len(found) == 1, (start, found)
    return found[0]


def cell(path: Path, heading: str, row: str, column: str) -> str:
    """The cell of the table ``find_table(path, heading)`` in the row whose first cell
    is ``row`` and the column whose header is ``column``."""
    rows = find_table(path, heading)
    index = rows[0].index(column)
    matches = [r for r in rows[1:] if r[0] == row]
    assert len(matches) == 1, (heading, row, [r[0] for r in rows])
    return matches[0][index]
