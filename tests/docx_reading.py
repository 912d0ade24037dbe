"""Read a produced .docx back as text: paragraphs, table rows and page headers."""

from __future__ import annotations

from pathlib import Path

from docx import Document


def table_rows(path: Path) -> list[list[str]]:
    """Every row of every table in the body, as lists of cell texts."""
    document = Document(str(path))
    return [
        [cell.text.strip() for cell in row.cells] for table in document.tables for row in table.rows
    ]


def body_text(path: Path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [" | ".join(row) for row in table_rows(path)]
    return "\n".join(parts)


def header_texts(path: Path) -> list[str]:
    document = Document(str(path))
    texts = []
    for section in document.sections:
        for header in (section.header, section.first_page_header, section.even_page_header):
            texts.append("\n".join(p.text for p in header.paragraphs))
    return texts


def find_table(path: Path, heading: str) -> list[list[str]]:
    """The rows of the first table whose header row has a cell containing ``heading``."""
    document = Document(str(path))
    for table in document.tables:
        rows = [[cell.text.strip() for cell in row.cells] for row in table.rows]
        if rows and any(heading in cell for cell in rows[0]):
            return rows
    raise AssertionError(f"no table with a header '{heading}'")


def paragraphs(path: Path) -> list[str]:
    """The body's paragraphs, in order (the tables' cells are not among them)."""
    return [p.text for p in Document(str(path)).paragraphs]


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
